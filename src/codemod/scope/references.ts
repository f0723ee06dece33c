/**
 * What is a reference, and in which name space it looks (scope.ts resolves
 * it). Not references: member properties (`a.b`), object and class keys
 * (`{ b: 1 }`, `b() {}`), labels, `import { b as c }`'s `b`, exported names,
 * `import.meta`, JSX attribute names and lower-case JSX tags (`<div>`). A
 * reference in a type position (`let a: X`, `implements X`) looks for a
 * type, anywhere else for a value (`typeof x` is a value).
 */
import type { Node } from "@babel/types";

import type { NodePath } from "../ast.js";

import type { Space } from "./scope-model.js";

/** Whether an identifier is a reference, and in which space; undefined when it is not one. */
export function referenceSpace(path: NodePath): Space | undefined {
  const node = path.node;
  const parent = path.parentNode;
  const key = path.key;
  if (!parent) return "value";
  if (node.type === "JSXIdentifier") return jsxReference(node.name, parent, key);
  if (!isReferencePosition(parent, key, path)) return undefined;
  return spaceOf(path);
}

function jsxReference(name: string, parent: Node, key: string | null): Space | undefined {
  if (name === "this") return undefined;
  if (parent.type === "JSXMemberExpression") return key === "object" ? "value" : undefined;
  if (parent.type === "JSXOpeningElement" || parent.type === "JSXClosingElement") {
    // Lower-case and dashed names are intrinsic elements (`<div>`, `<my-element>`), not bindings.
    return /^[a-z]/.test(name) || name.includes("-") ? undefined : "value";
  }
  return undefined;
}

const KEYED = new Set([
  "ObjectProperty",
  "ObjectMethod",
  "ClassProperty",
  "ClassMethod",
  "ClassPrivateProperty",
  "ClassPrivateMethod",
  "ClassAccessorProperty",
  "TSDeclareMethod",
  "TSPropertySignature",
  "TSMethodSignature",
  "TSAbstractPropertyDefinition",
  "TSAbstractMethodDefinition",
  "ObjectTypeProperty",
]);

function isReferencePosition(parent: Node, key: string | null, path: NodePath): boolean {
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && key === "property") return parent.computed;
  if (KEYED.has(parent.type) && key === "key") return (parent as { computed?: boolean }).computed === true;
  switch (parent.type) {
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return key !== "label";
    case "ImportSpecifier":
    case "ImportDefaultSpecifier":
    case "ImportNamespaceSpecifier":
    case "ExportNamespaceSpecifier":
    case "ExportDefaultSpecifier":
    case "MetaProperty":
    case "TSIndexSignature":
    case "TSImportType":
    case "PrivateName":
    case "TSTypeParameter":
    case "ObjectTypeIndexer":
    case "FunctionTypeParam":
    case "QualifiedTypeIdentifier":
      return parent.type === "QualifiedTypeIdentifier" && key === "qualification";
    case "ExportSpecifier": {
      if (key !== "local") return false;
      const declaration = path.parent?.parentNode;
      return !(declaration && declaration.type === "ExportNamedDeclaration" && declaration.source);
    }
    case "TSQualifiedName":
      return key === "left";
    case "TSEnumMember":
      return key !== "id";
    default:
      return true;
  }
}

/** Babel 7 and 8 names of the nodes whose name is a type reference. */
const TYPE_REFERENCE_PARENTS = new Set([
  "TSTypeReference",
  "TSExpressionWithTypeArguments",
  "TSInterfaceHeritage",
  "TSClassImplements",
  "GenericTypeAnnotation",
  "InterfaceExtends",
]);

/** `let a: X` → type; `typeof x` → value; TSQualifiedName chains take their root's space. */
function spaceOf(path: NodePath): Space {
  let p: NodePath = path;
  while (p.parent && p.parentNode?.type === "TSQualifiedName") p = p.parent;
  const parent = p.parentNode;
  if (!parent) return "value";
  return TYPE_REFERENCE_PARENTS.has(parent.type) ? "type" : "value";
}
