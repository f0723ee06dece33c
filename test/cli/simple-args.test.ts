/**
 * The plain command lines parsed without yargs (src/cli/simple-args.ts) must
 * give exactly the options yargs gives; anything else is left to yargs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseArgs, parseArgsWithYargs } from "../../src/cli/args.js";
import { parseSimpleArgs } from "../../src/cli/simple-args.js";

const VERSION = "0.0.0-test";

/** Tokens of the simple grammar, and near misses that must go to yargs. */
const FLAGS = ["--check", "--diff", "--strict", "--cache", "--no-cache", "--quiet", "--json", "--color", "--no-color", "--no-error-on-unmatched-pattern", "--error-on-unmatched-pattern"];
const NEAR_MISSES = ["1", "01", ".5", "Infinity", " ", "--help", "-h", "--version", "--write", "--jobs=2", "--check=false", "--reporter", "--shard", "-q", "--", "--staged", "--unknown", "explain", "init", "lsp", "run", "move", "1e3", "0x10", "-", ""];
const PATHS = [".", "..", "src", "a.ts", "./b/c.tsx", "1.ts", "2024-report", "src/run.ts", "dir with space", "ünï", "x.mjs"];

const tokenArb = fc.oneof(
  { arbitrary: fc.constantFrom(...FLAGS).map((f) => [f]), weight: 4 },
  { arbitrary: fc.constantFrom(...PATHS).map((p) => [p]), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom("--jobs", "--config", "--cache-location"), fc.constantFrom("1", "2", "16", "0", "x", "conf.json", "-1")).map((t) => [...t]), weight: 2 },
  { arbitrary: fc.constantFrom(...NEAR_MISSES).map((t) => [t]), weight: 1 },
);
const argvArb = fc.array(tokenArb, { maxLength: 6 }).map((parts) => parts.flat());

describe("plain command lines without yargs", () => {
  it("give the options yargs gives, or leave the command line to yargs", async () => {
    let simple = 0;
    await fc.assert(
      fc.asyncProperty(argvArb, async (argv) => {
        const fast = parseSimpleArgs(argv);
        const parsed = await parseArgs(argv, VERSION);
        const viaYargs = await parseArgsWithYargs(argv, VERSION);
        expect(parsed).toEqual(viaYargs);
        if (fast) {
          simple++;
          expect(viaYargs).toEqual({ kind: "run", options: fast });
        }
      }),
      { numRuns: 400 },
    );
    expect(simple).toBeGreaterThan(40);
  });

  it("take the everyday shapes", () => {
    expect(parseSimpleArgs(["--check", "src"])).toMatchObject({ command: "sort", mode: "check", paths: ["src"], cache: true, strict: false });
    expect(parseSimpleArgs([])).toMatchObject({ mode: "write", paths: ["."] });
    expect(parseSimpleArgs(["--check", "."])).toMatchObject({ mode: "check", paths: ["."] });
    expect(parseSimpleArgs(["--diff", "--no-cache", "--strict", "--jobs", "2", "a.ts"])).toMatchObject({ mode: "diff", cache: false, strict: true, jobs: 2 });
  });

  it("leave everything else to yargs", () => {
    for (const argv of [["--help"], ["--check", "--diff"], ["--check", "--check"], ["explain", "a.ts"], ["--jobs", "0"], ["--jobs=2"], ["--", "a.ts"], ["-q"], ["10"]]) {
      expect(parseSimpleArgs(argv), argv.join(" ")).toBeUndefined();
    }
  });
});
