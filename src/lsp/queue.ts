/**
 * The language server's sort work, so that an editor's burst of requests
 * never builds a backlog. Sorting a large file takes tens of milliseconds of
 * synchronous work; an editor may ask for it dozens of times at once (code
 * actions on every cursor move, formatting on save).
 *
 * - **One computation per document version.** Every request for the same
 *   document at the same version that arrives while its job is queued or
 *   running waits on that job. A finished job's result is not kept: the
 *   config is read afresh for each job, so a request after a config edit
 *   sees the edit.
 * - **Cancellation.** A request whose `$/cancelRequest` arrives is answered
 *   at once with -32800 RequestCancelled; a queued job nobody waits for any
 *   more is dropped, never computed.
 * - **Newer versions win.** A change to the document (`supersede`) answers
 *   every request waiting on a queued job for an older version with -32801
 *   ContentModified at once; a running job whose document changed meanwhile
 *   ends the same way (its edits are for a text the editor no longer has).
 * - **Jobs run one at a time, yielding to the event loop before each**, so
 *   cancellations, changes and cheap requests are read between jobs and wait
 *   for at most one computation. After a job, what arrived with it or while
 *   it ran is read (`readPending`) before its answer is sent, so a change
 *   that came meanwhile makes it -32801 even when the computation never
 *   waited on IO.
 */
import { type CancellationToken, LSPErrorCodes, ResponseError } from "vscode-languageserver/node";

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
  dispose(): void;
}

interface Job<T> {
  readonly uri: string;
  readonly version: number;
  state: "queued" | "running" | "done";
  readonly waiters: Set<Waiter<T>>;
}

export class SortQueue<T> {
  /** The queued or running job per document. */
  private readonly jobs = new Map<string, Job<T>>();
  private readonly queue: Job<T>[] = [];
  private draining = false;
  /** How many computations ran (for tests and the soak script's report). */
  computed = 0;

  constructor(
    private readonly compute: (uri: string, version: number) => Promise<T>,
    /** The version of the open document, undefined once it is closed. */
    private readonly currentVersion: (uri: string) => number | undefined,
  ) {}

  /** The result for `uri` at `version`, shared with every other request for it. */
  get(uri: string, version: number, token: CancellationToken): Promise<T> {
    if (token.isCancellationRequested) return Promise.reject(cancelled());
    let job = this.jobs.get(uri);
    if (job === undefined || job.version !== version) {
      if (job !== undefined) this.supersede(uri, version);
      job = { uri, version, state: "queued", waiters: new Set() };
      this.jobs.set(uri, job);
      this.queue.push(job);
      void this.drain();
    }
    const waitingOn = job;
    return new Promise<T>((resolve, reject) => {
      const subscription = token.onCancellationRequested(() => {
        waitingOn.waiters.delete(waiter);
        subscription.dispose();
        reject(cancelled());
        if (waitingOn.state === "queued" && waitingOn.waiters.size === 0) this.drop(waitingOn);
      });
      const waiter: Waiter<T> = { resolve, reject, dispose: () => subscription.dispose() };
      waitingOn.waiters.add(waiter);
    });
  }

  /** `uri` is now at `version` (undefined: closed): older work for it is moot. */
  supersede(uri: string, version: number | undefined): void {
    const job = this.jobs.get(uri);
    if (job === undefined || job.version === version) return;
    if (job.state === "queued") this.settle(job, { error: modified() });
    this.jobs.delete(uri);
    // A running job finds out when it ends (see `run`).
  }

  private drop(job: Job<T>): void {
    const at = this.queue.indexOf(job);
    if (at !== -1) this.queue.splice(at, 1);
    if (this.jobs.get(job.uri) === job) this.jobs.delete(job.uri);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // Let cancellations, changes and cheap requests in before each job.
        await new Promise((resolve) => setImmediate(resolve));
        const job = this.queue.shift();
        if (job !== undefined && job.state === "queued" && job.waiters.size > 0) await this.run(job);
      }
    } finally {
      this.draining = false;
    }
  }

  private async run(job: Job<T>): Promise<void> {
    if (this.currentVersion(job.uri) !== job.version) return this.settle(job, { error: modified() });
    job.state = "running";
    let outcome: { value: T } | { error: unknown };
    try {
      this.computed++;
      outcome = { value: await this.compute(job.uri, job.version) };
    } catch (error) {
      outcome = { error };
    }
    // The computation may not have waited on anything: read a change that came with or during it.
    await readPending();
    if (this.currentVersion(job.uri) !== job.version) outcome = { error: modified() };
    this.settle(job, outcome);
  }

  private settle(job: Job<T>, outcome: { value: T } | { error: unknown }): void {
    job.state = "done";
    if (this.jobs.get(job.uri) === job) this.jobs.delete(job.uri);
    for (const waiter of job.waiters) {
      waiter.dispose();
      if ("value" in outcome) waiter.resolve(outcome.value);
      else waiter.reject(outcome.error);
    }
    job.waiters.clear();
  }
}

/**
 * Two turns of the event loop. The JSON-RPC connection handles one message
 * per `setImmediate` turn, and data read from the pipe in a turn's poll phase
 * is handled in that turn's check phase, after an immediate queued earlier:
 * one turn lets the connection handle the message queued behind the current
 * one, the second also what the pipe held meanwhile.
 */
async function readPending(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, "request cancelled");
}

function modified(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, "the document changed; the request was for an older version");
}
