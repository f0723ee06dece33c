/**
 * A per-file step of a run, as the one run driver (drive.ts) uses it: plain
 * data in (a FileTask), a FileResult out, never throwing. The import sorter
 * is one processor; each codemod run is another (codemod/process.ts).
 *
 * Adding a processor: its in-process `process`; a worker script that calls
 * `serveBatches` with the same step (see src/pool/worker.ts), built as a
 * bundle entry in scripts/bundle.mjs and named in `worker`; a `smallRun`
 * threshold; and, if most files can be ruled out cheaply, a `triage`.
 */
import type { SortedCache } from "../cache/cache.js";
import type { FileTask } from "../pool/messages.js";
import { workerScript } from "../pool/script.js";
import type { FileResult, ResolvedConfig } from "../types.js";

import { processFile, resultByStat } from "./process-file.js";

/** What `triage` decided on the main thread: the file's result, or go on (with the in-process step, which may reuse what triage read). */
export type Triaged = { readonly result: FileResult } | { readonly inProcess: () => Promise<FileResult> };

export interface FileProcessor {
  /** The whole per-file step, in-process. */
  process(task: FileTask): Promise<FileResult>;
  /**
   * The file's result when it can be given at once, on the main thread,
   * without reading the file (the sorter's metadata cache); undefined: process
   * it. No promise and no worker for such a file: a warm run is mostly these.
   * Never throws.
   */
  knownResult?(path: string, index: number, config: ResolvedConfig): FileResult | undefined;
  /**
   * A cheap main-thread step before the expensive one (the codemods' text
   * pre-filter): most files settle here; only the others reach the
   * in-process step or the pool.
   */
  triage?(task: FileTask): Promise<Triaged>;
  /** The script (and its `workerData`) that runs the same step in the pool's threads; without it everything runs in-process. */
  readonly worker?: {
    readonly url: URL;
    readonly data?: unknown;
    readonly batchSize?: number;
    /** Give up on a file after this long (its thread is terminated): every file then runs on a worker, whatever `jobs` says. */
    readonly timeoutMs?: number;
  };
  /** Files (past triage) processed in-process before the pool starts: starting the workers costs about as much. */
  readonly smallRun: number;
  /** Files in flight on the main thread when workers may run (default 32 per worker): enough to keep them fed while the consumer waits for the earliest. */
  readonly pooledInFlight?: number;
}

/**
 * The sorter's small run: starting two workers (each loading the parser)
 * costs about as much as sorting this many files in-process. Measured with
 * bench/threshold.mjs, which overrides it with SAFESORT_SMALL_RUN (a
 * benchmark knob, not an option).
 */
export const SMALL_RUN = 48;

/**
 * The import sorter, skipping files the cache knows to be sorted: by their
 * metadata on the main thread (`knownResult`), by their content wherever they
 * are processed (workers get the content keys at start); `strict` parses every
 * file whole (`--strict`); `write`: changed files will be written (write
 * mode), so the hashes a write needs are taken.
 */
export function sortProcessor(cache?: SortedCache, strict = false, write = true): FileProcessor {
  const known = cache?.lookups();
  // Read when the pool starts (the content keys are made into a set only when a run needs them).
  const data = known || strict ? { get cacheKeys() { return known ? [...known.contents] : undefined; }, strict, write } : { write };
  // A run that starts without metadata keys cannot hit one: its files are all read.
  const byStat = known?.anyStat ? known : undefined;
  return {
    process: (task) => processFile(task.path, task.index, task.config, task.displayPath, known, strict, write),
    knownResult: byStat && ((path, index, config) => resultByStat(path, index, config, byStat, strict)),
    worker: { url: workerScript("worker", "pool/worker.js"), data },
    smallRun: SMALL_RUN,
  };
}
