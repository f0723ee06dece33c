/** `safesort [paths…]` with `--check`, `--diff`, `--json`: run the pipeline and report. */
import { emptySummary, type FileReport, type Mode, runFiles, type RunSummary } from "../pipeline/run.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_CHANGES, EXIT_ERROR, EXIT_OK, Interrupted, useColor } from "./io.js";
import { formatJson } from "./json.js";
import { formatReport, formatSummary } from "./text.js";
import { packageVersion } from "./version.js";

export async function runSort(options: CliOptions, io: CliIo): Promise<number> {
  const run = (signal: AbortSignal | undefined): Promise<number> => {
    const reports = runFiles(options.paths, {
      mode: options.mode,
      cwd: io.cwd,
      configFile: options.config,
      jobs: options.jobs,
      signal,
    });
    return reportRun(reports, options, io, { summaryLine: true });
  };
  return io.interrupts ? io.interrupts.guard(run) : run(undefined);
}

/**
 * Print reports as they arrive (or one JSON document at the end) and return
 * the exit code. An error printed once is not repeated: a broken config fails
 * every file it governs with the same message.
 */
export async function reportRun(
  reports: AsyncIterable<FileReport> | Iterable<FileReport>,
  options: CliOptions,
  io: CliIo,
  { summaryLine }: { summaryLine: boolean },
): Promise<number> {
  const summary = emptySummary();
  const files: FileReport[] = [];
  const printedErrors = new Set<string>();
  const text = { quiet: options.quiet, color: useColor(io, options.color) };
  try {
    for await (const report of reports) {
      summary[report.status] += 1;
      if (options.json) {
        files.push(report);
        continue;
      }
      const printed = formatReport(report, options.mode, text);
      if (printed.stdout) io.stdout.write(printed.stdout);
      if (printed.stderr && !printedErrors.has(printed.stderr)) {
        printedErrors.add(printed.stderr);
        io.stderr.write(printed.stderr);
      }
    }
  } catch (error) {
    // A signal stopped the run (see bin.ts): no partial JSON document, a notice and 130/143.
    if (!(error instanceof Interrupted)) throw error;
    io.stderr.write(formatInterrupted(error, summary, options.mode));
    return error.exitCode;
  }
  if (options.json) io.stdout.write(formatJson({ version: packageVersion(), mode: options.mode, summary, files }));
  else if (summaryLine && !options.quiet) summaryStream(options.mode, io).write(formatSummary(summary, options.mode));
  return exitCodeFor(options.mode, summary);
}

/** `safesort: interrupted by SIGINT after 40 files (12 sorted); the others were not touched`. */
export function formatInterrupted(interrupted: Interrupted, summary: RunSummary, mode: Mode): string {
  const done = summary.changed + summary.unchanged + summary.skipped + summary.failed;
  const sorted = mode === "write" ? ` (${summary.changed} sorted)` : "";
  return `safesort: ${interrupted.message} after ${done} ${done === 1 ? "file" : "files"}${sorted}; the others were not touched\n`;
}

/** In write mode the summary is the output; in check and diff modes stdout is data (paths, a patch), so it goes to stderr. */
function summaryStream(mode: Mode, io: CliIo) {
  return mode === "write" ? io.stdout : io.stderr;
}

/** 2 if anything failed (2 wins), 1 if `--check`/`--diff` found files to change, else 0. */
export function exitCodeFor(mode: Mode, summary: RunSummary): number {
  if (summary.failed > 0) return EXIT_ERROR;
  if (mode !== "write" && summary.changed > 0) return EXIT_CHANGES;
  return EXIT_OK;
}
