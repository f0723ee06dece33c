/**
 * The text reporter's last line, the one part of the text output that each
 * command words its own way:
 *
 *   sort           3 files sorted, 412 unchanged, 1 failed
 *   run            2 files would change, 14 unchanged (9 matches)
 *   run --dump     9 matches in 16 files
 *   rename-symbol  rename sum → add: 3 files changed
 *   move           move src/a.ts → src/lib/a.ts: 2 files would change, and the move
 */
import { type RunReport, writes } from "./model.js";
import { formatSummary } from "./text.js";

export function formatRunSummary(report: Omit<RunReport, "files">): string {
  switch (report.command) {
    case "sort":
      return formatSummary(report.summary, report.mode === "write" ? "write" : report.mode === "diff" ? "diff" : "check");
    case "run":
      return codemodSummary(report);
    case "rename-symbol":
    case "move":
      return refactorSummary(report);
  }
}

/** `2 files changed, 14 unchanged, 1 failed (9 matches)`; `would change` when nothing is written. */
function codemodSummary({ summary, mode }: Omit<RunReport, "files">): string {
  const n = summary.matches ?? 0;
  const matches = `${n} ${n === 1 ? "match" : "matches"}`;
  if (mode === "dump") {
    const files = summary.changed + summary.unchanged + summary.failed + summary.skipped;
    return `${matches} in ${files} ${files === 1 ? "file" : "files"}\n`;
  }
  const verb = writes(mode) ? "changed" : "would change";
  const parts = [`${summary.changed} ${summary.changed === 1 ? "file" : "files"} ${verb}`, `${summary.unchanged} unchanged`];
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  return `${parts.join(", ")} (${matches})\n`;
}

/**
 * `rename sum → add: 3 files changed` / `move src/a.ts → src/lib/a.ts: 2 files would change, and the move`;
 * `…: nothing to change` when a written plan had no work. Nothing when the plan failed (its diagnostics say why).
 */
function refactorSummary({ summary, mode, title, moves }: Omit<RunReport, "files">): string {
  if (title === undefined || summary.failed > 0) return "";
  const done = writes(mode);
  const moved = moves?.length ?? 0;
  if (done && summary.changed === 0 && moved === 0) return `${title}: nothing to change\n`;
  const files = `${summary.changed} ${summary.changed === 1 ? "file" : "files"}`;
  const move = moved === 0 ? "" : done ? ", moved" : ", and the move";
  return `${title}: ${files} ${done ? "changed" : "would change"}${move}\n`;
}
