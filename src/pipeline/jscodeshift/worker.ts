/**
 * A pool worker for `safesort run --jscodeshift`: loads the compiled
 * transform named in its `workerData` once, then processes batches exactly
 * as the sorter's worker does, with the transform's per-file function. It
 * never prints and never writes.
 */
import { workerData } from "node:worker_threads";

import { serveBatches } from "../../pool/serve.js";

import { processJscodeshiftFile } from "./process.js";
import { type JscodeshiftSource, transformFor } from "./transform.js";

const source = (workerData as { source: JscodeshiftSource }).source;
process.setSourceMapsEnabled(true);
// What a transform prints is for people: stderr, so that stdout carries only diffs and JSON.
console.log = console.info = console.debug = console.error;

// Loaded before the worker says it is ready: a file's --timeout counts the transform's work only.
try {
  transformFor(source);
} catch {
  // Each file then fails with the loading error (processJscodeshiftFile reports it).
}
serveBatches((task) => processJscodeshiftFile(task, source));
