/**
 * The verifier's own reading of a parsed file: the statement list as a flat
 * sequence of fixed statements and movables, defined here from the language
 * and the config, never from the sorter's blocks.
 *
 *   movable  `import … from "x"` with ≥ 1 binding (not `import defer`/`source`),
 *            `export … from "x"` with ≥ 1 name or `export * from "x"` (when
 *            re-exports are sorted), unless a `safesort: skip` comment touches
 *            its first or last line or config `sideEffectModules` lists it
 *   fixed    every other statement; `declare module "x" {` and its `}` are
 *            fixed too, and the statements inside are read the same way
 *
 * The sorter has more barriers than this (a statement sharing a line, a
 * detached comment, …): a weaker definition here only means the verifier
 * allows more, never that it trusts the sorter's cut.
 */
import type { Comment, Statement } from "@babel/types";

import { matchesModule } from "../imports/classify.js";
import type { ResolvedConfig } from "../types.js";

export type Entry =
  | { readonly type: "fixed"; readonly start: number; readonly end: number }
  | { readonly type: "movable"; readonly start: number; readonly end: number; readonly signature: string };

const SKIP = /safesort:\s*skip(?!-file)\b/;

type MovableStatement = Extract<Statement, { type: "ImportDeclaration" | "ExportNamedDeclaration" | "ExportAllDeclaration" }>;

/** Every statement in source order, `declare module` bodies flattened. */
export function readEntries(statements: readonly Statement[], comments: readonly Comment[], config: ResolvedConfig): Entry[] {
  const out: Entry[] = [];
  // Only the comments that say `safesort: skip` matter to carriesSkip (most files have none).
  walk(statements, comments.filter((c) => SKIP.test(c.value)), config, out);
  return out;
}

/** `skips`: the comments that say `safesort: skip`. */
function walk(statements: readonly Statement[], skips: readonly Comment[], config: ResolvedConfig, out: Entry[]): void {
  for (const statement of statements) {
    if (statement.type === "TSModuleDeclaration" && statement.id.type === "StringLiteral" && statement.body?.type === "TSModuleBlock") {
      const body = statement.body;
      out.push({ type: "fixed", start: statement.start!, end: body.start! + 1 });
      walk(body.body, skips, config, out);
      out.push({ type: "fixed", start: body.end! - 1, end: statement.end! });
      continue;
    }
    if (isMovable(statement, skips, config)) {
      out.push({ type: "movable", start: statement.start!, end: statement.end!, signature: signature(statement as MovableStatement) });
    } else {
      out.push({ type: "fixed", start: statement.start!, end: statement.end! });
    }
  }
}

function isMovable(statement: Statement, skips: readonly Comment[], config: ResolvedConfig): boolean {
  let source: string;
  if (statement.type === "ImportDeclaration") {
    if (statement.specifiers.length === 0 || statement.phase) return false;
    source = statement.source.value;
  } else if (statement.type === "ExportAllDeclaration" || (statement.type === "ExportNamedDeclaration" && statement.source)) {
    if (!config.sortReexports) return false;
    if (statement.type === "ExportNamedDeclaration" && statement.specifiers.length === 0) return false;
    source = statement.source!.value;
  } else {
    return false;
  }
  if (config.sideEffectModules.length > 0 && matchesModule(config.sideEffectModules, source)) return false;
  return skips.length === 0 || !carriesSkip(statement, skips);
}

/**
 * A `safesort: skip` comment touching the statement's first or last line, or
 * the line where its module string (or its last attribute) ends: with its `;`
 * leading a later line, that is where a trailing comment stands.
 */
function carriesSkip(statement: Statement, skips: readonly Comment[]): boolean {
  const first = statement.loc!.start.line;
  const last = statement.loc!.end.line;
  const withSource = statement as { source?: { loc?: { end: { line: number } } | null } | null; attributes?: readonly { loc?: { end: { line: number } } | null }[] | null };
  const own = Math.max(withSource.source?.loc?.end.line ?? first, ...(withSource.attributes ?? []).map((a) => a.loc?.end.line ?? first));
  const touches = (c: Comment, line: number): boolean => c.loc!.start.line <= line && line <= c.loc!.end.line;
  return skips.some((c) => touches(c, first) || touches(c, own) || touches(c, last));
}

/**
 * What a movable imports or exports, independent of its layout and of the
 * order of its names. One string that says it all, unambiguously: a name is
 * an identifier (none of the separators) or a JSON string, and every other
 * part is a keyword or a JSON string; the specifiers and the attributes are
 * sorted.
 */
function signature(node: MovableStatement): string {
  let specifiers = "";
  if (node.type !== "ExportAllDeclaration") {
    const keys: string[] = [];
    for (const s of node.specifiers) {
      let key = s.type;
      if ("importKind" in s && s.importKind) key += ":" + s.importKind;
      if ("exportKind" in s && s.exportKind) key += ":" + s.exportKind;
      if ("imported" in s) key += ":" + nameOf(s.imported);
      if ("local" in s && s.local) key += ":" + nameOf(s.local);
      if ("exported" in s) key += ":" + nameOf(s.exported);
      keys.push(key);
    }
    specifiers = keys.sort().join(",");
  }
  let attributes = "";
  if (node.attributes && node.attributes.length > 0) attributes = node.attributes.map((a) => `${nameOf(a.key)}=${JSON.stringify(a.value.value)}`).sort().join(",");
  const kind = node.type === "ImportDeclaration" ? node.importKind : node.exportKind;
  return `${node.type} ${kind ?? "-"} ${JSON.stringify(node.source!.value)} {${attributes}} {${specifiers}}`;
}

function nameOf(node: { type: string; name?: string; value?: string }): string {
  return node.type === "StringLiteral" ? JSON.stringify(node.value) : node.name!;
}

/** The entries between consecutive fixed ones: stretch k lies after fixed k-1 and before fixed k. */
export interface Stretch {
  /** End of the fixed entry before it (or the start of the statement list's text). */
  readonly from: number;
  /** Start of the fixed entry after it (or the end of the text). */
  readonly to: number;
  readonly movables: readonly Extract<Entry, { type: "movable" }>[];
}

export function stretchesOf(entries: readonly Entry[], textStart: number, textEnd: number): Stretch[] {
  const out: Stretch[] = [];
  let from = textStart;
  let movables: Extract<Entry, { type: "movable" }>[] = [];
  for (const e of entries) {
    if (e.type === "movable") {
      movables.push(e);
      continue;
    }
    out.push({ from, to: e.start, movables });
    from = e.end;
    movables = [];
  }
  out.push({ from, to: textEnd, movables });
  return out;
}
