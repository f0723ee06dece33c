/**
 * The data model of the type-aware refactors: a plan is every file's new
 * text plus the renames on disk, computed before anything is written, so
 * that `--diff`, `--check`, `--interactive` and writing differ only in what
 * is done with it.
 */
import type { Diagnostic } from "../types.js";

/**
 * Diagnostics of the refactors: the shared codes, `name-conflict`,
 * `type-error` (rename-symbol) and `unresolvable` (move) included.
 */
export type RefactorDiagnostic = Diagnostic;

/** Something the user should know that did not stop the plan. */
export interface RefactorNote {
  /** Relative to cwd. */
  readonly path: string;
  readonly message: string;
}

/** A file whose text changes. Paths are absolute. */
export interface FileChange {
  /** Where the file is now (where it is written, before any move). */
  readonly path: string;
  /** Where the file will be once the plan's moves are done (= `path` when it does not move). */
  readonly newPath: string;
  /** Text as read (without BOM). */
  readonly original: string;
  readonly output: string;
  readonly bom: boolean;
  /** sha256 of the bytes read: the write is refused if the file changed since. */
  readonly hash: string;
  /** Whether the import sorter ran on it (an import statement was edited). */
  readonly sorted: boolean;
}

/** One rename on disk: a file, or a whole directory. */
export interface PathMove {
  readonly from: string;
  readonly to: string;
  readonly kind: "file" | "directory";
}

export interface RefactorPlan {
  /** What the plan does, in words (`rename sum → add`, `move src/a.ts → src/lib/a.ts`). */
  readonly title: string;
  readonly changes: readonly FileChange[];
  readonly moves: readonly PathMove[];
  /** Things the user should know that did not stop the plan (a file whose imports could not be sorted…). */
  readonly notes: readonly RefactorNote[];
  /** Where the time went, in milliseconds (load the project, query, edit…). */
  readonly timings: Readonly<Record<string, number>>;
}

export type PlanResult = { readonly ok: true; readonly plan: RefactorPlan } | { readonly ok: false; readonly diagnostics: readonly RefactorDiagnostic[] };
