/**
 * The worker side of the pool protocol, shared by every worker script (the
 * sorter's, the codemods'): keep the configs the pool posts, run each batch's
 * files in order through `processTask`, and post the results back. A worker
 * script calls this once it has loaded what every file needs (the codemod,
 * the transform): the "ready" it posts tells the pool to start handing it
 * work, so a per-file timeout never counts the worker's start-up.
 */
import { parentPort } from "node:worker_threads";

import type { FileResult, ResolvedConfig } from "../types.js";

import type { FileTask, FromWorker, ToWorker } from "./messages.js";

export function serveBatches(processTask: (task: FileTask) => Promise<FileResult>): void {
  const port = parentPort;
  if (!port) throw new Error("safesort's pool worker must run in a worker thread");
  const configs = new Map<number, ResolvedConfig>();

  const runBatch = async (batch: number, tasks: Extract<ToWorker, { type: "batch" }>["tasks"]): Promise<void> => {
    const results: FileResult[] = [];
    for (const { configId, ...task } of tasks) {
      const config = configs.get(configId);
      if (!config) throw new Error(`worker has no config ${configId}`);
      results.push(await processTask({ ...task, config }));
    }
    const reply: FromWorker = { type: "results", batch, results };
    port.postMessage(reply);
  };

  port.on("message", (message: ToWorker) => {
    if (message.type === "config") configs.set(message.id, message.config);
    else void runBatch(message.batch, message.tasks);
  });
  const ready: FromWorker = { type: "ready" };
  port.postMessage(ready);
}
