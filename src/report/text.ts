/**
 * The human reporter: pure functions from results to text. stdout carries the
 * data a user may pipe (files that would change, diffs); stderr carries errors
 * and notices.
 */
import { formatLocation } from "../errors.js";
import type { ExplainedBarrier, ExplainedBlock, Explanation } from "../imports/explain.js";
import type { Diagnostic, DiagnosticCode } from "../types.js";

import { colorizeDiff } from "./diff-color.js";
import type { FileReport, Mode, ReportMode, RunSummary } from "./model.js";

export interface Printed {
  readonly stdout: string;
  readonly stderr: string;
}

export interface TextOptions {
  readonly quiet: boolean;
  readonly color: boolean;
}

/**
 * One diagnostic, as the user sees it:
 *   src/a.ts:3:7: syntax error: Unexpected token   (then the code frame)
 *   src/a.ts: internal error, refusing to write (…)
 *   safesort.config.json: groups[1].match: expected an array of strings
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d);
  let text: string;
  if (d.code === "internal-error") text = `${where}: ${internalMessage(d.message)}`;
  else if (d.code === "config-error") text = `${where}: ${d.message}`;
  else text = `${where}: ${codeWords(d.code)}: ${d.message}`;
  const withStack = d.code === "internal-error" || d.code === "codemod-error";
  const details = [d.frame, withStack ? d.stack : undefined].filter((x): x is string => !!x);
  return [text, ...details].map((part) => (part.endsWith("\n") ? part : part + "\n")).join("");
}

/** The core already words its verify failures `internal error, refusing to write (…)`; other crashes get that wording here. */
function internalMessage(message: string): string {
  return message.startsWith("internal error") ? message : `internal error, refusing to write (${message})`;
}

/** `syntax-error` → `syntax error`. */
export function codeWords(code: DiagnosticCode): string {
  return code.replace(/-/g, " ");
}

/**
 * What one file's report prints, for every command. Errors are printed even
 * with `--quiet`; diffs and dumps too (they are the output asked for).
 */
export function formatReport(report: FileReport, mode: ReportMode, options: TextOptions): Printed {
  const dump = report.dump ?? "";
  switch (report.status) {
    case "failed":
      return { stdout: dump, stderr: (report.diagnostics ?? []).map(formatDiagnostic).join("") };
    case "skipped":
      return { stdout: "", stderr: options.quiet ? "" : `${report.path}: skipped (${report.reason ?? "no reason given"})\n` };
    case "changed":
      return { stdout: changedText(report, mode, options), stderr: "" };
    case "unchanged":
      return { stdout: dump, stderr: "" };
  }
}

function changedText(report: FileReport, mode: ReportMode, options: TextOptions): string {
  if (mode === "diff") return options.color ? colorizeDiff(report.diff ?? "") : (report.diff ?? "");
  if (mode === "check" && !options.quiet) return `${report.path}\n`;
  return "";
}

/** `3 files sorted, 412 unchanged, 1 failed` (`would be sorted` when nothing is written). */
export function formatSummary(summary: RunSummary, mode: Mode): string {
  const verb = mode === "write" ? "sorted" : "would be sorted";
  const parts = [`${summary.changed} ${summary.changed === 1 ? "file" : "files"} ${verb}`, `${summary.unchanged} unchanged`];
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  return parts.join(", ") + "\n";
}

/**
 * `safesort explain`: blocks and barriers in source order; a block's imports
 * in their sorted order, each with its current line.
 *   lines 3-5: imports block, would change
 *     line 4: builtin      group 1 (builtin) · "node:fs" · default · #2
 *     line 3: third-party  group 2 (third-party) · "react" · default · #1
 *   line 6: barrier (side-effect import): import "./polyfill";
 */
export function formatExplanation(path: string, explanation: Explanation): string {
  const { blocks, barriers } = explanation;
  const header = `${path}: ${plural(blocks.length, "block")}, ${plural(barriers.length, "barrier")}\n`;
  const entries = [
    ...blocks.map((block) => ({ line: block.startLine, text: formatBlock(block) })),
    ...barriers.map((barrier) => ({ line: barrier.line, text: formatBarrier(barrier) })),
  ];
  entries.sort((a, b) => a.line - b.line);
  return header + entries.map((entry) => entry.text).join("") + formatEarlyError(explanation);
}

/** An early error refuses every change to the file: say so, and where. */
function formatEarlyError({ earlyError, blocks }: Explanation): string {
  if (!earlyError) return "";
  const { line, column, message } = earlyError;
  const verdict = blocks.some((block) => block.changed)
    ? "safesort refuses to change this file until it is fixed (exit 2)"
    : "nothing to sort, so the file is left as it is";
  return `line ${line}:${column}: early error (${message}): ${verdict}
`;
}

function formatBlock(block: ExplainedBlock): string {
  const kind = block.kind === "imports" ? "imports block" : "re-exports block";
  const container = block.container === undefined ? "" : ` in ${block.container}`;
  const verdict = block.changed ? "would change" : "already sorted";
  const width = Math.max(0, ...block.imports.map((i) => i.group.length));
  const imports = block.imports.map((i) => `  line ${i.line}: ${i.group.padEnd(width)}  ${i.key}\n`);
  return `${lineRange(block.startLine, block.endLine)}: ${kind}${container}, ${verdict}\n${imports.join("")}`;
}

function formatBarrier(barrier: ExplainedBarrier): string {
  return `${lineRange(barrier.line, barrier.endLine)}: barrier (${barrier.reason}): ${barrier.text}\n`;
}

function lineRange(start: number, end: number): string {
  return start === end ? `line ${start}` : `lines ${start}-${end}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
