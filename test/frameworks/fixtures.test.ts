/**
 * Spec tests for framework files: one generated test per fixture under
 * fixtures/frameworks/ (same layout as fixtures/sort-imports/, see
 * test/helpers/fixtures.ts; the extension is `vue`, `svelte` or `astro`),
 * compared byte for byte. Every fixture also runs the invariants:
 *
 *   output            the core gives the expected text (and status)
 *   second pass       sorting the result, and the expected text, changes nothing
 *   crlf              every "\n" → "\r\n" in input and expected: still agrees
 *   no final newline  one final "\n" removed from both: still agrees
 *   bom               through sortSource, a BOM before the input stays before the output
 *   outside untouched the text outside the script blocks (located by the
 *                     framework's own parser) is the same in input and expected
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { frameworkLocator } from "../../src/frameworks/index.js";
import { sortSource } from "../../src/index.js";
import type { ResolvedConfig, SourceOutcome } from "../../src/types.js";
import { testConfig } from "../helpers/config.js";
import { type Fixture, fixtureAssertions, loadFixtures } from "../helpers/fixtures.js";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "frameworks");

/** Fixtures whose outcome is neither `unchanged` nor `changed`. */
const EXPECTED_STATUS: Record<string, SourceOutcome["status"]> = {
  "vue-other-lang-skipped": "skipped",
};

const fixtures = loadFixtures(DIR);

const { sortText, expectedStatus, expectSame, expectSorted } = fixtureAssertions(EXPECTED_STATUS);

/** The text between, before and after the script blocks, as the framework's parser sees them. */
function outside(text: string, fixture: Fixture): string[] {
  const located = frameworkLocator(fixture.filepath)!(text);
  if (!located.ok) throw new Error(`${fixture.name}: ${located.error.message} at ${located.error.line}:${located.error.column}`);
  const parts: string[] = [];
  let at = 0;
  for (const block of located.blocks) {
    parts.push(text.slice(at, block.start));
    at = block.end;
  }
  parts.push(text.slice(at));
  return parts;
}

const CHECKS = {
  output(fixture: Fixture, config: ResolvedConfig) {
    expectSorted(fixture, config, fixture.input, fixture.expected, "output");
  },

  "second pass"(fixture: Fixture, config: ResolvedConfig) {
    const first = sortText(fixture.input, fixture, config);
    const second = sortText(first.text, fixture, config);
    if (second.text !== first.text) {
      expect.fail(`a second pass changed the output\nbefore:\n${fixture.input}\nfirst pass:\n${first.text}\nsecond pass:\n${second.text}`);
    }
    const again = sortText(fixture.expected, fixture, config);
    expectSame(again.text, fixture.expected, "sorting the expected output");
    expect(again.status).not.toBe("changed");
  },

  crlf(fixture: Fixture, config: ResolvedConfig) {
    const crlf = (text: string) => text.replaceAll("\n", "\r\n");
    expectSorted(fixture, config, crlf(fixture.input), crlf(fixture.expected), "CRLF variant");
  },

  "no final newline"(fixture: Fixture, config: ResolvedConfig) {
    const strip = (text: string) => (text.endsWith("\n") ? text.slice(0, -1) : text);
    expectSorted(fixture, config, strip(fixture.input), strip(fixture.expected), "variant without final newline");
  },

  bom(fixture: Fixture, config: ResolvedConfig) {
    const BOM = "\uFEFF";
    const result = sortSource(BOM + fixture.input, { filepath: fixture.filepath, config });
    expect(result.diagnostics).toEqual([]);
    expectSame(result.code, BOM + fixture.expected, "BOM variant");
    expect(result.changed).toBe(expectedStatus(fixture, fixture.input, fixture.expected) === "changed");
  },

  "outside untouched"(fixture: Fixture) {
    expect(outside(fixture.expected, fixture)).toEqual(outside(fixture.input, fixture));
  },
};

describe("fixtures/frameworks", () => {
  it("covers each framework with a changed and an unchanged case", () => {
    for (const ext of ["vue", "svelte", "astro"]) {
      const mine = fixtures.filter((f) => f.ext === ext);
      expect(mine.some((f) => f.hasOutput), `${ext}: a fixture that changes`).toBe(true);
      expect(mine.some((f) => !f.hasOutput), `${ext}: a fixture that stays`).toBe(true);
    }
  });

  it("lists only statuses of fixtures that exist", () => {
    const names = new Set(fixtures.map((f) => f.name));
    expect(Object.keys(EXPECTED_STATUS).filter((name) => !names.has(name))).toEqual([]);
  });

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const config = testConfig(fixture.options);

      it("is a well-formed fixture", () => {
        expect(["vue", "svelte", "astro"]).toContain(fixture.ext);
        for (const [role, text] of [["input", fixture.input], ["output", fixture.expected]] as const) {
          expect(text.includes("\r"), `${role} must use LF (the CRLF variant is generated)`).toBe(false);
          expect(text.startsWith("\uFEFF"), `${role} must not start with a BOM (the BOM variant is generated)`).toBe(false);
        }
        if (fixture.hasOutput) expect(fixture.expected, "an output equal to the input: delete the output file").not.toBe(fixture.input);
      });

      for (const [name, check] of Object.entries(CHECKS)) it(name, () => check(fixture, config));
    });
  }
});
