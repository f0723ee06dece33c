/**
 * The GitHub Action (action.yml, a composite action whose one step is
 * action/run.sh): the script run as the runner runs it, with INPUT_*
 * variables, in temp git repositories where the project installs safesort
 * (node_modules/.bin/safesort, found by `npx --no-install`). And the SARIF
 * merge of a matrix's shards, checked against the SARIF 2.1.0 schema.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { mergeSarif } from "../../action/merge-sarif.mjs";
import { removeProjects, SORTED, UNSORTED } from "../cli/project.js";
import { sarifValidator } from "../helpers/sarif-schema.js";

import { git, gitEnv, gitProject } from "./git.js";

afterAll(removeProjects);

const repo = fileURLToPath(new URL("../../", import.meta.url));
const script = join(repo, "action", "run.sh");

/** A git repository whose node_modules/.bin has safesort, as after `npm ci` in a project that depends on it. */
async function project(files: Record<string, string>): Promise<string> {
  const root = await gitProject({ ...files, ".gitignore": "node_modules\n" });
  await mkdir(join(root, "node_modules", ".bin"), { recursive: true });
  await symlink(join(repo, "bin", "safesort.js"), join(root, "node_modules", ".bin", "safesort"));
  return root;
}

// Not test/helpers/bin.ts: runs action/run.sh under bash with the INPUT_* environment GitHub gives it.
function action(cwd: string, inputs: Record<string, string>) {
  const env: NodeJS.ProcessEnv = gitEnv();
  for (const key of Object.keys(env)) if (key.startsWith("INPUT_") || key.startsWith("VITEST") || key === "NODE_OPTIONS") delete env[key];
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replaceAll("-", "_")}`] = value;
  const result = spawnSync("bash", [script], { cwd, env, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("action.yml", () => {
  it("hands every input to action/run.sh, which reads each one", async () => {
    const yml = await readFile(join(repo, "action.yml"), "utf8");
    const inputs = [...yml.split(/^runs:/m)[0]!.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
    expect(inputs).toEqual(["paths", "changed", "shard", "reporter", "output", "fail-on-changes", "package", "merge-sarif", "working-directory"]);
    const sh = await readFile(script, "utf8");
    for (const name of inputs) {
      const variable = `INPUT_${name.toUpperCase().replaceAll("-", "_")}`;
      expect(yml).toContain(`${variable}: \${{ inputs.${name} }}`);
      expect(sh).toContain(`\${${variable}`);
    }
    expect(yml).toMatch(/using: composite/);
    expect(yml).toContain('run: \'"$GITHUB_ACTION_PATH/action/run.sh"\'');
  });
});

describe("action/run.sh", () => {
  it("checks the repository with annotations: exit 1 and a ::warning per unsorted file; exit 0 once sorted", async () => {
    const root = await project({ "src/a.ts": UNSORTED, "src/b.ts": SORTED });
    const unsorted = action(root, {});
    expect(unsorted.code, unsorted.stderr).toBe(1);
    expect(unsorted.stdout).toMatch(/^::warning file=src\/a\.ts,line=1,endLine=2::imports are not sorted$/m);
    expect(unsorted.stdout).not.toContain("b.ts");
    await writeFile(join(root, "src", "a.ts"), SORTED);
    expect(action(root, {}).code).toBe(0);
  });

  it("paths: only those (globs passed through to safesort); working-directory; fail-on-changes: false", async () => {
    const root = await project({ "app/src/a.ts": UNSORTED, "app/lib/b.ts": UNSORTED, "other/c.ts": UNSORTED });
    const some = action(root, { "working-directory": "app", paths: "src\n lib/**/*.ts" });
    expect(some.code, some.stderr).toBe(1);
    expect(some.stdout.match(/^::warning file=[^,]+/gm)?.sort()).toEqual(["::warning file=lib/b.ts", "::warning file=src/a.ts"]);
    expect(action(root, { paths: "other", "fail-on-changes": "false" }).code).toBe(0);
  });

  it("changed: only files changed against HEAD (true) or against a ref", async () => {
    const root = await project({ "old.ts": UNSORTED });
    git(root, "tag", "base");
    await writeFile(join(root, "new.ts"), UNSORTED);
    const sinceHead = action(root, { changed: "true" });
    expect(sinceHead.code).toBe(1);
    expect(sinceHead.stdout).toContain("file=new.ts");
    expect(sinceHead.stdout).not.toContain("old.ts");
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "new");
    expect(action(root, { changed: "true" }).code).toBe(0);
    const sinceBase = action(root, { changed: "base" });
    expect(sinceBase.code).toBe(1);
    expect(sinceBase.stdout).toContain("file=new.ts");
    expect(sinceBase.stdout).not.toContain("old.ts");
  });

  it("shard + sarif output per matrix job, then merge-sarif: one valid log with every file exactly once", async () => {
    const files: Record<string, string> = { "bad.ts": 'import { a from "a";\n' };
    for (let i = 0; i < 12; i++) files[`packages/p${i % 3}/m${i}.ts`] = UNSORTED;
    const root = await project(files);
    const outputs: string[] = [];
    for (const shard of ["1/3", "2/3", "3/3"]) {
      const output = `safesort-${shard.replace("/", "-of-")}.sarif`;
      const run = action(root, { shard, reporter: "sarif", output, "fail-on-changes": "false" });
      // The shard holding bad.ts fails (a syntax error is not "files to sort").
      expect([0, 2], run.stderr).toContain(run.code);
      outputs.push(output);
    }
    const merged = action(root, { "merge-sarif": "safesort-*.sarif", output: "merged.sarif" });
    expect(merged.code, merged.stderr).toBe(0);
    const log = JSON.parse(await readFile(join(root, "merged.sarif"), "utf8")) as SarifLog;
    const validate = await sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs).toHaveLength(1);
    const uris = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort();
    expect(uris).toEqual(Object.keys(files).sort());
    for (const result of log.runs[0]!.results) expect(log.runs[0]!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });
});

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  }[];
}

describe("mergeSarif", () => {
  const log = (rules: string[], results: [string, number][]) => ({
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "safesort", rules: rules.map((id) => ({ id })) } }, results: results.map(([ruleId, ruleIndex]) => ({ ruleId, ruleIndex })) }],
  });

  it("unions the rules and points each result's ruleIndex at its rule in the union", () => {
    const merged = mergeSarif([log(["unsorted-imports", "syntax-error"], [["syntax-error", 1]]), log(["unsorted-imports", "unreadable"], [["unreadable", 1], ["unsorted-imports", 0]])]);
    expect(merged.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["unsorted-imports", "syntax-error", "unreadable"]);
    expect(merged.runs[0].results).toEqual([
      { ruleId: "syntax-error", ruleIndex: 1 },
      { ruleId: "unreadable", ruleIndex: 2 },
      { ruleId: "unsorted-imports", ruleIndex: 0 },
    ]);
  });

  it("refuses a run of another tool, and an empty input", () => {
    const other = { version: "2.1.0", runs: [{ tool: { driver: { name: "eslint" } }, results: [] }] };
    expect(() => mergeSarif([other])).toThrow("another tool (eslint)");
    expect(() => mergeSarif([])).toThrow("no run to merge");
  });
});
