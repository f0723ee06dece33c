/** The JSON reporter: one document on stdout, for CI tools. */
import type { FileReport, Mode, RunSummary } from "./model.js";

export interface JsonReport {
  /** safesort's version. */
  readonly version: string;
  readonly mode: Mode;
  readonly summary: RunSummary;
  readonly files: readonly FileReport[];
}

/**
 * `{version, mode, summary, files: [{path, status, diagnostics?, reason?, diff?, configs?}]}`, pretty-printed,
 * newline-terminated. `configs`: the config files applied to the file, in order, as `{file, key}`
 * (`key`: "" for a whole file, "safesort" in package.json, "overrides[0]" for an override).
 */
export function formatJson(report: JsonReport): string {
  const files = report.files.map(({ path, status, diagnostics, reason, diff, configs }) => ({ path, status, diagnostics, reason, diff, configs }));
  return JSON.stringify({ version: report.version, mode: report.mode, summary: report.summary, files }, null, 2) + "\n";
}
