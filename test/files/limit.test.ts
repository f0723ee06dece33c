import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { mapLimit, mapSettled, type Settled } from "../../src/files/limit.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** A source that records how far it has been pulled and whether `return()` was called. */
function countingSource(size: number) {
  const state = { pulled: 0, returned: false, finished: false };
  async function* generate() {
    try {
      for (let i = 0; i < size; i++) {
        state.pulled++;
        yield i;
      }
      state.finished = true;
    } finally {
      if (!state.finished) state.returned = true;
    }
  }
  return { state, source: generate() };
}

/** Wait until the event loop has run pending timers and I/O callbacks a few times. */
const settleLoop = () => sleep(5);

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

describe("limit validation", () => {
  it.each([0, -1, 1.5, Number.NaN, -Infinity])("throws RangeError synchronously for limit %s", (limit) => {
    expect(() => mapLimit([1], limit, async (x) => x)).toThrow(RangeError);
    expect(() => mapSettled([1], limit, async (x) => x)).toThrow(RangeError);
  });

  it("accepts 1 and Infinity", async () => {
    expect(await collect(mapLimit([1, 2, 3], 1, async (x) => x * 2))).toEqual([2, 4, 6]);
    expect(await collect(mapLimit([1, 2, 3], Infinity, async (x) => x * 2, { ordered: true }))).toEqual([2, 4, 6]);
  });
});

describe("concurrency", () => {
  it("never has more than `limit` calls in flight, and returns every result (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 25 }),
        fc.boolean(),
        fc.boolean(),
        async (limit, delays, ordered, asyncSource) => {
          let inFlight = 0;
          let maxInFlight = 0;
          async function* asyncItems() {
            for (const [i, d] of delays.entries()) {
              if (d % 2 === 0) await sleep(0);
              yield { i, d };
            }
          }
          const items = delays.map((d, i) => ({ i, d }));
          const source = asyncSource ? asyncItems() : items;
          const results = await collect(
            mapLimit(
              source,
              limit,
              async (item, index) => {
                expect(index).toBe(item.i);
                inFlight++;
                maxInFlight = Math.max(maxInFlight, inFlight);
                await sleep(item.d);
                inFlight--;
                return item.i * 10;
              },
              { ordered },
            ),
          );
          expect(maxInFlight).toBeLessThanOrEqual(limit);
          expect(inFlight).toBe(0);
          const expected = delays.map((_, i) => i * 10);
          if (ordered) expect(results).toEqual(expected);
          else expect([...results].sort((a, b) => a - b)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("actually runs `limit` calls at once when the source allows it", async () => {
    const gates = Array.from({ length: 10 }, () => deferred());
    let inFlight = 0;
    let maxInFlight = 0;
    const run = collect(
      mapLimit(gates, 3, async (gate, index) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await gate.promise;
        inFlight--;
        return index;
      }),
    );
    await settleLoop();
    expect(inFlight).toBe(3);
    for (const gate of gates) gate.resolve();
    expect(await run).toHaveLength(10);
    expect(maxInFlight).toBe(3);
  });
});

describe("back-pressure", () => {
  it("pulls only `limit` items while no call has finished", async () => {
    const { state, source } = countingSource(100);
    const gate = deferred();
    const iterator = mapLimit(source, 4, async (x) => {
      await gate.promise;
      return x;
    });
    const first = iterator.next();
    await settleLoop();
    expect(state.pulled).toBe(4);
    gate.resolve();
    expect((await first).value).toBe(0);
    await iterator.return(undefined);
    expect(state.returned).toBe(true);
  });

  it("never gets more than `limit` items ahead of a slow consumer", async () => {
    const { state, source } = countingSource(40);
    let received = 0;
    let maxAhead = 0;
    for await (const _ of mapLimit(source, 3, async (x) => x)) {
      received++;
      await sleep(1);
      maxAhead = Math.max(maxAhead, state.pulled - received);
    }
    expect(received).toBe(40);
    expect(maxAhead).toBeLessThanOrEqual(3);
    expect(maxAhead).toBeGreaterThan(0);
  });
});

describe("leaving early", () => {
  it("stops pulling and calls the source's return() on break", async () => {
    const { state, source } = countingSource(1000);
    const got: number[] = [];
    for await (const x of mapLimit(source, 2, async (x) => x, { ordered: true })) {
      got.push(x);
      if (got.length === 3) break;
    }
    expect(got).toEqual([0, 1, 2]);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(3 + 2);
  });

  it("calls return() of a plain sync iterator", async () => {
    let returned = 0;
    let pulled = 0;
    const source: Iterable<number> = {
      [Symbol.iterator]: () => ({
        next: () => ({ done: false, value: pulled++ }),
        return: () => {
          returned++;
          return { done: true, value: undefined };
        },
      }),
    };
    for await (const x of mapLimit(source, 3, async (x) => x)) if (x >= 5) break;
    expect(returned).toBe(1);
    expect(pulled).toBeLessThanOrEqual(6 + 3);
  });

  it("aborts the calls in flight, waits for them, and leaves no unhandled rejection", async () => {
    let started = 0;
    let settled = 0;
    const abortedSignals: boolean[] = [];
    for await (const x of mapLimit(countingSource(50).source, 4, async (x, _i, signal) => {
      started++;
      try {
        if (x === 0) return x;
        await sleep(5);
        abortedSignals.push(signal.aborted);
        throw new Error(`late failure ${x}`);
      } finally {
        settled++;
      }
    })) {
      expect(x).toBe(0);
      break;
    }
    // The loop has exited: every call it started has settled, and saw the abort.
    expect(settled).toBe(started);
    expect(started).toBeGreaterThan(1);
    expect(abortedSignals.every(Boolean)).toBe(true);
    await settleLoop();
    expect(unhandled).toEqual([]);
  });
});

describe("order", () => {
  const delays = [30, 5, 20, 1, 10];

  it("yields in source order when ordered", async () => {
    const out = await collect(mapLimit(delays, 5, async (d) => (await sleep(d), d), { ordered: true }));
    expect(out).toEqual([30, 5, 20, 1, 10]);
  });

  it("yields in completion order otherwise", async () => {
    const out = await collect(mapLimit(delays, 5, async (d) => (await sleep(d), d)));
    expect(out).toEqual([1, 5, 10, 20, 30]);
  });

  it("ordered mode buffers at most `limit` results behind a slow first item", async () => {
    const { state, source } = countingSource(100);
    const slow = deferred();
    let started = 0;
    const iterator = mapLimit(
      source,
      3,
      async (x) => {
        started++;
        if (x === 0) await slow.promise;
        return x;
      },
      { ordered: true },
    );
    const first = iterator.next();
    await settleLoop();
    // Items 1 and 2 are done but wait behind item 0; nothing else is pulled or started.
    expect(state.pulled).toBe(3);
    expect(started).toBe(3);
    slow.resolve();
    expect((await first).value).toBe(0);
    expect((await iterator.next()).value).toBe(1);
    await iterator.return(undefined);
  });
});

describe("failures", () => {
  it("mapSettled: one failing item does not lose the others", async () => {
    const records = await collect(
      mapSettled(
        Array.from({ length: 10 }, (_, i) => i),
        3,
        async (x) => {
          await sleep(x % 3);
          if (x === 4) throw new Error("four");
          if (x === 7) return Promise.reject("seven");
          return x * x;
        },
        { ordered: true },
      ),
    );
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const rejected = records.filter((r): r is Extract<Settled<number, number>, { status: "rejected" }> => r.status === "rejected");
    expect(rejected.map((r) => [r.item, r.reason instanceof Error ? r.reason.message : r.reason])).toEqual([
      [4, "four"],
      [7, "seven"],
    ]);
    const values = records.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(values).toEqual([0, 1, 4, 9, 25, 36, 64, 81]);
  });

  it("mapSettled turns a synchronous throw into a rejected record", async () => {
    const records = await collect(
      mapSettled([1, 2], 1, (x) => {
        if (x === 1) throw new TypeError("sync");
        return Promise.resolve(x);
      }),
    );
    expect(records).toEqual([
      { index: 0, item: 1, status: "rejected", reason: new TypeError("sync") },
      { index: 1, item: 2, status: "fulfilled", value: 2 },
    ]);
  });

  it("mapLimit rethrows the first rejection after stopping pulling, and aborts the others", async () => {
    const { state, source } = countingSource(1000);
    const sawAbort: number[] = [];
    const got: number[] = [];
    const failure = new Error("item 3 failed");
    await expect(
      (async () => {
        for await (const x of mapLimit(source, 2, async (x, _i, signal) => {
          if (x === 2) {
            // Still running when item 3 fails: it must see its signal abort.
            await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
            sawAbort.push(x);
            throw new Error("aborted");
          }
          if (x === 3) {
            await sleep(2);
            throw failure;
          }
          return x;
        }))
          got.push(x);
      })(),
    ).rejects.toBe(failure);
    expect(got).toEqual([0, 1]);
    expect(sawAbort).toEqual([2]);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBe(4);
    await settleLoop();
    expect(unhandled).toEqual([]);
  });

  it("a throwing source: mapSettled delivers what was in flight, then throws", async () => {
    const boom = new Error("source broke");
    async function* source() {
      yield 1;
      yield 2;
      throw boom;
    }
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const r of mapSettled(source(), 5, async (x) => (await sleep(3), x))) if (r.status === "fulfilled") got.push(r.value);
      })(),
    ).rejects.toBe(boom);
    expect(got.sort()).toEqual([1, 2]);
    await expect(collect(mapLimit(source(), 5, async (x) => x))).rejects.toBe(boom);
  });
});

describe("abort", () => {
  it("stops pulling, aborts the calls in flight and rejects with the signal's reason", async () => {
    const controller = new AbortController();
    const { state, source } = countingSource(1000);
    const reason = new Error("user cancelled");
    const callSignals: AbortSignal[] = [];
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const x of mapLimit(
          source,
          3,
          async (x, _i, signal) => {
            callSignals.push(signal);
            if (x >= 2) await new Promise((resolve) => signal.addEventListener("abort", resolve));
            return x;
          },
          { signal: controller.signal },
        )) {
          got.push(x);
          if (got.length === 2) setTimeout(() => controller.abort(reason), 2);
        }
      })(),
    ).rejects.toBe(reason);
    expect(got).toEqual([0, 1]);
    expect(callSignals.every((s) => s.aborted && s.reason === reason)).toBe(true);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(2 + 3);
  });

  it("an already aborted signal rejects without touching the source", async () => {
    const { state, source } = countingSource(10);
    const iterator = mapSettled(source, 2, async (x) => x, { signal: AbortSignal.abort(new Error("early")) });
    await expect(iterator.next()).rejects.toThrow("early");
    expect(state.pulled).toBe(0);
  });
});

describe("sources", () => {
  it("maps an async generator with index and item", async () => {
    async function* letters() {
      for (const c of "abcde") {
        await sleep(1);
        yield c;
      }
    }
    const out = await collect(mapLimit(letters(), 2, async (c, i) => `${i}:${c}`, { ordered: true }));
    expect(out).toEqual(["0:a", "1:b", "2:c", "3:d", "4:e"]);
  });

  it("an empty source finishes without calling fn", async () => {
    let calls = 0;
    expect(await collect(mapLimit([], 3, async () => calls++))).toEqual([]);
    expect(calls).toBe(0);
  });
});
