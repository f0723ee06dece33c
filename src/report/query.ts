/**
 * What a query run prints, and its result. The per-file text follows the
 * sorter's conventions (text.ts): stdout carries data (diffs, paths
 * of files that would change, dumps), stderr errors and notices; the summary
 * goes to stderr when stdout is data.
 */
import type { ReviewIo } from "../pipeline/review.js";

import { colorizeDiff } from "./diff.js";
import type { FileReport } from "./model.js";
import { formatDiagnostic } from "./text.js";
import { packageVersion } from "./version.js";

export type QueryMode = "diff" | "write" | "check" | "interactive" | "dump";

/** One file's report: the sorter's, plus the query's match count and, for `dump`, the description. */
export interface CodemodReport extends FileReport {
  readonly matches: number;
  readonly dump?: string;
}

interface Output {
  write(text: string): unknown;
}

/** Where a query's output goes, and where interactive answers come from. */
export interface QueryIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly color: boolean;
  /** Print only errors (and the data asked for: diffs, dumps). */
  readonly quiet?: boolean;
  /** One JSON document on stdout instead of text. */
  readonly json?: boolean;
  /** The prompt channel for `interactive()`. */
  review(): ReviewIo;
}

export interface QueryResult {
  readonly filesChanged: number;
  readonly filesUnchanged: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  /** Matches over all files (after filters). */
  readonly matches: number;
  readonly files: readonly CodemodReport[];
}

/** How `interactive()` asks: the next answer line (null at end of input) and an editor for `e`. The CLI passes stdin's lines and $VISUAL/$EDITOR. */
export interface Prompt {
  readLine(): Promise<string | null>;
  edit(text: string): Promise<string>;
}

/** A QueryIo over process-like streams: colors only on a TTY without NO_COLOR. `interactive()` needs `prompt`. */
export function queryIoFrom(
  io: {
    readonly stdout: Output;
    readonly stderr: Output;
    readonly isTTY: boolean;
    readonly env: Readonly<Record<string, string | undefined>>;
  },
  options: { readonly color?: boolean; readonly quiet?: boolean; readonly json?: boolean; readonly prompt?: Prompt } = {},
): QueryIo {
  const color = (options.color ?? true) && io.isTTY && !io.env["NO_COLOR"];
  const prompt = options.prompt;
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    color,
    quiet: options.quiet,
    json: options.json,
    review: () => {
      if (!prompt) throw new Error("interactive() needs a prompt: pass `io: queryIoFrom(streams, { prompt: { readLine, edit } })`");
      return { write: (text) => void io.stdout.write(text), readLine: () => prompt.readLine(), edit: (text) => prompt.edit(text), color };
    },
  };
}

/** Print reports as they arrive (or one JSON document at the end) and count them. */
export async function reportQuery(reports: AsyncIterable<CodemodReport>, mode: QueryMode, io: QueryIo): Promise<QueryResult> {
  const files: CodemodReport[] = [];
  const counts = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  let matches = 0;
  const printed = new Set<string>();
  for await (const report of reports) {
    files.push(report);
    counts[report.status] += 1;
    matches += report.matches;
    if (io.json) continue;
    const { stdout, stderr } = formatCodemodReport(report, mode, io);
    if (stdout) io.stdout.write(stdout);
    if (stderr && !printed.has(stderr)) {
      printed.add(stderr);
      io.stderr.write(stderr);
    }
  }
  const result: QueryResult = {
    filesChanged: counts.changed,
    filesUnchanged: counts.unchanged,
    filesFailed: counts.failed,
    filesSkipped: counts.skipped,
    matches,
    files,
  };
  if (io.json) io.stdout.write(formatQueryJson(result, mode));
  else if (!io.quiet) (mode === "write" ? io.stdout : io.stderr).write(formatQuerySummary(result, mode));
  return result;
}

function formatCodemodReport(report: CodemodReport, mode: QueryMode, io: Pick<QueryIo, "color" | "quiet">): { stdout: string; stderr: string } {
  const dump = report.dump ?? "";
  switch (report.status) {
    case "failed":
      return { stdout: dump, stderr: (report.diagnostics ?? []).map(formatDiagnostic).join("") };
    case "skipped":
      return { stdout: "", stderr: io.quiet ? "" : `${report.path}: skipped (${report.reason ?? "no reason given"})\n` };
    case "unchanged":
      return { stdout: dump, stderr: "" };
    case "changed":
      if (mode === "diff") return { stdout: io.color ? colorizeDiff(report.diff ?? "") : (report.diff ?? ""), stderr: "" };
      if (mode === "check" && !io.quiet) return { stdout: `${report.path}\n`, stderr: "" };
      return { stdout: "", stderr: "" };
  }
}

/** `2 files changed, 14 unchanged, 1 failed (9 matches)`; `would change` when nothing is written. */
function formatQuerySummary(result: Omit<QueryResult, "files">, mode: QueryMode): string {
  const matches = `${result.matches} ${result.matches === 1 ? "match" : "matches"}`;
  if (mode === "dump") {
    const files = result.filesChanged + result.filesUnchanged + result.filesFailed + result.filesSkipped;
    return `${matches} in ${files} ${files === 1 ? "file" : "files"}\n`;
  }
  const verb = mode === "write" || mode === "interactive" ? "changed" : "would change";
  const files = `${result.filesChanged} ${result.filesChanged === 1 ? "file" : "files"} ${verb}`;
  const parts = [files, `${result.filesUnchanged} unchanged`];
  if (result.filesSkipped > 0) parts.push(`${result.filesSkipped} skipped`);
  if (result.filesFailed > 0) parts.push(`${result.filesFailed} failed`);
  return `${parts.join(", ")} (${matches})\n`;
}

function formatQueryJson(result: QueryResult, mode: QueryMode): string {
  const { files, ...summary } = result;
  const list = files.map(({ path, status, matches, diagnostics, reason, diff, dump }) => ({ path, status, matches, diagnostics, reason, diff, dump }));
  return JSON.stringify({ version: packageVersion(), mode, summary, files: list }, null, 2) + "\n";
}
