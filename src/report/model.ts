/**
 * The report model every command shares: one report per file, a summary of
 * a run, and the run's mode. The library returns these as data; reporters
 * (text, json, github, sarif) are pure functions of them that the CLI prints.
 */
import type { LineRange } from "../pipeline/changed-lines.js";
import type { AppliedConfig, Diagnostic } from "../types.js";

export type Mode = "write" | "check" | "diff";

export type FileStatus = "changed" | "unchanged" | "skipped" | "failed";

/**
 * What a run reports for one file. `changed` means "was sorted" in write mode
 * and "would be sorted" in check and diff modes.
 */
export interface FileReport {
  /** Relative to cwd (absolute only for a file outside cwd given by an absolute path). */
  readonly path: string;
  readonly status: FileStatus;
  /** Present when the file failed. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Why the core skipped the file. */
  readonly reason?: string;
  /** Unified diff (`--- a/path`, `+++ b/path`), in diff mode for changed files. */
  readonly diff?: string;
  /** For changed files: the original's lines that sorting changes (what CI annotations point at). */
  readonly lines?: LineRange;
  /** The config files (and overrides) that applied, in order; absent when none did. */
  readonly configs?: readonly AppliedConfig[];
}

export interface RunSummary {
  changed: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

export interface RunResult {
  readonly files: readonly FileReport[];
  readonly summary: RunSummary;
}

export function emptySummary(): RunSummary {
  return { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
}
