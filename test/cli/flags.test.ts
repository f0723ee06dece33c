import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects, runMain, SORTED, UNSORTED } from "./project.js";

afterAll(removeProjects);

describe("--write: the sorter's default mode, spelled out", () => {
  it("sorts in place like no flag at all", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    expect(await runMain(["--write", "a.ts"], root)).toEqual({ code: 0, stdout: "1 file sorted, 0 unchanged\n", stderr: "" });
    expect(await read(root, "a.ts")).toBe(SORTED);
  });

  it.each([
    [["--write", "--check", "a.ts"], "--write and --check cannot be combined"],
    [["--diff", "--write", "a.ts"], "--write and --diff cannot be combined"],
    [["--write", "--stdin-filepath", "a.ts"], "--stdin-filepath prints the sorted source: not with --write"],
  ])("%j is a usage error (exit 2), writing nothing", async (argv, message) => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const result = await runMain(argv, root, { stdin: UNSORTED });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await read(root, "a.ts")).toBe(UNSORTED);
  });

  it("leaves run's own --write alone (its default stays --diff)", async () => {
    const root = await makeProject({ "a.ts": 'import x from "lodash";\nx();\n' });
    const result = await runMain(["run", "rename-import", "a.ts", "--write", "--", "--from", "lodash", "--to", "lodash-es"], root);
    expect(result.code).toBe(0);
    expect(await read(root, "a.ts")).toBe('import x from "lodash-es";\nx();\n');
  });
});

describe("-q", () => {
  it("is --quiet: no summary, errors still printed", async () => {
    const root = await makeProject({ "a.ts": UNSORTED, "b.ts": "import {" });
    const result = await runMain(["-q", "."], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^b\.ts:1:\d+: syntax error/);
    expect(await read(root, "a.ts")).toBe(SORTED);
  });
});
