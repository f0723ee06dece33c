/**
 * The config worker (see config-bridge.ts): answers "which config governs
 * this file, and does its `exclude` cover it?" with the CLI's ConfigResolver,
 * then wakes the blocked caller.
 */
import { workerData } from "node:worker_threads";

import { ConfigResolver } from "../config/index.js";
import { SafesortError } from "../errors.js";
import { excludeByConfig } from "../pipeline/sources.js";
import type { Diagnostic } from "../types.js";

import type { BridgeData, ConfigAnswer, ConfigReply, ConfigRequest } from "./config-bridge.js";

/** How long one resolver's cached reads are trusted (a long-lived editor host sees config edits after this). */
const FRESH_MS = 1000;

const { port, signal } = workerData as BridgeData;
const wake = new Int32Array(signal);

interface Current {
  readonly resolver: ConfigResolver;
  /** The CLI's own `exclude` test (as its walk and the language server apply it). */
  readonly isExcluded: (absPath: string) => boolean | Promise<boolean>;
  readonly bornAt: number;
}

let current: Current | undefined;

function fresh(): Current {
  const now = Date.now();
  if (current === undefined || now - current.bornAt > FRESH_MS) {
    const resolver = new ConfigResolver();
    current = { resolver, isExcluded: excludeByConfig(resolver), bornAt: now };
  }
  return current;
}

async function answer(file: string): Promise<ConfigAnswer> {
  try {
    const { resolver, isExcluded } = fresh();
    const config = await resolver.forFile(file);
    return { config, excluded: await isExcluded(file) };
  } catch (error) {
    return { error: toDiagnostic(error, file) };
  }
}

function toDiagnostic(error: unknown, file: string): Diagnostic {
  if (error instanceof SafesortError) return error.toDiagnostic();
  const e = error instanceof Error ? error : new Error(String(error));
  return { code: "internal-error", message: `internal error (${e.message})`, path: file, stack: e.stack };
}

port.on("message", (request: ConfigRequest) => {
  void answer(request.file).then((reply) => {
    port.postMessage({ ...reply, id: request.id } satisfies ConfigReply);
    Atomics.store(wake, 0, 1);
    Atomics.notify(wake, 0);
  });
});
