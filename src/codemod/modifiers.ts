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
import type { ImportDeclaration, Node } from "@babel/types";
import * as recast from "recast";

import { isStatementList, type NodePath, setField } from "./ast.js";
import { type Captures, CodemodError, type FileContext, type Found, type Match, type ModifierFn } from "./model.js";
import { b, keepComments, stringLiteralLike, stringValue } from "./names.js";
import { parseExpression, parseStatements } from "./parse.js";
import { renameOccurrence } from "./rename.js";
import { paramsOf } from "./select-bindings.js";
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
  const nodes = instantiate(template, kind, found.captures, ctx.ast);
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
export function become(path: NodePath, replacement: Node, ctx: FileContext): void {
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

/** Remove the match: a statement, a specifier (its import goes when it was the last), an argument, an attribute… */
export function remove(): ModifierFn {
  return (found, ctx) => removeAt(found.path, ctx, found.label);
}

function removeAt(path: NodePath, ctx: FileContext, label: string): void {
  const node = path.node;
  const parent = path.parent;
  if (parent && parent.node.type === "ExpressionStatement" && path.key === "expression") return removeAt(parent, ctx, label);
  // A declaring name (selectVar's definitions) stands for its declaration.
  if (parent && node.type === "Identifier" && (path.key === "id" || path.key === "local") && DECLARES.has(parent.node.type)) return removeAt(parent, ctx, label);
  if (parent && (parent.node.type === "ImportDeclaration" || parent.node.type === "ExportNamedDeclaration") && path.key === "specifiers") {
    const declaration = parent.node as ImportDeclaration;
    if (declaration.specifiers.length === 1) return removeStatement(parent, ctx);
    ctx.touch(node);
    path.remove();
    return;
  }
  if (node.type === "VariableDeclarator" && parent?.node.type === "VariableDeclaration") {
    if (parent.node.declarations.length === 1) return removeAt(parent, ctx, label);
    ctx.touch(node);
    path.remove();
    return;
  }
  if (parent && path.listed && isStatementList(parent.node, path.key!)) return removeStatement(path, ctx);
  if (parent && path.listed && REMOVABLE_LISTS.has(path.key!)) {
    ctx.touch(node, true);
    path.remove();
    return;
  }
  if (parent?.node.type === "ExportNamedDeclaration" || parent?.node.type === "ExportDefaultDeclaration") return removeAt(parent, ctx, label);
  throw new CodemodError(`cannot remove ${label} here (a ${node.type} in ${parent?.node.type ?? "nothing"}.${path.key ?? ""})`, node);
}

const DECLARES = new Set([
  "VariableDeclarator",
  "FunctionDeclaration",
  "ClassDeclaration",
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSEnumDeclaration",
  "ImportSpecifier",
  "ImportDefaultSpecifier",
  "ImportNamespaceSpecifier",
]);

/** Lists whose items can go on their own. */
const REMOVABLE_LISTS = new Set(["arguments", "params", "elements", "properties", "attributes", "children", "specifiers", "decorators", "members", "body"]);

/**
 * Remove a statement with the comments that belong to it (attached: on its
 * lines, or directly above it). A comment separated from it by a blank line
 * (a header, a section divider) is not its own: it moves to the next
 * statement, or the previous one, so it stays in the file.
 */
function removeStatement(path: NodePath, ctx: FileContext): void {
  const node = path.node as Node & { comments?: (Node & { leading?: boolean; trailing?: boolean })[] };
  const detached = (node.comments ?? []).filter((c) => c.leading && separatedByBlankLine(c, node, ctx));
  const own = (node.comments ?? []).filter((c) => !detached.includes(c));
  node.comments = own;
  ctx.touch(node, true);
  const list = path.container()!;
  const at = list.indexOf(node);
  path.remove();
  if (detached.length === 0) return;
  const next = list[at] as (Node & { comments?: unknown[] }) | undefined;
  const previous = list[at - 1] as (Node & { comments?: unknown[] }) | undefined;
  if (next) next.comments = [...detached.map((c) => ({ ...c, leading: true, trailing: false })), ...(next.comments ?? [])];
  else if (previous) previous.comments = [...(previous.comments ?? []), ...detached.map((c) => ({ ...c, leading: false, trailing: true }))];
}

function separatedByBlankLine(comment: Node, node: Node, ctx: FileContext): boolean {
  const c = ctx.ast.index.rangeOf(comment);
  const n = ctx.ast.index.rangeOf(node);
  if (!c || !n) return false;
  const between = ctx.ast.source.slice(c.end, n.start);
  return /\n[^\S\n]*\r?\n/.test(between) || /\r[^\S\r\n]*\r/.test(between);
}

export function insert(where: "before" | "after", code: string): ModifierFn {
  return (found, ctx) => {
    const member = closestListed(found.path, (parent, key) => parent.type === "ClassBody" && key === "body");
    const statement = closestListed(found.path, (parent, key) => isStatementList(parent, key));
    const target = pickInner(member, statement);
    if (!target) throw new CodemodError(`cannot insert next to ${found.label}: it is not inside a statement or a class member`, found.path.node);
    const kind: TemplateKind = target === member ? "member" : "statements";
    const nodes = instantiate(code, kind, found.captures, ctx.ast);
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
    const [node] = instantiate(template, target.kind === "call" ? "expression" : "param", found.captures, ctx.ast);
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
    const [replacement] = instantiate(code, target.kind === "call" ? "expression" : "param", { ...found.captures, ARG: old }, ctx.ast);
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

/**
 * Move an imported name to another module: the specifier leaves its import
 * (which goes when it was the last) and joins an import of `module` of the
 * same kind, or a new one placed right after; the sorter then puts it where
 * it belongs.
 */
export function moveTo(module: string): ModifierFn {
  return (found, ctx) => {
    const spec = found.path.node;
    const declarationPath = found.path.parent;
    const declaration = declarationPath?.node;
    if (!declarationPath || declaration?.type !== "ImportDeclaration" || !/^Import(Default|Namespace)?Specifier$/.test(spec.type)) {
      if (found.role === "reference" || found.role === "call") return; // references follow their import
      throw new CodemodError(`moveTo works on imported names (selectImport(module, name)), not on ${found.label}`, spec);
    }
    if (stringValue(declaration.source) === module) return;
    const body = declarationPath.container();
    if (!body) throw new CodemodError("cannot move an import that is not in a statement list", declaration);
    const kind = declaration.importKind ?? "value";
    const target = body.find(
      (s): s is ImportDeclaration =>
        s.type === "ImportDeclaration" &&
        s !== declaration &&
        stringValue(s.source) === module &&
        (s.importKind ?? "value") === kind &&
        !s.specifiers.some((x) => x.type === "ImportNamespaceSpecifier") &&
        canJoin(s, spec),
    );
    const last = declaration.specifiers.length === 1;
    if (last && !target) {
      // The only name of its import: the import itself moves (comments, attributes and all).
      ctx.intendImport(module, "*");
      ctx.touch(declaration.source);
      declaration.source = stringLiteralLike(module, declaration.source) as never;
      return;
    }
    ctx.touch(spec);
    const moved = { ...spec, loc: null } as Node;
    if (last) {
      // Its own comments (`// eslint-disable-next-line`) go with the name to the import it joins.
      const own = takeOwnComments(declaration, ctx);
      removeStatement(declarationPath, ctx);
      if (target && own.length > 0) (target as { comments?: unknown[] }).comments = [...own, ...((target as { comments?: unknown[] }).comments ?? [])];
    } else {
      found.path.remove();
    }
    ctx.intendImport(module, "*");
    if (target) {
      ctx.insertInto(target);
      if (spec.type === "ImportDefaultSpecifier") target.specifiers.unshift(moved as never);
      else target.specifiers.push(moved as never);
      return;
    }
    const created = b.importDeclaration([moved as never], stringLiteralLike(module, declaration.source) as never) as unknown as ImportDeclaration;
    if (kind !== "value") created.importKind = kind;
    const at = newImportIndex(body, module);
    ctx.insertInto(body[at - 1] ?? body[at]);
    body.splice(at, 0, created);
  };
}

/**
 * Where a new import of `module` goes (minimal diffs: the sorter places it
 * only in files that were sorted): right after the last import of the same
 * module, else at the end of the first import block (the imports before the
 * first other statement), else at the top after directives.
 */
export function newImportIndex(body: readonly Node[], module: string): number {
  let same = -1;
  body.forEach((s, i) => {
    if (s.type === "ImportDeclaration" && stringValue(s.source) === module) same = i;
  });
  if (same !== -1) return same + 1;
  const first = body.findIndex((s) => s.type === "ImportDeclaration");
  if (first === -1) return 0;
  let end = first;
  while (body[end + 1]?.type === "ImportDeclaration") end++;
  return end + 1;
}

/** Imports a codemod author wrote in a template (or returned from `modify`) are imports the codemod asked for. */
export function intendWrittenImports(nodes: readonly Node[], ctx: FileContext): void {
  for (const node of nodes) {
    if (node.type !== "ImportDeclaration" && !(node.type === "ExportNamedDeclaration" && node.source)) continue;
    const module = stringValue(node.source);
    if (module !== undefined) ctx.intendImport(module, "*");
  }
}

/** Detach the comments that belong to a statement (see removeStatement), leaving the detached ones. */
function takeOwnComments(node: Node, ctx: FileContext): Node[] {
  const holder = node as Node & { comments?: (Node & { leading?: boolean })[] };
  const own = (holder.comments ?? []).filter((c) => !(c.leading && separatedByBlankLine(c, node, ctx)));
  holder.comments = (holder.comments ?? []).filter((c) => !own.includes(c));
  return own;
}

/** A default import joins only an import without one; a namespace import joins none. */
function canJoin(target: ImportDeclaration, spec: Node): boolean {
  if (spec.type === "ImportNamespaceSpecifier") return false;
  if (spec.type === "ImportDefaultSpecifier") return !target.specifiers.some((s) => s.type === "ImportDefaultSpecifier");
  return true;
}
