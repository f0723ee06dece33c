/**
 * Modifiers: what a query does to each match. Every edit goes through the
 * file context (`ctx.touch`), which records the original range it replaced:
 * verification allows comments inside those ranges to go, and no others.
 *
 * Replacing a single node happens in place ("become": the node object takes
 * the replacement's fields), so matches nested in it and captures pointing
 * at it stay valid: `foo(foo(1))` with `foo($X)` → `bar($X)` gives
 * `bar(bar(1))`.
 */
import type { Node } from "@babel/types";
import * as recast from "recast";

import { isStatementList, type NodePath, setField } from "../ast.js";
import { type Captures, CodemodError, type FileContext, type Found, type Match, type ModifierFn } from "../model.js";
import { keepComments, paramsOf } from "../names.js";
import { parseExpression, parseStatements } from "../parse.js";
import { renameOccurrence } from "../rename.js";

import { ensureImport, type ImportSpec, intendWrittenImports, removeImport, type RemoveImportResult } from "./import-helpers.js";
import { spliceInsert, spliceRemove } from "./splice-lists.js";
import { instantiate, type TemplateKind } from "./template.js";

/** Renames are text edits of known ranges: they work in splice mode (see core.ts). */
export function rename(newName: string): ModifierFn {
  const modifier = (found: Found, ctx: FileContext): void => {
    if (found.rename) return found.rename(newName, ctx);
    const node = found.path.node;
    if (node.type === "Identifier" || node.type === "JSXIdentifier") return renameOccurrence(found.path, newName, ctx);
    throw new CodemodError(`cannot rename ${found.label}: rename works on imports, bindings, calls, methods, JSX elements and attributes, and identifiers`, node);
  };
  return Object.assign(modifier, { splices: true });
}

export function replace(template: string): ModifierFn {
  return (found, ctx) => replaceWithTemplate(found, template, ctx);
}

function replaceWithTemplate(found: Found, template: string, ctx: FileContext): void {
  const path = found.path;
  const kind = templateKindAt(path);
  const nodes = instantiate(template, kind, found.captures, ctx.ast, ctx.copied);
  intendWrittenImports(nodes, ctx);
  if (kind === "statements" || kind === "member" || kind === "attribute") {
    if (nodes.length === 1) return become(path, nodes[0]!, ctx);
    if (!path.listed) throw new CodemodError(`the template gives ${nodes.length} statements, but ${found.label} is not in a statement list`, path.node);
    ctx.touch(path.node);
    if (nodes[0]) keepComments(path.node, nodes[0]);
    path.insert("after", nodes);
    path.remove();
    return;
  }
  become(path, nodes[0]!, ctx);
}

/** What a template replacing the node at `path` is parsed as. */
function templateKindAt(path: NodePath): TemplateKind {
  const node = path.node;
  const parent = path.parentNode;
  if (node.type === "JSXAttribute" || node.type === "JSXSpreadAttribute") return "attribute";
  if (parent?.type === "ClassBody") return "member";
  if (path.key === "params" && parent && /Function|Method/.test(parent.type)) return "param";
  if (/Statement$|Declaration$/.test(node.type)) return "statements";
  if (/Specifier$/.test(node.type)) throw new CodemodError(`replace a ${node.type} with rename() or moveTo()`, node);
  return "expression";
}

/**
 * Make `target`'s node become `replacement`, in place. A replacement that is
 * itself a node of the file (a template of just `$X`) takes the target's place
 * instead, so that its original text is reused.
 */
function become(path: NodePath, replacement: Node, ctx: FileContext): void {
  const target = path.node;
  ctx.touch(target);
  if (replacement === target) return;
  if ((replacement as { original?: unknown }).original !== undefined || containsNode(replacement, target)) {
    path.replaceWith(keepComments(target, replacement));
    return;
  }
  const comments = (target as { comments?: unknown }).comments;
  for (const key of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[key];
  Object.assign(target, replacement);
  setField(target, "loc", null);
  if (comments && !(replacement as { comments?: unknown }).comments) setField(target, "comments", comments);
}

function containsNode(root: Node, needle: Node): boolean {
  let found = false;
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (found || !value || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (value === needle) {
      found = true;
      return;
    }
    for (const [key, child] of Object.entries(value)) if (key !== "loc" && key !== "comments") visit(child);
  };
  visit(root);
  return found;
}

export function insert(where: "before" | "after", code: string): ModifierFn {
  return (found, ctx) => {
    const member = closestListed(found.path, (parent, key) => parent.type === "ClassBody" && key === "body");
    const statement = closestListed(found.path, (parent, key) => isStatementList(parent, key));
    const target = pickInner(member, statement);
    if (!target) throw new CodemodError(`cannot insert next to ${found.label}: it is not inside a statement or a class member`, found.path.node);
    const kind: TemplateKind = target === member ? "member" : "statements";
    const nodes = instantiate(code, kind, found.captures, ctx.ast, ctx.copied);
    ctx.insertInto(target.node);
    intendWrittenImports(nodes, ctx);
    target.insert(where, nodes);
  };
}

/** The nearest ancestor-or-self sitting in a list that `test` accepts. */
function closestListed(path: NodePath, test: (parent: Node, key: string) => boolean): NodePath | undefined {
  for (let p: NodePath | null = path; p; p = p.parent) {
    if (p.parent && p.listed && p.key !== null && test(p.parent.node, p.key)) return p;
  }
  return undefined;
}

/** Of two ancestors, the one nearer the match. */
function pickInner(a: NodePath | undefined, c: NodePath | undefined): NodePath | undefined {
  if (!a) return c;
  if (!c) return a;
  for (let p: NodePath | null = a; p; p = p.parent) if (p.node === c.node) return a;
  return c;
}

export interface AddArgumentOptions {
  /** Position of the new argument: 0 is first; negative counts from the end; default: last. */
  readonly at?: number;
  /** At definitions (selectFunction, selectMethod, selectClass's constructor): the parameter to add; default: `code`. */
  readonly param?: string;
}

/**
 * Add an argument (a parameter at definitions). Without metavariables the
 * template is spliced in as written, with the list's own separators (see
 * splice-lists.ts); with them, the file goes through recast.
 */
export function addArgument(code: string, options: AddArgumentOptions = {}): ModifierFn {
  const modifier = (found: Found, ctx: FileContext): void => {
    const target = argumentsOf(found, "addArgument");
    if (!target) return;
    const template = target.kind === "call" ? code : (options.param ?? code);
    const [node] = instantiate(template, target.kind === "call" ? "expression" : "param", found.captures, ctx.ast, ctx.copied);
    spliceInsert(ctx, target.owner, target.list, listIndex(target.list.length, options.at), template.trim());
    const index = insertAt(target.list, node!, options.at);
    if (target.kind === "call") found.paramNames?.splice(index, 0, options.param ? (paramNames({ params: [node!] } as never)[0] ?? "") : "");
    ctx.insertInto(target.owner);
  };
  return Object.assign(modifier, { splices: !code.includes("$") && !(options.param ?? "").includes("$") });
}

/** The list the argument modifiers edit: a call's arguments or a definition's parameters; undefined for a match that has neither (an import, a plain reference). */
function argumentsOf(found: Found, what: string): { kind: "call" | "def"; list: Node[]; owner: Node } | undefined {
  const node = found.path.node as Node & { arguments?: Node[]; params?: Node[] };
  const call = found.call ?? (CALLS.has(node.type) ? (node as Node & { arguments: Node[] }) : undefined);
  if (call) return { kind: "call", list: call.arguments, owner: call };
  const fn = found.fn ?? (node.params && /Function|Method/.test(node.type) ? (node as Node & { params: Node[] }) : undefined);
  if (fn) return { kind: "def", list: paramsOf(fn), owner: fn };
  if (found.role === "import" || found.role === "reference") return undefined;
  throw new CodemodError(
    `${what}: ${found.label} is neither a call nor a function definition (use selectCall, selectFunction, selectMethod or selectClass)`,
    found.path.node,
  );
}

const CALLS = new Set(["CallExpression", "OptionalCallExpression", "NewExpression"]);

/** Insert at `at` (negative: from the end; default: last); returns the index used. */
function insertAt(list: Node[], node: Node, at: number | undefined): number {
  const index = listIndex(list.length, at);
  list.splice(index, 0, node);
  return index;
}

function listIndex(length: number, at: number | undefined): number {
  return at === undefined ? length : at < 0 ? Math.max(0, length + at + 1) : Math.min(at, length);
}

/** The index an argument modifier acts on, at a call or a definition. */
function argumentIndex(found: Found, target: { kind: "call" | "def"; list: Node[] }, indexOrName: number | string, what: string): number {
  if (typeof indexOrName === "number") {
    if (!Number.isInteger(indexOrName) || indexOrName < 0) throw new CodemodError(`${what}: the index must be a non-negative integer, got ${indexOrName}`);
    return indexOrName;
  }
  const names = target.kind === "def" ? paramNames({ params: target.list }) : found.paramNames;
  if (!names) {
    throw new CodemodError(
      `${what}(${JSON.stringify(indexOrName)}): the definition of ${found.label} is not in this file, so the parameter's position is unknown; pass its index instead`,
      found.path.node,
    );
  }
  const index = names.indexOf(indexOrName);
  if (index === -1) throw new CodemodError(`${what}: ${found.label} has no parameter named \`${indexOrName}\` (parameters: ${names.join(", ")})`, found.path.node);
  return index;
}

function paramNames(fn: { params: Node[] }): string[] {
  return fn.params.map((param) => {
    let p: Node = param;
    if (p.type === "TSParameterProperty") p = p.parameter;
    if (p.type === "AssignmentPattern") p = p.left;
    if (p.type === "RestElement") p = p.argument;
    return p.type === "Identifier" ? p.name : "";
  });
}

export function removeArgument(indexOrName: number | string): ModifierFn {
  const modifier = (found: Found, ctx: FileContext): void => {
    const target = argumentsOf(found, "removeArgument");
    if (!target) return;
    const index = argumentIndex(found, target, indexOrName, "removeArgument");
    if (target.kind === "call") found.paramNames?.splice(index, 1);
    const node = target.list[index];
    if (!node) return; // not passed at this call
    spliceRemove(ctx, target.list, index);
    ctx.touch(node, true);
    target.list.splice(index, 1);
  };
  return Object.assign(modifier, { splices: true });
}

export function modifyArgument(indexOrName: number | string, code: string): ModifierFn {
  return (found, ctx) => {
    const target = argumentsOf(found, "modifyArgument");
    if (!target) return;
    const index = argumentIndex(found, target, indexOrName, "modifyArgument");
    const old = target.list[index];
    if (!old) return; // not passed at this call
    const [replacement] = instantiate(code, target.kind === "call" ? "expression" : "param", { ...found.captures, ARG: old }, ctx.ast, ctx.copied);
    ctx.touch(old);
    target.list[index] = keepComments(old, replacement!);
  };
}

/** What `modify` callbacks get to build nodes with. */
export interface Builders {
  /** recast's (ast-types) node builders: `b.identifier("x")`, `b.callExpression(…)`. */
  readonly b: typeof recast.types.builders;
  /** Parse an expression with the file's plugins. */
  expression(code: string): Node;
  /** Parse statements with the file's plugins. */
  statements(code: string): Node[];
  /**
   * The local name to use for an import, added when the file has none
   * (import-helpers.ts): `ensureImport({ from: "./logger", name: "logger" })`;
   * an alias (`_logger`) when the file already spells the name.
   */
  ensureImport(spec: ImportSpec): string;
  /** Remove an import whose binding is unused in the tree as it is now; a used one stays (`"used"`). */
  removeImport(spec: ImportSpec): RemoveImportResult;
}

export type ModifyResult = Node | string | undefined | void;
export type ModifyFn<C extends Captures = Captures> = (match: Match<C>, builders: Builders) => ModifyResult;

/**
 * Run a callback on each match: it may mutate the node (the whole node then
 * counts as edited), return a node to put in its place, or return a template.
 */
export function modify(fn: ModifyFn): ModifierFn {
  return (found, ctx) => {
    const builders: Builders = {
      b: recast.types.builders,
      expression: (code) => parseExpression(code, ctx.ast),
      statements: (code) => parseStatements(code, ctx.ast),
      ensureImport: (spec) => ensureImport(ctx, spec),
      removeImport: (spec) => removeImport(ctx, spec),
    };
    const node = found.path.node;
    ctx.touch(node);
    const result = fn(ctx.toMatch(found), builders);
    if (typeof result === "string") return replaceWithTemplate(found, result, ctx);
    if (result && typeof result === "object") {
      intendWrittenImports([result as Node], ctx);
      return become(found.path, result as Node, ctx);
    }
    intendWrittenImports([found.path.node], ctx);
  };
}

