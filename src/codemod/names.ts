/** Names and small node helpers shared by selectors and modifiers. */
import type { Node } from "@babel/types";
import * as recast from "recast";

export const b = recast.types.builders;

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
);

export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A name that can be a binding: an identifier that is not a reserved word. */
export function isBindingName(name: string): boolean {
  return isIdentifierName(name) && !RESERVED.has(name);
}

/** `a.b.c` → ["a", "b", "c"]; each part must be an identifier (`this` allowed first). */
export function dottedParts(dotted: string): string[] {
  const parts = dotted.split(".");
  if (parts.length === 0 || parts.some((p) => !isIdentifierName(p))) throw new Error(`not a dotted name: ${JSON.stringify(dotted)}`);
  return parts;
}

/** Does `node` spell `parts` (`a.b.c`, optional chaining and `a["b"]` included)? */
export function matchesDotted(node: Node | null | undefined, parts: readonly string[]): boolean {
  if (!node) return false;
  const last = parts[parts.length - 1]!;
  if (parts.length === 1) {
    if (node.type === "Identifier") return node.name === last;
    if (node.type === "ThisExpression") return last === "this";
    return false;
  }
  if (node.type !== "MemberExpression" && node.type !== "OptionalMemberExpression") return false;
  if (propertyName(node) !== last) return false;
  return matchesDotted(node.object, parts.slice(0, -1));
}

/** The name of a member's property: `a.b` and `a["b"]` → "b"; undefined for `a[b]`. */
export function propertyName(node: Node & { property: Node; computed: boolean }): string | undefined {
  const property = node.property;
  if (!node.computed && property.type === "Identifier") return property.name;
  if (node.computed && property.type === "StringLiteral") return property.value;
  return undefined;
}

/** A non-computed key's name (`a`, `"a"`, `#a`), else undefined. */
export function keyName(node: Node & { key: Node; computed?: boolean }): string | undefined {
  const key = node.key;
  if (key.type === "Identifier") return node.computed ? undefined : key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "PrivateName") return `#${key.id.name}`;
  return undefined;
}

/** A string literal's value (Babel's StringLiteral, or the `Literal` this module builds to keep quotes). */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === "StringLiteral") return node.value;
  const literal = node as unknown as { type: string; value?: unknown };
  if (literal.type === "Literal" && typeof literal.value === "string") return literal.value;
  return undefined;
}

/**
 * A string literal that prints with the quote of the literal it replaces.
 * recast prints Babel's StringLiteral with one quote style for the whole file,
 * but an ESTree `Literal` with its `raw` text.
 */
export function stringLiteralLike(value: string, replacing: Node | null | undefined): Node {
  const raw = replacing ? (replacing.extra?.["raw"] as string | undefined) : undefined;
  return { type: "Literal", value, raw: stringText(value, raw) } as unknown as Node;
}

/** A string literal's source text for `value`, quoted like `like` (the text it replaces; default double quotes). */
export function stringText(value: string, like: string | undefined): string {
  const body = JSON.stringify(value).slice(1, -1);
  return like?.startsWith("'") ? `'${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'` : `"${body}"`;
}

/** A dotted name as an expression: `c.d` → MemberExpression(c, d). */
export function dottedExpression(dotted: string): Node {
  const parts = dottedParts(dotted);
  let node = (parts[0] === "this" ? b.thisExpression() : b.identifier(parts[0]!)) as unknown as Node;
  for (const part of parts.slice(1)) node = b.memberExpression(node as never, b.identifier(part)) as unknown as Node;
  return node;
}

/** A JSX element name: `Foo`, `Foo.Bar`, `foo:bar`. */
export function jsxName(name: string): Node {
  if (name.includes(":")) {
    const [ns, local] = name.split(":");
    return b.jsxNamespacedName(b.jsxIdentifier(ns!), b.jsxIdentifier(local!)) as unknown as Node;
  }
  const parts = name.split(".");
  let node = b.jsxIdentifier(parts[0]!) as unknown as Node;
  for (const part of parts.slice(1)) node = b.jsxMemberExpression(node as never, b.jsxIdentifier(part)) as unknown as Node;
  return node;
}

/** The text of a JSX element name: `Foo.Bar`. */
export function jsxNameText(node: Node): string | undefined {
  if (node.type === "JSXIdentifier") return node.name;
  if (node.type === "JSXNamespacedName") return `${node.namespace.name}:${node.name.name}`;
  if (node.type === "JSXMemberExpression") {
    const object = jsxNameText(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/** The module a node imports from, for the kinds of node `selectImport(module)` matches. */
export function importSource(node: Node): Node | undefined {
  switch (node.type) {
    case "ImportDeclaration":
    case "ExportAllDeclaration":
      return node.source;
    case "ExportNamedDeclaration":
      return node.source ?? undefined;
    case "CallExpression": {
      const arg = node.arguments[0];
      const isRequire = node.callee.type === "Identifier" && node.callee.name === "require";
      const isImport = node.callee.type === "Import";
      return (isRequire || isImport) && node.arguments.length >= 1 && arg && stringValue(arg) !== undefined ? arg : undefined;
    }
    case "ImportExpression":
      return stringValue(node.source) !== undefined ? node.source : undefined;
    case "TSExternalModuleReference":
      return node.expression;
    case "TSImportType":
      return (node as unknown as { argument: Node }).argument;
    default:
      return undefined;
  }
}

/** Copy what recast attached to `from` (its comments) onto `to`, when `to` has none. */
export function keepComments(from: Node, to: Node): Node {
  const comments = (from as { comments?: unknown }).comments;
  if (comments && !(to as { comments?: unknown }).comments) (to as { comments?: unknown }).comments = comments;
  return to;
}

/** A function's parameter list: `params`, or `parameters` for TS signatures (Babel 7). */
export function paramsOf(fn: Node): Node[] {
  const holder = fn as { params?: Node[]; parameters?: Node[] };
  if (!holder.params && !holder.parameters) holder.params = [];
  return (holder.params ?? holder.parameters)!;
}
