/**
 * `selectImport(module)` and `selectImport(module, name)`, and the import
 * bindings that `selectFunction`/`selectClass` follow into other files.
 *
 * Without a name, a match is each place that names the module:
 *   import … from "m"   export … from "m"   import("m")   require("m")
 *   import x = require("m")   type T = import("m").T
 * `rename(newModule)` changes the string, keeping its quotes.
 *
 * With a name, a match is each specifier importing that name (`default` for
 * a default import) or re-exporting it, then each reference to the local
 * binding it creates, members of a namespace import (`ns.name`), and
 * destructured `require`s (`const { name } = require("m")`).
 * `rename(newName)` renames the imported name and, when the specifier was not
 * aliased, the local binding with every reference:
 *   import { a } from "m"; a()          → import { b } from "m"; b()
 *   import { a as x } from "m"; x()     → import { b as x } from "m"; x()
 * When the local rename is unsafe (the new name is taken, or would capture or
 * be captured) the local name is kept and aliased instead:
 *   import { a } from "m"; const b = 1  → import { b as a } from "m"; const b = 1
 * Re-exports keep the name they export (`export { a } from "m"` →
 * `export { b as a } from "m"`), so a module's public API never changes.
 */
import type { ImportDeclaration, Node, ObjectProperty } from "@babel/types";

import { field, nameOf, NodePath, traverse } from "../ast.js";
import { CodemodError, type FileContext, type Found, type Role, type Selector } from "../model.js";
import { b, importSource, isBindingName, isIdentifierName, keepComments, propertyName, stringLiteralLike, stringValue } from "../names.js";
import {
  exportNameText,
  importSpecifier,
  nameNode,
  renameOccurrence,
  renameProblem,
  renameProperty,
  renameReexport,
  replaceSpecifier,
  specifierText,
} from "../rename.js";
import type { Binding, Reference } from "../scope/scope.js";
import type { ImportIntent } from "../verify/import-intents.js";

/** Which modules a selector means: one (`"lodash"`), those a RegExp matches (`/^lodash(\/|$)/`), or those a predicate accepts. */
export type ModuleMatcher = string | RegExp | ((module: string) => boolean);

export function selectImport(matcher: ModuleMatcher, name?: string): Selector {
  const shown = typeof matcher === "string" ? JSON.stringify(matcher) : typeof matcher === "function" ? "<predicate>" : String(matcher);
  const description = name === undefined ? `selectImport(${shown})` : `selectImport(${shown}, ${JSON.stringify(name)})`;
  const nameNeedle = name === undefined || name === "default" || name === "*" ? [] : [name];
  // A RegExp or a predicate can match any text: only the name (if any) narrows the files parsed.
  const needles = typeof matcher === "string" ? [matcher, ...nameNeedle] : nameNeedle;
  const module = moduleTest(matcher);
  return {
    description,
    needles,
    find: (ctx) => (name === undefined ? findModuleNames(module, ctx) : findImportedName(module, name, ctx)),
    imported: name === undefined ? undefined : { modules: module, module: typeof matcher === "string" ? matcher : undefined, name },
  };
}

function moduleTest(matcher: ModuleMatcher): (module: string | undefined) => boolean {
  if (typeof matcher === "string") return (m) => m === matcher;
  if (typeof matcher === "function") return (m) => m !== undefined && matcher(m) === true;
  const regexp = new RegExp(matcher.source, matcher.flags.replace(/[gy]/g, "")); // no lastIndex state between tests
  return (m) => m !== undefined && regexp.test(m);
}

function findModuleNames(matches: (module: string | undefined) => boolean, ctx: FileContext): Found[] {
  const found: Found[] = [];
  traverse(ctx.ast.file.program, (path) => {
    const source = importSource(path.node);
    const module = stringValue(source);
    if (!source || module === undefined || !matches(module)) return;
    if (path.node.type === "CallExpression" && path.node.callee.type === "Identifier" && !isGlobal(path.node.callee, ctx)) return;
    found.push({
      path,
      role: "import",
      captures: { source },
      label: `import ${JSON.stringify(module)}`,
      rename: (newModule, c) => renameModule(path, newModule, c),
    });
  });
  return found;
}

function isGlobal(identifier: Node, ctx: FileContext): boolean {
  return ctx.scope().referenceOf(identifier)?.binding === undefined;
}

/** Replace the module string of an import-like node, keeping its quotes. */
function renameModule(path: NodePath, newModule: string, ctx: FileContext): void {
  const node = path.node;
  const key = sourceKey(node);
  const container = key.index === undefined ? node : (field(node, key.name) as Node[]);
  const old = (key.index === undefined ? field(node, key.name) : (container as Node[])[key.index]) as Node;
  const literal = stringLiteralLike(newModule, old);
  ctx.intendImport(newModule, "*");
  ctx.splice(old, (literal as unknown as { raw: string }).raw);
  if (key.index === undefined) (node as unknown as Record<string, unknown>)[key.name] = literal;
  else (container as Node[])[key.index] = literal;
}

function sourceKey(node: Node): { name: string; index?: number } {
  switch (node.type) {
    case "CallExpression":
      return { name: "arguments", index: 0 };
    case "TSExternalModuleReference":
      return { name: "expression" };
    case "TSImportType":
      return { name: "argument" };
    default:
      return { name: "source" };
  }
}

function findImportedName(matches: (module: string | undefined) => boolean, name: string, ctx: FileContext): Found[] {
  const found: Found[] = [];
  traverse(ctx.ast.file.program, (path) => {
    const node = path.node;
    const module = node.type === "ImportDeclaration" || node.type === "ExportNamedDeclaration" ? stringValue(node.source) : undefined;
    if (node.type === "ImportDeclaration" && module !== undefined && matches(module)) {
      node.specifiers.forEach((spec, i) => {
        const specPath = new NodePath(spec, path, "specifiers", true);
        if (importsName(spec, name)) found.push(...importBindingFounds(specPath, ctx, `import { ${name} } from ${JSON.stringify(module)}`, module));
        if (spec.type === "ImportNamespaceSpecifier" && name !== "*") found.push(...namespaceMembers(specPath, name, ctx, i));
      });
      return false;
    }
    if (node.type === "ExportNamedDeclaration" && node.source && module !== undefined && matches(module)) {
      node.specifiers.forEach((spec) => {
        if (spec.type !== "ExportSpecifier" || nameOf(spec.local) !== name) return;
        const specPath = new NodePath(spec, path, "specifiers", true);
        found.push({
          path: specPath,
          role: "import",
          captures: { specifier: spec },
          label: `export { ${name} } from ${JSON.stringify(module)}`,
          rename: (newName, c) => {
            c.intendImport(module, newName);
            renameReexport(specPath, newName, c);
          },
        });
      });
      return false;
    }
    const required = node.type === "VariableDeclarator" ? requiredModule(node.init, ctx) : undefined;
    if (node.type === "VariableDeclarator" && required !== undefined && matches(required) && node.id.type === "ObjectPattern") {
      const pattern = new NodePath(node.id, path, "id", false);
      node.id.properties.forEach((prop) => {
        if (prop.type !== "ObjectProperty" || propertyKey(prop) !== name) return;
        found.push(...requireBindingFounds(new NodePath(prop, pattern, "properties", true), ctx, required));
      });
    }
    return undefined;
  });
  return found;
}

/** Does this import specifier import `name` (`default`, `*`, or a named export)? */
function importsName(spec: ImportDeclaration["specifiers"][number], name: string): boolean {
  if (spec.type === "ImportDefaultSpecifier") return name === "default";
  if (spec.type === "ImportNamespaceSpecifier") return name === "*";
  return nameOf(spec.imported) === name;
}

/** The module of a global `require("m")` call, else undefined. */
function requiredModule(init: Node | null | undefined, ctx: FileContext): string | undefined {
  if (init?.type !== "CallExpression" || init.callee.type !== "Identifier" || init.callee.name !== "require" || !isGlobal(init.callee, ctx)) return undefined;
  return stringValue(init.arguments[0]);
}

function propertyKey(prop: ObjectProperty): string | undefined {
  if (prop.computed) return undefined;
  return nameOf(prop.key);
}

/** How the occurrences of one imported binding rename: the local name follows, or stays behind an alias. */
type LocalDecision = "rename-local" | "keep-local";

function decide(ctx: FileContext, binding: Binding | undefined, aliased: boolean, newName: string): LocalDecision {
  if (!binding || aliased || newName === "default" || !isBindingName(newName)) return "keep-local";
  const key = `${newName}\u0000`;
  const memo = ctx.decisions.get(binding) as Map<string, LocalDecision> | undefined;
  const cached = memo?.get(key);
  if (cached) return cached;
  const decision: LocalDecision = renameProblem(binding, newName, ctx.scope()) === undefined ? "rename-local" : "keep-local";
  const map = memo ?? new Map<string, LocalDecision>();
  map.set(key, decision);
  ctx.decisions.set(binding, map);
  return decision;
}

/**
 * The specifier of an import, then every reference to its local binding.
 * `modules` is what the selector was asked about (the module `selectImport`
 * names; the package's own modules for `selectFunction`): renaming the
 * imported name tells the verifier the codemod means that name from those.
 */
export function importBindingFounds(specPath: NodePath, ctx: FileContext, label: string, modules: ImportIntent["module"]): Found[] {
  const spec = specPath.node as ImportDeclaration["specifiers"][number];
  const binding = ctx.scope().bindingOf(spec.local);
  const aliased = spec.type !== "ImportSpecifier" || nameOf(spec.imported) !== spec.local.name;
  const found: Found[] = [
    {
      path: specPath,
      role: "import",
      captures: { specifier: spec, local: spec.local },
      label,
      rename: (newName, c) => {
        c.intendImport(modules, newName);
        renameImported(specPath, newName, c, decide(c, binding, aliased, newName));
      },
      binding,
    },
  ];
  for (const ref of binding?.references ?? []) {
    const rename: Found["rename"] = (newName, c) => {
      if (decide(c, binding, aliased, newName) === "rename-local") renameOccurrence(ref.path, newName, c);
    };
    found.push({ ...referenceFound(ref, label, rename), binding });
  }
  return found;
}

/** A reference as a match: the call when it is a callee (role `call`), else the identifier. */
export function referenceFound(ref: Reference, label: string, rename: Found["rename"], paramNames?: readonly string[]): Found {
  const parent = ref.path.parent;
  const isCallee =
    parent &&
    ref.path.key === "callee" &&
    (parent.node.type === "CallExpression" || parent.node.type === "OptionalCallExpression" || parent.node.type === "NewExpression");
  const role: Role = isCallee ? "call" : "reference";
  const path = isCallee ? parent : ref.path;
  return {
    path,
    role,
    captures: isCallee ? { callee: ref.path.node, arguments: (parent.node as unknown as { arguments: Node[] }).arguments } : { name: ref.path.node },
    label,
    rename,
    call: isCallee ? (parent.node as Node & { arguments: Node[] }) : undefined,
    paramNames: isCallee && paramNames ? [...paramNames] : undefined,
  };
}

/** Rename what a specifier imports; see the file header for the local binding. */
function renameImported(specPath: NodePath, newName: string, ctx: FileContext, decision: LocalDecision): void {
  const spec = specPath.node as ImportDeclaration["specifiers"][number];
  const declaration = specPath.parent!.node as ImportDeclaration;
  const local = decision === "rename-local" ? newName : spec.local.name;
  if (spec.type === "ImportNamespaceSpecifier") {
    throw new CodemodError("cannot rename a namespace import's name; rename its module with selectImport(module).rename(newModule)", spec);
  }
  if (newName === "default" || spec.type === "ImportDefaultSpecifier") ctx.reprintNeeded("a default import becomes named, or the reverse");
  if (newName === "default") {
    if (spec.type === "ImportDefaultSpecifier") return;
    if (declaration.specifiers.some((s) => s.type === "ImportDefaultSpecifier")) {
      throw new CodemodError(`cannot make \`${nameOf(spec.imported)}\` the default import: the declaration already has one`, spec);
    }
    ctx.touch(declaration);
    specPath.remove();
    declaration.specifiers.unshift(b.importDefaultSpecifier(b.identifier(local)) as never);
    return;
  }
  if (spec.type === "ImportDefaultSpecifier") {
    ctx.touch(declaration);
    specPath.remove();
    const at = declaration.specifiers.findIndex((s) => s.type === "ImportSpecifier");
    declaration.specifiers.splice(at === -1 ? declaration.specifiers.length : at, 0, importSpecifier(newName, local) as never);
    return;
  }
  const text = specifierText(ctx, spec, spec.imported, exportNameText(newName), local === newName ? undefined : local);
  replaceSpecifier(specPath, importSpecifier(newName, local, spec), ctx, spec, text);
}

/** `ns.name`, `<ns.name>` and `ns.Name` in types, for `import * as ns from "m"`. */
function namespaceMembers(specPath: NodePath, name: string, ctx: FileContext, _index: number): Found[] {
  const spec = specPath.node as ImportDeclaration["specifiers"][number];
  const binding = ctx.scope().bindingOf(spec.local);
  const found: Found[] = [];
  for (const ref of binding?.references ?? []) {
    const member = ref.path.parent;
    if (!member || ref.path.key !== "object" && ref.path.key !== "left") continue;
    const node = member.node;
    const key =
      (node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && propertyName(node) === name
        ? "property"
        : node.type === "JSXMemberExpression" && node.property.name === name
          ? "property"
          : node.type === "TSQualifiedName" && node.right.name === name
            ? "right"
            : undefined;
    if (!key) continue;
    const memberRef = { ...ref, path: member };
    found.push(referenceFound(memberRef, `${spec.local.name}.${name}`, (newName, c) => renameProperty(member, key, newName, c)));
  }
  return found;
}

/** `const { name } = require("m")`: the property, then the references to the binding it declares. */
function requireBindingFounds(propPath: NodePath, ctx: FileContext, module: string): Found[] {
  const prop = propPath.node as ObjectProperty;
  const value = prop.value.type === "AssignmentPattern" ? prop.value.left : prop.value;
  if (value.type !== "Identifier") return [];
  const binding = ctx.scope().bindingOf(value);
  const aliased = !prop.shorthand;
  const label = `require(${JSON.stringify(module)}).${propertyKey(prop)}`;
  const found: Found[] = [
    {
      path: propPath,
      role: "import",
      captures: { property: prop, local: value },
      label,
      rename: (newName, c) => {
        if (!isIdentifierName(newName)) throw new CodemodError(`\`${newName}\` is not a valid property name`, prop);
        const local = decide(c, binding, aliased, newName) === "rename-local" ? newName : value.name;
        const renamedValue = { ...value, name: local, loc: null, start: null, end: null };
        const newValue = prop.value.type === "AssignmentPattern" ? b.assignmentPattern(renamedValue as never, prop.value.right as never) : renamedValue;
        const replacement = b.objectProperty.from({ key: nameNode(newName) as never, value: newValue as never, shorthand: local === newName, computed: false });
        // `{ a }` → `{ b }` or `{ b: a }`; `{ a: x = 1 }` → `{ b: x = 1 }`: the key's text, plus the value when they shared it.
        const valueText = prop.value.type === "AssignmentPattern" ? `${local} = ${c.sourceText(prop.value.right)}` : local;
        c.splice(prop, local === newName ? valueText : `${newName}: ${valueText}`);
        propPath.replaceWith(keepComments(prop, replacement as unknown as Node));
      },
    },
  ];
  for (const ref of binding?.references ?? []) {
    found.push(referenceFound(ref, label, (newName, c) => {
      if (decide(c, binding, aliased, newName) === "rename-local") renameOccurrence(ref.path, newName, c);
    }));
  }
  return found;
}
