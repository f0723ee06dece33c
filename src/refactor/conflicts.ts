/**
 * Does the new name collide with a name that already exists where a renamed
 * identifier sits? The language service does not check this:
 *
 *   import { total } from "./totals";
 *   sum(total);                  rename sum → total: `total(total)` would call the import
 *
 * For every renamed identifier that is looked up by scope (not a property
 * name), the new name is resolved at that spot; finding a declaration that
 * is not the renamed symbol is a conflict. A module that would export the new
 * name twice is a conflict too. Globals are not considered (shadowing `Map` is
 * legal), nor is the reverse case of a new declaration capturing a reference
 * to a global of the new name: the type check of the touched files
 * (verify.ts) is what catches the cases that break types.
 */
import type { ts as TsNamespace } from "ts-morph";

import { displayPath } from "../report/paths.js";

import { analysis, type LoadedProject } from "./project.js";
import { lineColumn, nodeAt, type RenameSite } from "./rename-locations.js";
import type { RefactorDiagnostic } from "./types.js";

export function findConflicts(loaded: LoadedProject, sites: readonly RenameSite[], newName: string, cwd: string): RefactorDiagnostic[] {
  const { ts } = loaded;
  const { checker } = analysis(loaded);
  const renamed = new Set<TsNamespace.Symbol>();
  const nodes = sites.map((site) => ({ site, node: nodeAt(loaded, site.file, site.start) }));
  for (const { node } of nodes) {
    const symbol = node && checker.getSymbolAtLocation(node);
    if (symbol) renamed.add(symbol);
  }
  const meaning = meaningOf(ts, checker, renamed);
  const diagnostics: RefactorDiagnostic[] = [];
  for (const { site, node } of nodes) {
    if (node === undefined || !ts.isIdentifier(node)) continue;
    const problem = scopeConflict(loaded, checker, node, site, newName, meaning, renamed, cwd) ?? exportConflict(loaded, checker, node, site, newName);
    if (problem === undefined) continue;
    const { line, column } = lineColumn(loaded, site.file, site.start);
    diagnostics.push({ code: "name-conflict", message: problem, path: displayPath(cwd, site.file), line, column });
  }
  return diagnostics;
}

function scopeConflict(
  loaded: LoadedProject,
  checker: TsNamespace.TypeChecker,
  node: TsNamespace.Identifier,
  site: RenameSite,
  newName: string,
  meaning: TsNamespace.SymbolFlags,
  renamed: ReadonlySet<TsNamespace.Symbol>,
  cwd: string,
): string | undefined {
  if (!isLookedUpByScope(loaded.ts, node, site)) return undefined;
  const existing = checker.resolveName(newName, node, meaning, true);
  if (existing === undefined || renamed.has(existing)) return undefined;
  const declaration = existing.declarations?.[0];
  const where = declaration ? ` (declared at ${locationOf(declaration, cwd)})` : "";
  return `renaming to "${newName}" here would refer to another "${newName}"${where}`;
}

/** A rename of the exported name of a module that already exports the new name. */
function exportConflict(
  loaded: LoadedProject,
  checker: TsNamespace.TypeChecker,
  node: TsNamespace.Identifier,
  site: RenameSite,
  newName: string,
): string | undefined {
  const { ts } = loaded;
  const parent = node.parent;
  const exportsName =
    (ts.isExportSpecifier(parent) && parent.name === node && !site.suffixText.startsWith(" as ")) ||
    (isDeclarationName(ts, node) && isExported(ts, parent));
  if (!exportsName) return undefined;
  const moduleSymbol = checker.getSymbolAtLocation(node.getSourceFile());
  if (moduleSymbol === undefined) return undefined;
  const clash = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === newName);
  return clash === undefined ? undefined : `the module already exports "${newName}"`;
}

/**
 * Identifiers resolved by scope: references and declarations of locals,
 * imports and parameters. Property names (`a.x`, `{ x: 1 }`, class members,
 * the imported name in `import { x as y }`) are not; neither is an export
 * name that the rename keeps separate from its local (`export { local as new }`).
 */
function isLookedUpByScope(ts: typeof TsNamespace, node: TsNamespace.Identifier, site: RenameSite): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === node) return false;
  if ((ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === node) {
    return false;
  }
  if (ts.isEnumMember(parent) || ts.isJsxAttribute(parent)) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isBindingElement(parent) && site.suffixText.startsWith(":")) return false;
  if (ts.isShorthandPropertyAssignment(parent) && site.prefixText.endsWith(": ")) return true;
  if (ts.isImportSpecifier(parent)) return parent.name === node && !site.suffixText.startsWith(" as ");
  if (ts.isExportSpecifier(parent)) return parent.propertyName === node || (parent.propertyName === undefined && site.suffixText.startsWith(" as "));
  return true;
}

function isDeclarationName(ts: typeof TsNamespace, node: TsNamespace.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isEnumDeclaration(parent) ||
      ts.isModuleDeclaration(parent) ||
      ts.isVariableDeclaration(parent)) &&
    parent.name === node
  );
}

function isExported(ts: typeof TsNamespace, declaration: TsNamespace.Node): boolean {
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  if (!ts.canHaveModifiers(statement)) return false;
  const modifiers = ts.getModifiers(statement) ?? [];
  return modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && !modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** Value, type and namespace meanings of what is renamed (an alias counts as what it aliases). */
function meaningOf(ts: typeof TsNamespace, checker: TsNamespace.TypeChecker, symbols: ReadonlySet<TsNamespace.Symbol>): TsNamespace.SymbolFlags {
  let meaning = ts.SymbolFlags.None;
  for (const symbol of symbols) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.flags & ts.SymbolFlags.Value) meaning |= ts.SymbolFlags.Value;
    if (target.flags & ts.SymbolFlags.Type) meaning |= ts.SymbolFlags.Type;
    if (target.flags & ts.SymbolFlags.Namespace) meaning |= ts.SymbolFlags.Namespace;
  }
  return meaning === ts.SymbolFlags.None ? ts.SymbolFlags.Value | ts.SymbolFlags.Type | ts.SymbolFlags.Namespace : meaning;
}

function locationOf(node: TsNamespace.Node, cwd: string): string {
  const sourceFile = node.getSourceFile();
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return `${displayPath(cwd, sourceFile.fileName)}:${line + 1}:${character + 1}`;
}
