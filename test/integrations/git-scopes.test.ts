/** `--changed [ref]` and `--staged` through real git repositories in temp directories. */
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects, runMain, snapshot, SORTED, UNSORTED } from "../cli/project.js";
import { safesort } from "../helpers/bin.js";
import { writeTree } from "../helpers/tree.js";

import { git, gitProject, isolateGit } from "./git.js";

beforeAll(isolateGit);
afterAll(removeProjects);

const UNSORTED_2 = 'import d from "d";\nimport c from "c";\n';

/** Lines printed by `--check`, sorted. */
function listed(stdout: string): string[] {
  return stdout.split("\n").filter(Boolean).sort();
}

describe("--changed [ref]", () => {
  it("covers modified, renamed and untracked files; not unchanged, deleted, ignored or non-source ones", async () => {
    const root = await gitProject({
      ".gitignore": "ignored/\n",
      "modified.ts": SORTED,
      "same.ts": UNSORTED,
      "deleted.ts": UNSORTED,
      "old-name.ts": UNSORTED,
      "notes.md": "x\n",
    });
    await writeTree(root, { "modified.ts": UNSORTED });
    await rm(join(root, "deleted.ts"));
    git(root, "mv", "old-name.ts", "new-name.ts");
    await writeTree(root, { "untracked/new.tsx": UNSORTED });
    await writeTree(root, { "ignored/skip.ts": UNSORTED });
    await writeTree(root, { "notes.md": "changed\n" });
    const result = await runMain(["--changed", "--check"], root);
    expect(result.code).toBe(1);
    expect(listed(result.stdout)).toEqual(["modified.ts", "new-name.ts", "untracked/new.tsx"]);
    expect(result.stderr).toBe("3 files would be sorted, 0 unchanged\n");
  });

  it("compares the working tree with the given ref: committed changes since it count too", async () => {
    const root = await gitProject({ "a.ts": SORTED, "b.ts": SORTED });
    await writeTree(root, { "a.ts": UNSORTED });
    git(root, "commit", "-qam", "second");
    await writeTree(root, { "b.ts": UNSORTED_2 });
    expect(listed((await runMain(["--changed", "--check"], root)).stdout)).toEqual(["b.ts"]);
    expect(listed((await runMain(["--changed", "HEAD~1", "--check"], root)).stdout)).toEqual(["a.ts", "b.ts"]);
    expect(listed((await runMain(["--changed=main~1", "--check"], root)).stdout)).toEqual(["a.ts", "b.ts"]);
  });

  it("sorts in write mode and leaves files outside the scope alone", async () => {
    const root = await gitProject({ "a.ts": SORTED, "untouched.ts": UNSORTED });
    await writeTree(root, { "a.ts": UNSORTED });
    const result = await runMain(["--changed"], root);
    expect(result).toEqual({ code: 0, stdout: "1 file sorted, 0 unchanged\n", stderr: "" });
    expect(await read(root, "a.ts")).toBe(SORTED);
    expect(await read(root, "untouched.ts")).toBe(UNSORTED);
  });

  it("keeps to the paths given, and works from a subdirectory (paths relative to it)", async () => {
    const root = await gitProject({ "src/a.ts": SORTED, "src/deep/b.ts": SORTED, "lib/c.ts": SORTED });
    for (const path of ["src/a.ts", "src/deep/b.ts", "lib/c.ts"]) await writeTree(root, { [path]: UNSORTED });
    expect(listed((await runMain(["--changed", "HEAD", "src", "--check"], root)).stdout)).toEqual(["src/a.ts", "src/deep/b.ts"]);
    expect(listed((await runMain(["--check", "src/deep", "lib/c.ts", "--changed"], root)).stdout)).toEqual(["lib/c.ts", "src/deep/b.ts"]);
    expect(listed((await runMain(["--changed", "HEAD", "**/b.ts", "--check"], root)).stdout)).toEqual(["src/deep/b.ts"]);
    const fromSrc = await runMain(["--changed", "--check"], join(root, "src"));
    expect(listed(fromSrc.stdout)).toEqual(["a.ts", "deep/b.ts"]);
  });

  it("applies the config's exclude", async () => {
    const root = await gitProject({ "safesort.config.json": '{ "exclude": ["generated/**"] }\n', "src/a.ts": SORTED });
    await writeTree(root, { "src/a.ts": UNSORTED });
    await writeTree(root, { "generated/g.ts": UNSORTED });
    expect(listed((await runMain(["--changed", "--check"], root)).stdout)).toEqual(["src/a.ts"]);
  });

  it("on a branch without commits, covers every file in the index and the untracked ones", async () => {
    const root = await gitProject({ "staged.ts": UNSORTED, "loose.ts": UNSORTED, ".gitignore": "out/\n", "out/x.ts": UNSORTED }, { commit: false });
    git(root, "add", "staged.ts");
    expect(listed((await runMain(["--changed", "--check"], root)).stdout)).toEqual(["loose.ts", "staged.ts"]);
  });

  it("reports a path argument that does not exist", async () => {
    const root = await gitProject({ "a.ts": SORTED });
    const result = await runMain(["--changed", "HEAD", "nope", "--check"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^nope: not found: no such file or directory\n/);
  });

  it("exits 2 with a clear message for an unknown ref, writing nothing", async () => {
    const root = await gitProject({ "a.ts": SORTED });
    await writeTree(root, { "a.ts": UNSORTED });
    const result = await runMain(["--changed", "no-such-branch"], root);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "safesort: --changed no-such-branch: not a commit in this repository (to pass paths, give the ref first: --changed HEAD src/)\n",
    });
    expect(await read(root, "a.ts")).toBe(UNSORTED);
  });

  it("never reads a ref as a git option", async () => {
    const root = await gitProject({ "a.ts": SORTED });
    const result = await runMain(["--changed=--output=pwned", "--check"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--changed --output=pwned: not a commit");
    await expect(readFile(join(root, "pwned"))).rejects.toThrow();
  });

  it("exits 2 outside a git repository", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    for (const flag of ["--changed", "--staged"]) {
      const result = await runMain([flag], root);
      expect(result).toEqual({ code: 2, stdout: "", stderr: `safesort: not a git repository: ${root} (--changed and --staged need one)\n` });
    }
    expect(await read(root, "a.ts")).toBe(UNSORTED);
  });
});

describe("--staged", () => {
  it("covers files with staged changes only", async () => {
    const root = await gitProject({ "staged.ts": SORTED, "unstaged.ts": SORTED, "deleted.ts": UNSORTED });
    await writeTree(root, { "staged.ts": UNSORTED });
    await writeTree(root, { "new.ts": UNSORTED_2 });
    git(root, "add", "staged.ts", "new.ts");
    git(root, "rm", "-q", "deleted.ts");
    await writeTree(root, { "unstaged.ts": UNSORTED });
    const result = await runMain(["--staged", "--check"], root);
    expect(result.code).toBe(1);
    expect(listed(result.stdout)).toEqual(["new.ts", "staged.ts"]);
  });

  it("in write mode sorts fully staged files and stages the sorted text", async () => {
    const root = await gitProject({ "a.ts": "export {};\n", "ok.ts": SORTED });
    await writeTree(root, { "a.ts": UNSORTED });
    await writeTree(root, { "ok.ts": SORTED + "export {};\n" });
    git(root, "add", "a.ts", "ok.ts");
    const result = await runMain(["--staged"], root);
    expect(result).toEqual({ code: 0, stdout: "1 file sorted, 1 unchanged\n", stderr: "" });
    expect(await read(root, "a.ts")).toBe(SORTED);
    expect(git(root, "show", ":a.ts")).toBe(SORTED);
    expect(git(root, "diff", "--name-only")).toBe(""); // nothing left unstaged
    expect(git(root, "diff", "--cached", "--name-only")).toBe("a.ts\nok.ts\n");
  });

  it("in write mode refuses a file that also has unstaged changes: exit 2, file and index untouched", async () => {
    const root = await gitProject({ "partial.ts": SORTED, "full.ts": SORTED });
    const staged = UNSORTED;
    const worktree = UNSORTED + "export const extra = 1;\n";
    await writeTree(root, { "partial.ts": staged });
    git(root, "add", "partial.ts");
    await writeTree(root, { "partial.ts": worktree });
    await writeTree(root, { "full.ts": UNSORTED_2 });
    git(root, "add", "full.ts");
    const before = await snapshot(root, "partial.ts");
    const result = await runMain(["--staged"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "partial.ts: partially staged: it also has unstaged changes, so --staged does not rewrite it (stage or stash them, then run again)\n",
    );
    expect(result.stdout).toBe("1 file sorted, 0 unchanged, 1 failed\n");
    expect(await snapshot(root, "partial.ts")).toEqual(before);
    expect(git(root, "show", ":partial.ts")).toBe(staged);
    expect(git(root, "show", ":full.ts")).toBe('import c from "c";\nimport d from "d";\n');
  });

  it("in check mode checks a partially staged file's working-tree text instead of refusing", async () => {
    const root = await gitProject({ "partial.ts": SORTED });
    await writeTree(root, { "partial.ts": SORTED + "export {};\n" });
    git(root, "add", "partial.ts");
    await writeTree(root, { "partial.ts": UNSORTED });
    const result = await runMain(["--staged", "--check"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("partial.ts\n");
  });

  it("stages names literally: `[id].tsx` is a file name, not a pattern matching `i.tsx`", async () => {
    const root = await gitProject({ "pages/[id].tsx": SORTED, "pages/i.tsx": SORTED });
    await writeTree(root, { "pages/[id].tsx": UNSORTED });
    git(root, "add", "pages/[id].tsx");
    await writeTree(root, { "pages/i.tsx": UNSORTED }); // unstaged: must stay unstaged
    expect((await runMain(["--staged"], root)).code).toBe(0);
    expect(git(root, "show", ":pages/[id].tsx")).toBe(SORTED);
    expect(git(root, "show", ":pages/i.tsx")).toBe(SORTED);
    expect(git(root, "diff", "--name-only")).toBe("pages/i.tsx\n");
  });

  it("with nothing staged, does nothing", async () => {
    const root = await gitProject({ "a.ts": UNSORTED });
    expect(await runMain(["--staged"], root)).toEqual({ code: 0, stdout: "0 files sorted, 0 unchanged\n", stderr: "" });
  });
});

describe("without git", () => {
  it("exits 2 saying git is missing (the installed binary, with an empty PATH)", async () => {
    const root = await gitProject({ "a.ts": UNSORTED });
    const result = safesort(["--changed"], root, { env: { PATH: join(root, "no-such-dir") } });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "safesort: git not found: --changed and --staged need git on the PATH\n",
    });
    expect(await read(root, "a.ts")).toBe(UNSORTED);
  });
});

describe("flag checks", () => {
  it.each([
    [["--changed", "--staged"], "--changed and --staged cannot be combined"],
    [["--staged", "--stdin-filepath", "a.ts"], "--changed, --staged and --shard choose files: not with --stdin-filepath"],
  ])("%j is a usage error", async (argv, message) => {
    const root = await makeProject({});
    const result = await runMain(argv, root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`safesort: ${message}\nRun "safesort --help" for usage.\n`);
  });
});
