/**
 * `selectPattern(code)`: structural matching with metavariables, in the
 * spirit of ast-grep.
 *
 *   $X      one node (an identifier, an expression, a statement…)
 *   $$$X    a list of any length (arguments, elements, statements, params…)
 *   $_      one node, not captured; a repeated `$X` must match equal nodes
 *
 * The pattern is parsed with the file's parser options, as one expression
 * (`foo($X)`) or, when that fails, one statement (`foo($X);`, `if ($C) $S`).
 * Two nodes are equal when their types and every field other than positions,
 * comments and raw text are equal, so `'a'` matches `"a"` and layout never
 * matters.
 */
import type { ParserOptions } from "@babel/parser";
import type { Node } from "@babel/types";

import { isNode, traverse } from "./ast.js";
import { type Capture, CodemodError, type Found, type Selector } from "./model.js";
import { parseExpression, parseStatements } from "./parse.js";

const SINGLE = /^\$([A-Z_][A-Z0-9_]*)$/;
const LIST = /^\$\$\$([A-Z_][A-Z0-9_]*)$/;

/** Keys that do not take part in equality. */
const IGNORED = new Set(["start", "end", "loc", "range", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "tokens", "original"]);

export function selectPattern(code: string): Selector {
  const compiled = new Map<string, Node>();
  return {
    description: `selectPattern(${JSON.stringify(code)})`,
    needles: patternNeedles(code),
    find(ctx) {
      const key = JSON.stringify(ctx.ast.parserOptions.plugins);
      let pattern = compiled.get(key);
      if (!pattern) {
        pattern = compilePattern(code, ctx.ast.parserOptions);
        compiled.set(key, pattern);
      }
      const root = pattern;
      const found: Found[] = [];
      traverse(ctx.ast.file.program, (path) => {
        if (path.node.type !== root.type) return;
        const captures = new Map<string, Capture>();
        if (!matchNode(root, path.node, captures)) return;
        found.push({ path, role: "node", captures: Object.fromEntries(captures), label: `pattern ${code}` });
      });
      return found;
    },
  };
}

/** Parse a pattern as one expression, else one statement. */
export function compilePattern(code: string, parserOptions: ParserOptions): Node {
  let root: Node;
  try {
    root = parseExpression(code, { parserOptions });
  } catch {
    let statements: Node[];
    try {
      statements = parseStatements(code, { parserOptions });
    } catch (error) {
      throw new CodemodError(`the pattern ${JSON.stringify(code)} does not parse: ${(error as Error).message}`);
    }
    if (statements.length !== 1) throw new CodemodError(`a pattern is one expression or one statement, got ${statements.length} statements: ${JSON.stringify(code)}`);
    root = statements[0]!;
  }
  if (metavariable(root)) throw new CodemodError(`a pattern needs more than a metavariable: ${JSON.stringify(code)}`);
  return root;
}

/** Words of the pattern that are not metavariables: a file without all of them cannot match. */
function patternNeedles(code: string): string[] {
  const words = code.match(/[$\p{ID_Start}_][\p{ID_Continue}$]*/gu) ?? [];
  return [...new Set(words.filter((w) => !w.startsWith("$") && w.length > 1 && !KEYWORDS.has(w)))];
}

/** Keywords are left out of the needles: they say little, and filtering on them gains nothing. */
const KEYWORDS = new Set(["if", "else", "for", "while", "do", "return", "const", "let", "var", "function", "new", "this", "typeof", "in", "of"]);

type Meta = { kind: "single" | "list"; name: string };

/** `$X` / `$$$X` as an identifier, a JSX name, or an expression statement of one. */
function metavariable(node: Node): Meta | undefined {
  let name: string | undefined;
  if (node.type === "Identifier" || node.type === "JSXIdentifier") name = node.name;
  else if (node.type === "ExpressionStatement" && node.expression.type === "Identifier") name = node.expression.name;
  else if (node.type === "JSXExpressionContainer" && node.expression.type === "Identifier") name = node.expression.name;
  else if (node.type === "TSTypeReference" && node.typeName.type === "Identifier" && !node.typeParameters) name = node.typeName.name;
  if (name === undefined) return undefined;
  const list = LIST.exec(name);
  if (list) return { kind: "list", name: list[1]! };
  const single = SINGLE.exec(name);
  return single ? { kind: "single", name: single[1]! } : undefined;
}

function matchNode(pattern: Node, node: Node, captures: Map<string, Capture>, metas = true): boolean {
  const meta = metas ? metavariable(pattern) : undefined;
  if (meta?.kind === "single") return bind(meta.name, node, captures);
  if (pattern.type !== node.type) return false;
  const keys = new Set([...Object.keys(pattern), ...Object.keys(node)]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const p = (pattern as unknown as Record<string, unknown>)[key];
    const n = (node as unknown as Record<string, unknown>)[key];
    if (!matchValue(p, n, captures, metas)) return false;
  }
  return true;
}

function matchValue(p: unknown, n: unknown, captures: Map<string, Capture>, metas: boolean): boolean {
  if (Array.isArray(p) || Array.isArray(n)) {
    return Array.isArray(p) && Array.isArray(n) && matchList(p as unknown[], 0, n as unknown[], 0, captures, metas);
  }
  if (isNode(p) || isNode(n)) return isNode(p) && isNode(n) && matchNode(p, n, captures, metas);
  if (p && typeof p === "object" && n && typeof n === "object") return JSON.stringify(p) === JSON.stringify(n);
  // Babel leaves some optional fields out, recast's copies set them: absent, null and false agree.
  return p === n || (isAbsent(p) && isAbsent(n));
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === false;
}

/** Match lists, `$$$X` taking any number of items (backtracking; captures roll back on failure). */
function matchList(ps: unknown[], i: number, ns: unknown[], j: number, captures: Map<string, Capture>, metas: boolean): boolean {
  if (i === ps.length) return j === ns.length;
  const p = ps[i];
  const meta = metas && isNode(p) ? metavariable(p) : undefined;
  if (meta?.kind === "list") {
    for (let k = j; k <= ns.length; k++) {
      const snapshot = new Map(captures);
      const items = ns.slice(j, k).filter(isNode);
      if (bind(meta.name, items, captures) && matchList(ps, i + 1, ns, k, captures, metas)) return true;
      restore(captures, snapshot);
    }
    return false;
  }
  if (j === ns.length) return false;
  const snapshot = new Map(captures);
  if (matchValue(p, ns[j], captures, metas) && matchList(ps, i + 1, ns, j + 1, captures, metas)) return true;
  restore(captures, snapshot);
  return false;
}

function restore(captures: Map<string, Capture>, snapshot: Map<string, Capture>): void {
  captures.clear();
  for (const [k, v] of snapshot) captures.set(k, v);
}

/** Capture `name` (`_` captures nothing); a name seen before must capture an equal node. */
function bind(name: string, value: Capture, captures: Map<string, Capture>): boolean {
  if (name === "_") return true;
  const previous = captures.get(name);
  if (previous === undefined) {
    captures.set(name, value);
    return true;
  }
  return equalCaptures(previous, value);
}

function equalCaptures(a: Capture, b: Capture): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = a as readonly Node[];
    const y = b as readonly Node[];
    return Array.isArray(a) && Array.isArray(b) && x.length === y.length && x.every((item, i) => equalNodes(item, y[i]!));
  }
  return equalNodes(a as Node, b as Node);
}

/** Structural equality, metavariables being plain names here. */
export function equalNodes(a: Node, b: Node): boolean {
  return matchNode(a, b, new Map(), false);
}
