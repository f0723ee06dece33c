/**
 * Removing what a match is: a statement with the comments that belong to it,
 * a specifier (its import goes when it was the last), a declarator, an item of
 * a list (an argument, an attribute, a property…). Comment ownership: a
 * comment on the statement's lines or directly above it goes with it; one
 * separated from it by a blank line (a header, a section divider) stays.
 */
import type { ImportDeclaration, Node } from "@babel/types";

import { isStatementList, type NodePath } from "../ast.js";
import { CodemodError, type FileContext, type ModifierFn } from "../model.js";

/** Remove the match: a statement, a specifier (its import goes when it was the last), an argument, an attribute… */
export function remove(): ModifierFn {
  return (found, ctx) => removeAt(found.path, ctx, found.label);
}

export function removeAt(path: NodePath, ctx: FileContext, label: string): void {
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
export function removeStatement(path: NodePath, ctx: FileContext): void {
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

export function separatedByBlankLine(comment: Node, node: Node, ctx: FileContext): boolean {
  const c = ctx.ast.index.rangeOf(comment);
  const n = ctx.ast.index.rangeOf(node);
  if (!c || !n) return false;
  const between = ctx.ast.source.slice(c.end, n.start);
  return /\n[^\S\n]*\r?\n/.test(between) || /\r[^\S\r\n]*\r/.test(between);
}

/** Detach the comments that belong to a statement (see removeStatement), leaving the detached ones. */
export function takeOwnComments(node: Node, ctx: FileContext): Node[] {
  const holder = node as Node & { comments?: (Node & { leading?: boolean })[] };
  const own = (holder.comments ?? []).filter((c) => !(c.leading && separatedByBlankLine(c, node, ctx)));
  holder.comments = (holder.comments ?? []).filter((c) => !own.includes(c));
  return own;
}
