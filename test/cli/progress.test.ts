import { describe, expect, it } from "vitest";

import { Progress } from "../../src/cli/progress.js";

function harness() {
  let t = 0;
  const written: string[] = [];
  const progress = new Progress({ write: (s: string) => written.push(s) }, { now: () => t, delayMs: 1000, intervalMs: 100 });
  return { progress, written, advance: (ms: number) => (t += ms) };
}

describe("Progress", () => {
  it("stays silent during the first second", () => {
    const { progress, written, advance } = harness();
    for (let i = 0; i < 50; i++) {
      advance(10);
      progress.tick();
    }
    progress.clear();
    expect(written).toEqual([]);
  });

  it("draws done/total and files per second after the delay, at most every interval, and erases itself", () => {
    const { progress, written, advance } = harness();
    progress.discovered(400, true);
    advance(1000);
    progress.tick();
    advance(50);
    progress.tick();
    advance(60);
    progress.tick();
    progress.clear();
    expect(written).toEqual([
      "\r\u001b[Ksafesort: 1/400 files · 1 files/s",
      "\r\u001b[Ksafesort: 3/400 files · 3 files/s",
      "\r\u001b[K",
    ]);
  });

  it("shows only the count while discovery is still going", () => {
    const { progress, written, advance } = harness();
    progress.discovered(10, false);
    advance(2000);
    progress.tick();
    expect(written[0]).toBe("\r\u001b[Ksafesort: 1 files · 1 files/s");
  });
});
