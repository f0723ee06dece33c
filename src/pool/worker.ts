/**
 * The sorter's pool worker: stateless apart from the configs it was sent and
 * the sorted-files cache's content keys of the run. It processes each batch's files with
 * the same per-file function the main thread uses for small runs. It never
 * prints and never writes.
 */
import { workerData } from "node:worker_threads";

import { type KnownContents, processFile } from "../pipeline/process-file.js";

import { serveBatches } from "./serve.js";

const data = workerData as { cacheKeys?: unknown; strict?: unknown; write?: unknown } | undefined;
/** Content keys of files known to be sorted (the sorted-files cache), when the run uses it; metadata keys are the main thread's. */
const known: KnownContents | undefined = Array.isArray(data?.cacheKeys) ? { contents: new Set(data.cacheKeys as string[]) } : undefined;
/** `--strict`: every file parsed whole. */
const strict = data?.strict === true;
/** Whether changed files will be written (then their hashes are taken); a pool started without saying so assumes they will. */
const write = data?.write !== false;

// A worker runs its batch's files one after another: oxc parses on this thread (onThread), nothing to overlap with.
serveBatches((task) => processFile(task.path, task.index, task.config, task.displayPath, known, strict, write, true));
