/**
 * A pool of worker threads that process files. Callers submit one task at a
 * time (`process`); idle workers pull up to `batchSize` queued tasks at once,
 * so a slow file never holds up a whole pre-assigned share. A worker that
 * crashes fails only the files of the batch it held (reported as internal
 * errors) and is replaced; the run goes on. With `timeoutMs`, a batch that
 * takes longer than that per file is given up: its worker is terminated
 * (code that never returns cannot be stopped any other way), its files fail
 * as timed out, and a fresh worker takes the next batch.
 */
import type { Worker } from "node:worker_threads";

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
  /** Whether the worker said it is ready (loaded); batches go only to ready workers. */
  ready: boolean;
  /** The batch in flight, if any. */
  busy: { id: number; items: Pending[]; timer?: ReturnType<typeof setTimeout> } | undefined;
}

export interface PoolOptions {
  readonly size: number;
  /** Files handed to an idle worker at once. */
  readonly batchSize?: number;
  /** The worker script (default: the sorter's; tests substitute their own; each FileProcessor names its own). */
  readonly workerUrl?: URL;
  /** Passed to each worker as `workerData` (the codemod worker: which codemod to load). */
  readonly workerData?: unknown;
  /** Give up on a file after this many milliseconds (per file of a batch): its worker is replaced. */
  readonly timeoutMs?: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly configIds = new Map<ResolvedConfig, number>();
  private nextBatch = 0;
  private closed = false;
  /** Why no worker could start, once every one died before it was ready. */
  private startFailure: string | undefined;
  private readonly batchSize: number;
  private readonly url: URL;
  private readonly workerData: unknown;
  private readonly timeoutMs: number | undefined;

  constructor(options: PoolOptions) {
    this.batchSize = options.batchSize ?? 16;
    this.timeoutMs = options.timeoutMs;
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
    if (this.startFailure) return Promise.resolve(crashed(task, this.startFailure));
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
        clearTimeout(slot.busy?.timer);
        slot.busy = undefined;
        await slot.worker.terminate();
        for (const pending of items) pending.resolve(crashed(pending.task, "cancelled"));
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy || !slot.ready) continue;
      const items = this.queue.splice(0, this.batchSize);
      const id = this.nextBatch++;
      slot.busy = { id, items };
      if (this.timeoutMs !== undefined) slot.busy.timer = setTimeout(() => this.onTimeout(slot, id), this.timeoutMs * items.length);
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
    // Loaded on first use: a run that starts no thread (one file, a 2-core default) does not pay for worker_threads at start-up.
    const { Worker } = process.getBuiltinModule("node:worker_threads");
    const worker = new Worker(this.url, { workerData: this.workerData });
    const slot: Slot = { worker, configIds: new Map(), ready: false, busy: undefined };
    worker.on("message", (message: FromWorker) => this.onResults(slot, message));
    worker.on("error", (error) => this.onCrash(slot, error.message));
    worker.on("exit", (code) => {
      if (!this.closed) this.onCrash(slot, `worker exited with code ${code}`);
    });
    return slot;
  }

  private onResults(slot: Slot, message: FromWorker): void {
    if (message.type === "ready") {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const busy = slot.busy;
    if (!busy || busy.id !== message.batch) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    const byIndex = new Map(message.results.map((r) => [r.index, r]));
    for (const pending of busy.items) pending.resolve(byIndex.get(pending.task.index) ?? crashed(pending.task, "no result from worker"));
    this.dispatch();
  }

  private onCrash(slot: Slot, reason: string): void {
    if (!slot.ready) return this.retire(slot, reason);
    this.replace(slot, (task) => crashed(task, `worker crashed: ${reason}`));
  }

  /**
   * A worker that died before it was ready would die again: it is not
   * replaced. With none left, every file fails with the reason.
   */
  private retire(slot: Slot, reason: string): void {
    const at = this.slots.indexOf(slot);
    if (at === -1) return;
    this.slots.splice(at, 1);
    void slot.worker.terminate();
    if (this.slots.length > 0) return;
    this.startFailure = `worker failed to start: ${reason}`;
    for (const pending of this.queue.splice(0)) pending.resolve(crashed(pending.task, this.startFailure));
  }

  private onTimeout(slot: Slot, batch: number): void {
    if (slot.busy?.id !== batch) return;
    this.replace(slot, (task) => timedOut(task, this.timeoutMs!));
  }

  /** Fail the files `slot` holds with `fail`, terminate its worker and start another. */
  private replace(slot: Slot, fail: (task: FileTask) => FileResult): void {
    const items = slot.busy?.items ?? [];
    clearTimeout(slot.busy?.timer);
    slot.busy = undefined;
    for (const pending of items) pending.resolve(fail(pending.task));
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

function timedOut(task: FileTask, ms: number): FileResult {
  return {
    status: "failed",
    index: task.index,
    path: task.path,
    diagnostic: { code: "timeout", message: `timed out after ${ms} ms (--timeout), nothing written`, path: task.displayPath },
  };
}
