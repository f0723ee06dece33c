/**
 * The CLI's config, answered synchronously, for hosts that call plugins
 * synchronously (ESLint rules; Prettier's `preprocess` as other plugins chain
 * it).
 *
 * Config resolution (src/config) is asynchronous, and the plugins must honour
 * exactly what the CLI honours. Rather than a second, synchronous copy of the
 * discovery rules, a worker thread runs the CLI's own ConfigResolver, and the
 * calling thread blocks until it answers:
 *
 *   caller                         config worker (config-worker.ts)
 *   signal = 0; post {file}  ───▶  resolver.forFile(file) (async IO)
 *   Atomics.wait(signal, 0) ◀───   post answer; signal = 1; notify
 *   receiveMessageOnPort(port)     (the answer, taken without an event loop turn)
 *
 * The worker is started on the first request and unref'd, so it never keeps
 * the host alive. Answers are not cached here: the worker's resolver caches
 * reads for FRESH_MS and then starts over, so an editor session sees an
 * edited config within a second.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

import type { Diagnostic, ResolvedConfig } from "../types.js";

/** What the config worker answers for one file. */
export type ConfigAnswer =
  | { readonly config: ResolvedConfig; readonly excluded: boolean }
  | { readonly error: Diagnostic };

export interface ConfigRequest {
  readonly id: number;
  /** Absolute path of the file whose config is wanted. */
  readonly file: string;
}

export type ConfigReply = ConfigAnswer & { readonly id: number };

/** The data the worker starts with: its end of the channel and the shared signal. */
export interface BridgeData {
  readonly port: MessagePort;
  readonly signal: SharedArrayBuffer;
}

/** A missing answer after this long means the worker is broken, not slow. */
const TIMEOUT_MS = 30_000;

interface Bridge {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly signal: Int32Array;
}

let bridge: Bridge | undefined;
let nextId = 0;

/** The resolved config for `file` (an absolute path), exactly as the CLI would resolve it. Never throws. */
export function configForFileSync(file: string): ConfigAnswer {
  try {
    bridge ??= startBridge();
  } catch (error) {
    return { error: bridgeError(file, `cannot start the config worker (${String(error)})`) };
  }
  const { port, signal } = bridge;
  const id = ++nextId;
  Atomics.store(signal, 0, 0);
  port.postMessage({ id, file } satisfies ConfigRequest);
  if (Atomics.wait(signal, 0, 0, TIMEOUT_MS) === "timed-out") {
    stopBridge();
    return { error: bridgeError(file, "the config worker did not answer") };
  }
  // Answers arrive in order; an older one (after a timeout) is skipped.
  for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
    const reply = received.message as ConfigReply;
    if (reply.id === id) return reply;
  }
  return { error: bridgeError(file, "the config worker answered nothing") };
}

function startBridge(): Bridge {
  const { port1, port2 } = new MessageChannel();
  const shared = new SharedArrayBuffer(4);
  const workerData: BridgeData = { port: port2, signal: shared };
  const worker = new Worker(workerUrl(), { workerData, transferList: [port2] });
  worker.unref();
  port1.unref();
  // A crash is noticed by the caller's timeout; never let it become an uncaught error in the host.
  worker.on("error", () => undefined);
  worker.on("exit", () => {
    if (bridge?.worker === worker) bridge = undefined;
  });
  return { worker, port: port1, signal: new Int32Array(shared) };
}

function stopBridge(): void {
  const stale = bridge;
  bridge = undefined;
  void stale?.worker.terminate();
}

function bridgeError(file: string, message: string): Diagnostic {
  return { code: "internal-error", message: `internal error: ${message}`, path: file };
}

/** The built worker script next to this module, or in dist/ for tests running from sources. */
function workerUrl(): URL {
  const here = new URL("./config-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL("../../dist/src/plugins/config-worker.js", import.meta.url);
}
