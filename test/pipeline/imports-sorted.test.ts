/**
 * `importsSorted` (the question a codemod asks of a file it changes: were its
 * imports sorted?) must answer exactly what the whole sorter answers:
 * `processSource(...).status === "unchanged"`, though it stops at the plan.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { importsSorted, processSource } from "../../src/pipeline/process-source.js";
import type { ResolvedConfig } from "../../src/types.js";
import { testConfig } from "../helpers/config.js";
import { loadFixtures } from "../helpers/fixtures.js";
import { sourceFileArb } from "../helpers/generators.js";

const config = testConfig();
const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

function expectSameVerdict(source: string, filepath: string, cfg: ResolvedConfig = config): boolean {
  const verdict = processSource(source, filepath, cfg).status === "unchanged";
  expect(importsSorted(source, filepath, cfg), `${filepath}\n${source}`).toBe(verdict);
  return verdict;
}

describe("importsSorted agrees with the sorter", () => {
  it.each([
    ["sorted", 'import a from "a";\nimport b from "b";\nrun(a, b);\n', true],
    ["unsorted", 'import b from "b";\nimport a from "a";\nrun(a, b);\n', false],
    ["unsorted with an early error further down (the sorter refuses it: not unchanged)", 'import b from "b";\nimport a from "a";\nreturn;\n', false],
    ["sorted with an early error further down (the sorter leaves it)", 'import a from "a";\nimport b from "b";\nreturn;\n', true],
    ["a syntax error", 'import b from "b";\nimport a from "a";\nconst = 1;\n', false],
    ["skip-file", '// safesort: skip-file\nimport b from "b";\nimport a from "a";\n', false],
    ["skip-file text in a string only", 'import b from "b";\nimport a from "a";\nconst s = "safesort: skip-file";\n', false],
    ["no imports", "run();\n", true],
  ])("%s", (_name, source, sorted) => {
    expect(expectSameVerdict(source, "/project/src/file.ts")).toBe(sorted);
  });

  it("a framework file", () => {
    expectSameVerdict('<script>\nimport b from "b";\nimport a from "a";\n</script>\n', "/project/src/App.vue");
    expectSameVerdict('<script>\nimport a from "a";\nimport b from "b";\n</script>\n', "/project/src/App.vue");
  });

  it("on every fixture, input and expected output", () => {
    const fixtures = loadFixtures("fixtures/sort-imports");
    expect(fixtures.length).toBeGreaterThan(60);
    const verdicts = new Set<boolean>();
    for (const fixture of fixtures) {
      const cfg = testConfig(fixture.options);
      verdicts.add(expectSameVerdict(fixture.input, fixture.filepath, cfg));
      verdicts.add(expectSameVerdict(fixture.expected, fixture.filepath, cfg));
    }
    // Both answers occur: the comparison is not one-sided.
    expect([...verdicts].sort()).toEqual([false, true]);
  });

  it("on generated files", () => {
    fc.assert(
      fc.property(sourceFileArb(), (file) => void expectSameVerdict(file.text, file.filepath)),
      { numRuns: RUNS },
    );
  });
});
