/**
 * The consumer's step, on the main thread: what a run does with each file's
 * result. `write`, `check` and `diff` differ only here: write the changed
 * file atomically (refusing one changed since it was read), list it, or
 * attach its diff.
 */
import { SafesortError } from "../errors.js";
import { writeFileAtomic } from "../files/write.js";
import type { FileReport, Mode } from "../report/model.js";
import type { Diagnostic, FileResult } from "../types.js";

import { changedLines } from "./changed-lines.js";
import { internalError } from "./process-file.js";

/** Hooks for tests only: e.g. edit a file between its read and its write, deterministically. */
export interface RunInternals {
  /** Called in write mode just before a changed file is written. */
  readonly beforeWrite?: (absPath: string) => Promise<void> | void;
}

/** The consumer's step: write (write mode), attach a diff (diff mode), and turn the result into a report. */
export async function settle(result: FileResult, mode: Mode, display: (absPath: string) => string, internals: RunInternals = {}): Promise<FileReport> {
  const now = settleAtOnce(result, mode, display);
  if (now !== undefined) return now;
  const path = display(result.path);
  if (result.status !== "changed") throw new Error(`unreachable: ${result.status}`);
  if (mode === "diff") return { path, status: "changed", diff: (await diffModule()).unifiedDiff(path, result.original ?? "", result.output) };
  await internals.beforeWrite?.(result.path);
  return writeChanged(result, path);
}

/** `settle`'s report when it needs no wait (nothing to write, no diff to make: most files); undefined otherwise. */
export function settleAtOnce(result: FileResult, mode: Mode, display: (absPath: string) => string): FileReport | undefined {
  switch (result.status) {
    case "unchanged":
      return { path: display(result.path), status: "unchanged" };
    case "skipped":
      return { path: display(result.path), status: "skipped", reason: result.reason };
    case "failed":
      return { path: display(result.path), status: "failed", diagnostics: [result.diagnostic] };
    case "changed":
      return mode === "check" ? { path: display(result.path), status: "changed" } : undefined;
  }
}

/** The diff maker (and the `diff` package), loaded by the first diff a run prints. */
let diffLoaded: Promise<typeof import("../report/diff.js")> | undefined;
const diffModule = (): Promise<typeof import("../report/diff.js")> => (diffLoaded ??= import("../report/diff.js"));

/** Write a changed file atomically; a refused or failed write turns the report into `failed`. */
export async function writeChanged(result: FileResult & { status: "changed" }, path: string): Promise<FileReport> {
  try {
    if (result.originalHash === undefined) throw new Error("changed result without the hash of what was read");
    await writeFileAtomic(result.path, result.output, { bom: result.bom ?? false, expectedHash: result.originalHash });
    return { path, status: "changed" };
  } catch (error) {
    const diagnostic = error instanceof SafesortError ? { ...error.toDiagnostic(), path } : writeFailed(path, error);
    return { path, status: "failed", diagnostics: [diagnostic] };
  }
}

function writeFailed(path: string, error: unknown): Diagnostic {
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    return { code: "write-failed", message: error.message, path };
  }
  return internalError(path, error);
}

/** A changed file's report carries the lines that change (from the result's original and output). */
export function withLines(report: FileReport, result: FileResult): FileReport {
  if (report.status !== "changed" || result.status !== "changed" || result.original === undefined) return report;
  const lines = changedLines(result.original, result.output);
  return lines === undefined ? report : { ...report, lines };
}

/** A report names the configs that applied to its file (paths shown like the file's). */
export function withConfigs(report: FileReport, result: FileResult, display: (absPath: string) => string): FileReport {
  if (result.appliedConfigs === undefined) return report;
  return { ...report, configs: result.appliedConfigs.map(({ file, key }) => ({ file: display(file), key })) };
}
