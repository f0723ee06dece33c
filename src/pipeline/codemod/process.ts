/**
 * A codemod as a FileProcessor: the IO shell around the codemod core for one
 * file (read → applyCodemod → a FileResult with the match count; plain data
 * in and out; never writes, never throws), with a main-thread triage.
 *
 * Triage: the main thread reads each file and applies the text pre-filter
 * itself. Most files of a run cannot match (no "lodash" in them) and cost a
 * read, which is cheaper here than a round trip to a thread. Only files that
 * may match reach the in-process step (reusing that read) or the pool, where
 * a worker reads and parses them.
 */
import { relative, sep } from "node:path";

import { applyCodemod, type CodemodPlan, couldMatch, type SortImports } from "../../codemod/core.js";
import type { CodemodSource } from "../../codemod/source.js";
import { type ReadSource, readSourceFile } from "../../files/read.js";
import type { FileTask } from "../../pool/messages.js";
import { workerScript } from "../../pool/script.js";
import type { FileResult } from "../../types.js";
import { failedResult, internalError } from "../process-file.js";
import type { FileProcessor, Triaged } from "../processor.js";

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
const IN_PROCESS_FIRST = 24;

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
const POOLED_IN_FLIGHT = 512;

/** What each codemod worker is started with. */
export interface CodemodWorkerData {
  readonly source: CodemodSource;
  readonly cwd: string;
  readonly sortImports: SortImports;
  readonly dump: boolean;
}

/**
 * The codemod's processor. A query built in the caller's code holds closures,
 * which cannot cross to a thread, so without a `source` it runs in-process; a
 * query loaded from a module or a built-in names its source, and each worker
 * loads it again.
 */
export function codemodProcessor(plan: CodemodPlan, cwd: string, source: CodemodSource | undefined): FileProcessor {
  const triage = async (task: FileTask): Promise<Triaged> => {
    let read: ReadSource;
    try {
      read = await readSourceFile(task.path, task.displayPath);
    } catch (error) {
      return { result: failedResult(task.path, task.index, internalError(task.displayPath, error)) };
    }
    if (!read.ok) return { result: failedResult(task.path, task.index, read.diagnostic) };
    if (!couldMatch(plan, read.text, fileOf(task, cwd))) {
      const unchanged: CodemodFileResult = { status: "unchanged", matches: 0, index: task.index, path: task.path, originalHash: read.hash, bom: read.bom };
      return { result: unchanged };
    }
    return { inProcess: async () => processCodemodText(task, read, plan, cwd) };
  };
  const data: CodemodWorkerData | undefined = source && { source, cwd, sortImports: plan.sortImports, dump: plan.dump };
  return {
    process: (task) => processCodemodFile(task, plan, cwd),
    triage,
    worker: data && { url: workerScript("codemod-worker", "pipeline/codemod/worker.js"), data, batchSize: POOL_BATCH },
    smallRun: IN_PROCESS_FIRST,
    pooledInFlight: POOLED_IN_FLIGHT,
  };
}
