/**
 * Where a metavariable can stand in patterns (pattern.ts) and templates
 * (template.ts): the name a node spells when it is nothing but `$X` / `$$$X`.
 * Each list position parses `$$$X` as its own kind of item, so each is
 * recognised here:
 *
 *   f($$$A)              Identifier                (arguments, elements, params)
 *   { $$$S }             ExpressionStatement       (statements)
 *   { a: 1, $$$P }       ObjectProperty, shorthand (object literal and pattern properties)
 *   <div $$$ATTRS />     JSXAttribute without value
 *   <a>{$X}</a>          JSXExpressionContainer    (children)
 *   class { $$$M }       ClassProperty without value (class members)
 *   import { $$$S }      ImportSpecifier / ExportSpecifier, not renamed
 *   Foo<$$$T>            TSTypeReference           (type arguments and types)
 */
import type { Node } from "@babel/types";

/** The identifier text `node` consists of, when it is a bare name in one of the positions above. */
export function bareName(node: Node): string | undefined {
  switch (node.type) {
    case "Identifier":
    case "JSXIdentifier":
      return node.name;
    case "ExpressionStatement":
    case "JSXExpressionContainer":
      return node.expression.type === "Identifier" ? node.expression.name : undefined;
    case "TSTypeReference":
      return node.typeName.type === "Identifier" && !node.typeParameters ? node.typeName.name : undefined;
    case "ObjectProperty":
      return node.shorthand && node.key.type === "Identifier" && !node.computed ? node.key.name : undefined;
    case "JSXAttribute":
      return node.name.type === "JSXIdentifier" && node.value === null ? node.name.name : undefined;
    case "ClassProperty":
      return node.key.type === "Identifier" && node.value === null && !node.computed && !node.static && !node.typeAnnotation && !node.decorators?.length ? node.key.name : undefined;
    case "ImportSpecifier":
      return node.imported.type === "Identifier" && node.imported.name === node.local.name && node.importKind !== "type" ? node.local.name : undefined;
    case "ExportSpecifier":
      return node.exported.type === "Identifier" && node.exported.name === node.local.name && node.exportKind !== "type" ? node.local.name : undefined;
    default:
      return undefined;
  }
}

/**
 * May `node`'s bare name stand for a single node (`$X`)? Only where the
 * name is the whole node: an object property `{ $X }` or an attribute
 * `<a $X />` is still a property whose key is `$X`, matched as such.
 */
export function standsAlone(node: Node): boolean {
  return node.type === "Identifier" || node.type === "JSXIdentifier" || node.type === "ExpressionStatement" || node.type === "JSXExpressionContainer" || node.type === "TSTypeReference";
}
