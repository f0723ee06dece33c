/**
 * Scope-aware renaming, one occurrence at a time.
 *
 * Renaming a binding is decided once per binding (all its occurrences agree)
 * and refused when it would change what a name refers to:
 *   - the new name is already declared in the binding's own scope;
 *   - a reference would be captured by an inner declaration of the new name
 *       let a = 1; { let b = 2; use(a); }      a → b: `use(b)` would see the inner b
 *   - the renamed binding would capture references to an outer or global name
 *       let a = 1; function f() { return b; }   a → b (a declared in f's parent): `b` now means a
 *
 * Occurrences whose text is shared with another name keep both right:
 *   { a }            → { a: b }          (a shorthand property or pattern: the key stays)
 *   { a = 1 }        → { a: b = 1 }
 *   export { a }     → export { b as a } (the exported name stays)
 *   import { a }     → import { a as b } (renaming the local binding only)
 */
import type { ExportSpecifier, Identifier, ImportSpecifier, Node } from "@babel/types";

import { field, nameOf, type NodePath } from "./ast.js";
import { CodemodError, type FileContext } from "./model.js";
import { b, isBindingName, isIdentifierName, keepComments, stringText } from "./names.js";
import type { Binding, ScopeInfo } from "./scope/scope.js";

/** Why renaming `binding` to `newName` would change meaning, or undefined when it is safe. */
export function renameProblem(binding: Binding, newName: string, info: ScopeInfo): string | undefined {
  if (binding.name === newName) return undefined;
  if (!isBindingName(newName)) return `${JSON.stringify(newName)} is not a valid name`;
  for (const space of binding.spaces) {
    const clash = binding.scope.own(newName, space);
    if (clash && clash !== binding) return `\`${newName}\` is already declared in the same scope${at(clash)}`;
  }
  for (const ref of binding.references) {
    const inner = ref.scope.lookup(newName, ref.space);
    if (inner && inner.scope !== binding.scope && inner.scope.isWithin(binding.scope)) {
      return `a reference at ${where(ref.path.node)} would then mean the \`${newName}\` declared${at(inner)}`;
    }
  }
  for (const ref of info.referencesNamed(newName)) {
    if (!binding.spaces.has(ref.space) || !ref.scope.isWithin(binding.scope)) continue;
    const current = ref.binding;
    const captured = current === undefined || (current.scope !== binding.scope && binding.scope.isWithin(current.scope));
    if (captured) return `the \`${newName}\` at ${where(ref.path.node)} would then mean the renamed \`${binding.name}\``;
  }
  if (binding.declarations.some((d) => d.parentNode?.type === "TSParameterProperty")) {
    return "it is a parameter property (renaming it would rename the class field too)";
  }
  return undefined;
}

function at(binding: Binding): string {
  const id = binding.declarations[0];
  return id ? ` at ${where(id.node)}` : "";
}

function where(node: Node): string {
  return node.loc ? `${node.loc.start.line}:${node.loc.start.column + 1}` : "?";
}

/** Rename a whole binding's occurrences checked by `renameProblem` first; throws CodemodError when unsafe. */
export function assertRenamable(binding: Binding, newName: string, ctx: FileContext): void {
  const problem = renameProblem(binding, newName, ctx.scope());
  if (problem) throw new CodemodError(`cannot rename \`${binding.name}\` to \`${newName}\`: ${problem}`, binding.declarations[0]?.node);
}

/**
 * Rename one occurrence of a binding, a declaring identifier or a reference,
 * keeping shorthand properties and export lists right (see the file header).
 */
export function renameOccurrence(path: NodePath, newName: string, ctx: FileContext): void {
  const node = path.node;
  const parent = path.parent;
  if (node.type === "JSXIdentifier") {
    ctx.splice(node, newName);
    node.name = newName;
    return;
  }
  if (node.type !== "Identifier") throw new CodemodError(`cannot rename a ${node.type}`, node);
  const oldName = node.name;
  if (oldName === newName) return;
  if (parent && shorthandProperty(parent)) {
    replaceShorthand(parent, path, newName, ctx);
    return;
  }
  if (parent?.node.type === "AssignmentPattern" && path.key === "left" && parent.parent && shorthandProperty(parent.parent)) {
    replaceShorthand(parent.parent, path, newName, ctx);
    return;
  }
  if (parent?.node.type === "ExportSpecifier" && path.key === "local") {
    const spec = parent.node;
    const exported = nameOf(spec.exported)!;
    const text = specifierText(ctx, spec, spec.local, newName, exported === newName ? undefined : ctx.sourceText(spec.exported));
    replaceSpecifier(parent, b.exportSpecifier.from({ local: b.identifier(newName), exported: nameNode(exported) as never }) as unknown as Node, ctx, spec, text);
    return;
  }
  if (parent?.node.type === "ImportSpecifier" && path.key === "local") {
    const spec = parent.node;
    const imported = nameOf(spec.imported)!;
    const text = imported === newName ? specifierText(ctx, spec, spec.imported, newName) : specifierText(ctx, spec, spec.imported, ctx.sourceText(spec.imported), newName);
    replaceSpecifier(parent, importSpecifier(imported, newName, spec), ctx, spec, text);
    return;
  }
  // A parameter's Identifier also spans its type annotation (`a: T`): only the name is spliced.
  const range = ctx.ast.index.rangeOf(node);
  if (range && ctx.ast.source.slice(range.start, range.start + oldName.length) === oldName) ctx.splice({ start: range.start, end: range.start + oldName.length }, newName);
  else ctx.splice(node, newName); // a made node (recast prints it) or text that is not the name (splice mode redoes the file with recast)
  node.name = newName;
}

/**
 * A specifier's text: what came before its first name (`type `), then
 * `first`, then ` as second` when there is one.
 */
export function specifierText(ctx: FileContext, spec: Node, firstNode: Node, first: string, second?: string): string {
  const specRange = ctx.ast.index.rangeOf(spec);
  const firstRange = ctx.ast.index.rangeOf(firstNode);
  const prefix = specRange && firstRange ? ctx.ast.source.slice(specRange.start, firstRange.start) : "";
  return second === undefined ? `${prefix}${first}` : `${prefix}${first} as ${second}`;
}

/** How a module's export name is written: as is, or quoted when it is not an identifier (`"a-b"`). */
export function exportNameText(name: string): string {
  return isIdentifierName(name) ? name : JSON.stringify(name);
}


function shorthandProperty(path: NodePath): boolean {
  const node = path.node;
  return node.type === "ObjectProperty" && node.shorthand === true;
}

/** `{ a }` → `{ a: b }`, `{ a = 1 }` → `{ a: b = 1 }`: the key keeps the old name. */
function replaceShorthand(property: NodePath, id: NodePath, newName: string, ctx: FileContext): void {
  const old = property.node as Node & { key: Identifier; value: Node };
  const renamed = { ...(id.node as Identifier), name: newName, loc: null, start: null, end: null };
  const value = old.value.type === "AssignmentPattern" ? b.assignmentPattern(renamed as never, old.value.right as never) : renamed;
  const replacement = b.objectProperty.from({ key: b.identifier(old.key.name), value: value as never, shorthand: false, computed: false });
  // The key and the value share their text: the key's range becomes `a: b` (before a default, if any).
  ctx.splice(old.key, `${old.key.name}: ${newName}`);
  property.replaceWith(keepComments(old, replacement as unknown as Node));
  // The path that pointed at the identifier now points at its renamed copy.
  id.node = renamed as Node;
}

/** `import { imported as local }`, collapsed to `import { imported }` when both are one name. */
export function importSpecifier(imported: string, local: string, like?: ImportSpecifier): Node {
  const spec = b.importSpecifier.from({ imported: nameNode(imported) as never, local: b.identifier(local) }) as unknown as Node & { importKind?: unknown };
  if (like?.importKind && like.importKind !== "value") spec.importKind = like.importKind;
  return spec;
}

/** An identifier, or a string for names that are not identifiers (`import { "a-b" as c }`). */
export function nameNode(name: string): Node {
  return (isIdentifierName(name) ? b.identifier(name) : b.stringLiteral(name)) as unknown as Node;
}

/** Replace an import or export specifier wholesale: its two names share text when not aliased. `text` is its new text. */
export function replaceSpecifier(path: NodePath, replacement: Node, ctx: FileContext, old: Node, text: string): void {
  ctx.splice(old, text);
  path.replaceWith(keepComments(old, replacement));
}

/** `export { local as exported } from "m"` with a new `local`: the exported name stays. */
export function renameReexport(path: NodePath, newLocal: string, ctx: FileContext): void {
  const spec = path.node as ExportSpecifier;
  const exported = nameOf(spec.exported)!;
  const replacement = b.exportSpecifier.from({ local: nameNode(newLocal) as never, exported: nameNode(exported) as never }) as unknown as Node & { exportKind?: unknown };
  if ((spec as { exportKind?: string }).exportKind === "type") replacement.exportKind = "type";
  const text = specifierText(ctx, spec, spec.local, exportNameText(newLocal), exported === newLocal ? undefined : ctx.sourceText(spec.exported));
  replaceSpecifier(path, replacement, ctx, spec, text);
}

/** A property name or member property (`ns.a`, `<ns.A>`, `A.B` in types) set to `newName`. */
export function renameProperty(path: NodePath, key: string, newName: string, ctx: FileContext): void {
  const property = field(path.node, key) as Node;
  const bare = newName.replace(/^#/, "");
  if (!isIdentifierName(bare)) throw new CodemodError(`\`${newName}\` is not a valid property name`, property);
  if (property.type === "PrivateName") {
    ctx.splice(property, `#${bare}`);
    property.id.name = bare;
  } else if (property.type === "Identifier" || property.type === "JSXIdentifier") {
    ctx.splice(property, newName);
    property.name = newName;
  } else if (property.type === "StringLiteral") {
    ctx.splice(property, stringText(newName, ctx.sourceText(property)));
    (path.node as unknown as Record<string, unknown>)[key] = b.stringLiteral(newName);
  } else {
    throw new CodemodError(`cannot rename a ${property.type} property`, property);
  }
}
