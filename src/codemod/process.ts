/**
 * The IO shell around the codemod core for one file: read → applyCodemod →
 * a FileResult with the match count. Plain data in and out; never writes,
 * never throws.
 *
 * With workers, the main thread reads each file and applies the text
 * pre-filter itself: most files of a run cannot match (no "lodash" in them)
 * and cost a read, which is cheaper here than a round trip to a thread. Only
 * files that may match go to the pool, where a worker reads and parses them.
 * The first few of those run in-process too, so a small run starts no thread.
 */
import { relative, sep } from "node:path";

import { type ReadSource, readSourceFile } from "../files/read.js";
import { failedResult, internalError } from "../pipeline/process-file.js";
import type { FileProcessor } from "../pipeline/run.js";
import type { FileTask } from "../pool/messages.js";
import { WorkerPool } from "../pool/pool.js";
import type { FileResult } from "../types.js";

import { applyCodemod, type CodemodPlan, couldMatch } from "./core.js";

/** A file's result as a query reports it. */
export type CodemodFileResult = FileResult & { readonly matches?: number; readonly dump?: string };

export async function processCodemodFile(task: FileTask, plan: CodemodPlan, cwd: string): Promise<CodemodFileResult> {
  try {
    const read = await readSourceFile(task.path, task.displayPath);
    return processCodemodText(task, read, plan, cwd);
  } catch (error) {
    return failedResult(task.path, task.index, internalError(task.displayPath, error));
  }
}

function processCodemodText(task: FileTask, read: ReadSource, plan: CodemodPlan, cwd: string): CodemodFileResult {
  try {
    if (!read.ok) return failedResult(task.path, task.index, read.diagnostic);
    const outcome = applyCodemod(read.text, task.displayPath, fileOf(task, cwd), plan, task.config);
    const meta = { index: task.index, path: task.path, originalHash: read.hash, bom: read.bom };
    return outcome.status === "changed" ? { ...outcome, ...meta, original: read.text } : { ...outcome, ...meta };
  } catch (error) {
    return failedResult(task.path, task.index, internalError(task.displayPath, error));
  }
}

/** The path `inFiles` globs see: relative to the query's cwd, `/`-separated. */
function fileOf(task: FileTask, cwd: string): string {
  return relative(cwd, task.path).split(sep).join("/");
}

/**
 * Files that may match before the pool starts. A worker loads Babel, recast
 * and the sorter in 90–150 ms (measured) and then warms its JIT; a file that
 * may match costs 3–4 ms in-process (1,157 such files of the benchmark corpus
 * take 3.4 s): about this many files pay for starting the pool.
 */
export const IN_PROCESS_FIRST = 24;

/**
 * Files handed to an idle worker at once. Only files that may match reach the
 * pool, and each is parsed: small batches keep both workers busy (a worker
 * posts a batch's results together, so a big batch holds up the ordered
 * consumer behind it).
 */
const POOL_BATCH = 4;

/**
 * Files in flight on the main thread with workers: most are read, found not
 * to match and settled at once; the window must hold enough of the others
 * to keep every worker fed while the consumer waits for the earliest file.
 */
export const POOLED_IN_FLIGHT = 512;

export interface PooledProcessor {
  readonly processor: FileProcessor;
  /** Terminate the workers, if any started. */
  close(): Promise<void>;
}

/** The codemod's per-file step, with a pool of `jobs` workers for the files that pass the pre-filter. */
export function pooledCodemodProcessor(plan: CodemodPlan, cwd: string, jobs: number, worker: { url: URL; data: unknown }): PooledProcessor {
  let pool: WorkerPool | undefined;
  let heavy = 0;
  const process = async (task: FileTask): Promise<FileResult> => {
    let read: ReadSource;
    try {
      read = await readSourceFile(task.path, task.displayPath);
    } catch (error) {
      return failedResult(task.path, task.index, internalError(task.displayPath, error));
    }
    if (!read.ok) return failedResult(task.path, task.index, read.diagnostic);
    if (!couldMatch(plan, read.text, fileOf(task, cwd))) {
      const unchanged: CodemodFileResult = { status: "unchanged", matches: 0, index: task.index, path: task.path, originalHash: read.hash, bom: read.bom };
      return unchanged;
    }
    if (++heavy <= IN_PROCESS_FIRST) return processCodemodText(task, read, plan, cwd);
    pool ??= new WorkerPool({ size: jobs, batchSize: POOL_BATCH, workerUrl: worker.url, workerData: worker.data });
    return pool.process(task);
  };
  return { processor: { process }, close: async () => pool?.close() };
}
