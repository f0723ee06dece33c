/**
 * The sorter's run over paths: the run driver (drive.ts) with the sorter's
 * processor, and this (main-thread) consumer, the only place that writes.
 * `write`, `check` and `diff` differ only in what the consumer does with a
 * `changed` result (settle.ts).
 *
 *   paths ─processFiles(sortProcessor)─▶ FileResult (by index) ─settle─▶ FileReport
 */
import type { SortedCache } from "../cache/cache.js";
import { emptySummary, type FileReport, type Mode, type RunResult } from "../report/model.js";
import { displayPathFor } from "../report/paths.js";
import type { FileResult } from "../types.js";

import { type DriveOptions, processFileBatches } from "./drive.js";
import { sortProcessor } from "./processor.js";
import { type RunInternals, settle, settleAtOnce, withConfigs, withLines } from "./settle.js";

/** The sorter's run: the driver's options (its processor is the sorter), the mode, and the sorted-files cache. */
export interface RunOptions extends Omit<DriveOptions, "processor"> {
  readonly mode: Mode;
  /**
   * Files known to be sorted by their metadata are not read, by their content
   * not parsed; files found or made sorted are added, and the cache is saved
   * at the end of the run.
   */
  readonly cache?: SortedCache;
  /** Parse every file whole: no proof of "sorted" from a file's head (`--strict`). */
  readonly strict?: boolean;
  /** Non-fatal problems (e.g. an unreadable cache). */
  readonly onWarning?: (message: string) => void;
  /**
   * Whether a changed file's report carries `lines`, the original's lines that
   * change (default true). Finding them reads both texts whole; the CLI asks
   * for them only for the reporters that print them (github, sarif).
   */
  readonly lineRanges?: boolean;
}

/** Sort, check or diff the files under `paths`, yielding one report per file in discovery order. */
export async function* runFiles(paths: readonly string[], options: RunOptions, internals: RunInternals = {}): AsyncGenerator<FileReport> {
  for await (const batch of runFileBatches(paths, options, internals)) yield* batch;
}

/** `runFiles` in batches (never empty): the reports ready together (a warm run's files) come out together. */
export async function* runFileBatches(paths: readonly string[], options: RunOptions, internals: RunInternals = {}): AsyncGenerator<readonly FileReport[]> {
  const display = displayPathFor(options.cwd, paths);
  const cache = options.cache;
  const processor = sortProcessor(cache, options.strict, options.mode === "write");
  // Up to WRITES_IN_FLIGHT results are settled (written, in write mode) at
  // once, so fsyncs overlap the sorting of the next files; reports still come
  // out in discovery order. When the run stops (interrupted, or a failure),
  // the writes already started finish and are reported before it ends. A
  // result that needs no wait (most) is reported at once when none waits
  // before it.
  const pending: (Settled | Promise<Settled>)[] = [];
  const recorded = ({ result, report }: Settled): FileReport => {
    if (cache && result.cacheKey && (report.status === "unchanged" || (report.status === "changed" && options.mode === "write"))) {
      cache.add(result.cacheKey);
    }
    if (cache && result.statKey && report.status === "unchanged") cache.addStat(result.statKey);
    return report;
  };
  const next = async (): Promise<FileReport> => {
    const head = pending.shift()!;
    return recorded("then" in head ? await head : head);
  };
  const lines = options.lineRanges ?? true;
  const reported = (result: FileResult, report: FileReport): Settled => ({ result, report: withConfigs(lines ? withLines(report, result) : report, result, display) });
  try {
    try {
      for await (const batch of processFileBatches(paths, { ...options, processor })) {
        let ready: FileReport[] = [];
        for (const result of batch) {
          const now = settleAtOnce(result, options.mode, display);
          if (now !== undefined && pending.length === 0) {
            ready.push(recorded(reported(result, now)));
            continue;
          }
          pending.push(now !== undefined ? reported(result, now) : settle(result, options.mode, display, internals).then((report) => reported(result, report)));
          if (pending.length >= WRITES_IN_FLIGHT) {
            if (ready.length > 0) yield ready;
            ready = [];
            yield [await next()];
          }
        }
        if (ready.length > 0) yield ready;
      }
    } catch (error) {
      while (pending.length > 0) yield [await next()];
      throw error;
    }
    while (pending.length > 0) yield [await next()];
  } finally {
    // A consumer that stops early: the writes in flight still complete.
    await Promise.allSettled(pending);
    await cache?.save(options.onWarning ?? (() => undefined));
  }
}

/** A result and its report. */
interface Settled {
  readonly result: FileResult;
  readonly report: FileReport;
}

/** Results settled (written) at once in `runFiles`. */
const WRITES_IN_FLIGHT = 8;

/** Run to completion and collect the reports with their summary. */
export async function collectRun(paths: readonly string[], options: RunOptions): Promise<RunResult> {
  const files: FileReport[] = [];
  const summary = emptySummary();
  for await (const report of runFiles(paths, options)) {
    files.push(report);
    summary[report.status] += 1;
  }
  return { files, summary };
}

