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
 *      white space, never anything else).
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

export type Entry =
  | { readonly type: "barrier"; readonly text: string; readonly line: number }
  | { readonly type: "movable"; readonly signature: string; readonly source: string; readonly line: number };

export interface Analysis {
  readonly entries: readonly Entry[];
  readonly comments: readonly string[];
  readonly hashbang: string | null;
  readonly directives: readonly string[];
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
  return {
    entries,
    comments: comments.map((c) => `${c.type}:${c.value}`).sort(),
    hashbang: file.program.interpreter?.value ?? null,
    directives: file.program.directives.map((d) => source.slice(d.start!, d.end!)),
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
      out.push({ type: "movable", signature: signature(node), source: node.source.value, line });
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

/** A `safesort: skip` comment touching the statement's first or last line. */
function carriesSkip(statement: Statement, comments: readonly Comment[]): boolean {
  const first = statement.loc!.start.line;
  const last = statement.loc!.end.line;
  const touches = (c: Comment, line: number): boolean => c.loc!.start.line <= line && line <= c.loc!.end.line;
  return comments.some((c) => SKIP.test(c.value) && (touches(c, first) || touches(c, last)));
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
  ];
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
export function segmentsOf(analysis: Analysis): string[][] {
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
 * a pinned header (`@flow`, license) stays on top when that import moves.
 */
export function attachedComments(source: string, options: CheckOptions): Map<string, string[]> {
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
    const inside = comments.filter((c) => c.start! >= node.start! && c.end! <= node.end!).map(text);
    const trailing = comments
      .filter((c) => c.start! >= node.end! && c.end! <= nextStart && c.loc!.start.line === node.loc!.end.line)
      .map(text);
    const leading: string[] = [];
    if (i > 0) {
      let attach = node.start!;
      const before = comments.filter((c) => c.start! >= prevEnd && c.end! <= node.start!);
      for (let k = before.length - 1; k >= 0; k--) {
        const c = before[k]!;
        const gap = source.slice(c.end!, attach);
        const lineStart = source.lastIndexOf("\n", c.start! - 1) + 1;
        if (!/^\s*$/.test(gap) || (gap.match(/\n/g) ?? []).length > 1 || !/^[ \t]*$/.test(source.slice(lineStart, c.start!))) break;
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

