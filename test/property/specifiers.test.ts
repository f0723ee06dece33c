/**
 * Property tests of sorting the names inside `{ … }` (src/imports/specifiers.ts)
 * over generated lists with comments, commas and line breaks in every place
 * the grammar allows: between `{`, each name, each comma and `}` goes a random
 * run of white space, line breaks, blank lines and comments.
 *
 * Properties: the sorter never fails on such a statement; it never leaves a
 * blank or white-space-only line that the input did not have (issue #16: a
 * comma on the line after its name used to leave that line behind, spaces
 * only); a second pass changes nothing.
 *
 * Runs per property: SAFESORT_FC_RUNS (default 300); replay with
 * SAFESORT_FC_SEED / SAFESORT_FC_PATH as fast-check prints them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { processSource } from "../../src/pipeline/process-source.js";
import { testConfig } from "../helpers/config.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);
const SEED = process.env.SAFESORT_FC_SEED === undefined ? undefined : Number(process.env.SAFESORT_FC_SEED);
const PATH = process.env.SAFESORT_FC_PATH;
const params: fc.Parameters<unknown> = {
  numRuns: RUNS,
  ...(SEED === undefined ? {} : { seed: SEED }),
  ...(PATH === undefined ? {} : { path: PATH, endOnFailure: true }),
};

const config = testConfig();

/** What may stand between two tokens of the list; `⏎` is the file's line break. */
const GAPS = [
  "",
  " ",
  "  ",
  "⏎",
  "⏎  ",
  " ⏎ ",
  "  ⏎",
  "⏎⏎  ",
  " /*c*/",
  "/*c*/ ",
  " /*c*/ ⏎ ",
  "⏎  /* own line */⏎  ",
  " // line⏎",
  " // line⏎  ",
  "⏎  // own line⏎  ",
  " /* two⏎ lines */ ",
  "⏎ ⏎ ",
];

const gapArb = fc.oneof({ arbitrary: fc.constantFrom("", " ", "⏎  "), weight: 3 }, { arbitrary: fc.constantFrom(...GAPS), weight: 2 });

/** Names that sort differently from how they are generated; `as` renames keep local bindings unique. */
const NAMES = ["b", "a", "c", "B", "a10", "a2", "z as y", "default as d", '"str" as s', "type T"];

interface List {
  /** The text from `{` to `}`, with `⏎` for line breaks. */
  readonly braces: string;
  readonly eol: "\n" | "\r\n";
}

const eolArb = fc.constantFrom<"\n" | "\r\n">("\n", "\r\n");
const namesArb = fc.shuffledSubarray(NAMES, { minLength: 2, maxLength: 5 });

/** Anywhere: a random gap between every two tokens (most such layouts are left alone). */
const anywhereArb: fc.Arbitrary<string> = fc
  .record({ names: namesArb, trailingComma: fc.boolean(), gaps: fc.array(gapArb, { minLength: 12, maxLength: 12 }) })
  .map(({ names, trailingComma, gaps }) => {
    const tokens = ["{", ...names.flatMap((name, i) => (i < names.length - 1 || trailingComma ? [name, ","] : [name])), "}"];
    return tokens.map((token, i) => token + (i < tokens.length - 1 ? gaps[i % gaps.length]! : "")).join("");
  });

/** One name per line, with comments, spaces and the odd line break in the places people put them. */
const itemArb = fc.record({
  lead: fc.constantFrom("", "", "", "  // above⏎", "  /* above */⏎", "⏎", "  // one⏎  /* two */⏎", "   ⏎"),
  beforeComma: fc.constantFrom("", "", "", " ", " /*x*/", " /*x*/ ", "⏎  ", " /*x*/⏎ "),
  after: fc.constantFrom("", "", " ", " // t", " /*t*/", "  ", " /*t*/ // u", " /* t⏎ t */"),
});
const perLineArb: fc.Arbitrary<string> = fc
  .record({
    names: namesArb,
    trailingComma: fc.boolean(),
    head: fc.constantFrom("", "", " // h", " /* h */"),
    tail: fc.constantFrom("", "", "  // end⏎", "⏎"),
    items: fc.array(itemArb, { minLength: 5, maxLength: 5 }),
  })
  .map(({ names, trailingComma, head, tail, items }) => {
    const lines = names.map((name, i) => {
      const { lead, beforeComma, after } = items[i]!;
      const comma = i < names.length - 1 || trailingComma ? "," : "";
      return `${lead}  ${name}${comma ? beforeComma + comma : ""}${after}⏎`;
    });
    return `{${head}⏎${lines.join("")}${tail}}`;
  });

/** All names on the line of the braces, comments here and there. */
const oneLineArb: fc.Arbitrary<string> = fc
  .record({ names: namesArb, trailingComma: fc.boolean(), space: fc.constantFrom(" ", "", "  "), comment: fc.constantFrom("", "", " /*c*/") })
  .map(({ names, trailingComma, space, comment }) => `{${space}${names.join(`,${space || " "}`)}${trailingComma ? "," : ""}${comment}${space}}`);

const listArb: fc.Arbitrary<List> = fc.record({
  braces: fc.oneof({ arbitrary: perLineArb, weight: 4 }, { arbitrary: oneLineArb, weight: 1 }, { arbitrary: anywhereArb, weight: 2 }),
  eol: eolArb,
});

/** `import { … } from "x";` */
function render(list: List): string {
  return `import ${list.braces} from "x";⏎`.replaceAll("⏎", list.eol);
}

/** How many times each white-space-only line (blank included) occurs. */
function blankLines(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) if (/^[ \t]*$/.test(line)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

function sortText(input: string): string {
  const outcome = processSource(input, "/p/a.ts", config);
  if (outcome.status === "failed") throw new Error(`failed: ${outcome.diagnostic.message}\n${JSON.stringify(input)}`);
  return outcome.status === "changed" ? outcome.output : input;
}

describe("specifier sorting with comments and line breaks anywhere", () => {
  it("never adds a blank or white-space-only line, and a second pass changes nothing", () => {
    let changed = 0;
    fc.assert(
      fc.property(listArb, (list) => {
        const input = render(list);
        const output = sortText(input);
        if (output !== input) changed++;
        const before = blankLines(input);
        for (const [line, count] of blankLines(output)) {
          if (count > (before.get(line) ?? 0)) {
            throw new Error(`new white-space-only line ${JSON.stringify(line)}\n--- input\n${JSON.stringify(input)}\n--- output\n${JSON.stringify(output)}`);
          }
        }
        expect(sortText(output)).toBe(output);
      }),
      params,
    );
    // Not vacuous: a good share of the generated lists is actually re-ordered.
    if (SEED === undefined && PATH === undefined) expect(changed).toBeGreaterThan(RUNS / 8);
  });

  it("still sorts the common layouts (the property is not vacuous)", () => {
    const sorted = (braces: string) => sortText(render({ braces, eol: "\n" })) !== render({ braces, eol: "\n" });
    expect(sorted("{ b, a }")).toBe(true);
    expect(sorted("{⏎  b,⏎  a,⏎  c,⏎}")).toBe(true);
    expect(sorted("{ // h⏎  // own line⏎  b /*c*/, // line⏎  a⏎}")).toBe(true);
  });

  it("leaves a comma on the line after its name as it is (issue #16)", () => {
    const input = 'import {\n b/*b*/ \n , \n a\n} from "x"\n';
    expect(sortText(input)).toBe(input);
  });
});
