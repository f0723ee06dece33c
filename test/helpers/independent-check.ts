/**
 * An independent checker for the sorter's output, for property tests and the
 * real-code safety run. It shares no code with the sorter (nothing from
 * src/imports, src/verify or src/parse): it parses input and output with
 * @babel/parser itself and defines barriers from the text.
 *
 *   movable  `import … from "x"` with ≥ 1 binding, `export … from "x"` (when
 *            re-exports are sorted), unless its first or last line carries a
 *            `safesort: skip` comment or its module is declared side-effectful
 *   barrier  every other top-level statement (`import "x"`, `import {} from`,
 *            `export {} from` (both run a module for its effects only),
 *            `jest.mock()`, `const x = require()`, `export default`, `;`, …)
 *
 * `declare module "x" { … }` is flattened: its opening and closing lines are
 * barriers and its body's statements are checked like the top level's.
 *
 * What is checked (weaker than the core's verifier where the core is finer,
 * e.g. it also splits runs at detached comments, but independent):
 *
 *   1. the output parses;
 *   2. the barriers are byte-identical and in the same order;
 *   3. between two consecutive barriers, the same multiset of movables
 *      (type, kind, source, attributes, sorted specifiers);
 *   4. the same multiset of comments;
 *   5. the same hashbang and directives;
 *   6. the same multiset of non-white-space characters (a move may change
 *      white space, never anything else);
 *   7. the file header stays: the text up to the last comment before the
 *      first statement that means something for the whole file (a pragma, a
 *      triple-slash directive, a license), that starts the file (unless it is
 *      for the next line only), that a blank line follows, or that is a range
 *      marker, is unchanged and no statement moved into it; and no such
 *      whole-file comment arrived before the first statement;
 *   8. range markers (`eslint-disable`/`-enable`, `#region`/`#endregion`,
 *      `*-ignore-start`/`-end`, `c8 ignore start`/`stop`) keep their order and
 *      every movable has the same markers before it.
 */
import { parse, type ParserOptions, type ParserPlugin } from "@babel/parser";
import type { Comment, File, Statement } from "@babel/types";

export interface CheckOptions {
  /** Decides the parser plugins, as the extension does. */
  readonly filepath: string;
  /** When false, `export … from` statements are barriers. Default true. */
  readonly sortReexports?: boolean;
  /** Modules whose imports are barriers even with bindings (config `sideEffectModules`). */
  readonly isSideEffectModule?: (source: string) => boolean;
}

type Entry =
  | { readonly type: "barrier"; readonly text: string; readonly line: number }
  | { readonly type: "movable"; readonly signature: string; readonly source: string; readonly line: number; readonly start: number };

export interface Analysis {
  readonly entries: readonly Entry[];
  readonly comments: readonly string[];
  readonly hashbang: string | null;
  readonly directives: readonly string[];
  /** Range markers, in order. */
  readonly markers: readonly string[];
  /** Per movable: how many range markers stand before it, and its signature. */
  readonly zones: readonly string[];
  /** The text that must stay on top (see 7), and where the first statement starts. */
  readonly header: string;
  readonly firstStatement: number;
  /** Whole-file comments before the first statement beyond the header text. */
  readonly arrivedFileComments: readonly string[];
}

// ─── Comments with a meaning (written from the text) ───────────────

/** Opens or closes a range of lines. */
const RANGE_MARKER =
  /^[\s*]*(?:(?:eslint|oxlint)-(?:disable|enable)(?![-\w])|tslint:(?:disable|enable)(?![-:\w])|(?:biome|prettier|deno-fmt|dprint)-ignore-(?:start|end)\b|(?:istanbul|c8|v8) ignore (?:start|stop)\b|node:coverage (?:disable|enable)\b|jshint ignore:(?:start|end)\b|cspell:(?:disable|enable)(?![-\w])|@formatter:(?:off|on)\b|#?(?:end)?region\b|<\/?editor-fold\b)/;

/** Belongs to the line below: travels with its import, never pinned as the first comment. */
const FOR_NEXT_LINE =
  /^[\s*]*(?:@ts-(?:expect-error|ignore)\b|(?:eslint|oxlint)-disable-(?:next-)?line\b|tslint:disable-(?:next-)?line|prettier-ignore\s*$|biome-ignore(?![-\w])|deno-(?:lint|fmt)-ignore(?![-\w])|dprint-ignore(?![-\w])|(?:istanbul|c8|v8) ignore (?:next|if|else)\b|node:coverage ignore next|cspell:disable-(?:next-)?line|noinspection\b|safesort:\s*skip(?!-file))/;

/** Means something for the whole file. */
function isWholeFile(c: Comment): boolean {
  if (c.type === "CommentLine" && /^\/\s*<[A-Za-z-]+/.test(c.value)) return true;
  if (FOR_NEXT_LINE.test(c.value) || RANGE_MARKER.test(c.value)) return false;
  return (
    /@(?:jsx|jsxFrag|jsxImportSource|jsxRuntime|refresh|flow|noflow|ts-check|ts-nocheck|ts-self-types|jest-environment|vitest-environment|format|prettier|noformat|generated|nolint|fileoverview|file|overview|module|packageDocumentation|license|preserve|copyright)\b/.test(c.value) ||
    /SPDX-License-Identifier|\bCOPYRIGHT\b|\b[Cc]opyright\b.*(?:\([Cc]\)|©|\d{4})/.test(c.value) ||
    /^(?:\s*!|[\s*]*(?:eslint-env|globals?|exported|jshint|jslint)\s|[\s*]*eslint\s+[\w@/-]+\s*:|[\s*]*(?:biome-ignore-all|deno-lint-ignore-file|deno-fmt-ignore-file|dprint-ignore-file)\b|[\s*]*(?:istanbul|c8|v8) ignore file\b|[\s*]*safesort:\s*skip-file\b)/.test(c.value)
  );
}

/** The end of the text that must stay on top: hashbang, directives, pinned comments (see 7). */
function headerEnd(file: File, source: string): number {
  const first = file.program.body[0]?.start ?? source.length;
  const comments = (file.comments ?? []).filter((c) => c.end! <= first);
  let end = 0;
  for (const d of [file.program.interpreter, ...file.program.directives]) if (d) end = Math.max(end, d.end!);
  comments.forEach((c, i) => {
    const next = i + 1 < comments.length ? comments[i + 1]!.start! : first;
    const blankAfter = (source.slice(c.end!, next).match(/\r\n?|\n/g) ?? []).length >= 2;
    const startsFile = i === 0 && !FOR_NEXT_LINE.test(c.value);
    if (isWholeFile(c) || RANGE_MARKER.test(c.value) || startsFile || blankAfter) end = Math.max(end, c.end!);
  });
  return end;
}

// ─── Parsing ────────────────────────────────────────────────────────────────

function attempts(filepath: string, source: string): ParserOptions[] {
  const base: ParserOptions = {
    sourceType: "module",
    errorRecovery: false,
    allowReturnOutsideFunction: true,
    allowUndeclaredExports: true,
    createParenthesizedExpressions: true,
  };
  const common: ParserPlugin[] = [["decorators", {}], "decoratorAutoAccessors", "explicitResourceManagement", "deprecatedImportAssert"];
  const lower = filepath.toLowerCase();
  if (/\.d\.[mc]?ts$/.test(lower)) return [{ ...base, plugins: [["typescript", { dts: true }], ...common] }];
  if (/\.[mc]?ts$/.test(lower)) return [{ ...base, plugins: ["typescript", ...common] }];
  if (lower.endsWith(".tsx")) return [{ ...base, plugins: ["typescript", "jsx", ...common] }];
  const jsx: ParserOptions = { ...base, plugins: ["jsx", ...common] };
  const flow: ParserOptions = { ...base, plugins: [["flow", { all: true }], "jsx", ...common] };
  const script: ParserOptions = { ...base, sourceType: "script", plugins: ["jsx"] };
  return /@(no)?flow\b/.test(source.slice(0, 4096)) ? [flow, jsx, script] : [jsx, flow, script];
}

export function parseFile(source: string, filepath: string): File {
  let first: unknown;
  for (const options of attempts(filepath, source)) {
    try {
      return parse(source, options);
    } catch (error) {
      first ??= error;
    }
  }
  throw first;
}

// ─── Analysis ───────────────────────────────────────────────────────────────

const SKIP = /safesort:\s*skip(?!-file)/;

export function analyze(source: string, options: CheckOptions): Analysis {
  const file = parseFile(source, options.filepath);
  const comments = file.comments ?? [];
  const entries: Entry[] = [];
  walk(file.program.body, source, comments, options, entries);
  const markers = comments.filter((c) => RANGE_MARKER.test(c.value));
  const zones = entries.flatMap((e) =>
    e.type === "movable" ? [`${markers.filter((m) => m.end! <= e.start).length}|${e.signature}`] : [],
  );
  const end = headerEnd(file, source);
  const firstStatement = file.program.body[0]?.start ?? source.length;
  return {
    entries,
    comments: comments.map((c) => `${c.type}:${c.value}`).sort(),
    hashbang: file.program.interpreter?.value ?? null,
    directives: file.program.directives.map((d) => source.slice(d.start!, d.end!)),
    markers: markers.map((c) => `${c.type}:${c.value}`),
    zones: zones.sort(),
    header: source.slice(0, end),
    firstStatement,
    arrivedFileComments: comments.filter((c) => c.start! >= end && c.end! <= firstStatement && isWholeFile(c)).map((c) => c.value),
  };
}

function walk(statements: readonly Statement[], source: string, comments: readonly Comment[], options: CheckOptions, out: Entry[]): void {
  for (const statement of statements) {
    const line = statement.loc!.start.line;
    if (
      statement.type === "TSModuleDeclaration" &&
      statement.id.type === "StringLiteral" &&
      statement.body?.type === "TSModuleBlock"
    ) {
      const body = statement.body;
      out.push({ type: "barrier", text: source.slice(statement.start!, body.start! + 1), line });
      walk(body.body, source, comments, options, out);
      out.push({ type: "barrier", text: source.slice(body.end! - 1, statement.end!), line: body.loc!.end.line });
      continue;
    }
    if (isMovable(statement, comments, options)) {
      const node = statement as MovableStatement;
      out.push({ type: "movable", signature: signature(node), source: node.source.value, line, start: node.start! });
    } else {
      out.push({ type: "barrier", text: source.slice(statement.start!, statement.end!), line });
    }
  }
}

type MovableStatement = Extract<Statement, { type: "ImportDeclaration" | "ExportNamedDeclaration" | "ExportAllDeclaration" }> & {
  source: { value: string };
};

function isMovable(statement: Statement, comments: readonly Comment[], options: CheckOptions): boolean {
  let source: string;
  if (statement.type === "ImportDeclaration") {
    if (statement.specifiers.length === 0) return false;
    source = statement.source.value;
  } else if (statement.type === "ExportAllDeclaration" || (statement.type === "ExportNamedDeclaration" && statement.source)) {
    if (options.sortReexports === false) return false;
    if (statement.type === "ExportNamedDeclaration" && statement.specifiers.length === 0) return false;
    source = statement.source!.value;
  } else {
    return false;
  }
  if (options.isSideEffectModule?.(source)) return false;
  return !carriesSkip(statement, comments);
}

/**
 * A `safesort: skip` comment touching the statement's first or last line, or
 * the line where its module string (or its last attribute) ends: with its `;`
 * leading a later line, that is where a trailing comment stands.
 */
function carriesSkip(statement: Statement, comments: readonly Comment[]): boolean {
  const first = statement.loc!.start.line;
  const last = statement.loc!.end.line;
  const withSource = statement as { source?: { loc?: { end: { line: number } } | null } | null; attributes?: readonly { loc?: { end: { line: number } } | null }[] | null };
  const own = Math.max(withSource.source?.loc?.end.line ?? first, ...(withSource.attributes ?? []).map((a) => a.loc?.end.line ?? first));
  const touches = (c: Comment, line: number): boolean => c.loc!.start.line <= line && line <= c.loc!.end.line;
  return comments.some((c) => SKIP.test(c.value) && (touches(c, first) || touches(c, own) || touches(c, last)));
}

function nameOf(node: { type: string; name?: string; value?: string }): string {
  return node.type === "StringLiteral" ? JSON.stringify(node.value) : node.name!;
}

/** What a movable brings into scope or re-exports, independent of layout and specifier order. */
function signature(node: MovableStatement): string {
  const kind = node.type === "ImportDeclaration" ? node.importKind : node.exportKind;
  const phase = node.type === "ImportDeclaration" ? (node.phase ?? null) : null;
  const specifiers =
    node.type === "ExportAllDeclaration"
      ? []
      : (node.specifiers as unknown as readonly { type: string; [key: string]: unknown }[]).map((s) => {
          const parts = [s.type, String(s["importKind"] ?? s["exportKind"] ?? "")];
          for (const key of ["imported", "local", "exported"]) {
            const n = s[key] as { type: string; name?: string; value?: string } | undefined | null;
            if (n) parts.push(`${key}=${nameOf(n)}`);
          }
          return parts.join(":");
        });
  const attributes = (node.attributes ?? []).map((a) => `${nameOf(a.key)}=${a.value.value}`).sort();
  return JSON.stringify([node.type, kind ?? null, phase, node.source.value, attributes, specifiers.sort()]);
}

// ─── Comparison ─────────────────────────────────────────────────────────────

/** Problems found when comparing the output of a sort with its input; empty when it is safe. */
export function checkSortOutput(input: string, output: string, options: CheckOptions): string[] {
  const before = analyze(input, options);
  let after: Analysis;
  try {
    after = analyze(output, options);
  } catch (error) {
    return [`output does not parse: ${(error as Error).message}`];
  }
  return [
    ...compareBarriers(before, after),
    ...compareSegments(before, after),
    ...compareMultisets("comments", before.comments, after.comments),
    ...(before.hashbang === after.hashbang ? [] : [`hashbang changed: ${before.hashbang} → ${after.hashbang}`]),
    ...(JSON.stringify(before.directives) === JSON.stringify(after.directives)
      ? []
      : [`directives changed: ${JSON.stringify(before.directives)} → ${JSON.stringify(after.directives)}`]),
    ...compareCharacters(input, output),
    ...compareHeader(before, after, output),
    ...(before.markers.join("\u0000") === after.markers.join("\u0000") ? [] : ["range markers changed or were reordered"]),
    ...compareMultisets("range zones (markers before each movable)", before.zones, after.zones),
  ];
}

function compareHeader(before: Analysis, after: Analysis, output: string): string[] {
  const problems: string[] = [];
  if (!output.startsWith(before.header)) problems.push(`file header changed: ${JSON.stringify(before.header.slice(-60))}`);
  if (after.firstStatement < before.header.length) problems.push("a statement moved into the file header");
  const arrived = after.arrivedFileComments.filter((c) => !before.header.includes(c));
  if (arrived.length > 0) problems.push(`whole-file comments arrived before the first statement: ${JSON.stringify(arrived)}`);
  return problems;
}

export function barriersOf(analysis: Analysis): string[] {
  return analysis.entries.flatMap((e) => (e.type === "barrier" ? [e.text] : []));
}

function compareBarriers(before: Analysis, after: Analysis): string[] {
  const x = barriersOf(before);
  const y = barriersOf(after);
  if (x.length !== y.length) return [`${x.length} barriers before, ${y.length} after`];
  const i = x.findIndex((t, k) => t !== y[k]);
  return i === -1 ? [] : [`barrier ${i + 1} changed: ${JSON.stringify(x[i])} → ${JSON.stringify(y[i])}`];
}

/** Movable signatures between consecutive barriers: segment k holds those after barrier k-1 and before barrier k. */
function segmentsOf(analysis: Analysis): string[][] {
  const segments: string[][] = [[]];
  for (const e of analysis.entries) {
    if (e.type === "barrier") segments.push([]);
    else segments[segments.length - 1]!.push(e.signature);
  }
  return segments;
}

function compareSegments(before: Analysis, after: Analysis): string[] {
  const x = segmentsOf(before);
  const y = segmentsOf(after);
  if (x.length !== y.length) return [];
  return x.flatMap((segment, k) => compareMultisets(`movables between barriers ${k} and ${k + 1}`, segment, y[k]!));
}

function compareMultisets(what: string, x: readonly string[], y: readonly string[]): string[] {
  const a = [...x].sort();
  const b = [...y].sort();
  if (a.length === b.length && a.every((v, i) => v === b[i])) return [];
  const missing = difference(a, b);
  const extra = difference(b, a);
  return [`${what} differ: missing ${JSON.stringify(missing.slice(0, 3))}, extra ${JSON.stringify(extra.slice(0, 3))}`];
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of b) counts.set(v, (counts.get(v) ?? 0) + 1);
  const out: string[] = [];
  for (const v of a) {
    const n = counts.get(v) ?? 0;
    if (n > 0) counts.set(v, n - 1);
    else out.push(v);
  }
  return out;
}

/** Moving statements may change white space only: every other character keeps its count. */
function compareCharacters(input: string, output: string): string[] {
  const count = (text: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const ch of text) if (!/\s/.test(ch)) m.set(ch, (m.get(ch) ?? 0) + 1);
    return m;
  };
  const x = count(input);
  const y = count(output);
  const problems: string[] = [];
  for (const ch of new Set([...x.keys(), ...y.keys()])) {
    if ((x.get(ch) ?? 0) !== (y.get(ch) ?? 0)) problems.push(`${JSON.stringify(ch)}: ${x.get(ch) ?? 0} → ${y.get(ch) ?? 0}`);
  }
  return problems.length === 0 ? [] : [`non-white-space characters changed: ${problems.slice(0, 5).join(", ")}`];
}

/**
 * For each barrier (in order), the sorted list of module sources of the
 * movables before it. Equal before and after a sort iff no import crossed a
 * barrier (given the same barriers).
 */
export function sourcesBeforeEachBarrier(analysis: Analysis): string[][] {
  const out: string[][] = [];
  const seen: string[] = [];
  for (const e of analysis.entries) {
    if (e.type === "barrier") out.push([...seen].sort());
    else seen.push(e.source);
  }
  return out;
}

// ─── Comment attachment ─────────────────────────────────────────────────────

/**
 * The comments each movable carries, keyed by its signature:
 *
 *   // lead a              ← leading: own line, at most one line break
 *   // lead b              ←   between it and what it precedes
 *   import x from "x"; // t  ← trailing: starts on the statement's last line
 *
 * plus the comments inside the statement (they travel with it, e.g. with a
 * specifier). Leading comments of the file's first statement are left out:
 * a pinned header (`@flow`, license, the file's first comment) stays on top
 * when that import moves. Range markers are nobody's (they stay).
 */
function attachedComments(source: string, options: CheckOptions): Map<string, string[]> {
  const file = parseFile(source, options.filepath);
  const comments = file.comments ?? [];
  const body = file.program.body;
  const out = new Map<string, string[]>();
  body.forEach((statement, i) => {
    if (!isMovable(statement, comments, options)) return;
    const node = statement as MovableStatement;
    const nextStart = i + 1 < body.length ? body[i + 1]!.start! : source.length;
    const prevEnd = i > 0 ? body[i - 1]!.end! : 0;
    const text = (c: Comment): string => `${c.type}:${c.value}`;
    const end = ownEnd(source, node, comments);
    const endLine = lineAt(source, end);
    const inside = comments.filter((c) => c.start! >= node.start! && c.end! <= end).map(text);
    const trailing = comments.filter((c) => c.start! >= end && c.end! <= nextStart && c.loc!.start.line === endLine).map(text);
    const leading: string[] = [];
    if (i > 0) {
      let attach = node.start!;
      const before = comments.filter((c) => c.start! >= prevEnd && c.end! <= node.start!);
      for (let k = before.length - 1; k >= 0; k--) {
        const c = before[k]!;
        const gap = source.slice(c.end!, attach);
        let lineStart = c.start!;
        while (lineStart > 0 && source[lineStart - 1] !== "\n" && source[lineStart - 1] !== "\r") lineStart--;
        if (!/^\s*$/.test(gap) || (gap.match(/\r\n?|\n/g) ?? []).length > 1 || !/^[ \t]*$/.test(source.slice(lineStart, c.start!))) break;
        // A range marker belongs to no import: it stays where it is.
        if (RANGE_MARKER.test(c.value)) break;
        leading.unshift(text(c));
        attach = c.start!;
      }
    }
    const key = signature(node);
    const entry = JSON.stringify({ leading, inside: [...inside].sort(), trailing });
    out.set(key, [...(out.get(key) ?? []), entry].sort());
  });
  return out;
}

/**
 * Where a movable's own text ends: its node's end, or in semicolon-free style,
 * when its `;` is the first thing on a later line (`import a from "a"⏎;[a].map(f)`),
 * the end of the token before that `;` (the `;` and the comments between stay
 * where they are).
 */
function ownEnd(source: string, node: Statement, comments: readonly Comment[]): number {
  const semi = node.end! - 1;
  let lineStart = semi;
  while (lineStart > 0 && source[lineStart - 1] !== "\n" && source[lineStart - 1] !== "\r") lineStart--;
  if (source[semi] !== ";" || !/^[ \t]*$/.test(source.slice(lineStart, semi)) || lineStart <= node.start!) return node.end!;
  let end = semi;
  for (;;) {
    while (/\s/.test(source[end - 1]!)) end--;
    const comment = comments.find((c) => c.end === end && c.start! > node.start!);
    if (!comment) return end;
    end = comment.start!;
  }
}

/** 1-based line of `offset` ("\r\n", "\n" and a lone "\r" each end a line). */
function lineAt(source: string, offset: number): number {
  return (source.slice(0, offset).match(/\r\n?|\n/g) ?? []).length + 1;
}

/** Movables whose comments did not travel with them (first statements excepted, see attachedComments). */
export function checkCommentAttachment(input: string, output: string, options: CheckOptions): string[] {
  const before = attachedComments(input, options);
  const after = attachedComments(output, options);
  const firstOf = (source: string): string | undefined => {
    const first = parseFile(source, options.filepath).program.body[0];
    return first && isMovable(first, [], { ...options, isSideEffectModule: undefined }) ? signature(first as MovableStatement) : undefined;
  };
  const exempt = new Set([firstOf(input), firstOf(output)]);
  const problems: string[] = [];
  for (const [key, entries] of before) {
    const other = after.get(key) ?? [];
    const strip = (list: readonly string[]): string[] =>
      exempt.has(key) ? list.map((e) => JSON.stringify({ ...(JSON.parse(e) as object), leading: [] })).sort() : [...list];
    if (JSON.stringify(strip(entries)) !== JSON.stringify(strip(other))) {
      problems.push(`comments of ${key} changed: ${entries.join(" ")} → ${other.join(" ")}`);
    }
  }
  return problems;
}

