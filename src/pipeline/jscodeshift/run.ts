/**
 * Running a jscodeshift transform over files with the one run driver
 * (../drive.ts): safesort's discovery (gitignore, config excludes), results
 * in discovery order, verification, and the queries' settle/review step
 * (atomic writes, diffs, `--check`, interactive review).
 *
 * Where the transform runs: in-process for the first files (or all, with
 * `--jobs 1`), then on the worker pool, each worker loading the compiled
 * transform once. A synchronous transform that never returns can only be
 * stopped by terminating its thread, so `--timeout` runs every file on a
 * worker, one file per batch.
 */
import { resolve } from "node:path";

import { workerScript } from "../../pool/script.js";
import { displayPathFor } from "../../report/paths.js";
import type { CodemodReport, QueryMode } from "../../report/query.js";
import { settleAll } from "../codemod/run.js";
import { processFiles } from "../drive.js";
import type { FileProcessor } from "../processor.js";
import type { ReviewIo } from "../review.js";

import { type JscodeshiftFileResult, processJscodeshiftFile } from "./process.js";
import type { JscodeshiftSource } from "./transform.js";

export interface JscodeshiftRunOptions {
  readonly mode: Exclude<QueryMode, "dump">;
  /** Absolute; paths resolve against it, reports are relative to it. */
  readonly cwd: string;
  readonly jobs?: number;
  readonly configFile?: string | false;
  readonly signal?: AbortSignal;
  /** Answers for `interactive`. */
  readonly review?: ReviewIo;
  /** Fail a file whose transform runs longer than this (its worker is terminated). */
  readonly timeoutMs?: number;
}

/** One file's report, with what the transform said through `api.report` and `api.stats`. */
export type JscodeshiftReport = CodemodReport & Pick<JscodeshiftFileResult, "messages" | "stats">;

/**
 * Files run in-process before the pool starts: a worker loads jscodeshift,
 * its parser and the transform in about a third of a second, about what this
 * many small files cost in-process.
 */
const IN_PROCESS_FIRST = 32;

function jscodeshiftProcessor(source: JscodeshiftSource, timeoutMs: number | undefined): FileProcessor {
  const url = workerScript("jscodeshift-worker", "pipeline/jscodeshift/worker.js");
  return {
    process: (task) => processJscodeshiftFile(task, source),
    worker: { url, data: { source }, batchSize: timeoutMs === undefined ? 4 : 1, timeoutMs },
    smallRun: timeoutMs === undefined ? IN_PROCESS_FIRST : 0,
  };
}

export async function* runJscodeshift(source: JscodeshiftSource, paths: readonly string[], options: JscodeshiftRunOptions): AsyncGenerator<JscodeshiftReport> {
  const cwd = resolve(options.cwd);
  const display = displayPathFor(cwd, paths);
  const processor = jscodeshiftProcessor(source, options.timeoutMs);
  const results = processFiles(paths, { cwd, configFile: options.configFile, jobs: options.jobs, signal: options.signal, processor });
  for await (const report of settleAll(results as AsyncIterable<JscodeshiftFileResult>, display, options)) yield report as JscodeshiftReport;
}
