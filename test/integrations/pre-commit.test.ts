/**
 * The pre-commit framework (Debian's `pre-commit`, installed by .ci/run) with
 * this repository's .pre-commit-hooks.yaml, for real: a temp repository
 * pointing at a local git copy of safesort, `pre-commit install`, `git commit`.
 *
 * The copy holds the files of this working tree that git would (tracked and
 * untracked-but-not-ignored; tests, fixtures and benchmarks left out), so it
 * tests what is being committed, not the last commit. pre-commit installs it
 * the way it installs any `language: node` hook: `npm install` in its clone
 * (which runs `prepare`, the TypeScript build), `npm pack`, `npm install -g`
 * of the tarball, from the npm registry (or npm's cache). That takes about
 * 35 s on an idle 2-core machine (75 s while other test files run, and over
 * 240 s with the machine's load at 12: the limits below allow 10 minutes),
 * once for the whole file (PRE_COMMIT_HOME is shared by its tests).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SORTED, UNSORTED } from "../cli/project.js";

import { git, gitEnv, gitProject } from "./git.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const hasPreCommit = spawnSync("pre-commit", ["--version"]).status === 0;

/** Left out of the copy: not needed to install or run the hooks. */
const NOT_COPIED = /^(test|fixtures|bench)\//;

let work: string;
let safesortRepo: string;
let rev: string;

function env(): NodeJS.ProcessEnv {
  const base = gitEnv({ PRE_COMMIT_HOME: join(work, "pre-commit-home"), PRE_COMMIT_COLOR: "never" });
  for (const key of Object.keys(base)) if (key.startsWith("VITEST") || key === "NODE_OPTIONS") delete base[key];
  return base;
}

// Not test/helpers/bin.ts: runs pre-commit and git, not the binary.
function run(cwd: string, command: string, ...args: string[]): { code: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, env: env(), encoding: "utf8", timeout: 600_000 });
  if (result.error) throw result.error;
  return { code: result.status, output: result.stdout + result.stderr };
}

/** A git repository holding this working tree's files, as pre-commit will clone it. */
async function copyOfSafesort(dest: string): Promise<string> {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo, env: gitEnv() });
  const files = [...new Set(listed.toString("utf8").split("\0"))].filter((f) => f !== "" && !NOT_COPIED.test(f));
  for (const file of files) {
    await mkdir(dirname(join(dest, file)), { recursive: true });
    await cp(join(repo, file), join(dest, file), { verbatimSymlinks: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error; // tracked but deleted in the working tree
    });
  }
  git(dest, "init", "-q", "-b", "main");
  git(dest, "add", "-A");
  git(dest, "commit", "-q", "-m", "safesort under test");
  return git(dest, "rev-parse", "HEAD").trim();
}

async function projectWithHooks(hooks: readonly string[], files: Record<string, string> = {}): Promise<string> {
  // `language_version: system`: the `node` first on PATH, which pre-commit
  // already picks by default, except when that node lies under the home folder
  // (scripts/node-versions.mjs puts Node 22/24 in ~/.cache): then it would ask
  // nodeenv to download one, which needs the network.
  const hookList = hooks.map((id) => `      - id: ${id}\n        language_version: system\n`).join("");
  const config = `repos:\n  - repo: ${safesortRepo}\n    rev: ${rev}\n    hooks:\n${hookList}`;
  return gitProject({ ".pre-commit-config.yaml": config, ...files });
}

describe.skipIf(!hasPreCommit && !process.env["CI"])("pre-commit hooks (.pre-commit-hooks.yaml)", () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "safesort-pre-commit-"));
    safesortRepo = join(work, "safesort");
    rev = await copyOfSafesort(safesortRepo);
    // Install the hook environment once (timed: see the file header).
    const project = await projectWithHooks(["safesort", "safesort-check"]);
    const started = Date.now();
    const installed = run(project, "pre-commit", "install-hooks");
    expect(installed.code, installed.output).toBe(0);
    console.log(`pre-commit install-hooks (language: node): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 660_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true, maxRetries: 5 });
  });

  it("safesort: committing unsorted files sorts them and fails the commit; the next commit passes", async () => {
    const project = await projectWithHooks(["safesort"]);
    expect(run(project, "pre-commit", "install").code).toBe(0);
    const sources = { "src/a.ts": UNSORTED, "src/b.mts": UNSORTED, "src/c.cjs": UNSORTED, "src/d.tsx": UNSORTED, "src/ok.js": SORTED };
    for (const [path, text] of Object.entries(sources)) {
      await mkdir(dirname(join(project, path)), { recursive: true });
      await writeFile(join(project, path), text);
    }
    await writeFile(join(project, "notes.md"), 'import b from "b";\nimport a from "a";\n'); // not a source file: left alone
    git(project, "add", "-A");

    const first = run(project, "git", "commit", "-m", "add sources");
    expect(first.code).toBe(1);
    expect(first.output).toContain("safesort (sort imports)");
    expect(first.output).toContain("files were modified by this hook");
    // pre-commit may split the files over parallel safesort processes: one summary line each.
    const sorted = [...first.output.matchAll(/(\d+) files? sorted, (\d+) unchanged/g)];
    expect(sorted.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(4);
    expect(sorted.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(1);
    for (const path of ["src/a.ts", "src/b.mts", "src/c.cjs", "src/d.tsx"]) expect(await readFile(join(project, path), "utf8")).toBe(SORTED);
    expect(await readFile(join(project, "notes.md"), "utf8")).toBe(UNSORTED);
    expect(git(project, "rev-list", "--count", "HEAD").trim()).toBe("1"); // the commit did not happen

    git(project, "add", "-A");
    const second = run(project, "git", "commit", "-m", "add sources");
    expect(second.output).toMatch(/safesort \(sort imports\)\.+Passed/);
    expect(second.code).toBe(0);
    expect(git(project, "show", "HEAD:src/a.ts")).toBe(SORTED);
  });

  it("safesort-check: fails on unsorted files, lists them and writes nothing; passes on sorted ones", async () => {
    const project = await projectWithHooks(["safesort-check"], { "a.ts": UNSORTED, "b.ts": SORTED });
    const failing = run(project, "pre-commit", "run", "safesort-check", "--files", "a.ts", "b.ts");
    expect(failing.code).toBe(1);
    expect(failing.output).toMatch(/safesort \(check imports are sorted\)\.+Failed/);
    expect(failing.output).toContain("a.ts\n");
    expect(failing.output).not.toContain("files were modified by this hook");
    expect(await readFile(join(project, "a.ts"), "utf8")).toBe(UNSORTED);

    const passing = run(project, "pre-commit", "run", "safesort-check", "--files", "b.ts");
    expect(passing.output).toMatch(/safesort \(check imports are sorted\)\.+Passed/);
    expect(passing.code).toBe(0);
  });
});
