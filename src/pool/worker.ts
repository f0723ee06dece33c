/**
 * A pool worker: stateless apart from the configs it was sent. It processes
 * each batch's files in order with the same per-file function the main thread
 * uses for small runs, and posts the results back. It never prints and never
 * writes.
 */
import { parentPort } from "node:worker_threads";

import { processFile } from "../pipeline/process-file.js";
import type { ResolvedConfig } from "../types.js";
import type { FromWorker, ToWorker } from "./messages.js";

const configs = new Map<number, ResolvedConfig>();
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
    results.push(await processFile(task.path, task.index, config, task.displayPath));
  }
  const reply: FromWorker = { type: "results", batch, results };
  port!.postMessage(reply);
}
