/**
 * A pool of worker threads that process files. Callers submit one task at a
 * time (`process`); idle workers pull up to `batchSize` queued tasks at once,
 * so a slow file never holds up a whole pre-assigned share. A worker that
 * crashes fails only the files of the batch it held (reported as internal
 * errors) and is replaced; the run goes on.
 */
import { Worker } from "node:worker_threads";

import type { FileResult, ResolvedConfig } from "../types.js";

import type { FileTask, FromWorker, ToWorker, WireTask } from "./messages.js";
import { workerScript } from "./script.js";

interface Pending {
  readonly task: FileTask;
  readonly resolve: (result: FileResult) => void;
}

interface Slot {
  worker: Worker;
  configIds: Map<ResolvedConfig, number>;
  /** The batch in flight, if any. */
  busy: { id: number; items: Pending[] } | undefined;
}

export interface PoolOptions {
  readonly size: number;
  /** Files handed to an idle worker at once. */
  readonly batchSize?: number;
  /** The worker script (default: the sorter's; tests substitute their own; each FileProcessor names its own). */
  readonly workerUrl?: URL;
  /** Passed to each worker as `workerData` (the codemod worker: which codemod to load). */
  readonly workerData?: unknown;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly configIds = new Map<ResolvedConfig, number>();
  private nextBatch = 0;
  private closed = false;
  private readonly batchSize: number;
  private readonly url: URL;
  private readonly workerData: unknown;

  constructor(options: PoolOptions) {
    this.batchSize = options.batchSize ?? 16;
    this.url = options.workerUrl ?? workerScript("worker", "pool/worker.js");
    this.workerData = options.workerData;
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Process one file on some worker. Never rejects: failures are `failed` results. */
  process(task: FileTask): Promise<FileResult> {
    if (this.closed) return Promise.resolve(crashed(task, "the worker pool is closed"));
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  /** Terminate every worker; queued files fail as cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(crashed(pending.task, "cancelled"));
    await Promise.all(
      this.slots.map(async (slot) => {
        const items = slot.busy?.items ?? [];
        slot.busy = undefined;
        await slot.worker.terminate();
        for (const pending of items) pending.resolve(crashed(pending.task, "cancelled"));
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const items = this.queue.splice(0, this.batchSize);
      const id = this.nextBatch++;
      slot.busy = { id, items };
      const tasks: WireTask[] = items.map(({ task }) => ({
        index: task.index,
        path: task.path,
        displayPath: task.displayPath,
        configId: this.configIdFor(slot, task.config),
      }));
      post(slot.worker, { type: "batch", batch: id, tasks });
    }
  }

  private configIdFor(slot: Slot, config: ResolvedConfig): number {
    let id = this.configIds.get(config);
    if (id === undefined) {
      id = this.configIds.size;
      this.configIds.set(config, id);
    }
    if (!slot.configIds.has(config)) {
      slot.configIds.set(config, id);
      post(slot.worker, { type: "config", id, config });
    }
    return id;
  }

  private spawn(): Slot {
    const worker = new Worker(this.url, { workerData: this.workerData });
    const slot: Slot = { worker, configIds: new Map(), busy: undefined };
    worker.on("message", (message: FromWorker) => this.onResults(slot, message));
    worker.on("error", (error) => this.onCrash(slot, error.message));
    worker.on("exit", (code) => {
      if (!this.closed) this.onCrash(slot, `worker exited with code ${code}`);
    });
    return slot;
  }

  private onResults(slot: Slot, message: FromWorker): void {
    const busy = slot.busy;
    if (!busy || busy.id !== message.batch) return;
    slot.busy = undefined;
    const byIndex = new Map(message.results.map((r) => [r.index, r]));
    for (const pending of busy.items) pending.resolve(byIndex.get(pending.task.index) ?? crashed(pending.task, "no result from worker"));
    this.dispatch();
  }

  private onCrash(slot: Slot, reason: string): void {
    const items = slot.busy?.items ?? [];
    slot.busy = undefined;
    for (const pending of items) pending.resolve(crashed(pending.task, `worker crashed: ${reason}`));
    const at = this.slots.indexOf(slot);
    if (at === -1) return;
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[at] = this.spawn();
    this.dispatch();
  }
}

function post(worker: Worker, message: ToWorker): void {
  worker.postMessage(message);
}

function crashed(task: FileTask, message: string): FileResult {
  return {
    status: "failed",
    index: task.index,
    path: task.path,
    diagnostic: { code: "internal-error", message: `internal error: ${message}`, path: task.displayPath },
  };
}
