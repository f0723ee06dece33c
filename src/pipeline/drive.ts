/**
 * The one run driver: discovery streams into a concurrency-limited map, each
 * file gets its config and goes through a FileProcessor, and results come
 * back in discovery order. Every command that runs over files uses it: the
 * sorter (run.ts), codemods (codemod/run.ts).
 *
 *   paths ─discover─▶ Discovered[] ─units─▶ mapLimit(N) ─▶ FileResult[] (by index)
 *   a unit: files known at once (their results), or one file: config ─▶ known? ─▶ triage? ─▶ in-process (first smallRun files)
 *                                                                                         └▶ worker pool (the rest, jobs > 1)
 *
 * "Known at once" is `FileProcessor.knownResult` on a file whose config is
 * known already: the sorter's metadata cache, a `stat` on the main thread. A
 * warm run's files are mostly that, and cost no promise, no generator step
 * and no worker each: discovery gives them in batches, and a run of them
 * takes one slot of the map.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";

import { ConfigResolver, configResolver } from "../config/index.js";
import { discoverBatches, type Discovered, type DiscoverOptions } from "../files/discover.js";
import { mapLimit } from "../files/limit.js";
import { resolvedPath } from "../files/resolved.js";
import type { Shard } from "../files/shard.js";
import { discoverCheckedBatches, type UnmatchedPolicy } from "../files/unmatched.js";
import type { FileTask } from "../pool/messages.js";
import type { WorkerPool } from "../pool/pool.js";
import { displayPathFor } from "../report/paths.js";
import type { Diagnostic, FileResult, ResolvedConfig } from "../types.js";

import { failedResult, internalError } from "./process-file.js";
import type { FileProcessor } from "./processor.js";
import { configOrDiagnostic, counted, excludeByConfig, inShardOnly, relativize, singly, unique } from "./sources.js";

export interface DriveOptions {
  /** Absolute directory that paths are resolved against and reported relative to. */
  readonly cwd: string;
  readonly processor: FileProcessor;
  /** An explicit config file used for every file (`--config`), relative to cwd or absolute. */
  readonly configFile?: string | false;
  /** Files in flight at once on the main thread without workers (IO concurrency). Default 8. */
  readonly concurrency?: number;
  /** Worker threads (default: `defaultJobs()`); 1 runs everything in-process, and so do the first `processor.smallRun` files. */
  readonly jobs?: number;
  readonly signal?: AbortSignal;
  /** Where the files come from instead of walking `paths` (git scopes); it gets the walk's options, so it can apply the config's `exclude`. */
  readonly source?: (options: DiscoverOptions) => AsyncIterable<Discovered>;
  /**
   * What to do with an argument designating nothing to process (a glob or directory without
   * source files, an ignored or excluded path named explicitly, a missing path): "error" (the
   * CLI's default) or "skip" (`--no-error-on-unmatched-pattern`); see src/files/unmatched.ts.
   * Undefined: discover.ts's own behaviour (named files are processed even if ignored).
   */
  readonly unmatched?: UnmatchedPolicy;
  /** Keep only this part of the files (`--shard i/n`), chosen by path relative to `cwd`. */
  readonly shard?: Shard;
  /** Files discovered so far, and whether discovery is complete (for a progress line). */
  readonly onDiscover?: (count: number, complete: boolean) => void;
}

const DEFAULT_CONCURRENCY = 8;

/**
 * Workers by default: one per core but one, since the main thread is busy
 * too (discovery, config, ordering, writing). On a 2-core machine that means
 * in-process: bench/threshold.mjs measured two workers at 0.9–1.5× the
 * in-process time for 8 to 1,024 files there.
 */
function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The per-file results of a run, in discovery order. */
export async function* processFiles(paths: readonly string[], options: DriveOptions): AsyncGenerator<FileResult> {
  for await (const batch of processFileBatches(paths, options)) yield* batch;
}

/**
 * `processFiles` in batches (never empty): the files settled at once on the
 * main thread (`FileProcessor.knownResult`: a warm run's files) come out
 * together, without a promise or a generator step each.
 */
export async function* processFileBatches(paths: readonly string[], options: DriveOptions): AsyncGenerator<readonly FileResult[]> {
  const { cwd, processor } = options;
  const resolver = configResolver(cwd, options.configFile);
  const { unmatched } = options;
  const walk = (walk: DiscoverOptions) => (unmatched ? discoverCheckedBatches(paths, walk, unmatched) : discoverBatches(paths, walk));
  const discover = options.source ? (walk: DiscoverOptions) => singly(options.source!(walk)) : walk;
  const found = discover({ cwd, isExcluded: excludeByConfig(resolver), onListing: (dir, entries) => resolver.noteListing(dir, entries) });
  // One path walked by discovery never yields a file twice (a glob's walks dedupe themselves).
  const once = options.source === undefined && paths.length === 1 ? found : unique(found, cwd);
  const walked = inShardOnly(once, cwd, options.shard);
  const discovered = options.onDiscover ? counted(walked, options.onDiscover) : walked;
  const jobs = options.jobs ?? defaultJobs();
  const runner = fileRunner(processor, jobs);
  const display = displayPathFor(cwd, paths);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const inFlight = runner.poolable ? Math.max(concurrency, processor.pooledInFlight ?? jobs * 32) : concurrency;
  // Interrupted: queued files are cancelled and workers terminated at once; a write in flight
  // (in the consumer) still finishes, then the next pull throws the signal's reason.
  const closing = (): void => void runner.close();
  options.signal?.addEventListener("abort", closing, { once: true });
  // What a file needs no wait for: its result (failed or skipped in discovery, or known to the
  // processor at once), or its task (its config is known); undefined: its config must be resolved.
  const atOnce = (item: Discovered, index: number): FileResult | FileTask | undefined => {
    if (item.kind !== "file") return taskFor(item, index, cwd, resolver, display) as FileResult;
    const absPath = resolvedPath(cwd, item.path);
    const config = resolver.known(absPath);
    if (config === undefined) return undefined;
    const known = processor.knownResult?.(absPath, index, config);
    return known === undefined ? { index, path: absPath, displayPath: display(absPath), config } : withApplied(known, config);
  };
  const step = async (unit: Unit): Promise<FileResult | readonly FileResult[]> => {
    if ("results" in unit) return unit.results;
    let task = unit.task;
    if (task === undefined) {
      const made = await taskFor(unit.item, unit.index, cwd, resolver, display);
      if ("status" in made) return made;
      const known = processor.knownResult?.(made.path, made.index, made.config);
      if (known !== undefined) return withApplied(known, made.config);
      task = made;
    }
    return withApplied(await runner.run(task), task.config);
  };
  try {
    for await (const out of mapLimit(unitsOf(discovered, atOnce), inFlight, step, { ordered: true, signal: options.signal })) {
      yield Array.isArray(out) ? (out as readonly FileResult[]) : [out as FileResult];
    }
  } finally {
    options.signal?.removeEventListener("abort", closing);
    await runner.close();
  }
}

/**
 * What the concurrency-limited map works on: a run of files settled at once
 * (one slot for all of them), or one file to process, with its task when its
 * config was known at once.
 */
type Unit = { readonly results: FileResult[] } | { readonly item: Discovered; readonly index: number; readonly task: FileTask | undefined };

/** Discovery's batches as units, numbering the items in discovery order; `atOnce` is asked as each item is pulled. */
async function* unitsOf(batches: AsyncIterable<readonly Discovered[]>, atOnce: (item: Discovered, index: number) => FileResult | FileTask | undefined): AsyncGenerator<Unit> {
  let index = 0;
  for await (const batch of batches) {
    let settled: FileResult[] = [];
    for (const item of batch) {
      const now = atOnce(item, index);
      if (now !== undefined && "status" in now) {
        settled.push(now);
      } else {
        if (settled.length > 0) {
          yield { results: settled };
          settled = [];
        }
        yield { item, index, task: now };
      }
      index++;
    }
    if (settled.length > 0) yield { results: settled };
  }
}

/** A result carries the configs that applied to its file, when some did. */
function withApplied(result: FileResult, config: ResolvedConfig): FileResult {
  return config.appliedConfigs.length === 0 ? result : { ...result, appliedConfigs: config.appliedConfigs };
}

/** A discovered item as a task for the processor, or its result when it has failed or been skipped already (its config, its discovery). */
function taskFor(item: Discovered, index: number, cwd: string, resolver: ConfigResolver, display: (absPath: string) => string): FileTask | FileResult | Promise<FileTask | FileResult> {
  if (item.kind === "error") return failedResult(resolve(cwd, item.diagnostic.path), index, relativize(item.diagnostic, display));
  if (item.kind === "skipped") return { status: "skipped", reason: item.reason, index, path: item.path };
  const absPath = resolvedPath(cwd, item.path);
  const displayPath = display(absPath);
  // Most files' configs are known at once (their directory was resolved during the walk).
  const known = resolver.known(absPath);
  if (known !== undefined) return { index, path: absPath, displayPath, config: known };
  return configFor(resolver, absPath, displayPath, display).then((config) => ("code" in config ? failedResult(absPath, index, config) : { index, path: absPath, displayPath, config }));
}

/** The file's config, or the diagnostic that makes this file fail; a bug in resolving it fails only this file. */
async function configFor(resolver: ConfigResolver, absPath: string, displayPath: string, display: (absPath: string) => string): Promise<ResolvedConfig | Diagnostic> {
  try {
    return await configOrDiagnostic(resolver, absPath, display);
  } catch (error) {
    return internalError(displayPath, error);
  }
}

interface FileRunner {
  /** Whether this run may start workers at all. */
  readonly poolable: boolean;
  run(task: FileTask): Promise<FileResult>;
  /** Terminate the workers, if any started; later files fail as cancelled. */
  close(): Promise<void>;
}

/**
 * Where each file runs: triage first (main thread), then in-process for the
 * first `smallRun` files, then the pool, started on the first file past that
 * (a pre-commit hook's three files never start a thread).
 */
function fileRunner(processor: FileProcessor, jobs: number): FileRunner {
  const worker = processor.worker;
  // A timeout needs a thread that can be terminated: then even `--jobs 1` runs on one worker.
  const poolable = worker !== undefined && (jobs > 1 || worker.timeoutMs !== undefined);
  const threshold = smallRunOf(processor);
  // Loaded with the pool itself: a run that never starts one never loads it.
  let pool: Promise<WorkerPool> | undefined;
  let heavy = 0;
  let closed = false;
  return {
    poolable,
    async run(task) {
      let inProcess = () => processor.process(task);
      if (processor.triage) {
        const triaged = await processor.triage(task);
        if ("result" in triaged) return triaged.result;
        inProcess = triaged.inProcess;
      }
      if (!poolable || ++heavy <= threshold) return inProcess();
      if (closed) return failedResult(task.path, task.index, { code: "internal-error", message: "internal error: cancelled", path: task.displayPath });
      pool ??= import("../pool/pool.js").then(
        ({ WorkerPool }) => new WorkerPool({ size: jobs, batchSize: worker.batchSize, workerUrl: worker.url, workerData: worker.data, timeoutMs: worker.timeoutMs }),
      );
      return (await pool).process(task);
    },
    async close() {
      closed = true;
      // A pool that failed to start failed its files already (run); there is nothing to close.
      const started = await pool?.catch(() => undefined);
      await started?.close();
    },
  };
}

/** The processor's small-run threshold, or SAFESORT_SMALL_RUN (a benchmark knob for bench/threshold.mjs, not an option). */
function smallRunOf(processor: FileProcessor): number {
  const override = Number(process.env["SAFESORT_SMALL_RUN"]);
  return Number.isInteger(override) && override >= 0 ? override : processor.smallRun;
}
