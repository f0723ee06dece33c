/**
 * The one run driver: discovery streams into a concurrency-limited map, each
 * file gets its config and goes through a FileProcessor, and results come
 * back in discovery order. Every command that runs over files uses it: the
 * sorter (run.ts), codemods (codemod/run.ts).
 *
 *   paths ─discover─▶ Discovered ─mapLimit(N)─▶ config ─▶ triage? ─▶ in-process (first smallRun files) ─▶ FileResult (by index)
 *                                                                  └▶ worker pool (the rest, jobs > 1)
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";

import { ConfigResolver, configResolver } from "../config/index.js";
import { type Discovered, discoverFiles, type DiscoverOptions } from "../files/discover.js";
import { mapLimit } from "../files/limit.js";
import { resolvedPath } from "../files/resolved.js";
import type { Shard } from "../files/shard.js";
import { discoverChecked, type UnmatchedPolicy } from "../files/unmatched.js";
import type { FileTask } from "../pool/messages.js";
import type { WorkerPool } from "../pool/pool.js";
import { displayPathFor } from "../report/paths.js";
import type { Diagnostic, FileResult, ResolvedConfig } from "../types.js";

import { failedResult, internalError } from "./process-file.js";
import type { FileProcessor } from "./processor.js";
import { configOrDiagnostic, counted, excludeByConfig, inShardOnly, relativize, unique } from "./sources.js";

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
  const { cwd, processor } = options;
  const resolver = configResolver(cwd, options.configFile);
  const { unmatched } = options;
  const source = options.source ?? ((walk: DiscoverOptions) => (unmatched ? discoverChecked(paths, walk, unmatched) : discoverFiles(paths, walk)));
  const found = source({ cwd, isExcluded: excludeByConfig(resolver), onListing: (dir, names) => resolver.noteListing(dir, names) });
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
  try {
    const step = async (item: Discovered, index: number): Promise<FileResult> => {
      const task = await taskFor(item, index, cwd, resolver, display);
      if ("status" in task) return task;
      const result = await runner.run(task);
      return task.config.appliedConfigs.length === 0 ? result : { ...result, appliedConfigs: task.config.appliedConfigs };
    };
    for await (const result of mapLimit(discovered, inFlight, step, { ordered: true, signal: options.signal })) yield result;
  } finally {
    options.signal?.removeEventListener("abort", closing);
    await runner.close();
  }
}

/** A discovered item as a task for the processor, or its result when it has failed or been skipped already (its config, its discovery). */
async function taskFor(item: Discovered, index: number, cwd: string, resolver: ConfigResolver, display: (absPath: string) => string): Promise<FileTask | FileResult> {
  if (item.kind === "error") return failedResult(resolve(cwd, item.diagnostic.path), index, relativize(item.diagnostic, display));
  if (item.kind === "skipped") return { status: "skipped", reason: item.reason, index, path: item.path };
  const absPath = resolvedPath(cwd, item.path);
  const displayPath = display(absPath);
  // Most files' configs are known at once (their directory was resolved during the walk).
  const config = resolver.known(absPath) ?? (await configFor(resolver, absPath, displayPath, display));
  if ("code" in config) return failedResult(absPath, index, config);
  return { index, path: absPath, displayPath, config };
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
