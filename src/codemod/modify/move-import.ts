/**
 * `moveTo(module)`: move an imported name to another module. What
 * `selectImport(old, name)` selects moves:
 *
 *   import { x } from "a"            → import { x } from "b"
 *   export { x } from "a"            → export { x } from "b"
 *   const { x: y } = require("a")    → const { x: y } = require("b")
 *
 * A name that shares its declaration with others is split off: an import
 * specifier joins an import of `module` of the same kind, or a new one placed
 * next to its closest sibling (import-helpers.ts; the sorter places it in a
 * file that was sorted); a re-export joins an `export … from` of `module`, or
 * a new one right after the one it left; a `require` property goes to a new
 * `const { x } = require("b")` right after its declaration (a new declarator
 * of the same declaration when more follow it or it is not a statement of its
 * own). The only name of its declaration changes the module string in place.
 *
 * What it cannot move fails the file, naming the reason: a member of a
 * namespace import (`ns.x`), a `require` destructuring with a rest element
 * or a type annotation, and, in a file where it moves something, the forms
 * selectImport does not select but that name the same export:
 * `export * from "a"`, `require("a").x`, a computed or nested
 * `{ ["x"]: y }` / `{ x: { … } }` destructuring of `require("a")`.
 */
import type { ExportNamedDeclaration, ImportDeclaration, Node, ObjectPattern, ObjectProperty, VariableDeclaration, VariableDeclarator } from "@babel/types";

import { isStatementList, nameOf, type NodePath, traverse } from "../ast.js";
import { CodemodError, type FileContext, type ModifierFn } from "../model.js";
import { b, propertyName, stringLiteralLike, stringText, stringValue } from "../names.js";
import { lineTerminatorOf, parseStatements } from "../parse.js";

import { newImportIndex } from "./import-helpers.js";
import { removeStatement, takeOwnComments } from "./remove.js";

export function moveTo(module: string): ModifierFn {
  const scanned = new WeakSet<FileContext>();
  return (found, ctx) => {
    const node = found.path.node;
    const parent = found.path.parent?.node;
    const once = (old: string, name: string): void => {
      if (scanned.has(ctx)) return;
      scanned.add(ctx);
      refuseUnmovable(ctx, old, name, module);
    };
    if (parent?.type === "ImportDeclaration" && /^Import(Default|Namespace)?Specifier$/.test(node.type)) {
      once(stringValue(parent.source) ?? "", importedName(node));
      return moveImportSpecifier(found.path, module, ctx);
    }
    if (parent?.type === "ExportNamedDeclaration" && parent.source && node.type === "ExportSpecifier") {
      once(stringValue(parent.source) ?? "", nameOf(node.local) ?? "");
      return moveReexport(found.path, module, ctx);
    }
    if (parent?.type === "ObjectPattern" && node.type === "ObjectProperty") {
      const call = found.path.parent!.parent?.node as VariableDeclarator | undefined;
      once(stringValue((call?.init as { arguments?: Node[] } | undefined)?.arguments?.[0]) ?? "", nameOf(node.key) ?? "");
      return moveRequired(found.path, module, ctx);
    }
    if (found.role === "reference" || found.role === "call") {
      const used = found.role === "call" ? (found.call as { callee?: Node } | undefined)?.callee : node;
      if (used?.type === "Identifier" || used?.type === "JSXIdentifier") return; // references follow their import
      throw new CodemodError(
        `moveTo cannot move ${found.label}: a member of a namespace import (the namespace import stays); import it from "${module}" and rewrite its uses instead; nothing written`,
        node,
      );
    }
    throw new CodemodError(`moveTo works on imported names (selectImport(module, name)), not on ${found.label}`, node);
  };
}

function importedName(spec: Node): string {
  if (spec.type === "ImportDefaultSpecifier") return "default";
  if (spec.type === "ImportNamespaceSpecifier") return "*";
  return spec.type === "ImportSpecifier" ? (nameOf(spec.imported) ?? "") : "";
}

/** `import { x } from "a"`: the specifier leaves its import (which goes when it was the last). */
function moveImportSpecifier(path: NodePath, module: string, ctx: FileContext): void {
  const spec = path.node;
  const declarationPath = path.parent!;
  const declaration = declarationPath.node as ImportDeclaration;
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
  ctx.intendImport(module, "*");
  if (last && !target) return moveSource(declaration, "source", module, ctx); // the import itself moves (comments, attributes and all)
  const moved = leave(path, last, target, ctx);
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
}

/** `export { x } from "a"`: the specifier joins a re-export of `module`, or a new one right after its declaration. */
function moveReexport(path: NodePath, module: string, ctx: FileContext): void {
  const declarationPath = path.parent!;
  const declaration = declarationPath.node as ExportNamedDeclaration;
  if (stringValue(declaration.source) === module) return;
  const body = declarationPath.container();
  if (!body) throw new CodemodError("cannot move a re-export that is not in a statement list", declaration);
  const kind = declaration.exportKind ?? "value";
  const target = body.find(
    (s): s is ExportNamedDeclaration =>
      s.type === "ExportNamedDeclaration" &&
      s !== declaration &&
      stringValue(s.source) === module &&
      (s.exportKind ?? "value") === kind &&
      s.specifiers.length > 0 &&
      s.specifiers.every((x) => x.type === "ExportSpecifier"),
  );
  const last = declaration.specifiers.length === 1;
  ctx.intendImport(module, "*");
  if (last && !target) return moveSource(declaration, "source", module, ctx);
  const at = body.indexOf(declaration);
  const moved = leave(path, last, target, ctx);
  if (target) {
    ctx.insertInto(target);
    target.specifiers.push(moved as never);
    return;
  }
  const created = b.exportNamedDeclaration(null, [moved as never], stringLiteralLike(module, declaration.source) as never) as unknown as ExportNamedDeclaration;
  if (kind !== "value") created.exportKind = kind;
  ctx.insertInto(declaration);
  body.splice(at + 1, 0, created);
}

/** `const { x } = require("a")`: the property goes to a `require` of `module` of its own. */
function moveRequired(path: NodePath, module: string, ctx: FileContext): void {
  const prop = path.node as ObjectProperty;
  const patternPath = path.parent!;
  const pattern = patternPath.node as ObjectPattern;
  const declaratorPath = patternPath.parent!;
  const declarator = declaratorPath.node as VariableDeclarator;
  const call = declarator.init as Node & { arguments: Node[] };
  const old = stringValue(call.arguments[0]);
  if (old === module) return;
  const what = `\`${nameOf(prop.key)}\` from require(${JSON.stringify(old)})`;
  ctx.intendImport(module, "*");
  if (pattern.properties.length === 1) return moveSource(call, "arguments", module, ctx);
  if (pattern.properties.some((p) => p.type === "RestElement")) {
    throw new CodemodError(`moveTo cannot move ${what}: the destructuring has a rest element, which would gain it; nothing written`, prop);
  }
  if (pattern.typeAnnotation) {
    throw new CodemodError(`moveTo cannot move ${what}: the destructuring has a type annotation, which cannot be split; nothing written`, pattern);
  }
  // Printed from text (recast would lay a reprinted pattern out one property per line): the pattern without the
  // property and its separator, and the property's own text in a pattern of its own.
  const index = pattern.properties.indexOf(prop);
  const range = (n: Node | undefined) => (n ? ctx.ast.index.rangeOf(n) : undefined);
  const [whole, item, next, previous] = [range(pattern), range(prop), range(pattern.properties[index + 1]), range(pattern.properties[index - 1])];
  if (!whole || !item) throw new CodemodError(`moveTo cannot move ${what}: the destructuring is not the file's own text; nothing written`, prop);
  const source = ctx.ast.source;
  // The property with its separator: up to the comma after it (and the spaces after that), else from the comma before it.
  const comma = next ? source.indexOf(",", item.end) : previous ? source.lastIndexOf(",", item.start) : -1;
  const cut = next ? { start: item.start, end: comma + 1 + /^[^\S\r\n]*/.exec(source.slice(comma + 1))![0].length } : previous ? { start: comma, end: item.end } : item;
  const movedText = (next ? source.slice(item.start, comma) : previous ? source.slice(comma + 1, item.end) : source.slice(item.start, item.end)).trim();
  const rest = source.slice(whole.start, cut.start) + source.slice(cut.end, whole.end);
  // Every comment of the pattern is in one of the two texts (a comma inside a comment would lose one: refuse).
  const comments = ctx.ast.comments.filter((c) => c.start! >= whole.start && c.end! <= whole.end).map((c) => source.slice(c.start!, c.end!));
  if (comma === -1 && (next || previous) || comments.some((c) => !rest.includes(c) && !movedText.includes(c))) {
    throw new CodemodError(`moveTo cannot move ${what}: the comments around it in the destructuring cannot be split; nothing written`, prop);
  }
  const moduleText = stringText(module, (call.arguments[0]!.extra?.["raw"] as string | undefined) ?? undefined);
  const made = (patternText: string): VariableDeclarator => {
    const [statement] = parseStatements(`var ${patternText} = require(${moduleText});`, ctx.ast);
    return (statement as VariableDeclaration).declarations[0]!;
  };
  ctx.touch(pattern, true);
  declarator.id = made(rest).id;
  const created = made(`{ ${movedText} }`);
  const declarationPath = declaratorPath.parent!;
  const declaration = declarationPath.node as VariableDeclaration;
  const at = declaration.declarations.indexOf(declarator);
  const statementList = declarationPath.key !== null && declarationPath.parent !== null && isStatementList(declarationPath.parent.node, declarationPath.key);
  const body = declarationPath.container();
  if (at === declaration.declarations.length - 1 && statementList && body) {
    // A statement of its own, right after: `require("b")` runs where `require("a")` did. Both are printed from one
    // text (recast would repeat the blank line that followed the declaration before a statement it inserts).
    // Its comments are part of that text (recast cannot print comments of the file on nodes of another text
    // beside comments of their own).
    const statementRange = range(declaration)!;
    const own = source.slice(statementRange.start, statementRange.end);
    const attached = ((declaration as Node & { comments?: Node[] }).comments ?? []).map(range);
    const from = Math.min(statementRange.start, ...attached.map((c) => c?.start ?? Infinity));
    const to = Math.max(statementRange.end, ...attached.map((c) => c?.end ?? -Infinity));
    const text = `${source.slice(from, whole.start)}${rest}${source.slice(whole.end, to)}${lineTerminatorOf(source)}${declaration.kind} { ${movedText} } = require(${moduleText})${own.endsWith(";") ? ";" : ""}`;
    const statements = parseStatements(text, ctx.ast) as Node[];
    ctx.touch(declaration, true);
    body.splice(body.indexOf(declaration), 1, ...statements);
    return;
  }
  // More declarators follow (they may use it) or the declaration is not a statement (`export const`): a declarator right after.
  ctx.insertInto(declarator);
  declaration.declarations.splice(at + 1, 0, created);
}

/** The only name of its declaration: the module string changes in place (comments, attributes and all stay). */
function moveSource(node: Node, key: "source" | "arguments", module: string, ctx: FileContext): void {
  const holder = node as unknown as Record<string, unknown>;
  const old = (key === "source" ? holder["source"] : (holder["arguments"] as Node[])[0]) as Node;
  ctx.touch(old);
  const literal = stringLiteralLike(module, old);
  if (key === "source") holder["source"] = literal;
  else (holder["arguments"] as Node[])[0] = literal;
}

/** The specifier leaves its declaration (the declaration too when it was the last: its own comments go with the name). */
function leave(path: NodePath, last: boolean, target: (Node & { comments?: unknown[] }) | undefined, ctx: FileContext): Node {
  const spec = path.node;
  const declarationPath = path.parent!;
  ctx.touch(spec);
  if (last) {
    const own = takeOwnComments(declarationPath.node, ctx);
    removeStatement(declarationPath, ctx);
    if (target && own.length > 0) target.comments = [...own, ...(target.comments ?? [])];
  } else {
    path.remove();
  }
  return { ...spec, loc: null } as Node;
}

/** A default import joins only an import without one; a namespace import joins none. */
function canJoin(target: ImportDeclaration, spec: Node): boolean {
  if (spec.type === "ImportNamespaceSpecifier") return false;
  if (spec.type === "ImportDefaultSpecifier") return !target.specifiers.some((s) => s.type === "ImportDefaultSpecifier");
  return true;
}

/**
 * The same refusal in a file where `selectImport(old, name)` found nothing:
 * its `export * from "a"`, `require("a").x`… would lose the name all the same.
 * Only files that spell a module it means (or, for a RegExp or predicate,
 * `export *` or `require`) are parsed for it.
 */
export function unmovableCheck(imported: { readonly modules: (module: string) => boolean; readonly module?: string; readonly name: string }, module: string): { may: (source: string) => boolean; step: (ctx: FileContext) => void } {
  const may = imported.module !== undefined ? (source: string) => source.includes(imported.module!) : (source: string) => /\bexport\s*\*|\brequire\b/.test(source);
  return {
    may,
    step: (ctx) => {
      const modules = new Set<string>();
      traverse(ctx.ast.file.program, (path) => {
        const node = path.node;
        const old = node.type === "ExportAllDeclaration" ? stringValue(node.source) : node.type === "CallExpression" ? stringValue(node.arguments[0]) : undefined;
        if (old !== undefined && imported.modules(old)) modules.add(old);
      });
      for (const old of modules) refuseUnmovable(ctx, old, imported.name, module);
    },
  };
}

/**
 * Forms that name `name` of `old` but that selectImport does not select and
 * moveTo cannot split: moving the rest of the file would leave them behind,
 * so the file fails instead, naming the first.
 */
function refuseUnmovable(ctx: FileContext, old: string, name: string, module: string): void {
  if (old === module || old === "" || name === "*") return;
  const fail = (node: Node, why: string): never => {
    const at = ctx.ast.index.position(node);
    throw new CodemodError(`moveTo cannot move \`${name}\` from "${old}" to "${module}" in this file: ${why}${at ? ` (${at.line}:${at.column})` : ""}; nothing written`, node);
  };
  traverse(ctx.ast.file.program, (path) => {
    const node = path.node;
    if (node.type === "ExportAllDeclaration" && stringValue(node.source) === old && name !== "default") {
      fail(node, `\`export * from "${old}"\` re-exports it too and cannot be split (add \`export { ${name} } from "${module}"\` by hand)`);
    }
    if (!isRequireOf(node, old, ctx)) return;
    const parent = path.parent?.node;
    if ((parent?.type === "MemberExpression" || parent?.type === "OptionalMemberExpression") && path.key === "object" && propertyName(parent) === name) {
      fail(parent, `\`require("${old}").${name}\` is a member chain, which it does not rewrite`);
    }
    if (parent?.type === "VariableDeclarator" && path.key === "init" && parent.id.type === "ObjectPattern") {
      for (const prop of parent.id.properties) {
        if (prop.type !== "ObjectProperty") continue;
        if (prop.computed && stringValue(prop.key) === name) fail(prop, `a computed key (\`[${JSON.stringify(name)}]\`) destructures it from require("${old}")`);
        if (!prop.computed && nameOf(prop.key) === name && prop.value.type !== "Identifier" && !(prop.value.type === "AssignmentPattern" && prop.value.left.type === "Identifier")) {
          fail(prop, `a nested pattern destructures it from require("${old}")`);
        }
      }
    }
  });
}

/** `require("old")` where `require` is the global. */
function isRequireOf(node: Node, old: string, ctx: FileContext): boolean {
  if (node.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== "require") return false;
  if (stringValue(node.arguments[0]) !== old) return false;
  return ctx.scope().referenceOf(node.callee)?.binding === undefined;
}

