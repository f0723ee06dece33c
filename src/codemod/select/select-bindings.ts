/**
 * Selectors that follow bindings: `selectVar`, `selectFunction`,
 * `selectClass`, and the name-based `selectMethod`.
 *
 * A binding's occurrences rename together: the first `rename` of any of them
 * checks the whole binding (see rename.ts) and fails the file when the new
 * name would change what some name refers to. Shadowing declarations of the
 * same name are other bindings, so they are not matched:
 *   function f(a) { a() }   is not a call of the module's `a`.
 * Imports are followed by the imported name, which is how a function or
 * class defined in one file is renamed in the files that import it (see
 * select-imports.ts for aliases).
 */
import type { Identifier, Node } from "@babel/types";

import { field, NodePath, traverse } from "../ast.js";
import { nameOf } from "../ast.js";
import { type Captures, CodemodError, type FileContext, type Found, type Selector } from "../model.js";
import { keyName, paramsOf, propertyName, stringText, stringValue } from "../names.js";
import { assertRenamable, renameOccurrence, renameProperty } from "../rename.js";
import type { Binding, Reference } from "../scope/scope.js";

import { importBindingFounds, referenceFound } from "./select-imports.js";

/** Rename every occurrence of `binding`: checked once, then one occurrence per call. */
function bindingRenamer(binding: Binding | undefined, path: NodePath): NonNullable<Found["rename"]> {
  return (newName, ctx) => {
    if (binding) {
      const checked = (ctx.decisions.get(binding) as Set<string> | undefined) ?? new Set<string>();
      if (!checked.has(newName)) {
        assertRenamable(binding, newName, ctx);
        checked.add(newName);
        ctx.decisions.set(binding, checked);
      }
    } else {
      assertGlobalRenamable(path, newName, ctx);
    }
    renameOccurrence(path, newName, ctx);
  };
}

/** A global reference renamed to a name declared around it would be captured. */
function assertGlobalRenamable(path: NodePath, newName: string, ctx: FileContext): void {
  const ref = ctx.scope().referenceOf(path.node);
  const clash = ref?.scope.lookup(newName, ref.space);
  if (clash) throw new CodemodError(`cannot rename \`${nameOf(path.node)}\` to \`${newName}\`: \`${newName}\` is declared in scope there`, path.node);
}

/** The declarations and references of `binding` (or of a global name) as matches. */
function bindingFounds(
  binding: Binding | undefined,
  references: readonly Reference[],
  label: string,
  defs: readonly Found[],
  paramNames?: readonly string[],
): Found[] {
  const refs = references.map((ref) => ({ ...referenceFound(ref, label, bindingRenamer(binding, ref.path), paramNames), binding }));
  return [...defs.map((def) => ({ ...def, binding })), ...refs];
}

export function selectVar(name: string): Selector {
  return {
    description: `selectVar(${JSON.stringify(name)})`,
    needles: [name],
    find(ctx) {
      const info = ctx.scope();
      const found: Found[] = [];
      for (const binding of info.bindings) {
        if (binding.name !== name) continue;
        const defs = binding.declarations.map((id) => ({
          path: id,
          role: "def" as const,
          captures: { name: id.node },
          label: `${binding.kind} ${name}`,
          rename: bindingRenamer(binding, id),
        }));
        found.push(...bindingFounds(binding, binding.references, `${binding.kind} ${name}`, defs));
      }
      found.push(...bindingFounds(undefined, info.globals(name), `global ${name}`, []));
      return found;
    },
  };
}

type FunctionNode = Node & { params: Node[]; id?: Identifier | null };

const FUNCTION_VALUES = new Set(["FunctionExpression", "ArrowFunctionExpression"]);

/**
 * How `selectFunction`/`selectClass` decide which `name` is meant. By
 * default they follow bindings: the module-level definition of `name`, its
 * imports from the package's own (relative) modules, and global uses; a
 * nested local of the same name, or `name` imported from a package
 * (`import { useTheme } from "@mui/material/styles"`), is another function.
 */
export interface DefinitionOptions {
  /** Also (or only) follow imports of `name` from these modules (exact specifiers, e.g. `"@/hooks"`). */
  readonly from?: string | readonly string[];
  /** Match by spelling, as before: every definition named `name` at any depth, and imports of it from any module. */
  readonly bySpelling?: boolean;
}

export function selectFunction(name: string, options: DefinitionOptions = {}): Selector {
  return {
    description: `selectFunction(${JSON.stringify(name)}${describeOptions(options)})`,
    needles: [name],
    find: (ctx) => findDefinitions(ctx, name, "function", options),
  };
}

export function selectClass(name: string, options: DefinitionOptions = {}): Selector {
  return {
    description: `selectClass(${JSON.stringify(name)}${describeOptions(options)})`,
    needles: [name],
    find: (ctx) => findDefinitions(ctx, name, "class", options),
  };
}

function describeOptions(options: DefinitionOptions): string {
  return options.from !== undefined || options.bySpelling ? `, ${JSON.stringify(options)}` : "";
}

/** The modules whose imports of the name a definition selector follows. */
function followedModules(options: DefinitionOptions): (module: string) => boolean {
  if (options.bySpelling) return () => true;
  const from = options.from === undefined ? undefined : typeof options.from === "string" ? [options.from] : options.from;
  return (module) => (from ? from.includes(module) : isRelative(module));
}

function isRelative(module: string): boolean {
  return module === "." || module === ".." || module.startsWith("./") || module.startsWith("../");
}

interface Definition {
  /** The node the match is: the function or class. */
  readonly path: NodePath;
  /** The declaring identifier. */
  readonly id: NodePath;
  /** Whose parameters argument modifiers edit: the function, or a class's constructor. */
  readonly fn: FunctionNode | undefined;
}

/** Functions or classes named `name`, their references, imports of `name` (see DefinitionOptions), and global uses. */
function findDefinitions(ctx: FileContext, name: string, kind: "function" | "class", options: DefinitionOptions): Found[] {
  const info = ctx.scope();
  const follows = followedModules(options);
  const byBinding = new Map<Binding | undefined, Definition[]>();
  const importSpecs: NodePath[] = [];
  traverse(ctx.ast.file.program, (path) => {
    const def = definitionAt(path, name, kind);
    if (def) {
      const binding = info.bindingOf(def.id.node);
      // A nested local of the same name is another function (unless matching by spelling).
      if (options.bySpelling || binding?.scope === info.program) byBinding.set(binding, [...(byBinding.get(binding) ?? []), def]);
    }
    const node = path.node;
    if (node.type === "ImportDeclaration") {
      const module = stringValue(node.source);
      if (module === undefined || !follows(module)) return false;
      node.specifiers.forEach((spec, i) => {
        if (spec.type === "ImportSpecifier" && nameOf(spec.imported) === name) importSpecs.push(childPath(path, "specifiers", i));
      });
      return false;
    }
    return undefined;
  });
  const found: Found[] = [];
  for (const [binding, defs] of byBinding) {
    const paramNames = paramNamesOf(defs[defs.length - 1]?.fn);
    const defFounds = defs.map((def) => defFound(def, binding, kind, name));
    found.push(...bindingFounds(binding, binding?.references ?? [], `${kind} ${name}`, defFounds, paramNames));
  }
  for (const spec of importSpecs) found.push(...importBindingFounds(spec, ctx, `import { ${name} }`, follows));
  const globals = info.globals(name).filter((ref) => kind === "function" || ref.path.parentNode?.type === "NewExpression" || ref.path.key === "superClass");
  found.push(...bindingFounds(undefined, globals, `global ${name}`, []));
  return found;
}

function defFound(def: Definition, binding: Binding | undefined, kind: string, name: string): Found {
  const node = def.path.node as Node & { superClass?: Node | null; body?: Node };
  const captures: Captures =
    kind === "class" ? { name: def.id.node, superClass: node.superClass ?? [], body: node.body ?? [] } : { name: def.id.node, params: def.fn?.params ?? [], body: node.body ?? [] };
  return { path: def.path, role: "def", captures, label: `${kind} ${name}`, rename: bindingRenamer(binding, def.id), fn: def.fn };
}

/** Is `path` a definition of `name`: `function name`, `const name = () => …`, `class name`, `const name = class {}`? */
function definitionAt(path: NodePath, name: string, kind: "function" | "class"): Definition | undefined {
  const node = path.node;
  if (kind === "function") {
    if ((node.type === "FunctionDeclaration" || node.type === "TSDeclareFunction") && node.id?.name === name) {
      return { path, id: childPath(path, "id"), fn: node as FunctionNode };
    }
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.id.name === name && node.init && FUNCTION_VALUES.has(unwrap(node.init).type)) {
      const init = unwrapPath(childPath(path, "init"));
      return { path: init, id: childPath(path, "id"), fn: init.node as FunctionNode };
    }
    return undefined;
  }
  if (node.type === "ClassDeclaration" && node.id?.name === name) return { path, id: childPath(path, "id"), fn: constructorOf(node) };
  if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.id.name === name && node.init && unwrap(node.init).type === "ClassExpression") {
    const init = unwrapPath(childPath(path, "init"));
    return { path: init, id: childPath(path, "id"), fn: constructorOf(init.node) };
  }
  return undefined;
}

/** `x as T`, `x satisfies T`, `x!` around a value. */
function unwrap(node: Node): Node {
  let n = node;
  while (n.type === "TSAsExpression" || n.type === "TSSatisfiesExpression" || n.type === "TSNonNullExpression" || n.type === "ParenthesizedExpression") n = n.expression;
  return n;
}

function unwrapPath(path: NodePath): NodePath {
  let p = path;
  while (p.node !== unwrap(p.node)) p = childPath(p, "expression");
  return p;
}

function constructorOf(node: Node): FunctionNode | undefined {
  const body = field(node, "body") as { body?: Node[] } | undefined;
  return body?.body?.find((m) => m.type === "ClassMethod" && m.kind === "constructor") as FunctionNode | undefined;
}

function childPath(parent: NodePath, key: string, index?: number): NodePath {
  const value = field(parent.node, key);
  return index === undefined ? new NodePath(value as Node, parent, key, false) : new NodePath((value as Node[])[index]!, parent, key, true);
}

/** The names of a function's parameters, in order ("" for a destructured one). */
function paramNamesOf(fn: (Node & { params: Node[] }) | undefined): readonly string[] | undefined {
  if (!fn) return undefined;
  return paramsOf(fn).map((param) => {
    let p: Node = param;
    if (p.type === "TSParameterProperty") p = p.parameter;
    if (p.type === "AssignmentPattern") p = p.left;
    if (p.type === "RestElement") p = p.argument;
    return p.type === "Identifier" ? p.name : "";
  });
}

const METHOD_TYPES = new Set(["ClassMethod", "ClassPrivateMethod", "ObjectMethod", "TSDeclareMethod", "TSMethodSignature"]);
const PROPERTY_TYPES = new Set(["ClassProperty", "ClassPrivateProperty", "ObjectProperty"]);

/**
 * Methods named `name` (`#name` for private ones) — class and object methods,
 * properties holding a function, interface method signatures — and calls of
 * a member of that name (`x.name()`, `this.#name()`), whatever the object:
 * method calls are matched by name, as the object's type is not known.
 */
export function selectMethod(name: string): Selector {
  return {
    description: `selectMethod(${JSON.stringify(name)})`,
    needles: [name.replace(/^#/, "")],
    find(ctx) {
      const defs: Found[] = [];
      const calls: NodePath[] = [];
      traverse(ctx.ast.file.program, (path) => {
        const node = path.node as Node & { key?: Node; computed?: boolean; value?: Node | null };
        if ((METHOD_TYPES.has(node.type) || PROPERTY_TYPES.has(node.type)) && node.key && keyName(node as never) === name) {
          const value = node.value ? unwrap(node.value) : undefined;
          const isMethod = METHOD_TYPES.has(node.type);
          if (isMethod || (value && FUNCTION_VALUES.has(value.type))) {
            const fn = (isMethod ? node : value) as FunctionNode;
            defs.push({
              path,
              role: "def",
              captures: { name: node.key, params: fn.params },
              label: `method ${name}`,
              fn,
              rename: (newName, c) => renameKey(path, newName, c),
            });
          }
        }
        if ((node.type === "CallExpression" || node.type === "OptionalCallExpression") && isMemberNamed(node.callee, name)) calls.push(path);
      });
      const paramNames = paramNamesOf(defs[defs.length - 1]?.fn);
      const callFounds: Found[] = calls.map((path) => {
        const call = path.node as Node & { arguments: Node[]; callee: Node };
        return {
          path,
          role: "call",
          captures: { callee: call.callee, object: (call.callee as unknown as { object: Node }).object, arguments: call.arguments },
          label: `method ${name}`,
          call,
          paramNames: paramNames && [...paramNames],
          rename: (newName, c) => renameProperty(childPath(path, "callee"), "property", newName, c),
        };
      });
      return [...defs, ...callFounds];
    },
  };
}

function isMemberNamed(callee: Node, name: string): boolean {
  if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return false;
  if (callee.property.type === "PrivateName") return `#${callee.property.id.name}` === name;
  return propertyName(callee) === name;
}

/** Rename a method's key: `name() {}` → `newName() {}`; private names stay private. */
function renameKey(path: NodePath, newName: string, ctx: FileContext): void {
  const node = path.node as Node & { key: Node };
  const key = node.key;
  if (key.type === "PrivateName") {
    ctx.splice(key, `#${newName.replace(/^#/, "")}`);
    key.id.name = newName.replace(/^#/, "");
  } else if (key.type === "Identifier") {
    ctx.splice(key, newName);
    key.name = newName;
  } else if (key.type === "StringLiteral") {
    ctx.splice(key, stringText(newName, ctx.sourceText(key)));
    key.value = newName;
    key.extra = undefined;
  } else {
    throw new CodemodError(`cannot rename a method whose key is a ${key.type}`, key);
  }
}
