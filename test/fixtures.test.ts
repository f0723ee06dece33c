/**
 * Spec tests for the import sorter: one generated test per fixture under
 * fixtures/sort-imports/ (see test/helpers/fixtures.ts for the layout), each
 * compared byte for byte, never trimmed. Every fixture also runs the
 * invariants, as prettier's format tests do:
 *
 *   output            the core gives the expected text (and status)
 *   second pass       sorting the result, and the expected text, changes nothing
 *   crlf              every "\n" → "\r\n" in input and expected: still agrees
 *   cr                every "\n" → "\r" (classic Mac line breaks): still agrees
 *   no final newline  one final line break removed from both: still agrees
 *   bom               through sortSource, a BOM before the input stays before the output
 *   verify            the verifier accepts the expected output as a rewrite of the input
 *
 * Fixtures named `…-line-endings` are written with the line breaks they test
 * (lone "\r", mixed): only they may hold a "\r", and the crlf/cr variants
 * (which would rewrite those line breaks) do not apply to them.
 *
 * A `changed` outcome has also passed the verifier inside the core, so every
 * fixture that sorts proves the guard accepts the core's own output too.
 *
 * Known failures are bugs in the core, tracked here so CI stays green: the
 * fixture, the checks that fail and why. Those tests are expected to fail and
 * fail once they pass (prettier's model), so an entry is removed with its fix.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { sortSource } from "../src/index.js";
import { parseSource } from "../src/parse/parser.js";
import type { ResolvedConfig, SourceOutcome } from "../src/types.js";
import { verifyOutput } from "../src/verify/verify.js";

import { testConfig } from "./helpers/config.js";
import { type Fixture, fixtureAssertions, loadFixtures } from "./helpers/fixtures.js";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "sort-imports");

const CHECKS = ["output", "second pass", "crlf", "cr", "no final newline", "bom", "verify"] as const;
type Check = (typeof CHECKS)[number];

interface KnownFailure {
  /** Where the bug is, in one line. */
  readonly reason: string;
  /** The checks that fail; every other check of the fixture must pass. */
  readonly checks: readonly Check[];
}

/** Fixtures that hold their own line breaks (see above). */
const LITERAL_EOL = /-line-endings$/;
const EOL_VARIANTS: readonly Check[] = ["crlf", "cr"];

/** Fixture → its failing checks. Keep this short: every entry is a bug report for the core. */
const KNOWN_FAILURES: Record<string, KnownFailure> = {
};

/** Fixtures whose outcome is neither `unchanged` nor `changed`. */
const EXPECTED_STATUS: Record<string, SourceOutcome["status"]> = {
  "skip-file-directive": "skipped",
};

const fixtures = loadFixtures(DIR);
const CONFIG_KEYS = new Set(Object.keys(testConfig()));

const { sortText, expectedStatus, expectSame, expectSorted } = fixtureAssertions(EXPECTED_STATUS);

const run: Record<Check, (fixture: Fixture, config: ResolvedConfig) => void> = {
  output(fixture, config) {
    expectSorted(fixture, config, fixture.input, fixture.expected, "output");
  },

  "second pass"(fixture, config) {
    const first = sortText(fixture.input, fixture, config);
    const second = sortText(first.text, fixture, config);
    if (second.text !== first.text) {
      const show = `before:\n${fixture.input}\nfirst pass:\n${first.text}\nsecond pass:\n${second.text}`;
      expect.fail(`a second pass changed the output\n${show}`);
    }
    const again = sortText(fixture.expected, fixture, config);
    expectSame(again.text, fixture.expected, "sorting the expected output");
    expect(again.status).not.toBe("changed");
  },

  crlf(fixture, config) {
    const crlf = (text: string) => text.replaceAll("\n", "\r\n");
    expectSorted(fixture, config, crlf(fixture.input), crlf(fixture.expected), "CRLF variant");
  },

  cr(fixture, config) {
    const cr = (text: string) => text.replaceAll("\n", "\r");
    expectSorted(fixture, config, cr(fixture.input), cr(fixture.expected), "CR variant");
  },

  "no final newline"(fixture, config) {
    const strip = (text: string) => text.replace(/(?:\r\n|\r|\n)$/, "");
    expectSorted(fixture, config, strip(fixture.input), strip(fixture.expected), "variant without final newline");
  },

  bom(fixture, config) {
    const BOM = "\uFEFF";
    const result = sortSource(BOM + fixture.input, { filepath: fixture.filepath, config });
    expect(result.diagnostics).toEqual([]);
    expectSame(result.code, BOM + fixture.expected, "BOM variant");
    expect(result.changed).toBe(expectedStatus(fixture, fixture.input, fixture.expected) === "changed");
  },

  verify(fixture, config) {
    const parsed = parseSource(fixture.input, fixture.filepath);
    const problem = verifyOutput({ parsed }, fixture.expected, fixture.filepath, config);
    expect(problem).toBeUndefined();
  },
};

describe("fixtures/sort-imports", () => {
  it("has the fixtures the issue asks for", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(70);
  });

  it("lists only known failures and statuses of fixtures that exist", () => {
    const names = new Set(fixtures.map((f) => f.name));
    expect(Object.keys(KNOWN_FAILURES).filter((name) => !names.has(name))).toEqual([]);
    expect(Object.keys(EXPECTED_STATUS).filter((name) => !names.has(name))).toEqual([]);
  });

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const config = testConfig(fixture.options);

      it("is a well-formed fixture", () => {
        for (const [role, text] of [["input", fixture.input], ["output", fixture.expected]] as const) {
          if (!LITERAL_EOL.test(fixture.name)) expect(text.includes("\r"), `${role} must use LF (the CRLF and CR variants are generated)`).toBe(false);
          expect(text.startsWith("\uFEFF"), `${role} must not start with a BOM (the BOM variant is generated)`).toBe(false);
        }
        if (fixture.hasOutput) expect(fixture.expected, "an output equal to the input: delete the output file").not.toBe(fixture.input);
        expect(Object.keys(fixture.options).filter((key) => !CONFIG_KEYS.has(key))).toEqual([]);
      });

      const known = KNOWN_FAILURES[fixture.name];
      for (const check of CHECKS) {
        if (LITERAL_EOL.test(fixture.name) && EOL_VARIANTS.includes(check)) continue;
        if (known?.checks.includes(check)) it.fails(`${check} (known failure: ${known.reason})`, () => run[check](fixture, config));
        else it(check, () => run[check](fixture, config));
      }
    });
  }
});
