/**
 * Running the sorter over paths: discovery streams into a concurrency-limited
 * map, results come back in discovery order, and this (main-thread) consumer
 * is the only place that writes. `write`, `check` and `diff` differ only in
 * what the consumer does with a `changed` result.
 *
 *   paths ─discoverFiles─▶ Discovered ─mapLimit(N)─▶ FileResult (by index) ─settle─▶ FileReport
 *                                       └ config per file, then processFile (plain data in, plain data out)
 */
import { availableParallelism } from "node:os";
import { isAbsolute, relative, resolve, sep } from "node:path";

import picomatch from "picomatch";

import type { SortedCache } from "../cache/cache.js";
import { ConfigResolver } from "../config/index.js";
import { SafesortError } from "../errors.js";
import { type Discovered, discoverFiles, type DiscoverOptions } from "../files/discover.js";
import { mapLimit } from "../files/limit.js";
import { inShard, type Shard } from "../files/shard.js";
import { writeFileAtomic } from "../files/write.js";
import type { FileTask } from "../pool/messages.js";
import { WorkerPool } from "../pool/pool.js";
import { unifiedDiff } from "../report/diff.js";
import { emptySummary, type FileReport, type Mode, type RunResult } from "../report/model.js";
import type { AppliedConfig, Diagnostic, FileResult, ResolvedConfig } from "../types.js";

import { changedLines } from "./changed-lines.js";
import { failedResult, internalError, processFile } from "./process-file.js";

export interface RunOptions {
  readonly mode: Mode;
  /** Absolute directory that paths are resolved against and reported relative to. */
  readonly cwd: string;
  /** An explicit config file used for every file (`--config`), relative to cwd or absolute. */
  readonly configFile?: string;
  /** Files in flight at once on the main thread (IO concurrency). Default 8. */
  readonly concurrency?: number;
  /**
   * Worker threads (default: available cores minus one). 1 runs everything in-process;
   * so does a run with fewer than SMALL_RUN files, whatever `jobs` says.
   */
  readonly jobs?: number;
  readonly signal?: AbortSignal;
  /** The per-file step; default: the import sorter. `safesort run` passes a codemod's. */
  readonly processor?: FileProcessor;
  /**
   * Where the files come from instead of walking `paths` (git scopes: `--changed`, `--staged`).
   * It gets the walk's options, so it can apply the config's `exclude`.
   */
  readonly source?: (options: DiscoverOptions) => AsyncIterable<Discovered>;
  /** Keep only this part of the files (`--shard i/n`), chosen by path relative to `cwd`. */
  readonly shard?: Shard;
  /**
   * Files known to be sorted skip the parse; files found or made sorted are
   * added, and the cache is saved at the end of the run. Only with the sorter.
   */
  readonly cache?: SortedCache;
  /** Non-fatal problems (e.g. an unreadable cache). */
  readonly onWarning?: (message: string) => void;
  /** Files discovered so far, and whether discovery is complete (for a progress line). */
  readonly onDiscover?: (count: number, complete: boolean) => void;
}

/**
 * A per-file step: plain data in (a FileTask), a FileResult out, never
 * throwing. `worker` names the script (and its `workerData`) that runs the
 * same step in the pool's threads; without it the step runs in-process only.
 */
export interface FileProcessor {
  process(task: FileTask): Promise<FileResult>;
  readonly worker?: { readonly url?: URL; readonly data?: unknown };
}

/** The import sorter: `processFile`, and the pool's default worker. */
export const SORT_PROCESSOR: FileProcessor = sortProcessor();

/** The import sorter, skipping files the cache knows to be sorted (workers get the keys at start). */
export function sortProcessor(cache?: SortedCache): FileProcessor {
  const known = cache ? new Set(cache.keys()) : undefined;
  return {
    process: (task) => processFile(task.path, task.index, task.config, task.displayPath, known),
    worker: { data: known ? { cacheKeys: [...known] } : undefined }, // the pool's default worker script
  };
}

export const DEFAULT_CONCURRENCY = 8;

/**
 * Runs with fewer files than this never start worker threads: starting two
 * workers (each loading the parser) costs about as much as sorting this many
 * files in-process. Measured with bench/threshold.mjs, which overrides it
 * with SAFESORT_SMALL_RUN (a benchmark knob, not an option).
 */
export const SMALL_RUN = 48;

/**
 * Workers by default: one per core but one, since the main thread is busy
 * too (discovery, config, ordering, writing). On a 2-core machine that means
 * in-process: bench/threshold.mjs measured two workers at 0.9–1.5× the
 * in-process time for 8 to 1,024 files there.
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

function smallRun(): number {
  const override = Number(process.env["SAFESORT_SMALL_RUN"]);
  return Number.isInteger(override) && override >= 0 ? override : SMALL_RUN;
}

/** Everything the per-item step needs, resolved once per run. */
interface RunContext {
  readonly cwd: string;
  readonly resolver: ConfigResolver;
  readonly display: (absPath: string) => string;
  /** The worker pool, when the run is large enough to use one. */
  readonly pool: WorkerPool | undefined;
  readonly processor: FileProcessor;
}

/** Hooks for tests only: e.g. edit a file between its read and its write, deterministically. */
export interface RunInternals {
  /** Called in write mode just before a changed file is written. */
  readonly beforeWrite?: (absPath: string) => Promise<void> | void;
}

/** Sort, check or diff the files under `paths`, yielding one report per file in discovery order. */
export async function* runFiles(paths: readonly string[], options: RunOptions, internals: RunInternals = {}): AsyncGenerator<FileReport> {
  const display = displayPathFor(options.cwd, paths);
  const cache = options.processor ? undefined : options.cache;
  const processor = options.processor ?? (cache ? sortProcessor(cache) : SORT_PROCESSOR);
  // Up to WRITES_IN_FLIGHT results are settled (written, in write mode) at
  // once, so fsyncs overlap the sorting of the next files; reports still come
  // out in discovery order. When the run stops (interrupted, or a failure),
  // the writes already started finish and are reported before it ends.
  const pending: Promise<{ result: FileResult; report: FileReport }>[] = [];
  const next = async (): Promise<FileReport> => {
    const { result, report } = await pending.shift()!;
    if (cache && result.cacheKey && (report.status === "unchanged" || (report.status === "changed" && options.mode === "write"))) {
      cache.add(result.cacheKey);
    }
    return report;
  };
  try {
    try {
      for await (const result of processFiles(paths, { ...options, processor })) {
        pending.push(settle(result, options.mode, display, internals).then((report) => ({ result, report: withConfigs(withLines(report, result), result, display) })));
        if (pending.length >= WRITES_IN_FLIGHT) yield await next();
      }
    } catch (error) {
      while (pending.length > 0) yield await next();
      throw error;
    }
    while (pending.length > 0) yield await next();
  } finally {
    // A consumer that stops early: the writes in flight still complete.
    await Promise.allSettled(pending);
    await cache?.save(options.onWarning ?? (() => undefined));
  }
}

/** Results settled (written) at once in `runFiles`. */
const WRITES_IN_FLIGHT = 8;

/** The per-file results of a run, in discovery order, before the consumer's step (what `runFiles` settles). */
export async function* processFiles(paths: readonly string[], options: Omit<RunOptions, "mode">): AsyncGenerator<FileResult> {
  const processor = options.processor ?? SORT_PROCESSOR;
  const resolver = new ConfigResolver(options.configFile === undefined ? {} : { configFile: resolve(options.cwd, options.configFile) });
  const source = options.source ?? ((walk: DiscoverOptions) => discoverFiles(paths, walk));
  const walked = inShardOnly(unique(source({ cwd: options.cwd, isExcluded: excludeByConfig(resolver) }), options.cwd), options.cwd, options.shard);
  const discovered = options.onDiscover ? counted(walked, options.onDiscover) : walked;
  const jobs = options.jobs ?? defaultJobs();
  // Look ahead: a small run (a pre-commit hook's three files) starts no threads.
  const { head, rest } = await peek(discovered, jobs > 1 ? smallRun() : 0);
  const worker = processor.worker;
  const pool = jobs > 1 && rest !== undefined && worker ? new WorkerPool({ size: jobs, workerUrl: worker.url, workerData: worker.data }) : undefined;
  const ctx: RunContext = { cwd: options.cwd, resolver, display: displayPathFor(options.cwd, paths), pool, processor };
  const inFlight = pool ? Math.max(options.concurrency ?? DEFAULT_CONCURRENCY, jobs * 32) : (options.concurrency ?? DEFAULT_CONCURRENCY);
  // Interrupted: queued files are cancelled and workers terminated at once; a write in flight
  // (inside `settle`) still finishes, then the next pull throws the signal's reason.
  const closing = (): void => void pool?.close();
  options.signal?.addEventListener("abort", closing, { once: true });
  try {
    const results = mapLimit(concat(head, rest), inFlight, (item, index) => processDiscovered(item, index, ctx), {
      ordered: true,
      signal: options.signal,
    });
    for await (const result of results) yield result;
  } finally {
    options.signal?.removeEventListener("abort", closing);
    await pool?.close();
  }
}

async function* counted<T>(items: AsyncIterable<T>, report: (count: number, complete: boolean) => void): AsyncGenerator<T> {
  let count = 0;
  for await (const item of items) {
    report(++count, false);
    yield item;
  }
  report(count, true);
}

/** The first `count` items, and the rest of the iterator (undefined when it ended within `count`). */
async function peek<T>(items: AsyncIterator<T> & AsyncIterable<T>, count: number): Promise<{ head: T[]; rest: AsyncIterable<T> | undefined }> {
  const head: T[] = [];
  while (head.length < count) {
    const next = await items.next();
    if (next.done) return { head, rest: undefined };
    head.push(next.value);
  }
  return { head, rest: { [Symbol.asyncIterator]: () => items } };
}

async function* concat<T>(head: readonly T[], rest: AsyncIterable<T> | undefined): AsyncGenerator<T> {
  yield* head;
  if (rest) yield* rest;
}

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

/** The per-item step: config for the file, then the per-file function (the future worker's job). */
async function processDiscovered(item: Discovered, index: number, ctx: RunContext): Promise<FileResult> {
  if (item.kind === "error") {
    const diagnostic = relativize(item.diagnostic, ctx);
    return failedResult(resolve(ctx.cwd, item.diagnostic.path), index, diagnostic);
  }
  if (item.kind === "skipped") return { status: "skipped", reason: item.reason, index, path: item.path };
  const absPath = resolve(ctx.cwd, item.path);
  const displayPath = ctx.display(absPath);
  const config = await resolveConfig(ctx, absPath, displayPath);
  if ("code" in config) return failedResult(absPath, index, config);
  const task = { index, path: absPath, displayPath, config };
  const result = await (ctx.pool ? ctx.pool.process(task) : ctx.processor.process(task));
  return config.appliedConfigs.length === 0 ? result : { ...result, appliedConfigs: config.appliedConfigs };
}

/** The file's config, or the diagnostic that makes this file fail (a config error fails every file it governs). */
async function resolveConfig(ctx: RunContext, absPath: string, displayPath: string): Promise<ResolvedConfig | Diagnostic> {
  try {
    return await ctx.resolver.forFile(absPath);
  } catch (error) {
    if (error instanceof SafesortError) return relativize(error.toDiagnostic(), ctx);
    return internalError(displayPath, error);
  }
}

/** The consumer's step: write (write mode), attach a diff (diff mode), and turn the result into a report. */
export async function settle(result: FileResult, mode: Mode, display: (absPath: string) => string, internals: RunInternals = {}): Promise<FileReport> {
  const path = display(result.path);
  switch (result.status) {
    case "unchanged":
      return { path, status: "unchanged" };
    case "skipped":
      return { path, status: "skipped", reason: result.reason };
    case "failed":
      return { path, status: "failed", diagnostics: [result.diagnostic] };
    case "changed":
      if (mode === "diff") return { path, status: "changed", diff: unifiedDiff(path, result.original ?? "", result.output) };
      if (mode === "check") return { path, status: "changed" };
      await internals.beforeWrite?.(result.path);
      return writeChanged(result, path);
  }
}

/** Write a changed file atomically; a refused or failed write turns the report into `failed`. */
export async function writeChanged(result: FileResult & { status: "changed" }, path: string): Promise<FileReport> {
  try {
    if (result.originalHash === undefined) throw new Error("changed result without the hash of what was read");
    await writeFileAtomic(result.path, result.output, { bom: result.bom ?? false, expectedHash: result.originalHash });
    return { path, status: "changed" };
  } catch (error) {
    const diagnostic = error instanceof SafesortError ? { ...error.toDiagnostic(), path } : writeFailed(path, error);
    return { path, status: "failed", diagnostics: [diagnostic] };
  }
}

function writeFailed(path: string, error: unknown): Diagnostic {
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    return { code: "write-failed", message: error.message, path };
  }
  return internalError(path, error);
}

/**
 * Display paths are relative to cwd. A file outside cwd is shown as `../x`
 * unless the user gave absolute paths, in which case it is shown absolute.
 */
export function displayPathFor(cwd: string, given: readonly string[]): (absPath: string) => string {
  const absoluteOutside = given.some((p) => isAbsolute(p));
  return (absPath) => {
    const rel = relative(cwd, absPath);
    if (rel === "") return ".";
    const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
    return outside && absoluteOutside ? absPath : rel;
  };
}

function relativize(diagnostic: Diagnostic, ctx: RunContext): Diagnostic {
  return isAbsolute(diagnostic.path) ? { ...diagnostic, path: ctx.display(diagnostic.path) } : diagnostic;
}

/** `--shard i/n`: keep the items (files, and problems, by their path) of one part; all of them without a shard. */
async function* inShardOnly(items: AsyncIterable<Discovered>, cwd: string, shard: Shard | undefined): AsyncGenerator<Discovered> {
  for await (const item of items) {
    const path = item.kind === "error" ? item.diagnostic.path : item.path;
    if (shard === undefined || inShard(path, cwd, shard)) yield item;
  }
}

/** A changed file's report carries the lines that change (from the result's original and output). */
function withLines(report: FileReport, result: FileResult): FileReport {
  if (report.status !== "changed" || result.status !== "changed" || result.original === undefined) return report;
  const lines = changedLines(result.original, result.output);
  return lines === undefined ? report : { ...report, lines };
}

/** A report names the configs that applied to its file (paths shown like the file's). */
function withConfigs(report: FileReport, result: FileResult, display: (absPath: string) => string): FileReport {
  if (result.appliedConfigs === undefined) return report;
  return { ...report, configs: result.appliedConfigs.map(({ file, key }) => ({ file: display(file), key })) };
}

/** Drop a file discovered twice (`safesort src src/a.ts`): writing it twice would fail the second write. */
async function* unique(items: AsyncIterable<Discovered>, cwd: string): AsyncGenerator<Discovered> {
  const seen = new Set<string>();
  for await (const item of items) {
    if (item.kind === "file") {
      const key = resolve(cwd, item.path);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    yield item;
  }
}

/**
 * `isExcluded` for discovery: the `exclude` globs of the config governing a
 * path, matched against the path relative to that config's `rootDir`. A path
 * outside `rootDir` is never excluded; a config error excludes nothing (the
 * files it governs then fail with that error).
 */
export function excludeByConfig(resolver: Pick<ConfigResolver, "forFile">): (absPath: string) => Promise<boolean> {
  const matchers = new WeakMap<ResolvedConfig, (path: string) => boolean>();
  return async (absPath) => {
    let config: ResolvedConfig;
    try {
      config = await resolver.forFile(absPath);
    } catch {
      return false;
    }
    if (config.exclude.length === 0) return false;
    const rel = relative(config.rootDir, absPath).split(sep).join("/");
    if (rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return false;
    let matcher = matchers.get(config);
    if (!matcher) {
      matcher = picomatch([...config.exclude], { dot: true });
      matchers.set(config, matcher);
    }
    return matcher(rel);
  };
}
