/**
 * A pool worker for `safesort run`: loads the codemod named in its
 * `workerData` once (a built-in, or the module path), then processes batches
 * exactly as the sorter's worker does (src/pool/worker.ts), with the
 * codemod's per-file function. It never prints and never writes.
 */
import { workerData } from "node:worker_threads";

import type { CodemodPlan } from "../../codemod/core.js";
import { Query } from "../../codemod/query.js";
import { serveBatches } from "../../pool/serve.js";

import { buildQuery } from "./load.js";
import { type CodemodWorkerData, processCodemodFile } from "./process.js";

const data = workerData as CodemodWorkerData;

let plan: Promise<CodemodPlan> | undefined;

function loadPlan(): Promise<CodemodPlan> {
  // Stacks from a TypeScript codemod name its .ts lines (the bundle carries a source map).
  if (data.source.kind === "module") process.setSourceMapsEnabled(true);
  return (plan ??= buildQuery(data.source, new Query([], { sortImports: data.sortImports })).then((q) => q.plan(data.dump)));
}

serveBatches(async (task) => processCodemodFile(task, await loadPlan(), data.cwd));
