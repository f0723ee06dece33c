/**
 * The `safesort/testing` harness itself: it must catch what it promises to
 * catch (a wrong output, a codemod that is not idempotent, a change to an
 * input without an output file, a missing expected error, stray files).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import type { Query } from "../../src/codemod/query.js";
import { checkCodemodFixture, defineCodemodTest, loadCodemodFixtures } from "../../src/testing/index.js";
import { makeTree, removeTree } from "../helpers/tree.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs.splice(0)) await removeTree(dir);
});

async function fixtures(files: Record<string, string>): Promise<string> {
  const dir = await makeTree("fixtures", files);
  dirs.push(dir);
  return dir;
}

const renameF = (q: Query) => q.selectCall("f").rename("g");

describe("loadCodemodFixtures", () => {
  it("reads cases with outputs, args and expected errors, sorted by name", async () => {
    const dir = await fixtures({
      "b-case.input.ts": "f();\n",
      "b-case.output.ts": "g();\n",
      "a-case.input.tsx": "x;\n",
      "a-case.args.json": '{ "n": 1 }\n',
      "c-case.input.js": "y;\n",
      "c-case.error.txt": "nope\n",
    });
    expect(loadCodemodFixtures(dir).map((f) => [f.name, f.ext, f.output, f.args, f.error])).toEqual([
      ["a-case", "tsx", undefined, { n: 1 }, undefined],
      ["b-case", "ts", "g();\n", {}, undefined],
      ["c-case", "js", undefined, {}, "nope"],
    ]);
  });

  it("rejects stray files and outputs without inputs", async () => {
    expect(() => loadCodemodFixtures(join(tmpdir(), `safesort-no-such-dir-${process.pid}`))).toThrow("ENOENT");
    await expect(fixtures({ "x.output.ts": "" }).then(loadCodemodFixtures)).rejects.toThrow("x.output.ts has no x.input.ts");
    await expect(fixtures({ "x.txt": "" }).then(loadCodemodFixtures)).rejects.toThrow("unexpected file x.txt");
  });
});

describe("checkCodemodFixture", () => {
  it("passes a right output and an untouched input", async () => {
    const dir = await fixtures({ "calls.input.ts": "f(1);\n", "calls.output.ts": "g(1);\n", "other.input.ts": "h();\n" });
    for (const fixture of loadCodemodFixtures(dir)) expect(() => checkCodemodFixture(fixture, { codemod: renameF })).not.toThrow();
  });

  it("fails a wrong output, byte for byte (a CR shows as ␍)", async () => {
    const dir = await fixtures({ "crlf.input.ts": "f();\r\n", "crlf.output.ts": "g();\n" });
    const [fixture] = loadCodemodFixtures(dir);
    expect(() => checkCodemodFixture(fixture!, { codemod: renameF })).toThrow(/crlf: output differs from the expected text[\s\S]*-g\(\);\n\+g\(\);␍/);
  });

  it("fails a codemod whose second run changes the output again", async () => {
    const dir = await fixtures({ "grow.input.ts": "f();\n", "grow.output.ts": "f(1);\n" });
    const [fixture] = loadCodemodFixtures(dir);
    expect(() => checkCodemodFixture(fixture!, { codemod: (q) => q.selectCall("f").addArgument("1") })).toThrow(/second run \(must change nothing\)/);
  });

  it("fails an input without an output file that the codemod changes", async () => {
    const dir = await fixtures({ "touched.input.ts": "f();\n" });
    const [fixture] = loadCodemodFixtures(dir);
    expect(() => checkCodemodFixture(fixture!, { codemod: renameF })).toThrow("touched: output differs");
  });

  it("checks an expected failure's message", async () => {
    const dir = await fixtures({ "clash.input.ts": "let a, b;\n", "clash.error.txt": "is already declared in the same scope" });
    const [fixture] = loadCodemodFixtures(dir);
    expect(() => checkCodemodFixture(fixture!, { codemod: (q) => q.selectVar("a").rename("b") })).not.toThrow();
    expect(() => checkCodemodFixture(fixture!, { codemod: (q) => q.selectVar("a").rename("c") })).toThrow('expected the codemod to fail with "is already declared');
  });

  it("takes an error the codemod throws while building its query as the expected failure (a refused argument)", async () => {
    const dir = await fixtures({ "refused.input.ts": "f(1);\n", "refused.error.txt": "the pattern has no metavariable $B" });
    const [fixture] = loadCodemodFixtures(dir);
    expect(() => checkCodemodFixture(fixture!, { codemod: (q) => q.selectPattern("f($A)", { where: { B: { kind: "Identifier" } } as never }).remove() })).not.toThrow();
    expect(() => checkCodemodFixture(fixture!, { codemod: (q) => q.selectPattern("f($A)", { where: { C: { kind: "Identifier" } } as never }).remove() })).toThrow(
      'expected a failure mentioning "the pattern has no metavariable $B", got: selectPattern("f($A)"): where.C: the pattern has no metavariable $C (it has $A)',
    );
  });

  it("passes args to a function codemod, and to a module's default export", async () => {
    const dir = await fixtures({ "args.input.ts": "f();\n", "args.output.ts": "h();\n", "args.args.json": '{ "to": "h" }\n' });
    const [fixture] = loadCodemodFixtures(dir);
    const codemod = (q: Query, args: { to?: unknown }) => q.selectCall("f").rename(String(args.to));
    expect(() => checkCodemodFixture(fixture!, { codemod })).not.toThrow();
    expect(() => checkCodemodFixture(fixture!, { codemod: { default: codemod } })).not.toThrow();
  });
});

describe("defineCodemodTest", () => {
  it("registers one test per case with the runner it is given", async () => {
    const dir = await fixtures({ "one.input.ts": "f();\n", "one.output.ts": "g();\n", "two.input.ts": "x();\n" });
    const registered: string[] = [];
    const tests: (() => void | Promise<void>)[] = [];
    defineCodemodTest({
      codemod: renameF,
      fixtures: dir,
      describe: (name, fn) => {
        registered.push(`describe ${name}`);
        fn();
      },
      it: (name, fn) => {
        registered.push(`it ${name}`);
        tests.push(fn);
      },
    });
    expect(registered).toEqual([`describe codemod fixtures: ${dir}`, "it one", "it two"]);
    for (const test of tests) await test();
  });
});
