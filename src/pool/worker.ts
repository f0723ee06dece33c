/**
 * A pool worker: stateless apart from the configs it was sent. It processes
 * each batch's files in order with the same per-file function the main thread
 * uses for small runs, and posts the results back. It never prints and never
 * writes.
 */
import { parentPort, workerData } from "node:worker_threads";

import { processFile } from "../pipeline/process-file.js";
import type { ResolvedConfig } from "../types.js";

import type { FromWorker, ToWorker } from "./messages.js";

const configs = new Map<number, ResolvedConfig>();
/** Keys of files known to be sorted (the sorted-files cache), when the run uses it. */
const known: ReadonlySet<string> | undefined = Array.isArray((workerData as { cacheKeys?: unknown } | undefined)?.cacheKeys)
  ? new Set((workerData as { cacheKeys: string[] }).cacheKeys)
  : undefined;
const port = parentPort;
if (!port) throw new Error("safesort's pool worker must run in a worker thread");

port.on("message", (message: ToWorker) => {
  if (message.type === "config") {
    configs.set(message.id, message.config);
    return;
  }
  void runBatch(message.batch, message.tasks);
});

async function runBatch(batch: number, tasks: Extract<ToWorker, { type: "batch" }>["tasks"]): Promise<void> {
  const results = [];
  for (const task of tasks) {
    const config = configs.get(task.configId);
    if (!config) throw new Error(`worker has no config ${task.configId}`);
    results.push(await processFile(task.path, task.index, config, task.displayPath, known));
  }
  const reply: FromWorker = { type: "results", batch, results };
  port!.postMessage(reply);
}
