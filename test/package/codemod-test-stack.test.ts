/**
 * A failing `defineCodemodTest` case is reported at the user's
 * `defineCodemodTest(…)` call: the failure's stack starts at that file and
 * line (the check itself runs inside safesort, called by the test runner, so
 * its own frames name no file of the user's). An error the codemod throws
 * keeps its own stack. The packed-tarball version, with vitest's report, is in
 * consumer.test.ts.
 */
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import type { Query } from "../../src/codemod/query.js";
import { defineCodemodTest } from "../../src/testing/index.js";
import { makeProject, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

const THIS_FILE = fileURLToPath(import.meta.url);

/** The cases defineCodemodTest registers, run by hand: each one's error, or undefined when it passed. */
async function failuresOf(register: (it: (name: string, fn: () => void | Promise<void>) => void) => void): Promise<Map<string, Error | undefined>> {
  const cases = new Map<string, () => void | Promise<void>>();
  register((name, fn) => void cases.set(name, fn));
  const results = new Map<string, Error | undefined>();
  for (const [name, fn] of cases) {
    try {
      await fn();
      results.set(name, undefined);
    } catch (error) {
      results.set(name, error as Error);
    }
  }
  return results;
}

/** The first `at …` line of a stack. */
const firstFrame = (error: Error | undefined) => (error?.stack ?? "").split("\n").find((line) => /^\s+at /.test(line));

describe("defineCodemodTest failure locations", () => {
  it("a wrong output is reported at the defineCodemodTest call; a passing case and a throwing codemod are not rewritten", async () => {
    const fixtures = await makeProject({
      "right.input.ts": "f(1);\n",
      "right.output.ts": "g(1);\n",
      "wrong.input.ts": "f(2);\n",
      "wrong.output.ts": "h(2);\n",
    });
    const renameF = (q: Query) => q.selectCall("f").rename("g");
    const results = await failuresOf((it) => {
      defineCodemodTest({ codemod: renameF, fixtures, describe: (_name, fn) => fn(), it }); // ← the reported line
    });
    expect(results.get("right")).toBeUndefined();
    const wrong = results.get("wrong");
    expect(wrong?.message).toContain("wrong: output differs from the expected text");
    expect(wrong?.stack).toContain(wrong!.message);
    const frame = firstFrame(wrong);
    expect(frame).toContain(THIS_FILE);
    // The line of the call above (the stack may be source-mapped or not, so the line is matched by its text).
    const line = Number(/:(\d+):\d+\)?$/.exec(frame!)?.[1]);
    const source = (await import("node:fs")).readFileSync(THIS_FILE, "utf8").split("\n")[line - 1];
    expect(source).toContain("← the reported line");
    expect(wrong!.stack).not.toContain("src/testing/index");

    const boom = new Error("the codemod's own bug");
    const thrown = await failuresOf((it) => {
      defineCodemodTest({
        codemod: () => {
          throw boom;
        },
        fixtures,
        describe: (_name, fn) => fn(),
        it,
      });
    });
    expect(thrown.get("right")).toBe(boom);
    expect(firstFrame(thrown.get("right"))).toContain(THIS_FILE);
    expect(thrown.get("right")!.stack).toBe(boom.stack);
  });
});
