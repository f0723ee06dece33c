/**
 * The README's husky + lint-staged recipe, for real: lint-staged (the pinned
 * devDependency) runs `safesort` on staged files from a pre-commit hook that
 * git finds through `core.hooksPath=.husky`, which is all husky sets up.
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { removeProjects, SORTED, UNSORTED } from "../cli/project.js";

import { git, gitEnv, gitProject } from "./git.js";

afterAll(removeProjects);

const repo = fileURLToPath(new URL("../../", import.meta.url));
const lintStaged = join(repo, "node_modules", ".bin", "lint-staged");
const safesort = join(repo, "bin", "safesort.js");

const GLOB = "*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}";

/** A repository with the recipe installed: lint-staged config and a husky-style pre-commit hook. */
async function recipe(command: string, files: Record<string, string> = {}): Promise<string> {
  const root = await gitProject({ ".lintstagedrc.json": JSON.stringify({ [GLOB]: command }, null, 2) + "\n", ...files });
  await mkdir(join(root, ".husky"));
  await writeFile(join(root, ".husky", "pre-commit"), `#!/bin/sh\n"${lintStaged}"\n`);
  await chmod(join(root, ".husky", "pre-commit"), 0o755);
  git(root, "config", "core.hooksPath", ".husky");
  return root;
}

function commit(root: string, message: string): { code: number | null; output: string } {
  const result = spawnSync("git", ["commit", "-m", message], { cwd: root, env: gitEnv(), encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("husky + lint-staged", () => {
  it("sorts the staged files and commits the sorted text", async () => {
    const root = await recipe(`node ${safesort}`);
    await writeFile(join(root, "a.ts"), UNSORTED);
    await writeFile(join(root, "b.mjs"), UNSORTED);
    await writeFile(join(root, "untouched.ts"), UNSORTED); // not staged: lint-staged does not pass it
    git(root, "add", "a.ts", "b.mjs");
    const result = commit(root, "add a and b");
    expect(result.code, result.output).toBe(0);
    expect(git(root, "show", "HEAD:a.ts")).toBe(SORTED);
    expect(git(root, "show", "HEAD:b.mjs")).toBe(SORTED);
    expect(await readFile(join(root, "a.ts"), "utf8")).toBe(SORTED);
    expect(await readFile(join(root, "untouched.ts"), "utf8")).toBe(UNSORTED);
  });

  it("with --no-error-on-unmatched-pattern (the README's recipe), a staged file the config excludes is skipped, not an error", async () => {
    const files = { "safesort.config.json": '{ "exclude": ["generated/**"] }\n' };
    for (const [flag, code] of [["--no-error-on-unmatched-pattern", 0], ["", 1]] as const) {
      const root = await recipe(`node ${safesort} ${flag}`.trim(), files);
      await mkdir(join(root, "generated"));
      await writeFile(join(root, "generated/api.ts"), UNSORTED);
      await writeFile(join(root, "a.ts"), UNSORTED);
      git(root, "add", "a.ts", "generated/api.ts");
      const result = commit(root, "with generated code");
      expect(result.code, result.output).toBe(code);
      expect(await readFile(join(root, "generated/api.ts"), "utf8")).toBe(UNSORTED);
      if (code === 0) expect(git(root, "show", "HEAD:a.ts")).toBe(SORTED);
      else expect(result.output).toContain("generated/api.ts: ignored: matched by the config's exclude");
    }
  });

  it("with a partially staged file, commits the staged part sorted and keeps the unstaged part unstaged", async () => {
    const root = await recipe(`node ${safesort}`, { "a.ts": 'import x from "x";\n\nexport const one = 1;\n' });
    await writeFile(join(root, "a.ts"), UNSORTED + "\nexport const one = 1;\n");
    git(root, "add", "a.ts");
    await writeFile(join(root, "a.ts"), UNSORTED + "\nexport const one = 1;\nexport const two = 2;\n");
    const result = commit(root, "partial");
    expect(result.code, result.output).toBe(0);
    expect(git(root, "show", "HEAD:a.ts")).toBe(SORTED + "\nexport const one = 1;\n");
    expect(await readFile(join(root, "a.ts"), "utf8")).toBe(SORTED + "\nexport const one = 1;\nexport const two = 2;\n");
    expect(git(root, "diff", "--name-only")).toBe("a.ts\n");
  });

  it("with --check, blocks the commit and names the file, changing nothing", async () => {
    const root = await recipe(`node ${safesort} --check`);
    await writeFile(join(root, "a.ts"), UNSORTED);
    git(root, "add", "a.ts");
    const result = commit(root, "unsorted");
    expect(result.code).toBe(1);
    expect(result.output).toContain("a.ts");
    expect(result.output).toContain("1 file would be sorted, 0 unchanged");
    expect(git(root, "rev-list", "--count", "HEAD").trim()).toBe("1");
    expect(await readFile(join(root, "a.ts"), "utf8")).toBe(UNSORTED);
    expect(git(root, "show", ":a.ts")).toBe(UNSORTED);
  });
});
