/**
 * The sorter's pool worker: stateless apart from the configs it was sent and
 * the sorted-files cache keys of the run. It processes each batch's files with
 * the same per-file function the main thread uses for small runs. It never
 * prints and never writes.
 */
import { workerData } from "node:worker_threads";

import { processFile } from "../pipeline/process-file.js";

import { serveBatches } from "./serve.js";

/** Keys of files known to be sorted (the sorted-files cache), when the run uses it. */
const cacheKeys = (workerData as { cacheKeys?: unknown } | undefined)?.cacheKeys;
const known: ReadonlySet<string> | undefined = Array.isArray(cacheKeys) ? new Set(cacheKeys as string[]) : undefined;

serveBatches((task) => processFile(task.path, task.index, task.config, task.displayPath, known));
