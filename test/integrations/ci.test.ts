/** What a CI job runs: `--shard i/n` across a matrix, `--reporter github|sarif|json`. */
import type { ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BROKEN, makeProject, removeProjects, runMain, SORTED, UNSORTED } from "../cli/project.js";
import { safesort } from "../helpers/bin.js";
import { sarifValidator } from "../helpers/sarif-schema.js";

afterAll(removeProjects);

let validate: ValidateFunction;
beforeAll(async () => {
  validate = await sarifValidator();
});

/** 40 files over a few directories, every one unsorted, so `--check` lists each file it covers. */
async function monorepo(): Promise<{ root: string; all: string[] }> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`packages/p${i % 5}/src/m${i}.ts`] = UNSORTED;
  return { root: await makeProject(files), all: Object.keys(files).sort() };
}

function listed(stdout: string): string[] {
  return stdout.split("\n").filter(Boolean).sort();
}

describe("--shard i/n", () => {
  it("splits the files into n disjoint parts whose union is the whole set, for n = 1…4", async () => {
    const { root, all } = await monorepo();
    for (const n of [1, 2, 3, 4]) {
      const parts: string[][] = [];
      for (let i = 1; i <= n; i++) parts.push(listed((await runMain(["--check", "--jobs", "1", "--shard", `${i}/${n}`, "."], root)).stdout));
      const union = parts.flat();
      expect(union.length, `n = ${n}: a file in two parts`).toBe(all.length);
      expect(union.sort(), `n = ${n}`).toEqual(all);
      if (n > 1) for (const part of parts) expect(part.length).toBeGreaterThan(0);
    }
  });

  it("does not depend on how the files were found: the same file lands in the same part from a glob or a directory walk", async () => {
    const { root } = await monorepo();
    const walked = listed((await runMain(["--check", "--shard", "2/3", "packages"], root)).stdout);
    const globbed = listed((await runMain(["--check", "--shard", "2/3", "packages/*/src/*.ts"], root)).stdout);
    const byFile = listed((await runMain(["--check", "--shard", "2/3", "packages/p3", "packages/p1", "packages/p0", "packages/p4", "packages/p2"], root)).stdout);
    expect(globbed).toEqual(walked);
    expect(byFile).toEqual(walked);
  });

  it.each([["0/2"], ["3/2"], ["2"], ["a/b"]])("rejects --shard %s as a usage error", async (shard) => {
    const root = await makeProject({ "a.ts": SORTED });
    const result = await runMain(["--shard", shard], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^safesort: --shard /);
  });
});

describe("--reporter", () => {
  async function project() {
    return makeProject({ "src/a.ts": 'import z from "z";\n' + UNSORTED, "src/ok.ts": SORTED, "src/broken.ts": BROKEN });
  }

  it("github: an annotation per file that would change or failed; the summary on stderr", async () => {
    const root = await project();
    const result = await runMain(["--check", "--reporter", "github", "src"], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      "::warning file=src/a.ts,line=1,endLine=3::imports are not sorted\n" +
        '::error file=src/broken.ts,line=1,col=12::syntax error: Unexpected token, expected ","\n',
    );
    expect(result.stderr).toBe("1 file would be sorted, 1 unchanged, 1 failed\n");
  });

  it("sarif: a valid SARIF 2.1.0 log, nothing else on stdout, no summary", async () => {
    const root = await project();
    const result = await runMain(["--check", "--reporter", "sarif", "src"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("");
    const log = JSON.parse(result.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["unsorted-imports", "syntax-error"]);
  });

  it("--json is --reporter json", async () => {
    const root = await project();
    const viaAlias = await runMain(["--check", "--json", "src"], root);
    const viaReporter = await runMain(["--check", "--reporter", "json", "src"], root);
    expect(viaReporter).toEqual(viaAlias);
    expect(JSON.parse(viaAlias.stdout).summary).toEqual({ changed: 1, unchanged: 1, skipped: 0, failed: 1 });
    expect((await runMain(["--check", "--json", "--reporter", "json", "src"], root)).code).toBe(2 /* the broken file */);
  });

  it("rejects --json with another reporter, and unknown reporters", async () => {
    const root = await makeProject({ "a.ts": SORTED });
    expect(await runMain(["--json", "--reporter", "sarif"], root)).toMatchObject({
      code: 2,
      stderr: 'safesort: --json is --reporter json: not with --reporter sarif\nRun "safesort --help" for usage.\n',
    });
    const unknown = await runMain(["--reporter", "junit"], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("junit");
  });

  it("the installed binary prints GitHub annotations (shard and reporter together)", async () => {
    const root = await makeProject({ "a.ts": UNSORTED, "b.ts": UNSORTED });
    const outputs = ["1/2", "2/2"].map((shard) => {
      const run = safesort(["--check", "--reporter", "github", "--shard", shard], root);
      return { code: run.code, stdout: run.stdout };
    });
    expect(outputs.map((o) => o.stdout).join("").split("\n").filter(Boolean).sort()).toEqual([
      "::warning file=a.ts,line=1,endLine=2::imports are not sorted",
      "::warning file=b.ts,line=1,endLine=2::imports are not sorted",
    ]);
    for (const output of outputs) expect(output.code).toBe(output.stdout === "" ? 0 : 1);
  });
});
