/**
 * `rename-symbol`: rename a symbol across every file of a TypeScript project.
 *
 *   target ─locate─▶ start ─language service (once per re-exporting module)─▶ sites
 *     ─conflicts─▶ text edits per file ─apply to the original text─▶ new texts
 *     ─sort the import blocks that were edited─▶ type check of the touched files ─▶ plan
 *
 * Nothing here manipulates nodes: the service says where the name is, the
 * edits are applied to each file's text in one pass (src/edit/apply.ts),
 * which is what keeps a rename across hundreds of files fast. Nothing is
 * written either: the plan goes to commitPlan, a diff or a review.
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { performance } from "node:perf_hooks";

import type { ts as TsNamespace } from "ts-morph";

import { SafesortError } from "../errors.js";
import { displayPath } from "../report/paths.js";

import { findConflicts } from "./conflicts.js";
import { finishEdits, type PendingEdit } from "./finish.js";
import { locateTarget } from "./locate.js";
import { type LoadedProject, loadProject, projectFileFor, sourceFileOf } from "./project.js";
import { findRenameSites, nodeAt, renameEdits, type RenameSite } from "./rename-locations.js";
import { invalidNewName, parseTarget } from "./target.js";
import { newTypeErrors } from "./typecheck.js";
import type { PlanResult, RefactorDiagnostic } from "./types.js";

export interface RenameSymbolOptions {
  /** `<file>#<exportName>` or `<file>:<line>:<column>`, relative to cwd. */
  readonly target: string;
  readonly newName: string;
  /** Absolute directory paths are resolved against. */
  readonly cwd: string;
  /** The tsconfig (relative to cwd); default: the nearest tsconfig.json above the target file. */
  readonly project?: string;
  /** An already loaded project (the Query API reuses one); `project` is then ignored. */
  readonly loaded?: LoadedProject;
  /** Re-exports keep their public name (`export { add as sum }`) instead of being renamed. */
  readonly keepReexportNames?: boolean;
  /** Sort the import blocks of files whose imports were edited (default true). */
  readonly sortImports?: boolean;
  /** Refuse a rename that adds type errors to the files it touches (default true). */
  readonly typeCheck?: boolean;
  /** Sorter config file for every file (`--config`). */
  readonly configFile?: string | false;
}

export async function planRenameSymbol(options: RenameSymbolOptions): Promise<PlanResult> {
  const target = parseTarget(options.target);
  if ("error" in target) return fail({ code: "not-found", message: target.error, path: options.target });
  const badName = invalidNewName(options.newName);
  if (badName) return fail({ code: "not-found", message: badName, path: options.target });
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings[name] = Math.round(performance.now() - start);
    }
  };
  try {
    const loaded =
      options.loaded ??
      (await timed("load", async () => loadProject(await projectFileFor(options.project, options.cwd, dirname(resolve(options.cwd, target.file))))));
    const start = await timed("locate", () => locateTarget(loaded, target, options.cwd));
    const query = await timed("query", () => findRenameSites(loaded, start, { keepReexportNames: options.keepReexportNames }));
    const title = `rename ${query.oldName} → ${options.newName}`;
    if (query.oldName === options.newName) return { ok: true, plan: { title, changes: [], moves: [], notes: [], timings } };
    const conflicts = await timed("conflicts", () => findConflicts(loaded, query.sites, options.newName, options.cwd));
    if (conflicts.length > 0) return { ok: false, diagnostics: conflicts };
    const pending = pendingEdits(loaded, query.sites, options.newName);
    const finished = await timed("edit", () => finishEdits(pending, options));
    if (finished.failures.length > 0) return { ok: false, diagnostics: finished.failures };
    if (options.typeCheck !== false) {
      const names = { oldName: query.oldName, newName: options.newName };
      const errors = await timed("typecheck", () => newTypeErrors(loaded, finished.changes, names, options.cwd));
      if (errors.length > 0) return { ok: false, diagnostics: errors };
    }
    return { ok: true, plan: { title, changes: finished.changes, moves: [], notes: finished.notes, timings } };
  } catch (error) {
    if (error instanceof SafesortError) return fail({ ...error.toDiagnostic(), path: isAbsolute(error.path) ? displayPath(options.cwd, error.path) : error.path });
    throw error;
  }
}

function pendingEdits(loaded: LoadedProject, sites: readonly RenameSite[], newName: string): PendingEdit[] {
  const byFile = renameEdits(sites, newName);
  return [...byFile].map(([file, edits]) => ({
    path: file,
    newPath: file,
    edits,
    importsTouched: sites.some((site) => site.file === file && inImportStatement(loaded, site)),
    analysedText: sourceFileOf(loaded, file)?.text ?? "",
  }));
}

/** Is the site inside an `import … from`, `export … from` or `import x = require()` statement? */
function inImportStatement(loaded: LoadedProject, site: RenameSite): boolean {
  const { ts } = loaded;
  for (let node: TsNamespace.Node | undefined = nodeAt(loaded, site.file, site.start); node !== undefined; node = node.parent) {
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return true;
    if (ts.isExportDeclaration(node)) return node.moduleSpecifier !== undefined;
    if (ts.isSourceFile(node) || ts.isModuleBlock(node)) return false;
  }
  return false;
}

function fail(diagnostic: RefactorDiagnostic): PlanResult {
  return { ok: false, diagnostics: [diagnostic] };
}
