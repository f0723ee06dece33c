/**
 * `moveTo(module)`: move an imported name to another module. The specifier
 * leaves its import (which goes when it was the last) and joins an import of
 * `module` of the same kind, or a new one placed next to its closest sibling
 * (import-helpers.ts); the sorter then places it in a file that was sorted.
 */
import type { ImportDeclaration, Node } from "@babel/types";

import { newImportIndex } from "./import-helpers.js";
import { CodemodError, type ModifierFn } from "./model.js";
import { b, stringLiteralLike, stringValue } from "./names.js";
import { removeStatement, takeOwnComments } from "./remove.js";

/**
 * Move an imported name to another module: the specifier leaves its import
 * (which goes when it was the last) and joins an import of `module` of the
 * same kind, or a new one placed right after; the sorter then puts it where
 * it belongs.
 */
export function moveTo(module: string): ModifierFn {
  return (found, ctx) => {
    const spec = found.path.node;
    const declarationPath = found.path.parent;
    const declaration = declarationPath?.node;
    if (!declarationPath || declaration?.type !== "ImportDeclaration" || !/^Import(Default|Namespace)?Specifier$/.test(spec.type)) {
      if (found.role === "reference" || found.role === "call") return; // references follow their import
      throw new CodemodError(`moveTo works on imported names (selectImport(module, name)), not on ${found.label}`, spec);
    }
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
    if (last && !target) {
      // The only name of its import: the import itself moves (comments, attributes and all).
      ctx.intendImport(module, "*");
      ctx.touch(declaration.source);
      declaration.source = stringLiteralLike(module, declaration.source) as never;
      return;
    }
    ctx.touch(spec);
    const moved = { ...spec, loc: null } as Node;
    if (last) {
      // Its own comments (`// eslint-disable-next-line`) go with the name to the import it joins.
      const own = takeOwnComments(declaration, ctx);
      removeStatement(declarationPath, ctx);
      if (target && own.length > 0) (target as { comments?: unknown[] }).comments = [...own, ...((target as { comments?: unknown[] }).comments ?? [])];
    } else {
      found.path.remove();
    }
    ctx.intendImport(module, "*");
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
  };
}

/** A default import joins only an import without one; a namespace import joins none. */
function canJoin(target: ImportDeclaration, spec: Node): boolean {
  if (spec.type === "ImportNamespaceSpecifier") return false;
  if (spec.type === "ImportDefaultSpecifier") return !target.specifiers.some((s) => s.type === "ImportDefaultSpecifier");
  return true;
}
