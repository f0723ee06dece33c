/**
 * `selectPattern(code, { where })`: structural matching with metavariables,
 * in the spirit of ast-grep.
 *
 *   $X      one node (an identifier, an expression, a statement…)
 *   $$$X    a list of any length: arguments, array elements, parameters,
 *           statements, object properties, JSX attributes, class members,
 *           import specifiers, type arguments (metavariables.ts); `$$$` alone
 *           is not captured
 *   $_      one node, not captured; a repeated `$X` must match equal nodes
 *
 * `where` constrains what single metavariables capture (kind, regex,
 * pattern, inside, has, not, any: pattern-constraints.ts).
 *
 * The pattern is parsed with the file's parser options, as one expression
 * (`foo($X)`) or, when that fails, one statement (`foo($X);`, `if ($C) $S`);
 * `function f() {}` and `class A {}` are declarations (parenthesized, the
 * expressions). Two nodes are equal when their types and every field other
 * than positions, comments and raw text are equal, so `'a'` matches `"a"` and
 * layout never matters.
 */
import type { ParserOptions } from "@babel/parser";
import type { Node } from "@babel/types";
import * as recast from "recast";

import { isNode, type NodePath, traverse } from "../ast.js";
import { bareName, standsAlone } from "../metavariables.js";
import { type Capture, CodemodError, type Found, type Selector } from "../model.js";
import { parseExpression, parseStatements } from "../parse.js";

import { compileWhere, type Constraint, type ConstraintEnv, pathBelow } from "./pattern-constraints.js";

const SINGLE = /^\$([A-Z_][A-Z0-9_]*)$/;
const LIST = /^\$\$\$([A-Z_][A-Z0-9_]*)?$/;

/** Keys that do not take part in equality. */
const IGNORED = new Set(["start", "end", "loc", "range", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "tokens", "original"]);

export interface PatternOptions {
  /** Constraints on what single metavariables capture, by name without `$` (pattern-constraints.ts). */
  readonly where?: Readonly<Record<string, Constraint>>;
}

export function selectPattern(code: string, options: PatternOptions = {}): Selector {
  // Checked now, so that a wrong name or constraint fails when the query is built.
  const where = compileWhere(code, options.where);
  const compiled = new Map<string, Node>();
  /** Patterns (the main one and those of constraints) are parsed once per set of parser plugins. */
  const compiledFor = (source: string, parserOptions: ParserOptions, at?: string): Node => {
    const key = `${JSON.stringify(parserOptions.plugins)}\u0000${source}`;
    let pattern = compiled.get(key);
    if (!pattern) {
      try {
        pattern = compilePattern(source, parserOptions);
      } catch (error) {
        if (at !== undefined && error instanceof CodemodError) throw new CodemodError(`selectPattern(${JSON.stringify(code)}): ${at}: ${error.message}`);
        throw error;
      }
      compiled.set(key, pattern);
    }
    return pattern;
  };
  const shownWhere = options.where ? `, { where: { ${Object.keys(options.where).join(", ")} } }` : "";
  return {
    description: `selectPattern(${JSON.stringify(code)}${shownWhere})`,
    needles: patternNeedles(code),
    find(ctx) {
      const parserOptions = ctx.ast.parserOptions;
      const root = compiledFor(code, parserOptions);
      const env: ConstraintEnv = {
        patterns: { matches: (source, node, at) => matchNode(compiledFor(source, parserOptions, at), node, { captures: new Map(), metas: true }) },
        text: (node) => ctx.ast.index.textOf(node) ?? recast.print(node).code,
      };
      const found: Found[] = [];
      traverse(ctx.ast.file.program, (path) => {
        if (path.node.type !== root.type) return;
        const state: MatchState = { captures: new Map(), metas: true, accept: where.size > 0 ? accepting(where, path, env) : undefined };
        if (!matchNode(root, path.node, state)) return;
        found.push({ path, role: "node", captures: Object.fromEntries(state.captures), label: `pattern ${code}` });
      });
      return found;
    },
  };
}

/** The check `bind` runs when a constrained metavariable first captures a node (below the match at `root`). */
function accepting(where: ReturnType<typeof compileWhere>, root: NodePath, env: ConstraintEnv): MatchState["accept"] {
  return (name, node) => {
    const test = where.get(name);
    if (!test) return true;
    const path = pathBelow(root, node);
    return path !== undefined && test(path, env);
  };
}

/** Parse a pattern as one expression, else one statement. */
function compilePattern(code: string, parserOptions: ParserOptions): Node {
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
  // `function f() {}` / `class A {}` parse as expressions too; unparenthesized, they mean the declarations.
  if ((root.type === "FunctionExpression" || root.type === "ClassExpression") && root.id && !(root.extra as { parenthesized?: boolean } | undefined)?.parenthesized) {
    root = parseStatements(code, { parserOptions })[0]!;
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

/** `$X` / `$$$X` where a node can be just a name (metavariables.ts). */
function metavariable(node: Node): Meta | undefined {
  const name = bareName(node);
  if (name === undefined) return undefined;
  const list = LIST.exec(name);
  if (list) return { kind: "list", name: list[1] ?? "_" };
  const single = standsAlone(node) ? SINGLE.exec(name) : null;
  return single ? { kind: "single", name: single[1]! } : undefined;
}

/** Captures so far; `metas: false` compares metavariables as plain names; `accept` checks `where` constraints. */
interface MatchState {
  readonly captures: Map<string, Capture>;
  readonly metas: boolean;
  readonly accept?: ((name: string, node: Node) => boolean) | undefined;
}

function matchNode(pattern: Node, node: Node, state: MatchState): boolean {
  const meta = state.metas ? metavariable(pattern) : undefined;
  if (meta?.kind === "single") return bind(meta.name, node, state);
  if (pattern.type !== node.type) return false;
  const keys = new Set([...Object.keys(pattern), ...Object.keys(node)]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const p = (pattern as unknown as Record<string, unknown>)[key];
    const n = (node as unknown as Record<string, unknown>)[key];
    if (!matchValue(p, n, state)) return false;
  }
  return true;
}

function matchValue(p: unknown, n: unknown, state: MatchState): boolean {
  if (Array.isArray(p) || Array.isArray(n)) {
    return Array.isArray(p) && Array.isArray(n) && matchList(p as unknown[], 0, n as unknown[], 0, state);
  }
  if (isNode(p) || isNode(n)) return isNode(p) && isNode(n) && matchNode(p, n, state);
  if (p && typeof p === "object" && n && typeof n === "object") return JSON.stringify(p) === JSON.stringify(n);
  // Babel leaves some optional fields out, recast's copies set them: absent, null and false agree.
  return p === n || (isAbsent(p) && isAbsent(n));
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === false;
}

/** Match lists, `$$$X` taking any number of items (backtracking; captures roll back on failure). */
function matchList(ps: unknown[], i: number, ns: unknown[], j: number, state: MatchState): boolean {
  if (i === ps.length) return j === ns.length;
  const p = ps[i];
  const meta = state.metas && isNode(p) ? metavariable(p) : undefined;
  const { captures } = state;
  if (meta?.kind === "list") {
    for (let k = j; k <= ns.length; k++) {
      const snapshot = new Map(captures);
      const items = ns.slice(j, k).filter(isNode);
      if (bind(meta.name, items, state) && matchList(ps, i + 1, ns, k, state)) return true;
      restore(captures, snapshot);
    }
    return false;
  }
  if (j === ns.length) return false;
  const snapshot = new Map(captures);
  if (matchValue(p, ns[j], state) && matchList(ps, i + 1, ns, j + 1, state)) return true;
  restore(captures, snapshot);
  return false;
}

function restore(captures: Map<string, Capture>, snapshot: Map<string, Capture>): void {
  captures.clear();
  for (const [k, v] of snapshot) captures.set(k, v);
}

/**
 * Capture `name` (`_` captures nothing); a name seen before must capture an
 * equal node; a first capture must satisfy the name's `where` constraint.
 */
function bind(name: string, value: Capture, state: MatchState): boolean {
  if (name === "_") return true;
  const previous = state.captures.get(name);
  if (previous === undefined) {
    if (state.accept && !Array.isArray(value) && !state.accept(name, value as Node)) return false;
    state.captures.set(name, value);
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
function equalNodes(a: Node, b: Node): boolean {
  return matchNode(a, b, { captures: new Map(), metas: false });
}
