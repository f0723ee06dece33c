/**
 * A concurrency-limited map over any sync or async iterable, yielding results
 * as an async generator (in the spirit of Python's aioitertools `map` with a
 * limit).
 *
 * **Slots.** There are `limit` slots. An item occupies a slot from the moment
 * it is pulled from the source until its result has been *yielded to the
 * consumer*. So:
 * - at most `limit` calls of `fn` are in flight;
 * - the source is pulled only when a slot is free (back-pressure): it is never
 *   more than `limit` items ahead of what the consumer has received;
 * - results waiting for a slow consumer (or, when `ordered`, for an earlier
 *   item) are buffered, but never more than `limit` of them.
 *
 * **Order.** By default results are yielded as they complete. With
 * `ordered: true` they are yielded in source order; a slow item then holds its
 * slot and those of the items after it (head-of-line blocking), which is the
 * price of a bounded buffer.
 *
 * **Failure.**
 * - `mapSettled` never fails because of `fn`: each item ends as one
 *   `{ status: "fulfilled", value }` or `{ status: "rejected", reason }`
 *   record carrying its `index` and `item`, so one failing item never loses the
 *   others.
 * - `mapLimit` fails fast: when a call rejects (or throws), pulling stops, the
 *   other calls in flight see their `signal` abort, and the next `next()`
 *   throws that first rejection (first in completion order). Results not yet
 *   yielded are dropped.
 * - A source that throws stops pulling. `mapLimit` treats it like a rejection;
 *   `mapSettled` still yields the records of the items in flight, then throws.
 * - Aborting `options.signal` stops pulling, aborts the per-call signal and
 *   makes the generator throw `signal.reason`.
 *
 * **Leaving early and cleanup.** Whenever the generator finishes early — the
 * consumer `break`s out of `for await`, calls `return()`, an error is thrown,
 * or the signal aborts — it stops pulling, aborts the per-call signal, waits
 * for the calls still in flight to settle (their outcomes are discarded, never
 * left as unhandled rejections), then calls the source iterator's `return()`.
 * So once the loop has exited, no call started by it is still running; a call
 * that ignores its signal delays that exit until it settles.
 *
 * Items are passed to `fn` as the source yields them: a sync iterable of
 * promises gives `fn` promises (unlike `for await`, which would await them).
 */

export interface MapLimitOptions {
  /** Yield results in source order instead of completion order. Default false. */
  readonly ordered?: boolean;
  /** Aborting stops pulling, aborts the calls in flight and rejects the generator with `signal.reason`. */
  readonly signal?: AbortSignal;
}

export type MapFn<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export type Settled<T, R> =
  | { readonly index: number; readonly item: T; readonly status: "fulfilled"; readonly value: R }
  | { readonly index: number; readonly item: T; readonly status: "rejected"; readonly reason: unknown };

/**
 * Map `fn` over `source` with at most `limit` calls in flight, yielding the
 * values; the first rejection stops everything and is rethrown (see the file
 * header). Throws `RangeError` synchronously unless `limit` is an integer ≥ 1
 * (or `Infinity`).
 */
export function mapLimit<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: MapFn<T, R>,
  options: MapLimitOptions = {},
): AsyncGenerator<R> {
  assertLimit(limit);
  return valuesOf(run(source, limit, fn, options, true));
}

/**
 * Like `mapLimit`, but every item ends as a settled record, so a rejection
 * never stops the others. Throws `RangeError` synchronously for a bad `limit`.
 */
export function mapSettled<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: MapFn<T, R>,
  options: MapLimitOptions = {},
): AsyncGenerator<Settled<T, R>> {
  assertLimit(limit);
  return run(source, limit, fn, options, false);
}

function assertLimit(limit: number): void {
  if (!(limit >= 1) || !(Number.isInteger(limit) || limit === Infinity)) {
    throw new RangeError(`limit must be an integer >= 1 (or Infinity), got ${String(limit)}`);
  }
}

async function* valuesOf<T, R>(records: AsyncGenerator<Settled<T, R>>): AsyncGenerator<R> {
  // `run` in fail-fast mode never yields a rejected record, it throws instead;
  // the check keeps the types honest.
  for await (const record of records) {
    if (record.status === "rejected") throw record.reason;
    yield record.value;
  }
}

type AnyIterator<T> = Iterator<T> | AsyncIterator<T>;

function iteratorOf<T>(source: Iterable<T> | AsyncIterable<T>): AnyIterator<T> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  return source[Symbol.iterator]();
}

/**
 * The engine shared by both exports. All state lives in this closure; the
 * generator body only decides what to deliver next and sleeps on `wake`
 * otherwise. Pulls and calls run in the background between two `next()`s,
 * bounded by the slots.
 */
async function* run<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: MapFn<T, R>,
  options: MapLimitOptions,
  failFast: boolean,
): AsyncGenerator<Settled<T, R>> {
  const outer = options.signal;
  outer?.throwIfAborted();
  const ordered = options.ordered ?? false;
  const calls = new AbortController();
  const iterator = iteratorOf(source);

  let occupied = 0; // items pulled and not yet yielded
  let nextIndex = 0; // index of the next item pulled
  let nextToYield = 0; // ordered mode: the index that must come out next
  let pulling: Promise<void> | undefined;
  let sourceDone = false; // finished, threw, or must not be touched again
  let sourceError: { error: unknown } | undefined;
  let stopped = false; // no more pulls and no more calls
  let fatal: { error: unknown } | undefined; // thrown at the next delivery
  const inFlight = new Set<Promise<void>>();
  const completed: Settled<T, R>[] = []; // completion order
  const completedByIndex = new Map<number, Settled<T, R>>(); // ordered mode

  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  const fail = (error: unknown): void => {
    if (fatal) return;
    fatal = { error };
    stopped = true;
    if (!calls.signal.aborted) calls.abort();
    notify();
  };

  const onAbort = (): void => {
    if (!fatal) fatal = { error: outer?.reason };
    stopped = true;
    if (!calls.signal.aborted) calls.abort(outer?.reason);
    notify();
  };

  const settle = (record: Settled<T, R>): void => {
    if (stopped) return; // leaving, or already failed: the outcome is discarded
    if (failFast && record.status === "rejected") return fail(record.reason);
    if (ordered) completedByIndex.set(record.index, record);
    else completed.push(record);
    notify();
  };

  const start = (item: T): void => {
    const index = nextIndex++;
    occupied++;
    let result: Promise<R>;
    try {
      result = Promise.resolve(fn(item, index, calls.signal));
    } catch (error) {
      result = Promise.reject(error);
    }
    // Both branches are handled here, so no call can become an unhandled rejection.
    const done: Promise<void> = result.then(
      (value) => settle({ index, item, status: "fulfilled", value }),
      (reason: unknown) => settle({ index, item, status: "rejected", reason }),
    );
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const pullOne = async (): Promise<void> => {
    let step: IteratorResult<T>;
    try {
      step = await iterator.next();
    } catch (error) {
      sourceDone = true;
      sourceError = { error };
      if (failFast) fail(error);
      return;
    }
    if (step.done) {
      sourceDone = true;
      return;
    }
    // Pulled while the consumer was leaving: the item is dropped, never started.
    if (!stopped) start(step.value);
  };

  // Keep one pull going while a slot is free; each finished pull re-arms it.
  const pump = (): void => {
    if (pulling || sourceDone || stopped || occupied >= limit) return;
    pulling = pullOne().then(() => {
      pulling = undefined;
      pump();
      notify();
    });
  };

  const takeNext = (): Settled<T, R> | undefined => {
    if (!ordered) return completed.shift();
    const record = completedByIndex.get(nextToYield);
    if (record === undefined) return undefined;
    completedByIndex.delete(nextToYield);
    nextToYield++;
    return record;
  };

  outer?.addEventListener("abort", onAbort, { once: true });
  let finished = false;
  let primary: { error: unknown } | undefined;
  try {
    pump();
    for (;;) {
      if (fatal) throw fatal.error;
      const record = takeNext();
      if (record) {
        occupied--;
        pump();
        yield record;
        continue;
      }
      if (sourceDone && occupied === 0 && !pulling) {
        if (sourceError) throw sourceError.error;
        finished = true;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (error) {
    primary = { error };
    throw error;
  } finally {
    outer?.removeEventListener("abort", onAbort);
    stopped = true;
    if (!finished && !calls.signal.aborted) calls.abort();
    // Neither promise can reject: outcomes are handled in `start`, source errors in `pullOne`.
    await Promise.all(inFlight);
    if (pulling) await pulling;
    if (!sourceDone && iterator.return) {
      try {
        await iterator.return();
      } catch (error) {
        // A failing `return()` surfaces unless something is already being thrown.
        if (!primary) throw error;
      }
    }
  }
}
