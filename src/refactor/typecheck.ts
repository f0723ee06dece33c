/**
 * Verify a rename before anything is written: the files it touches, and the
 * modules that `export *` from them, must not have more type errors
 * afterwards than before. This is what catches what a
 * rename may break silently elsewhere: a module now exporting a name twice,
 * an `export *` made ambiguous, a new declaration shadowing a global.
 *
 * The new texts are loaded into the in-memory project only to ask the
 * language service (nothing is saved from it); the service reuses the
 * program's structure and checks only what the touched files need.
 * Errors are compared by code and message, not position (positions move);
 * in the new texts the new name is read as the old one, so that an existing
 * error mentioning the symbol is not counted as new.
 */
import { displayPath } from "../report/paths.js";

import { analysis, type LoadedProject } from "./project.js";
import type { RefactorDiagnostic } from "./types.js";

export interface TextChange {
  /** Absolute path. */
  readonly path: string;
  readonly original: string;
  readonly output: string;
}

export function newTypeErrors(
  loaded: LoadedProject,
  changes: readonly TextChange[],
  names: { readonly oldName: string; readonly newName: string },
  cwd: string,
): RefactorDiagnostic[] {
  const checked = [...changes.map((change) => change.path), ...reexporters(loaded, new Set(changes.map((change) => change.path)))];
  const sourceFiles = changes.map((change) => loaded.project.getSourceFile(change.path));
  // After first: most files have no errors then, and only those that do need the "before" check.
  let after: Map<string, TypeError[]>;
  try {
    changes.forEach((change, i) => sourceFiles[i]?.replaceWithText(change.output));
    after = new Map(checked.map((path) => [path, errorsOf(loaded, path)]));
  } finally {
    changes.forEach((change, i) => sourceFiles[i]?.replaceWithText(change.original));
  }
  const added: RefactorDiagnostic[] = [];
  for (const [path, errors] of after) {
    if (errors.length === 0) continue;
    const remaining = new Map<string, number>();
    for (const key of errorKeys(loaded, path)) remaining.set(key, (remaining.get(key) ?? 0) + 1);
    for (const error of errors) {
      const key = keyOf(error.code, error.message, names);
      const count = remaining.get(key) ?? 0;
      if (count > 0) {
        remaining.set(key, count - 1);
        continue;
      }
      added.push({ code: "type-error", message: `TS${error.code}: ${error.message}`, path: displayPath(cwd, path), line: error.line, column: error.column });
    }
  }
  return added;
}

/**
 * Files that pass the touched files' exports on with `export * from`
 * (transitively): they are not edited, but an export renamed into a name
 * another `export *` already brings makes them ambiguous (TS2308).
 */
function reexporters(loaded: LoadedProject, touched: ReadonlySet<string>): string[] {
  const { ts } = loaded;
  const { program, checker } = analysis(loaded);
  const exportersOf = new Map<string, string[]>();
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile)) continue;
    for (const statement of sourceFile.statements) {
      if (!ts.isExportDeclaration(statement) || statement.exportClause !== undefined || statement.moduleSpecifier === undefined) continue;
      const target = checker.getSymbolAtLocation(statement.moduleSpecifier)?.valueDeclaration;
      if (target === undefined || !ts.isSourceFile(target)) continue;
      exportersOf.set(target.fileName, [...(exportersOf.get(target.fileName) ?? []), sourceFile.fileName]);
    }
  }
  const found = new Set<string>();
  const pending = [...touched];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const exporter of exportersOf.get(file) ?? []) {
      if (touched.has(exporter) || found.has(exporter)) continue;
      found.add(exporter);
      pending.push(exporter);
    }
  }
  return [...found];
}

interface TypeError {
  readonly code: number;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

function errorKeys(loaded: LoadedProject, path: string): string[] {
  return errorsOf(loaded, path).map((error) => keyOf(error.code, error.message, undefined));
}

function keyOf(code: number, message: string, names: { oldName: string; newName: string } | undefined): string {
  const normalized = names === undefined ? message : message.split(`'${names.newName}'`).join(`'${names.oldName}'`);
  return `${code}\0${normalized}`;
}

function errorsOf(loaded: LoadedProject, path: string): TypeError[] {
  const { ts } = loaded;
  const { service } = analysis(loaded);
  const diagnostics = [...service.getSyntacticDiagnostics(path), ...service.getSemanticDiagnostics(path)];
  return diagnostics
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (d.file === undefined || d.start === undefined) return { code: d.code, message };
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return { code: d.code, message, line: line + 1, column: character + 1 };
    });
}
