/**
 * `match.scope.lookup(name)` and `match.resolve()`: what a name means where a
 * match sits, read from the file's scope analysis (scope.ts), not from
 * spellings.
 *
 *   import { a as b } from "m";          match.scope.lookup("b") at `b(1)`
 *   function f(b) { b(1); }        →     { kind: "param", declaration: <the param b>, … }
 *   b(2);                          →     { kind: "import", import: { module: "m", imported: "a" }, … }
 *
 * A name nothing in the file declares is a `global`. The analysis is that of
 * the tree when the transform started (scopes are recomputed after each
 * transform), so a name a modifier has just introduced is not seen yet.
 */
import type { Node } from "@babel/types";

import { isFunctionNode, nameOf, type NodePath } from "../ast.js";
import type { SourceIndex } from "../positions.js";

import type { Binding, BindingKind, ScopeInfo } from "./scope.js";

/** What a name refers to: a declaration of the file, or a global. */
export interface Resolution {
  readonly name: string;
  /** How it is declared; `"global"` when nothing in the file declares it. */
  readonly kind: BindingKind | "global";
  /** The identifier that declares it (the first one, for `var a; var a`); absent for a global or a type parameter. */
  readonly identifier?: Node;
  /**
   * The declaring node: the `VariableDeclarator`, the function or class, the
   * import specifier, the parameter (a pattern, for a destructured one), the
   * `CatchClause`, the interface, type alias, enum or namespace.
   */
  readonly declaration?: Node;
  /** 1-based position of `identifier` in the original file (0 when it has none). */
  readonly line: number;
  readonly column: number;
  /** Declared at the top level of the module. */
  readonly topLevel: boolean;
  /** For an import: its module and the name it imports (`"default"`, `"*"` for a namespace or `import x = require()`). */
  readonly import?: ImportOrigin;
}

export interface ImportOrigin {
  readonly module: string;
  readonly imported: string;
  /** `import type …` or `import { type x }`. */
  readonly typeOnly: boolean;
}

/** Name lookups at a match's position. */
export interface MatchScope {
  /** What `name` refers to at the match (a value; `{ type: true }`: in a type position, as `let x: name`). */
  lookup(name: string, options?: { readonly type?: boolean }): Resolution;
}

/** What a file offers for resolving: its scope analysis (lazy) and its positions. */
export interface ResolveContext {
  scope(): ScopeInfo;
  readonly index: Pick<SourceIndex, "position">;
}

export function matchScope(path: NodePath, ctx: ResolveContext): MatchScope {
  return {
    lookup(name, options = {}) {
      const info = ctx.scope();
      return resolution(name, info.scopeAt(path).lookup(name, options.type ? "type" : "value"), info, ctx);
    },
  };
}

/**
 * What the match's own node refers to: an identifier (declaring or
 * referring), the object at the root of a member expression (`a` in
 * `a.b.c`), a call's or `new`'s callee (so through to `a`), a JSX element's
 * or type reference's name. Undefined for anything else, and for a name that
 * is not a reference (a property key, `a.b`'s `b`, a lower-case JSX tag).
 */
export function resolveMatch(path: NodePath, ctx: ResolveContext): Resolution | undefined {
  const target = referredName(path.node);
  if (!target) return undefined;
  const name = nameOf(target);
  if (name === undefined) return undefined;
  const info = ctx.scope();
  const binding = info.bindingOf(target);
  if (binding) return resolution(name, binding, info, ctx);
  if (info.referenceOf(target)) return resolution(name, undefined, info, ctx);
  // A node the analysis does not know: one a modifier made. Look its name up where the match sits.
  if (target.start === undefined || target.start === null) return matchScope(path, ctx).lookup(name);
  return undefined;
}

/** The identifier a node stands for, following callees, member objects and JSX / type names to their root. */
function referredName(node: Node): Node | undefined {
  let current: Node | null | undefined = node;
  for (;;) {
    switch (current?.type) {
      case "Identifier":
      case "JSXIdentifier":
        return current;
      case "CallExpression":
      case "NewExpression":
      case "OptionalCallExpression":
        current = current.callee;
        break;
      case "MemberExpression":
      case "OptionalMemberExpression":
      case "JSXMemberExpression":
        current = current.object;
        break;
      case "JSXElement":
        current = current.openingElement.name;
        break;
      case "JSXOpeningElement":
        current = current.name;
        break;
      case "TSTypeReference":
        current = current.typeName;
        break;
      case "TSQualifiedName":
        current = current.left;
        break;
      case "TSExpressionWithTypeArguments":
        current = current.expression;
        break;
      default:
        return undefined;
    }
  }
}

function resolution(name: string, binding: Binding | undefined, info: ScopeInfo, ctx: ResolveContext): Resolution {
  if (!binding) return { name, kind: "global", line: 0, column: 0, topLevel: false };
  const id = binding.declarations[0];
  const at = id ? ctx.index.position(id.node) : undefined;
  const declaration = id ? declaringNode(id) : undefined;
  const origin = binding.kind === "import" && id ? importOrigin(id) : undefined;
  return {
    name,
    kind: binding.kind,
    ...(id && { identifier: id.node }),
    ...(declaration && { declaration: declaration.node }),
    line: at?.line ?? 0,
    column: at?.column ?? 0,
    topLevel: binding.scope === info.program,
    ...(origin && { import: origin }),
  };
}

/** Node types that declare the names below them (parameters are found by their place in `params`). */
const DECLARING = new Set([
  "VariableDeclarator",
  "FunctionDeclaration",
  "FunctionExpression",
  "TSDeclareFunction",
  "ClassDeclaration",
  "ClassExpression",
  "CatchClause",
  "ImportSpecifier",
  "ImportDefaultSpecifier",
  "ImportNamespaceSpecifier",
  "TSImportEqualsDeclaration",
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSEnumDeclaration",
  "TSModuleDeclaration",
  "TypeAlias",
  "OpaqueType",
  "InterfaceDeclaration",
  "DeclareClass",
  "DeclareFunction",
  "DeclareVariable",
]);

function declaringNode(id: NodePath): NodePath | undefined {
  for (let p: NodePath | null = id; p; p = p.parent) {
    if ((p.key === "params" || p.key === "parameters") && p.parent && (isFunctionNode(p.parent.node) || p.parent.node.type.startsWith("TS"))) return p;
    if (DECLARING.has(p.node.type)) return p;
  }
  return undefined;
}

function importOrigin(id: NodePath): ImportOrigin | undefined {
  const specifier = id.parent;
  const node = specifier?.node;
  if (node?.type === "TSImportEqualsDeclaration") {
    const reference = node.moduleReference;
    if (reference.type !== "TSExternalModuleReference") return undefined;
    return { module: reference.expression.value, imported: "*", typeOnly: node.importKind === "type" };
  }
  const declaration = specifier?.parent?.node;
  if (!node || declaration?.type !== "ImportDeclaration") return undefined;
  const imported = node.type === "ImportDefaultSpecifier" ? "default" : node.type === "ImportNamespaceSpecifier" ? "*" : node.type === "ImportSpecifier" ? (nameOf(node.imported) ?? "") : "";
  const typeOnly = declaration.importKind === "type" || (node.type === "ImportSpecifier" && node.importKind === "type");
  return { module: declaration.source.value, imported, typeOnly };
}
