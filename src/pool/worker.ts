/**
 * The sorter's pool worker: stateless apart from the configs it was sent and
 * the sorted-files cache keys of the run. It processes each batch's files with
 * the same per-file function the main thread uses for small runs. It never
 * prints and never writes.
 */
import { workerData } from "node:worker_threads";

import type { KnownSorted } from "../cache/cache.js";
import { processFile } from "../pipeline/process-file.js";

import { serveBatches } from "./serve.js";

const data = workerData as { cacheKeys?: unknown; statKeys?: unknown; strict?: unknown } | undefined;
/** Keys of files known to be sorted (the sorted-files cache), when the run uses it. */
const known: KnownSorted | undefined = Array.isArray(data?.cacheKeys)
  ? { contents: new Set(data.cacheKeys as string[]), stats: new Set(Array.isArray(data.statKeys) ? (data.statKeys as string[]) : []) }
  : undefined;
/** `--strict`: every file parsed whole. */
const strict = data?.strict === true;

serveBatches((task) => processFile(task.path, task.index, task.config, task.displayPath, known, strict));
