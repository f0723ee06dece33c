/** The JSON reporter: one document on stdout, for CI tools. */
import type { FileReport, Mode, RunSummary } from "./model.js";

export interface JsonReport {
  /** safesort's version. */
  readonly version: string;
  readonly mode: Mode;
  readonly summary: RunSummary;
  readonly files: readonly FileReport[];
}

/** `{version, mode, summary, files: [{path, status, diagnostics?, reason?, diff?}]}`, pretty-printed, newline-terminated. */
export function formatJson(report: JsonReport): string {
  const files = report.files.map(({ path, status, diagnostics, reason, diff }) => ({ path, status, diagnostics, reason, diff }));
  return JSON.stringify({ version: report.version, mode: report.mode, summary: report.summary, files }, null, 2) + "\n";
}
