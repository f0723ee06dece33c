/**
 * Fuzzing, part 2 of 2: longer generated files (up to 30 statements) under
 * varied configs (blank lines between groups or not, type imports first or
 * last, re-exports and specifiers sorted or not, side-effect modules,
 * first-party names). 10,000 cases here + 10,000 in default-config.test.ts =
 * 20,000 per CI run; SAFESORT_FUZZ_RUNS changes the count per file. See
 * invariants.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { caseArb, checkCase, configArb, emptyStats, fuzzParameters, fuzzRuns } from "./invariants.js";

const RUNS = fuzzRuns(10_000);

describe("fuzz: varied configs", () => {
  it(`${RUNS} generated files keep every invariant`, () => {
    const stats = emptyStats();
    const started = performance.now();
    fc.assert(
      fc.property(caseArb(configArb, { maxItems: 30 }), (c) => checkCase(c, stats)),
      fuzzParameters(RUNS),
    );
    console.log(`fuzz (varied configs): ${stats.cases} cases in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(stats)}`);
    expect(stats.cases).toBe(RUNS);
    // Every variant is actually exercised.
    for (const key of ["changed", "bom", "crlf", "mixed", "noFinalNewline"] as const) expect(stats[key], key).toBeGreaterThan(RUNS / 20);
  }, 180_000);
});
