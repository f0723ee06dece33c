/**
 * The report model every command shares (sort, `run`, `run --jscodeshift`,
 * `rename-symbol`, `move`): one `FileReport` per file, a `RunSummary`, and
 * the whole run as a `RunReport`. The library returns these as data;
 * reporters (text, json, github, sarif) are pure functions of them, and one
 * consumer (stream.ts) prints them.
 */
import type { LineRange } from "../pipeline/changed-lines.js";
import type { AppliedConfig, Diagnostic } from "../types.js";

/** The sorter's modes. */
export type Mode = "write" | "check" | "diff";

/** Every command's modes: the sorter's, plus the codemods' and refactors' `interactive`, and `dump` (a query's matches). */
export type ReportMode = Mode | "interactive" | "dump";

/** The command a report comes from: what a changed file means (see `changeRule`). */
type Command = "sort" | "run" | "rename-symbol" | "move";

export type FileStatus = "changed" | "unchanged" | "skipped" | "failed";

/**
 * What a run reports for one file. `changed` means "was changed" when the
 * run writes and "would change" when it does not (`--check`, `--diff`).
 */
export interface FileReport {
  /** Relative to cwd, `/`-separated (absolute only for a file outside cwd given by an absolute path). */
  readonly path: string;
  readonly status: FileStatus;
  /** Present when the file failed. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Why the file was skipped. */
  readonly reason?: string;
  /** Unified diff (`--- a/path`, `+++ b/path`), in diff mode for changed files. */
  readonly diff?: string;
  /** For changed files: the original's lines that change (what CI annotations point at). */
  readonly lines?: LineRange;
  /** The config files (and overrides) that applied, in order; absent when none did. */
  readonly configs?: readonly AppliedConfig[];
  /** `run`: the query's matches in this file (after filters). */
  readonly matches?: number;
  /** `run --dump`: the matches and their captures, described. */
  readonly dump?: string;
  /** `move`: where the file goes (present when it moves). */
  readonly newPath?: string;
  /** `run --jscodeshift`: what the transform said through `api.report`. */
  readonly messages?: readonly string[];
  /** `run --jscodeshift`: the transform's `api.stats` counts. */
  readonly stats?: Readonly<Record<string, number>>;
}

export interface RunSummary {
  changed: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /** `run`: matches over all files. */
  matches?: number;
}

export interface RunResult {
  readonly files: readonly FileReport[];
  readonly summary: RunSummary;
}

/** A rename on disk, as `move` reports it. */
interface ReportedMove {
  readonly from: string;
  readonly to: string;
  readonly kind: "file" | "directory";
}

/** A whole run: what the document reporters (json, github, sarif) format. */
export interface RunReport extends RunResult {
  /** safesort's version. */
  readonly version: string;
  readonly command: Command;
  readonly mode: ReportMode;
  /** `run`: the codemod as named (a built-in's id, a module path, or the jscodeshift transform's path). */
  readonly codemod?: string;
  /** `rename-symbol`, `move`: what the refactor does (`rename sum → add`). */
  readonly title?: string;
  /** `rename-symbol`, `move`: whether the plan was written. */
  readonly written?: boolean;
  /** `move`: the renames on disk. */
  readonly moves?: readonly ReportedMove[];
  /** `rename-symbol`, `move`: what the user should know that did not stop the plan. */
  readonly notes?: readonly { readonly path: string; readonly message: string }[];
  /** `rename-symbol`, `move` with `--timings`: where the time went, in ms. */
  readonly timings?: Readonly<Record<string, number>>;
}

export function emptySummary(): RunSummary {
  return { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** Whether the run writes what it changes (so `changed` means "changed", not "would change"). */
export function writes(mode: ReportMode): boolean {
  return mode === "write" || mode === "interactive";
}

/**
 * What a changed file means for each command, for annotations (github,
 * sarif): the rule it breaks, and the message before and after writing.
 */
export interface ChangeRule {
  readonly id: string;
  readonly description: string;
  /** When nothing is written: the file would change. */
  readonly pending: string;
  /** When the run wrote the file. */
  readonly done: string;
}

export function changeRule(report: Pick<RunReport, "command" | "codemod" | "title">): ChangeRule {
  switch (report.command) {
    case "sort":
      return { id: "unsorted-imports", description: "Imports are not sorted", pending: "imports are not sorted", done: "imports sorted" };
    case "run": {
      const name = report.codemod ?? "the codemod";
      return { id: "codemod", description: "A codemod changes the file", pending: `${name} would change this file`, done: `${name} changed this file` };
    }
    case "rename-symbol":
    case "move": {
      const title = report.title ?? report.command;
      const description = report.command === "move" ? "Moving a file rewrites the file" : "Renaming a symbol rewrites the file";
      return { id: report.command, description, pending: `${title}: would change this file`, done: `${title}: changed this file` };
    }
  }
}
