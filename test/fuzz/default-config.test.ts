/**
 * Fuzzing, part 1 of 2: generated files under the default config (what most
 * users run). 10,000 cases here + 10,000 in varied-config.test.ts = 20,000 per
 * CI run; SAFESORT_FUZZ_RUNS changes the count per file. See invariants.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { caseArb, checkCase, defaultConfigArb, emptyStats, fuzzParameters, fuzzRuns } from "./invariants.js";

const RUNS = fuzzRuns(10_000);

describe("fuzz: the default config", () => {
  it(`${RUNS} generated files keep every invariant`, () => {
    const stats = emptyStats();
    const started = performance.now();
    fc.assert(
      fc.property(caseArb(defaultConfigArb), (c) => checkCase(c, stats)),
      fuzzParameters(RUNS),
    );
    console.log(`fuzz (default config): ${stats.cases} cases in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(stats)}`);
    expect(stats.cases).toBe(RUNS);
    // Every variant is actually exercised.
    for (const key of ["changed", "bom", "crlf", "mixed", "noFinalNewline"] as const) expect(stats[key], key).toBeGreaterThan(RUNS / 20);
  }, 180_000);
});
