/**
 * Verify before write: a render that is broken on purpose (through the
 * `afterRender` test hook of processSource) must be refused as an internal
 * error, never returned as `changed`. Each case breaks one invariant of
 * DESIGN.md "Verify before write"; a correct render still goes through.
 */
import { describe, expect, it } from "vitest";

import { processSource } from "../src/pipeline/process-source.js";
import type { SourceOutcome } from "../src/types.js";

import { testConfig } from "./helpers/config.js";
import { verifierReaders } from "./helpers/verifier-mutations.js";

const FILE = "/project/src/user.test.ts";

const INPUT = `/**
 * User service tests.
 */

import { b } from "./b"; // trailing b
// about a
import { a, c as d } from "./a";
import type { User } from "./types";
import "./polyfill";
jest.mock("./x");
import y from "y";
import data from "./data.json" with { type: "json" };
import x from "x";

export const all: User[] = [a, b, d, x, y, data];
`;

/** What a correct render gives: the reference the broken cases start from. */
const SORTED = `/**
 * User service tests.
 */

// about a
import { a, c as d } from "./a";
import { b } from "./b"; // trailing b
import type { User } from "./types";
import "./polyfill";
jest.mock("./x");
import x from "x";
import y from "y";

import data from "./data.json" with { type: "json" };

export const all: User[] = [a, b, d, x, y, data];
`;

/** Replace exactly one occurrence; throws if the text is not there, so no case passes vacuously. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`expected exactly one ${JSON.stringify(from)} in the render`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Swap two whole lines (given without their line break). */
function swapLines(text: string, first: string, second: string): string {
  const marker = "\u0000";
  return replaceOnce(replaceOnce(replaceOnce(text, first, marker), second, first), marker, second);
}

const UNPARSABLE = "makes the output unparsable";

const BREAKAGES: Record<string, (out: string) => string> = {
  "drops an import": (out) => replaceOnce(out, 'import x from "x";\n', ""),
  "duplicates an import (same module, a new binding)": (out) => replaceOnce(out, 'import y from "y";\n', 'import y from "y";\nimport y2 from "y";\n'),
  "moves an import across a barrier": (out) => replaceOnce(replaceOnce(out, 'import x from "x";\n', ""), 'import "./polyfill";\n', 'import x from "x";\nimport "./polyfill";\n'),
  "changes a barrier's bytes": (out) => replaceOnce(out, 'jest.mock("./x");', "jest.mock('./x');"),
  "swaps two barriers": (out) => swapLines(out, 'import "./polyfill";', 'jest.mock("./x");'),
  "drops a trailing comment": (out) => replaceOnce(out, " // trailing b", ""),
  "drops an own-line comment": (out) => replaceOnce(out, "// about a\n", ""),
  "alters a comment's text": (out) => replaceOnce(out, "// about a", "// about A"),
  "alters an imported name": (out) => replaceOnce(out, "{ a, c as d }", "{ a, e as d }"),
  "alters a local name": (out) => replaceOnce(out, "{ a, c as d }", "{ a, c as e }"),
  "changes a module specifier": (out) => replaceOnce(out, 'from "./b"', 'from "./bb"'),
  "turns a type import into a value import": (out) => replaceOnce(out, "import type { User }", "import { User }"),
  "drops import attributes": (out) => replaceOnce(out, ' with { type: "json" }', ""),
  "changes an import attribute's value": (out) => replaceOnce(out, ' with { type: "json" }', ' with { type: "css" }'),
  "swaps an imported and a local name": (out) => replaceOnce(out, "{ a, c as d }", "{ a, d as c }"),
  [UNPARSABLE]: (out) => replaceOnce(out, '{ a, c as d } from "./a"', '{ a, c as d } "./a"'),
  "changes the file header": (out) => replaceOnce(out, " * User service tests.", " * User service test."),
  "changes code after the imports": (out) => replaceOnce(out, "[a, b, d, x, y, data]", "[a, b, d, x, y]"),
  "drops the final newline": (out) => out.slice(0, -1),
  "turns LF into CRLF outside the blocks": (out) => replaceOnce(out, "];\n", "];\r\n"),
};

function expectRefused(outcome: SourceOutcome, path = FILE): void {
  expect(outcome.status).toBe("failed");
  if (outcome.status !== "failed") return;
  expect(outcome.diagnostic.code).toBe("internal-error");
  expect(outcome.diagnostic.message).toMatch(/^internal error, refusing to write \(.+\)$/s);
  expect(outcome.diagnostic.path).toBe(path);
}

describe("verify before write", () => {
  const config = testConfig();

  it("accepts a correct render (identity afterRender)", () => {
    let seen: string | undefined;
    const outcome = processSource(INPUT, FILE, config, {
      afterRender: (out) => {
        seen = out;
        return out;
      },
    });
    expect(outcome).toEqual({ status: "changed", output: SORTED });
    expect(seen).toBe(SORTED);
  });

  it("gives the same output without the hook", () => {
    expect(processSource(INPUT, FILE, config)).toEqual({ status: "changed", output: SORTED });
  });

  for (const [name, broken] of Object.entries(BREAKAGES)) for (const { name: reader, verifyWithOxc } of verifierReaders(INPUT)) {
    it(`refuses a render that ${name} (${reader})`, () => {
      const rendered: string[] = [];
      const outcome = processSource(INPUT, FILE, config, {
        verifyWithOxc,
        afterRender: (out) => {
          rendered.push(out);
          return broken(out);
        },
      });
      expect(rendered).toEqual([SORTED]);
      expectRefused(outcome);
      // Caught by the comparison it is about, not merely because the output no longer parses.
      if (outcome.status === "failed" && name !== UNPARSABLE) expect(outcome.diagnostic.message).not.toMatch(/does not parse/);
    });
  }

  it("verifies an already-sorted file too when the render is broken", () => {
    const outcome = processSource(SORTED, FILE, config, { afterRender: BREAKAGES["drops an import"]! });
    expectRefused(outcome);
  });

  it("refuses a render that moves an import out of its block inside declare module", () => {
    const source = `declare module "plugin" {\n  import type { B } from "./b";\n  import type { A } from "./a";\n  export const x: A & B;\n}\nimport type { C } from "./c";\n`;
    const outcome = processSource(source, "/project/src/plugin.d.ts", config, {
      afterRender: (out) => replaceOnce(replaceOnce(out, '  import type { A } from "./a";\n', ""), 'import type { C } from "./c";\n', 'import type { A } from "./a";\nimport type { C } from "./c";\n'),
    });
    expectRefused(outcome, "/project/src/plugin.d.ts");
  });

  it("refuses a render that drops a comment inside braces", () => {
    const source = `import {\n  z, // last\n  a, // first\n} from "x";\n`;
    const outcome = processSource(source, "/project/src/braces.ts", config, {
      afterRender: (out) => replaceOnce(out, " // first", ""),
    });
    expectRefused(outcome, "/project/src/braces.ts");
  });
});
