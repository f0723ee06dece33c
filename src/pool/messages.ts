/** The one message type between the pool (main thread) and its workers. */
import type { FileResult, ResolvedConfig } from "../types.js";

/** One file to process: plain data, cheap to post. */
export interface FileTask {
  readonly index: number;
  /** Absolute path. */
  readonly path: string;
  /** How the file is named in messages. */
  readonly displayPath: string;
  readonly config: ResolvedConfig;
}

export type ToWorker =
  /** Configs are posted once per worker and then referred to by id. */
  | { readonly type: "config"; readonly id: number; readonly config: ResolvedConfig }
  | { readonly type: "batch"; readonly batch: number; readonly tasks: readonly WireTask[] };

export interface WireTask {
  readonly index: number;
  readonly path: string;
  readonly displayPath: string;
  readonly configId: number;
}

export type FromWorker =
  /** Loaded and listening: the pool hands this worker batches (and starts their timeouts) from now on. */
  | { readonly type: "ready" }
  | { readonly type: "results"; readonly batch: number; readonly results: readonly FileResult[] };
