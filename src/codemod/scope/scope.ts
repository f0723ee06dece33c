/**
 * Scope analysis on the Babel AST, for renames that leave shadowed names alone.
 *
 * A **scope** is created by the program, a function (its parameters and body
 * share one scope), a block, a `for` head, a `catch` clause, a class, a
 * `switch`, a static block, a TS namespace, and TS type constructs that bind
 * names (generic interfaces and aliases, function types, mapped and
 * conditional types). A **binding** is one declared entity: every identifier
 * that declares it (`var a; var a;`, overloads and merged interfaces share one)
 * and every identifier that refers to it.
 *
 * Where declarations land:
 *   var                         → the nearest function, program, namespace or static block
 *   let, const, using, class    → the enclosing scope (block, for head, function body…)
 *   function declarations       → the enclosing scope (block-level in modules and strict code)
 *   imports                     → the program (or the `declare module` body)
 *   params, function-expression and class-expression names → the function's / class's own scope
 *   catch param                 → the catch clause
 *   interface, type, enum, namespace, `import x = require()` → the enclosing scope
 * Both `var` and function declarations are visible before they appear
 * (hoisting): all declarations are collected first, references resolved after.
 *
 * Two name spaces, as in TypeScript: `const X` and `type X` can both exist.
 * Values are var/let/const/params/functions/catch; types are interfaces,
 * aliases and type parameters; classes, enums, namespaces and imports are both.
 * A reference in a type position (`let a: X`, `implements X`) looks for a
 * type, anywhere else for a value (`typeof x` is a value).
 *
 * Not references: member properties (`a.b`), object and class keys
 * (`{ b: 1 }`, `b() {}`), labels, `import { b as c }`'s `b`, exported names,
 * `import.meta`, JSX attribute names and lower-case JSX tags (`<div>`).
 * References: everything else, JSX component names (`<Foo>`, `<foo.Bar>`)
 * included, and the value of a shorthand property (`{ a }`).
 */
import type { Node } from "@babel/types";

import { field, forEachChildNode, isFunctionNode, isNode, NodePath } from "../ast.js";

import { referenceSpace } from "./references.js";
import { Binding, type BindingKind, type Reference, Scope, type ScopeInfo, type ScopeKind } from "./scope-model.js";

// The model's types, for the modules that analyse scopes through this one.
export type { BindingKind, Reference, ScopeInfo } from "./scope-model.js";
export { Binding } from "./scope-model.js";

/** Analyze the scopes of a file (its `File` or `Program` node). */
export function analyzeScopes(root: Node): ScopeInfo {
  const program = root.type === "File" ? root.program : root;
  const rootPath = root.type === "File" ? new NodePath(program, new NodePath(root, null, null, false), "program", false) : new NodePath(program, null, null, false);
  const declarer = new Declarer(program);
  declarer.visit(rootPath, declarer.program);
  const resolver = new Resolver(declarer);
  resolver.visit(rootPath, declarer.program);
  // The walk visits a JSX element's closing tag before its children: put references in source order.
  const bySource = (a: Reference, b: Reference) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0);
  resolver.references.sort(bySource);
  for (const binding of declarer.all) binding.references.sort(bySource);
  const byName = new Map<string, Reference[]>();
  for (const ref of resolver.references) {
    const name = identifierName(ref.path.node);
    const list = byName.get(name) ?? [];
    list.push(ref);
    byName.set(name, list);
  }
  return {
    program: declarer.program,
    bindings: declarer.all,
    references: resolver.references,
    bindingOf: (node) => declarer.declared.get(node) ?? resolver.byNode.get(node)?.binding,
    referenceOf: (node) => resolver.byNode.get(node),
    globals: (name) => (byName.get(name) ?? []).filter((r) => r.binding === undefined),
    scopeCreatedBy: (node) => declarer.scopes.get(node),
    scopeAt: (path) => scopeAt(path, declarer),
    referencesNamed: (name) => byName.get(name) ?? [],
  };
}

/**
 * The scope code at `path` is evaluated in: that of the nearest ancestor
 * creating one, unless the path sits in a part of it evaluated outside
 * (a function declaration's name, a class's `extends`: OUTER_KEYS).
 */
function scopeAt(path: NodePath, declarer: Declarer): Scope {
  for (let child = path, parent = path.parent; parent; child = parent, parent = parent.parent) {
    const scope = declarer.scopes.get(parent.node);
    if (scope && !(child.key !== null && (OUTER_KEYS[parent.node.type] ?? []).includes(child.key))) return scope;
  }
  return declarer.program;
}

function identifierName(node: Node): string {
  return (node as { name: string }).name;
}

/** Keys of a scope-creating node that are evaluated in the enclosing scope. */
const OUTER_KEYS: Readonly<Record<string, readonly string[]>> = {
  FunctionDeclaration: ["id", "decorators"],
  TSDeclareFunction: ["id"],
  ClassDeclaration: ["id", "decorators", "superClass"],
  ClassExpression: ["decorators", "superClass"],
  ClassMethod: ["key", "decorators"],
  ClassPrivateMethod: ["key", "decorators"],
  ObjectMethod: ["key", "decorators"],
  TSDeclareMethod: ["key", "decorators"],
  TSModuleDeclaration: ["id"],
  TSInterfaceDeclaration: ["id"],
  TSTypeAliasDeclaration: ["id"],
};

const TYPE_SCOPES = new Set([
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSFunctionType",
  "TSConstructorType",
  "TSMethodSignature",
  "TSCallSignatureDeclaration",
  "TSConstructSignatureDeclaration",
  "TSMappedType",
  "TSConditionalType",
]);

/** The kind of scope a node creates, or undefined. `parent` tells a function body from a plain block. */
function scopeKindOf(node: Node, parent: Node | null): ScopeKind | undefined {
  if (node.type === "Program") return "program";
  if (isFunctionNode(node)) return "function";
  if (node.type === "StaticBlock") return "function";
  if (node.type === "ClassDeclaration" || node.type === "ClassExpression") return "class";
  if (node.type === "CatchClause") return "catch";
  if (node.type === "TSModuleDeclaration") return "module";
  if (TYPE_SCOPES.has(node.type)) return "type";
  if (node.type === "BlockStatement") {
    // A function's body shares the function's scope, a catch clause's body the clause's (`catch (e) { let e }` is an error anyway).
    if (parent && (isFunctionNode(parent) || parent.type === "CatchClause")) return undefined;
    return "block";
  }
  if (node.type === "TSModuleBlock") return undefined;
  if (node.type === "ForStatement" || node.type === "ForInStatement" || node.type === "ForOfStatement" || node.type === "SwitchStatement") {
    return "block";
  }
  return undefined;
}

/** Walks children with the scope each is evaluated in. */
function forEachChild(path: NodePath, own: Scope | undefined, outer: Scope, visit: (child: NodePath, scope: Scope) => void): void {
  const node = path.node;
  const outerKeys = own ? OUTER_KEYS[node.type] : undefined;
  forEachChildNode(node, (child, key, listed) => {
    const scope = own && !outerKeys?.includes(key) ? own : outer;
    visit(new NodePath(child, path, key, listed), scope);
  });
}

/** Pass 1: create scopes and declare every binding (so that hoisted names resolve in pass 2). */
class Declarer {
  readonly program: Scope;
  readonly scopes = new Map<Node, Scope>();
  readonly declared = new Map<Node, Binding>();
  readonly all: Binding[] = [];

  constructor(programNode: Node) {
    this.program = new Scope("program", programNode, null);
    this.scopes.set(programNode, this.program);
  }

  visit(path: NodePath, scope: Scope): void {
    const node = path.node;
    let own: Scope | undefined;
    if (node.type === "Program") {
      own = this.program;
    } else {
      const kind = scopeKindOf(node, path.parentNode);
      if (kind) {
        own = new Scope(kind, node, scope);
        this.scopes.set(node, own);
      }
    }
    this.declareAt(path, scope, own ?? scope);
    forEachChild(path, own, scope, (child, s) => this.visit(child, s));
  }

  private declare(scope: Scope, name: string, kind: BindingKind, id: NodePath | undefined): void {
    const before = scope.bindings.get(name)?.length ?? 0;
    const binding = scope.declare(name, kind, id);
    if ((scope.bindings.get(name)?.length ?? 0) > before) this.all.push(binding);
    if (id) this.declared.set(id.node, binding);
  }

  private declarePattern(pattern: NodePath, scope: Scope, kind: BindingKind): void {
    for (const id of patternIdentifiers(pattern)) this.declare(scope, (id.node as { name: string }).name, kind, id);
  }

  /** Declarations made by `path`'s node: `outer` is where it sits, `own` the scope it creates (or `outer`). */
  private declareAt(path: NodePath, outer: Scope, own: Scope): void {
    const node = path.node;
    switch (node.type) {
      case "VariableDeclaration": {
        const kind: BindingKind = node.kind === "var" ? "var" : node.kind === "let" ? "let" : node.kind === "const" ? "const" : "using";
        const target = kind === "var" ? outer.varScope() : outer;
        node.declarations.forEach((_, i) => this.declarePattern(child(child(path, "declarations", i), "id"), target, kind));
        return;
      }
      case "FunctionDeclaration":
      case "TSDeclareFunction":
        if (node.id) this.declare(outer, node.id.name, "function", child(path, "id"));
        this.declareFunction(path, own);
        return;
      case "FunctionExpression":
        if (node.id) this.declare(own, node.id.name, "function", child(path, "id"));
        this.declareFunction(path, own);
        return;
      case "ArrowFunctionExpression":
      case "ObjectMethod":
      case "ClassMethod":
      case "ClassPrivateMethod":
      case "TSDeclareMethod":
        this.declareFunction(path, own);
        return;
      case "ClassDeclaration":
        if (node.id) this.declare(outer, node.id.name, "class", child(path, "id"));
        this.declareTypeParameters(node, own);
        return;
      case "ClassExpression":
        if (node.id) this.declare(own, node.id.name, "class", child(path, "id"));
        this.declareTypeParameters(node, own);
        return;
      case "ImportDeclaration":
        node.specifiers.forEach((_, i) => {
          const local = child(child(path, "specifiers", i), "local");
          this.declare(outer, (local.node as { name: string }).name, "import", local);
        });
        return;
      case "TSImportEqualsDeclaration":
        this.declare(outer, node.id.name, "import", child(path, "id"));
        return;
      case "CatchClause":
        if (node.param) this.declarePattern(child(path, "param"), own, "catch");
        return;
      case "TSInterfaceDeclaration":
      case "TSTypeAliasDeclaration":
        this.declare(outer, node.id.name, "type", child(path, "id"));
        this.declareTypeParameters(node, own);
        return;
      case "TSEnumDeclaration":
        this.declare(outer, node.id.name, "enum", child(path, "id"));
        return;
      case "TSModuleDeclaration":
        if (node.id.type === "Identifier") this.declare(outer, node.id.name, "namespace", child(path, "id"));
        return;
      case "TSFunctionType":
      case "TSConstructorType":
      case "TSMethodSignature":
      case "TSCallSignatureDeclaration":
      case "TSConstructSignatureDeclaration": {
        const key = "parameters" in node ? "parameters" : "params";
        const params = (field(node, key) as Node[] | undefined) ?? [];
        params.forEach((_, i) => this.declarePattern(child(path, key, i), own, "param"));
        this.declareTypeParameters(node, own);
        return;
      }
      case "TSMappedType": {
        const name = typeParameterName(field(node, "typeParameter"));
        if (name) this.declare(own, name, "type", undefined);
        return;
      }
      case "TSInferType": {
        const name = typeParameterName(field(node, "typeParameter"));
        if (name) this.declare(outer, name, "type", undefined);
        return;
      }
      // Flow declarations, for `@flow` files: types and declared values.
      case "TypeAlias":
      case "OpaqueType":
      case "InterfaceDeclaration":
        this.declare(outer, node.id.name, "type", child(path, "id"));
        return;
      case "DeclareClass":
        this.declare(outer, node.id.name, "class", child(path, "id"));
        return;
      case "DeclareFunction":
      case "DeclareVariable":
        this.declare(outer, node.id.name, "var", child(path, "id"));
        return;
      default:
        return;
    }
  }

  private declareFunction(path: NodePath, own: Scope): void {
    const node = path.node as Node & { params?: Node[] };
    (node.params ?? []).forEach((_, i) => this.declarePattern(child(path, "params", i), own, "param"));
    this.declareTypeParameters(node, own);
  }

  private declareTypeParameters(node: Node, own: Scope): void {
    const declaration = field(node, "typeParameters") as { params?: unknown[] } | null | undefined;
    for (const param of declaration?.params ?? []) {
      const name = typeParameterName(param);
      if (name) this.declare(own, name, "type", undefined);
    }
  }
}

function typeParameterName(param: unknown): string | undefined {
  if (!param || typeof param !== "object") return undefined;
  const name = (param as { name?: unknown }).name;
  if (typeof name === "string") return name;
  if (name && typeof name === "object" && typeof (name as { name?: unknown }).name === "string") return (name as { name: string }).name;
  return undefined;
}

/** The path of `parent.node[key]` (or `[key][index]`). */
function child(parent: NodePath, key: string, index?: number): NodePath {
  const value = field(parent.node, key);
  if (index === undefined) return new NodePath(value as Node, parent, key, false);
  return new NodePath((value as Node[])[index]!, parent, key, true);
}

/** The identifiers a binding pattern declares: `a`, `{ a, b: [c], ...d }`, `e = 1`, TS parameter properties. */
function patternIdentifiers(path: NodePath): NodePath[] {
  const node = path.node;
  switch (node.type) {
    case "Identifier":
      return [path];
    case "ObjectPattern":
      return node.properties.flatMap((prop, i) => {
        const propPath = child(path, "properties", i);
        return prop.type === "RestElement" ? patternIdentifiers(child(propPath, "argument")) : patternIdentifiers(child(propPath, "value"));
      });
    case "ArrayPattern":
      return node.elements.flatMap((element, i) => (element ? patternIdentifiers(child(path, "elements", i)) : []));
    case "AssignmentPattern":
      return patternIdentifiers(child(path, "left"));
    case "RestElement":
      return patternIdentifiers(child(path, "argument"));
    case "TSParameterProperty":
      return patternIdentifiers(child(path, "parameter"));
    default:
      return [];
  }
}

/** Pass 2: resolve every reference from the scope it sits in. */
class Resolver {
  readonly references: Reference[] = [];
  readonly byNode = new Map<Node, Reference>();

  constructor(private readonly declarer: Declarer) {}

  visit(path: NodePath, scope: Scope): void {
    const node = path.node;
    const own = this.declarer.scopes.get(node);
    if ((node.type === "Identifier" || node.type === "JSXIdentifier") && !this.declarer.declared.has(node)) {
      const space = referenceSpace(path);
      if (space) {
        const reference: Reference = { path, scope, space, binding: scope.lookup(node.name, space) };
        reference.binding?.references.push(reference);
        this.references.push(reference);
        this.byNode.set(node, reference);
      }
    }
    forEachChild(path, own === scope ? undefined : own, scope, (c, s) => this.visit(c, s));
  }
}
