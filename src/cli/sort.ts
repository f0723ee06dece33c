/** `safesort [paths…]` with `--check`, `--diff`, `--reporter`, `--changed`/`--staged`, `--shard`: run the pipeline and report. */
import { resolve } from "node:path";

import { cacheScope, defaultCacheLocation, SortedCache } from "../cache/cache.js";
import { runFileBatches, runFiles, type RunOptions } from "../pipeline/run.js";
import { emptySummary, type FileReport, type Mode, type RunSummary } from "../report/model.js";
import { streamReport } from "../report/stream.js";
import { packageVersion } from "../report/version.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_ERROR, exitCodeFor, Interrupted, useColor } from "./io.js";
import { Progress } from "./progress.js";
import { mayBeLongRun, tuneForLongRun, yieldBackgroundThreads } from "./v8-tuning.js";

export async function runSort(options: CliOptions, io: CliIo): Promise<number> {
  // git (and child_process) load only for `--changed`/`--staged`.
  const scoped = options.gitScope === undefined ? undefined : await (await import("./git-scope.js")).gitScoped(options, options.gitScope, io);
  if (scoped === "failed") return EXIT_ERROR;
  const warn = (message: string): void => void io.stderr.write(`safesort: warning: ${message}\n`);
  // git's scopes (--changed, --staged) are mostly a few files: left untuned.
  // Tuned before the cache's load, the run's first use of libuv's pool (v8-tuning.ts).
  if (!scoped && mayBeLongRun(options.paths, io.cwd)) {
    tuneForLongRun();
    yieldBackgroundThreads();
  }
  const cache = options.cache
    ? await SortedCache.load(resolve(io.cwd, options.cacheLocation ?? defaultCacheLocation(io.cwd)), cacheScope(packageVersion()), warn)
    : undefined;
  const progress = options.reporter === "text" && !options.quiet && io.stderrIsTTY ? new Progress(io.stderr) : undefined;
  const run = (signal: AbortSignal | undefined): Promise<number> => {
    const runOptions: RunOptions = {
      mode: options.mode,
      cwd: io.cwd,
      configFile: options.config,
      jobs: options.jobs,
      signal,
      shard: options.shard,
      unmatched: options.errorOnUnmatchedPattern ? "error" : "skip",
      source: scoped?.source,
      cache,
      strict: options.strict,
      onWarning: warn,
      // Only the github and sarif reporters show where a file changes.
      lineRanges: options.reporter === "github" || options.reporter === "sarif",
      onDiscover: progress ? (count, complete) => progress.discovered(count, complete) : undefined,
    };
    // In batches (a warm run's files come out together), unless git's scope tracks them one by one.
    const reports = scoped ? scoped.track(runFiles(options.paths, runOptions)) : runFileBatches(options.paths, runOptions);
    return reportRun(reports, options, io, { summaryLine: true, progress });
  };
  const code = await (io.interrupts ? io.interrupts.guard(run) : run(undefined));
  // Exit codes rank 2 (errors) > 1 (changes) > 0; an interrupted run's 130/143 outranks them all.
  return scoped ? Math.max(code, await scoped.finish()) : code;
}

/**
 * Print the sorter's reports (stream.ts: text as they arrive, or one document
 * at the end) and return the exit code.
 */
export async function reportRun(
  reports: AsyncIterable<FileReport | readonly FileReport[]> | Iterable<FileReport>,
  options: CliOptions,
  io: CliIo,
  { summaryLine, progress }: { summaryLine: boolean; progress?: Progress },
): Promise<number> {
  const summary = emptySummary();
  const head = { version: packageVersion(), command: "sort" as const, mode: options.mode };
  const settings = { reporter: options.reporter, quiet: options.quiet, color: useColor(io, options.color), summaryLine, progress };
  try {
    await streamReport(reports, head, settings, io, summary);
  } catch (error) {
    // A signal stopped the run (see bin.ts): no partial JSON document, a notice and 130/143.
    if (!(error instanceof Interrupted)) throw error;
    io.stderr.write(formatInterrupted(error, summary, options.mode));
    return error.exitCode;
  }
  return exitCodeFor(options.mode, summary);
}

/** `safesort: interrupted by SIGINT after 40 files (12 sorted); the others were not touched`. */
function formatInterrupted(interrupted: Interrupted, summary: RunSummary, mode: Mode): string {
  const done = summary.changed + summary.unchanged + summary.skipped + summary.failed;
  const sorted = mode === "write" ? ` (${summary.changed} sorted)` : "";
  return `safesort: ${interrupted.message} after ${done} ${done === 1 ? "file" : "files"}${sorted}; the others were not touched\n`;
}
