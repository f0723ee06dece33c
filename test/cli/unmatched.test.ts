/**
 * Unmatched input is an error (src/files/unmatched.ts): CI must not pass
 * having checked nothing. `--no-error-on-unmatched-pattern` skips instead.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { git, gitProject } from "../integrations/git.js";

import { makeProject, read, removeProjects, runMain, SORTED, UNSORTED } from "./project.js";

afterAll(removeProjects);

const OPT_OUT = "--no-error-on-unmatched-pattern";

function project() {
  return makeProject({
    ".gitignore": "dist/\n*.gen.ts\n",
    "safesort.config.json": JSON.stringify({ exclude: ["generated", "**/*.fixture.ts"] }),
    "src/a.ts": UNSORTED,
    "src/b.gen.ts": UNSORTED,
    "src/c.fixture.ts": UNSORTED,
    "dist/out.ts": UNSORTED,
    "generated/api.ts": UNSORTED,
    "docs/readme.md": "# docs\n",
  });
}

describe("unmatched input is an error (exit 2, nothing else skipped)", () => {
  it.each([
    [["--check", "src/**/*.nope"], "src/**/*.nope: unmatched: no source file matches this pattern (--no-error-on-unmatched-pattern allows that)\n"],
    [["--check", "docs"], "docs: unmatched: no source file in this directory (--no-error-on-unmatched-pattern allows that)\n"],
    [["--check", "dist/out.ts"], "dist/out.ts: ignored: matched by a .gitignore file (named explicitly; --no-error-on-unmatched-pattern skips it)\n"],
    [["--check", "src/b.gen.ts"], "src/b.gen.ts: ignored: matched by a .gitignore file (named explicitly; --no-error-on-unmatched-pattern skips it)\n"],
    [["--check", "src/c.fixture.ts"], "src/c.fixture.ts: ignored: matched by the config's exclude (named explicitly; --no-error-on-unmatched-pattern skips it)\n"],
    [
      ["--check", "generated/api.ts"],
      "generated/api.ts: ignored: in a directory matched by the config's exclude (named explicitly; --no-error-on-unmatched-pattern skips it)\n",
    ],
    [["--check", "dist"], "dist: ignored: matched by a .gitignore file (named explicitly; --no-error-on-unmatched-pattern skips it)\n"],
    [["--check", "generated"], "generated: ignored: matched by the config's exclude (named explicitly; --no-error-on-unmatched-pattern skips it)\n"],
  ])("%j", async (argv, message) => {
    const root = await project();
    const result = await runMain(argv, root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message + "0 files would be sorted, 0 unchanged, 1 failed\n");
  });

  it("still processes the other arguments, and names every file a glob or directory reaches once", async () => {
    const root = await project();
    const result = await runMain(["src", "src/a.ts", "src/*.nope", "dist/out.ts"], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("1 file sorted, 0 unchanged, 2 failed\n");
    expect(result.stderr).toMatch(/^src\/\*\.nope: unmatched: .*\ndist\/out\.ts: ignored: /);
    expect(await read(root, "src/a.ts")).toBe(SORTED);
    for (const untouched of ["dist/out.ts", "src/b.gen.ts", "src/c.fixture.ts", "generated/api.ts"]) expect(await read(root, untouched)).toBe(UNSORTED);
  });

  it("a missing path stays 'not found'", async () => {
    const root = await project();
    expect(await runMain(["--check", "nope.ts"], root)).toMatchObject({ code: 2, stderr: "nope.ts: not found: no such file or directory\n0 files would be sorted, 0 unchanged, 1 failed\n" });
  });
});

describe(OPT_OUT, () => {
  it("skips ignored files named explicitly (saying why) and allows empty globs, directories and missing paths: exit 0", async () => {
    const root = await project();
    const result = await runMain([OPT_OUT, "src/a.ts", "src/b.gen.ts", "generated/api.ts", "dist", "docs", "src/*.nope", "gone.ts"], root);
    expect(result).toEqual({
      code: 0,
      stdout: "1 file sorted, 0 unchanged, 4 skipped\n",
      stderr:
        "src/b.gen.ts: skipped (matched by a .gitignore file)\n" +
        "generated/api.ts: skipped (in a directory matched by the config's exclude)\n" +
        "dist: skipped (matched by a .gitignore file)\n" +
        "gone.ts: skipped (no such file or directory)\n",
    });
    expect(await read(root, "src/a.ts")).toBe(SORTED);
    expect(await read(root, "src/b.gen.ts")).toBe(UNSORTED);
    expect(await read(root, "generated/api.ts")).toBe(UNSORTED);
  });
});

describe("git scopes choose files themselves", () => {
  it("--changed and --staged on a path with nothing changed pass (exit 0), ignored files left out", async () => {
    const root = await gitProject({ ".gitignore": "out/\n", "src/a.ts": SORTED, "lib/b.ts": SORTED });
    await mkdir(join(root, "out"));
    await writeFile(join(root, "out/x.ts"), UNSORTED);
    expect(await runMain(["--check", "--changed", "HEAD", "src"], root)).toMatchObject({ code: 0, stderr: "0 files would be sorted, 0 unchanged\n" });
    expect(await runMain(["--check", "--staged"], root)).toMatchObject({ code: 0 });
    git(root, "add", "src/a.ts");
    expect((await runMain(["--check", "--changed"], root)).code).toBe(0);
  });
});
