/**
 * A pool worker for `safesort run`: loads the codemod named in its
 * `workerData` once (a built-in, or the module path), then processes batches
 * exactly as the sorter's worker does (src/pool/worker.ts), with the
 * codemod's per-file function. It never prints and never writes.
 */
import { parentPort, workerData } from "node:worker_threads";

import type { FromWorker, ToWorker } from "../pool/messages.js";
import type { ResolvedConfig } from "../types.js";

import type { CodemodPlan } from "./core.js";
import { buildQuery } from "./load.js";
import { processCodemodFile } from "./process.js";
import { Query } from "./query.js";
import type { CodemodWorkerData } from "./run.js";

const data = workerData as CodemodWorkerData;
const configs = new Map<number, ResolvedConfig>();
const port = parentPort;
if (!port) throw new Error("safesort's codemod worker must run in a worker thread");

let plan: Promise<CodemodPlan> | undefined;

function loadPlan(): Promise<CodemodPlan> {
  // Stacks from a TypeScript codemod name its .ts lines (the bundle carries a source map).
  if (data.source.kind === "module") process.setSourceMapsEnabled(true);
  return (plan ??= buildQuery(data.source, new Query([], { sortImports: data.sortImports })).then((q) => q.plan(data.dump)));
}

port.on("message", (message: ToWorker) => {
  if (message.type === "config") {
    configs.set(message.id, message.config);
    return;
  }
  void runBatch(message.batch, message.tasks);
});

async function runBatch(batch: number, tasks: Extract<ToWorker, { type: "batch" }>["tasks"]): Promise<void> {
  const codemod = await loadPlan();
  const results = [];
  for (const task of tasks) {
    const config = configs.get(task.configId);
    if (!config) throw new Error(`worker has no config ${task.configId}`);
    results.push(await processCodemodFile({ ...task, config }, codemod, data.cwd));
  }
  const reply: FromWorker = { type: "results", batch, results };
  port!.postMessage(reply);
}
