/**
 * From a SymbolTarget to the position the language service renames from.
 *
 * `file#name` names an export of the file. When that export only passes a
 * binding on under the same name, the rename starts at the declaration it
 * passes on, so that renaming `index.ts#sum` renames `sum` itself:
 *
 *   index.ts   export { sum } from "./math";        ← followed
 *   math.ts    export function sum() {}              ← the rename starts here
 *
 * An export that renames (`export { sum as add }`) is where the rename
 * starts: renaming `index.ts#add` renames the name `add` only.
 */
import { relative, resolve } from "node:path";

import type { ts as TsNamespace } from "ts-morph";

import { SafesortError } from "../errors.js";

import { analysis, type LoadedProject, sourceFileOf } from "./project.js";
import type { SymbolTarget } from "./target.js";

export interface RenameStart {
  /** Absolute path of the file the rename starts in. */
  readonly file: string;
  /** Offset of the name in that file. */
  readonly position: number;
}

/** Where to start renaming `target`. Throws SafesortError with the location the user gave. */
export function locateTarget(loaded: LoadedProject, target: SymbolTarget, cwd: string): RenameStart {
  const file = resolve(cwd, target.file);
  const sourceFile = loaded.project.getSourceFile(file) === undefined ? undefined : sourceFileOf(loaded, file);
  if (sourceFile === undefined) {
    throw new SafesortError("not-found", `not a file of the project ${relative(cwd, loaded.tsconfigPath) || loaded.tsconfigPath}`, target.file);
  }
  if (target.kind === "position") return { file, position: positionOf(loaded.ts, sourceFile, target) };
  return exportStart(loaded, sourceFile, target);
}

function positionOf(ts: typeof TsNamespace, sourceFile: TsNamespace.SourceFile, target: SymbolTarget & { kind: "position" }): number {
  const lines = sourceFile.getLineStarts();
  const lineStart = lines[target.line - 1];
  if (lineStart === undefined) {
    throw new SafesortError("not-found", `the file has ${lines.length} lines`, target.file, target.line, target.column);
  }
  const lineEnd = target.line < lines.length ? lines[target.line]! : sourceFile.text.length;
  const position = lineStart + target.column - 1;
  if (position > lineEnd) throw new SafesortError("not-found", "the line is shorter than that", target.file, target.line, target.column);
  return ts.getPositionOfLineAndCharacter(sourceFile, target.line - 1, target.column - 1);
}

function exportStart(loaded: LoadedProject, sourceFile: TsNamespace.SourceFile, target: SymbolTarget & { kind: "export" }): RenameStart {
  const { ts } = loaded;
  const { checker } = analysis(loaded);
  const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
  if (moduleSymbol === undefined) throw new SafesortError("not-found", "the file is not a module (it has no imports or exports)", target.file);
  const exported = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === target.exportName);
  if (exported === undefined) throw new SafesortError("not-found", `the file has no export named "${target.exportName}"`, target.file);
  const name = declarationName(ts, checker, exported);
  if (name === undefined) {
    throw new SafesortError("not-found", `the export "${target.exportName}" has no name to rename (an anonymous default export?)`, target.file);
  }
  return { file: name.getSourceFile().fileName, position: name.getStart() };
}

/** The name node a rename of `symbol` starts at, following exports that pass a binding on unrenamed. */
function declarationName(ts: typeof TsNamespace, checker: TsNamespace.TypeChecker, symbol: TsNamespace.Symbol): TsNamespace.Node | undefined {
  let current = symbol;
  for (let hops = 0; hops < 64; hops++) {
    const declaration = current.declarations?.[0];
    if (declaration === undefined) return undefined;
    if (passesOnUnrenamed(ts, declaration)) {
      const next = checker.getImmediateAliasedSymbol(current);
      if (next?.declarations?.length) {
        current = next;
        continue;
      }
    }
    return ts.getNameOfDeclaration(declaration);
  }
  return undefined;
}

/**
 * `export { a }`, `export { a } from`, `import { a }`, `export default a`:
 * declarations that give an existing binding a name equal to its own.
 */
function passesOnUnrenamed(ts: typeof TsNamespace, declaration: TsNamespace.Declaration): boolean {
  if (ts.isExportSpecifier(declaration) || ts.isImportSpecifier(declaration)) {
    return declaration.propertyName === undefined || declaration.propertyName.text === declaration.name.text;
  }
  return ts.isExportAssignment(declaration) && ts.isIdentifier(declaration.expression);
}
