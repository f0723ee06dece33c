/**
 * Running a query over files, with the sorter's pipeline: streamed
 * discovery, per-file config, a concurrency-limited map, the worker pool for
 * large runs, results in discovery order, and this main-thread consumer as
 * the only writer (atomic writes that refuse files changed since they were
 * read).
 *
 *   paths ─processFiles(codemod processor)─▶ CodemodFileResult ─settle / review─▶ CodemodReport
 *
 * Workers: a query built in the caller's code holds closures, which cannot
 * cross to a thread, so it runs in-process. A query loaded from a module or
 * a built-in (`safesort run`) names its source, and each worker loads it
 * again; the main thread reads every file and sends only those that pass
 * the text pre-filter to the pool (see process.ts), so the pipeline itself
 * runs with `jobs: 1` and the codemod's processor owns its pool.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { parseSource } from "../parse/parser.js";
import { DEFAULT_CONCURRENCY, displayPathFor, type FileProcessor, processFiles, settle, writeChanged } from "../pipeline/run.js";
import type { FileReport } from "../report/model.js";
import type { FileResult } from "../types.js";

import type { CodemodPlan, SortImports } from "./core.js";
import { reviewFile, type ReviewIo } from "./interactive.js";
import { type CodemodFileResult, POOLED_IN_FLIGHT, pooledCodemodProcessor, processCodemodFile } from "./process.js";
import type { CodemodSource } from "./source.js";

export type QueryMode = "diff" | "write" | "check" | "interactive" | "dump";

export interface QueryRunOptions {
  readonly mode: QueryMode;
  /** Absolute; paths resolve against it, reports and `inFiles` are relative to it. */
  readonly cwd: string;
  readonly jobs?: number;
  readonly configFile?: string;
  readonly signal?: AbortSignal;
  /** Where workers can load the query from; absent: the run stays in-process. */
  readonly source?: CodemodSource;
  /** Answers for `interactive`. */
  readonly review?: ReviewIo;
}

/** One file's report: the sorter's, plus the query's match count and, for `dump`, the description. */
export interface CodemodReport extends FileReport {
  readonly matches: number;
  readonly dump?: string;
}

export async function* runQuery(plan: CodemodPlan, paths: readonly string[], options: QueryRunOptions): AsyncGenerator<CodemodReport> {
  const cwd = resolve(options.cwd);
  const display = displayPathFor(cwd, paths);
  const jobs = options.jobs ?? availableParallelism();
  const pooled = options.source && jobs > 1 ? pooledCodemodProcessor(plan, cwd, jobs, codemodWorker(plan, cwd, options.source)) : undefined;
  const processor: FileProcessor = pooled?.processor ?? { process: (task) => processCodemodFile(task, plan, cwd) };
  // With workers, a wide window (see process.ts); without, a few files (reads overlap parsing).
  const concurrency = pooled ? POOLED_IN_FLIGHT : DEFAULT_CONCURRENCY;
  const results = processFiles(paths, { cwd, configFile: options.configFile, jobs: 1, concurrency, signal: options.signal, processor });
  try {
    yield* settleAll(results as AsyncIterable<CodemodFileResult>, display, options);
  } finally {
    await pooled?.close();
  }
}

async function* settleAll(results: AsyncIterable<CodemodFileResult>, display: (absPath: string) => string, options: QueryRunOptions): AsyncGenerator<CodemodReport> {
  for await (const result of results) {
    const extra = { matches: result.matches ?? 0, ...(result.dump === undefined ? {} : { dump: result.dump }) };
    if (options.mode === "interactive" && result.status === "changed") {
      const reviewed = await reviewChanged(result, display, options.review);
      yield { ...reviewed.report, ...extra };
      if (reviewed.quit) return;
      continue;
    }
    const mode = options.mode === "interactive" || options.mode === "dump" ? "check" : options.mode;
    yield { ...(await settle(result, mode, display)), ...extra };
  }
}

function codemodWorker(plan: CodemodPlan, cwd: string, source: CodemodSource): { url: URL; data: CodemodWorkerData } {
  return { url: codemodWorkerUrl(), data: { source, cwd, sortImports: plan.sortImports, dump: plan.dump } };
}

/** What each codemod worker is started with. */
export interface CodemodWorkerData {
  readonly source: CodemodSource;
  readonly cwd: string;
  readonly sortImports: SortImports;
  readonly dump: boolean;
}

/** The worker script: next to the bundled CLI, next to this module in dist/src, or (under vitest, from sources) the build in dist/. */
function codemodWorkerUrl(): URL {
  for (const candidate of ["./codemod-worker.js", "./worker.js", "../../dist/src/codemod/worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error("safesort's codemod worker script is missing: run `npm run build`");
}

/**
 * Ask per hunk, then write what was accepted. The result is checked to
 * parse (a choice of hunks, or an edited one, could break the file).
 */
async function reviewChanged(
  result: FileResult & { status: "changed" },
  display: (absPath: string) => string,
  io: ReviewIo | undefined,
): Promise<{ report: FileReport; quit: boolean }> {
  const path = display(result.path);
  if (!io) throw new Error("interactive mode needs a ReviewIo");
  const review = await reviewFile(path, result.original ?? "", result.output, io);
  if (review.text === undefined || review.text === result.original) return { report: { path, status: "unchanged" }, quit: review.quit };
  try {
    parseSource(review.text, path);
  } catch (error) {
    const message = `the chosen hunks do not parse, nothing written: ${(error as Error).message}`;
    return { report: { path, status: "failed", diagnostics: [{ code: "codemod-error", message, path }] }, quit: review.quit };
  }
  return { report: await writeChanged({ ...result, output: review.text }, path), quit: review.quit };
}
