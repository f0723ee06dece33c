/**
 * Constraints on what a `selectPattern` metavariable captures, in the spirit
 * of ast-grep's `constraints` (a rule object per single metavariable):
 *
 *   q.selectPattern("$A.indexOf($B) !== -1", {
 *     where: { A: { kind: "Identifier" }, B: { regex: /^["']/, not: { kind: "TemplateLiteral" } } },
 *   })
 *
 * A constraint holds when every key it has holds:
 *   kind     the node's Babel type, or an alias ("Expression", "Statement",
 *            "Literal", "Function", "Pattern", "Declaration"…); a list: any of them
 *   regex    found in the node's source text (a RegExp, or a string compiled as one)
 *   pattern  the node itself matches this pattern
 *   inside   an ancestor (any, up to the program) matches: a pattern, or a constraint
 *   has      a descendant (any depth) matches: a pattern, or a constraint
 *   not      the node does not satisfy this (a pattern, or a constraint)
 *   any      the node satisfies at least one of these
 * Metavariables inside a constraint's patterns match anything and are not
 * captured (a repeated one must match equal nodes within that pattern).
 *
 * Constraints are checked while matching, when the metavariable first binds,
 * so a `$$$` list before it can still give up items for another try. As in
 * ast-grep, only single metavariables (`$X`) take constraints, not lists.
 * Everything about the constraint object is checked when the query is built
 * (`compileWhere`); its patterns are parsed with each file's parser options,
 * as the main pattern is.
 */
import type { Node } from "@babel/types";
import * as recast from "recast";

import { childKeys, field, isNode, NodePath } from "../ast.js";
import { CodemodError } from "../model.js";

/** A Babel node type, or an alias ast-types defines over them. */
export type NodeKind = Node["type"] | "Node" | "Expression" | "Statement" | "Declaration" | "Function" | "Literal" | "Pattern" | "Specifier" | "ModuleSpecifier" | "TSType";

/** What one metavariable's capture must be (ast-grep's rule object for one node; see the top of pattern-constraints.ts). */
export interface Constraint {
  readonly kind?: NodeKind | readonly NodeKind[];
  readonly regex?: RegExp | string;
  readonly pattern?: string;
  readonly inside?: string | Constraint;
  readonly has?: string | Constraint;
  readonly not?: string | Constraint;
  readonly any?: readonly (string | Constraint)[];
}

/** What `inside`, `has`, `not` and `pattern` need from the pattern engine: does `node` match `code`? */
interface PatternTester {
  matches(code: string, node: Node, where: string): boolean;
}

/** A compiled constraint: a test of a node, given its path (for `inside`) and how to test patterns. */
type Test = (path: NodePath, env: ConstraintEnv) => boolean;

export interface ConstraintEnv {
  readonly patterns: PatternTester;
  /** The node's source text (original text, or printed for a node a codemod made). */
  text(node: Node): string;
}

const KEYS = new Set(["kind", "regex", "pattern", "inside", "has", "not", "any"]);

/**
 * Check `where` against the pattern's metavariables and compile it. Throws
 * (at query build time) on an unknown name, a list metavariable, `$_`, or a
 * malformed constraint, naming its path (`where.B.not.kind`).
 */
export function compileWhere(code: string, where: Readonly<Record<string, Constraint>> | undefined): Map<string, Test> {
  const compiled = new Map<string, Test>();
  if (where === undefined) return compiled;
  if (!isPlainObject(where)) throw new CodemodError(`selectPattern(${JSON.stringify(code)}): \`where\` must be an object of constraints by metavariable name`);
  const { singles, lists } = metavariablesOf(code);
  const prefix = `selectPattern(${JSON.stringify(code)}): `;
  for (const [name, constraint] of Object.entries(where)) {
    const at = `${prefix}where.${name}`;
    if (name === "_") throw new CodemodError(`${at}: $_ captures nothing, so it takes no constraint; name it ($X) to constrain it`);
    if (lists.has(name) && !singles.has(name)) throw new CodemodError(`${at}: $$$${name} is a list; constraints apply to single metavariables ($${name}), as in ast-grep`);
    if (!singles.has(name)) {
      const known = [...singles].filter((n) => n !== "_");
      throw new CodemodError(`${at}: the pattern has no metavariable $${name} (it has ${known.length ? known.map((n) => `$${n}`).join(", ") : "none"})`);
    }
    compiled.set(name, compileConstraint(constraint, `where.${name}`, prefix));
  }
  return compiled;
}

/** The metavariable names a pattern spells: `$X` (singles) and `$$$X` (lists). */
function metavariablesOf(code: string): { singles: Set<string>; lists: Set<string> } {
  const singles = new Set<string>();
  const lists = new Set<string>();
  for (const m of code.matchAll(/(\$\$\$|\$)([A-Z_][A-Z0-9_]*)/g)) (m[1] === "$$$" ? lists : singles).add(m[2]!);
  return { singles, lists };
}

function compileConstraint(value: unknown, where: string, prefix: string): Test {
  const fail = (message: string) => new CodemodError(`${prefix}${where}: ${message}`);
  if (typeof value === "string") return compilePatternTest(value, where, fail);
  if (!isPlainObject(value)) throw fail(`a constraint is an object ({ kind, regex, pattern, inside, has, not, any }) or a pattern string, got ${describe(value)}`);
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  const unknown = keys.filter((k) => !KEYS.has(k));
  if (unknown.length > 0) throw fail(`unknown key${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (a constraint has kind, regex, pattern, inside, has, not, any)`);
  if (keys.length === 0) throw fail("an empty constraint matches everything; give it kind, regex, pattern, inside, has, not or any");
  const tests: Test[] = [];
  for (const key of keys) tests.push(compileKey(key, value[key], `${where}.${key}`, prefix));
  return (path, env) => tests.every((test) => test(path, env));
}

function compileKey(key: string, value: unknown, where: string, prefix: string): Test {
  const fail = (message: string) => new CodemodError(`${prefix}${where}: ${message}`);
  switch (key) {
    case "kind": {
      const kinds = typeof value === "string" ? [value] : Array.isArray(value) ? (value as unknown[]) : undefined;
      if (!kinds || kinds.length === 0 || !kinds.every((k) => typeof k === "string")) throw fail(`kind is a node type or a non-empty list of them, got ${describe(value)}`);
      return compileKind(kinds as string[], fail);
    }
    case "regex": {
      if (!(value instanceof RegExp) && typeof value !== "string") throw fail(`regex is a RegExp or a string, got ${describe(value)}`);
      let regexp: RegExp;
      try {
        regexp = typeof value === "string" ? new RegExp(value, "u") : new RegExp(value.source, value.flags.replace(/[gy]/g, "")); // no lastIndex state
      } catch (error) {
        throw fail(`invalid regex: ${(error as Error).message}`);
      }
      return (path, env) => regexp.test(env.text(path.node));
    }
    case "pattern":
      if (typeof value !== "string") throw fail(`pattern is a string of code, got ${describe(value)}`);
      return compilePatternTest(value, where, fail);
    case "inside": {
      const test = compileConstraint(value, where, prefix);
      return (path, env) => {
        for (const ancestor of path.ancestors()) if (test(ancestor, env)) return true;
        return false;
      };
    }
    case "has": {
      const test = compileConstraint(value, where, prefix);
      return (path, env) => someDescendant(path, (d) => test(d, env));
    }
    case "not": {
      const test = compileConstraint(value, where, prefix);
      return (path, env) => !test(path, env);
    }
    case "any": {
      if (!Array.isArray(value) || value.length === 0) throw fail(`any is a non-empty list of constraints, got ${describe(value)}`);
      const tests = value.map((v, i) => compileConstraint(v, `${where}[${i}]`, prefix));
      return (path, env) => tests.some((test) => test(path, env));
    }
    default:
      throw fail(`unknown key ${key}`);
  }
}

function compilePatternTest(code: string, where: string, fail: (message: string) => Error): Test {
  if (code.trim() === "") throw fail("an empty pattern");
  return (path, env) => env.patterns.matches(code, path.node, where);
}

/** `kind`: the node's own type, or an ast-types type it belongs to (`Expression` holds every expression). */
function compileKind(kinds: readonly string[], fail: (message: string) => Error): Test {
  const named = recast.types.namedTypes as unknown as Record<string, { check(value: unknown): boolean } | undefined>;
  for (const kind of kinds) {
    if (!named[kind]) throw fail(`unknown node kind ${JSON.stringify(kind)} (a Babel node type such as "Identifier" or "CallExpression", or an alias such as "Expression")`);
  }
  const exact = new Set(kinds);
  const checks = kinds.map((kind) => named[kind]!);
  return (path) => exact.has(path.node.type) || checks.some((check) => check.check(path.node));
}

/** Does any node strictly below `path` satisfy `test`? */
function someDescendant(path: NodePath, test: (path: NodePath) => boolean): boolean {
  const node = path.node;
  for (const key of childKeys(node)) {
    const value = field(node, key);
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (!isNode(child)) continue;
      const childPath = new NodePath(child, path, key, Array.isArray(value));
      if (test(childPath) || someDescendant(childPath, test)) return true;
    }
  }
  return false;
}

/** The path of `target` below `root` (by identity), for a captured node's ancestors. */
export function pathBelow(root: NodePath, target: Node): NodePath | undefined {
  if (root.node === target) return root;
  let found: NodePath | undefined;
  someDescendant(root, (p) => {
    if (p.node === target) found = p;
    return found !== undefined;
  });
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

function describe(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return "a list";
  return value === null ? "null" : typeof value === "object" ? "an object" : JSON.stringify(value) ?? typeof value;
}
