import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { NESTING_LIMIT, nestingBound, tooDeepToParse } from "../../src/parse/nesting.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

/** The first implementation (a character loop with a call per word character), kept as the oracle of the table-driven one. */
function oracle(source: string): number {
  const words = new Set(["else", "new", "if", "while", "for", "do", "with"]);
  const isWordChar = (c: number): boolean =>
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24;
  let depth = 0;
  let chain = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = depth > 0 ? depth - 1 : 0;
    else if (c === 0x3b || c === 0x2c) chain = 0;
    else if (c === 0x3f) {
      const next = source.charCodeAt(i + 1);
      if (next !== 0x2e && next !== 0x3f) chain++;
    } else if (c === 0x3c || c === 0x3a) chain++;
    else if (c === 0x3d) {
      const prev = source.charCodeAt(i - 1);
      const next = source.charCodeAt(i + 1);
      if (next === 0x3e || (next !== 0x3d && prev !== 0x3d && prev !== 0x21 && prev !== 0x3c && prev !== 0x3e)) chain++;
    } else if (c >= 0x61 && c <= 0x7a) {
      let end = i;
      while (end < source.length && isWordChar(source.charCodeAt(end))) end++;
      if (end - i <= 5 && !isWordChar(source.charCodeAt(i - 1)) && words.has(source.slice(i, end))) chain++;
      i = end - 1;
    } else continue;
    if (depth + chain > max) max = depth + chain;
  }
  return max;
}

/** Tokens where the two readings could part: keywords glued to word characters, `=` and `?` next to their look-arounds. */
const TOKENS = [
  "if", "do", "new", "for", "else", "with", "while", "iff", "dof", "news", "fore", "elsewhere", "whiles", "whil", "wit", "els",
  "If", "DO", "Xif", "_if", "$if", "if$", "if_", "if0", "0if", "éif", "ifé", "\u00e9", "\u0130", "\ud83d\ude00", "\ud800",
  "(", ")", "[", "]", "{", "}", "${", ";", ",", "?", "?.", "??", "<", ">", ":", "=", "==", "===", "!=", "<=", ">=", "=>", "!",
  " ", "\n", "\t", "a", "Z", "9", "_", "$", "x.y", "//", "/*", "*/", "'", '"', "`",
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join("")),
  fc.string({ unit: fc.constantFrom(..."iflewhdonrt([{)]};,?.<:=>!$_A0 \n\u00e9"), maxLength: 80 }),
  fc.string({ unit: "grapheme-composite", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

describe("nestingBound", () => {
  it("equals the first implementation on random and adversarial texts", () => {
    fc.assert(
      fc.property(text, (source) => {
        expect(nestingBound(source)).toBe(oracle(source));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it("equals the first implementation on every fixture and source file of the repository", () => {
    const root = join(import.meta.dirname, "../..");
    let files = 0;
    const visit = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) visit(path);
        else if (/\.[cm]?[jt]sx?$/.test(name)) {
          const source = readFileSync(path, "utf8");
          expect(nestingBound(source), path).toBe(oracle(source));
          files++;
        }
      }
    };
    for (const dir of ["fixtures", "src", "test"]) visit(join(root, dir));
    expect(files).toBeGreaterThan(200);
  });

  it("counts brackets and chains of nesting tokens, keywords only as whole words", () => {
    expect(nestingBound("((([{}])))")).toBe(5);
    expect(nestingBound("a ? b : c ? d : e")).toBe(4);
    expect(nestingBound("a ?. b ?? c == d != e <= f >= g")).toBe(2); // the second `?` of `??`, the `<` of `<=`
    expect(nestingBound("if (a) if (b) while (c) x")).toBe(4);
    expect(nestingBound("iffy Xif $if if$ elsewhere whiles")).toBe(0);
    expect(nestingBound("éif")).toBe(1);
    expect(nestingBound("a = b => c; d = e, f")).toBe(2);
    expect(nestingBound("if ".repeat(2000))).toBe(2000);
  });

  it("is never more than the text's length (what tooDeepToParse skips a short text on)", () => {
    fc.assert(
      fc.property(text, (source) => {
        expect(nestingBound(source)).toBeLessThanOrEqual(source.length);
      }),
      { numRuns: RUNS * 10 },
    );
    // The densest texts: every character a step.
    for (const dense of ["(".repeat(50), "?".repeat(50), "=".repeat(50), "<:".repeat(25), "${".repeat(25), "if ".repeat(20), "(?=:<".repeat(10)]) {
      expect(nestingBound(dense), dense).toBeLessThanOrEqual(dense.length);
    }
    expect(nestingBound("(".repeat(NESTING_LIMIT))).toBe(NESTING_LIMIT);
  });
});

describe("tooDeepToParse", () => {
  it("is nestingBound over the limit, for texts short and long", () => {
    const cases = ["(".repeat(NESTING_LIMIT), "(".repeat(NESTING_LIMIT + 1), `${"x".repeat(NESTING_LIMIT)}(`, "(".repeat(NESTING_LIMIT * 2), "if ".repeat(NESTING_LIMIT), "a;".repeat(NESTING_LIMIT)];
    for (const source of cases) expect(tooDeepToParse(source), source.slice(0, 20)).toBe(nestingBound(source) > NESTING_LIMIT);
    expect(tooDeepToParse("(".repeat(NESTING_LIMIT + 1))).toBe(true);
    expect(tooDeepToParse("(".repeat(NESTING_LIMIT))).toBe(false);
    fc.assert(
      fc.property(text, (source) => {
        expect(tooDeepToParse(source)).toBe(nestingBound(source) > NESTING_LIMIT);
      }),
      { numRuns: RUNS },
    );
  });
});
