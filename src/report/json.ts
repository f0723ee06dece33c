/**
 * The JSON reporter: one document on stdout, for CI tools, the same shape
 * for every command:
 *
 *   { schemaVersion: 2, version, command, mode, [codemod], [title, written],
 *     summary: { changed, unchanged, skipped, failed, [matches] },
 *     files: [{ path, status, diagnostics?, reason?, diff?, configs?, newPath?, matches?, dump?, messages?, stats? }],
 *     [moves], [notes], [timings] }
 *
 * `schemaVersion` counts breaking changes of this shape (1: the sorter's
 * document before every command shared it). `configs`: the config files
 * applied to the file, in order, as `{file, key}` (`key`: "" for a whole
 * file, "safesort" in package.json, "overrides[0]" for an override).
 */
import type { RunReport } from "./model.js";

const JSON_SCHEMA_VERSION = 2;

/** The document, pretty-printed, newline-terminated; fields a command does not have are left out. */
export function formatJson(report: RunReport): string {
  const files = report.files.map(({ path, status, diagnostics, reason, diff, configs, newPath, matches, dump, messages, stats }) => ({
    path,
    status,
    diagnostics,
    reason,
    diff,
    configs,
    newPath,
    matches,
    dump,
    messages,
    stats,
  }));
  const { version, command, mode, codemod, title, written, summary, moves, notes, timings } = report;
  const document = { schemaVersion: JSON_SCHEMA_VERSION, version, command, mode, codemod, title, written, summary, files, moves, notes, timings };
  return JSON.stringify(document, null, 2) + "\n";
}
