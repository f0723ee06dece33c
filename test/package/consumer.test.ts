/**
 * The packed tarball as a consumer gets it, in a fresh TypeScript project
 * (no @types/node): every public entry's declarations type-check with
 * `skipLibCheck: false`, first with safesort's hard dependencies only (the
 * main entry and `safesort/testing` must not need ts-morph or any other
 * optional peer), then with ts-morph, ESLint and Prettier installed (the
 * `safesort/refactor`, `safesort/eslint` and `safesort/prettier` entries,
 * whose types are their host's). Globs work without fast-glob installed
 * (discovery matches them with picomatch, a dependency). And a failing `defineCodemodTest` case, run by vitest, is
 * reported at the consumer's test file.
 *
 * Installing takes 10–60 s (npm's cache; the registry for what it lacks), so
 * it runs when SAFESORT_PACKED=1, as .ci/run does.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeProject, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

const repo = fileURLToPath(new URL("../../", import.meta.url));
const enabled = process.env.SAFESORT_PACKED === "1";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
const vitest = join(repo, "node_modules", "vitest", "vitest.mjs");

// Not test/helpers/bin.ts: runs npm, tsc and the packed package's own binary, with VITEST*/NODE_OPTIONS removed from the environment.
function run(cwd: string, command: string, args: readonly string[]) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "NODE_OPTIONS" || key === "FORCE_COLOR") delete env[key];
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  if (result.error) throw result.error;
  return { code: result.status, out: result.stdout + result.stderr };
}

const install = (root: string, packages: readonly string[]) => run(root, npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", ...packages]);

/**
 * `tsc` over `file` with skipLibCheck off and no ambient types (no @types/node: a `NodeJS.*` name in a
 * declaration fails), under the module resolutions TypeScript apps use. The lib is TypeScript's default
 * one (ES + DOM): web globals such as `URL` and `AbortSignal` are declared there, as Prettier's types need too.
 */
async function typeCheck(root: string, file: string): Promise<void> {
  const variants = {
    nodenext: { module: "nodenext", moduleResolution: "nodenext" },
    bundler: { module: "esnext", moduleResolution: "bundler" },
    // No `exports` there: the subpaths' types come from package.json's typesVersions.
    node10: { module: "esnext", moduleResolution: "node10" },
  };
  for (const [name, resolution] of Object.entries(variants)) {
    const compilerOptions = { ...resolution, strict: true, noEmit: true, skipLibCheck: false, types: [], target: "es2022", lib: ["es2023", "dom"] };
    await writeFile(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [file] }));
    const result = run(root, process.execPath, [tsc, "-p", "."]);
    expect(result.out, `${file} (${name})`).toBe("");
    expect(result.code, `${file} (${name})`).toBe(0);
  }
}

// Every export of package.json but ./package.json is imported by one of the two files below.
const HARD_DEPENDENCIES_ONLY = `import { explain, loadConfig, Query, sortFiles, sortSource, type TypeView } from "safesort";
import { defineCodemodTest, loadCodemodFixtures } from "safesort/testing";

export const sorted: string = sortSource('import b from "b";\\nimport a from "a";\\n', { filepath: "a.ts" }).code;
export const checked = sortFiles(["src"], { mode: "check" }).then((r) => r.summary);
export const explained = explain("", { filepath: "a.ts" }).blocks.length;
export const config = loadConfig("a.ts");
export const query = new Query(["src"]).project("tsconfig.json").selectCall("f").whereType((t) => t.receiver?.is("Observable") ?? false).rename("g");
// Without safesort/refactor, TypeScript's own types are not needed: a TypeView's type is unknown.
// @ts-expect-error unknown is not a string
export const opaque = (view: TypeView): string => view.type;
export const fixtures = [defineCodemodTest, loadCodemodFixtures];
// Pattern constraints typed from the pattern, and name resolution at a match.
export const constrained = new Query(["src"])
  .selectPattern("$A.indexOf($B) !== -1", { where: { A: { kind: "Identifier" }, B: { regex: /^["']/, not: { inside: "while ($_) $_" } } } })
  .filter((m) => m.resolve()?.kind !== "param" && m.scope.lookup("includes").import?.module !== "lodash")
  .replace("$A.includes($B)");
// @ts-expect-error C is not a metavariable of the pattern
export const misspelled = new Query(["src"]).selectPattern("f($A)", { where: { C: { kind: "Identifier" } } });
`;

const WITH_PEERS = `import type {} from "safesort/refactor";
import type { TypeView as RefactorTypeView } from "safesort/refactor";
import type { Linter } from "eslint";
import type { Config, Plugin } from "prettier";
import type { ts } from "ts-morph";
import { Query, type TypeView } from "safesort";
import safesort from "safesort/eslint";
import sortingPlugin from "safesort/prettier";

// With safesort/refactor, a TypeView's type and checker are ts-morph's TypeScript types.
export const typed = (view: TypeView): ts.Type => view.type;
export const same = (view: RefactorTypeView): TypeView => view;
export const arrays = new Query(["src"]).project("tsconfig.json").selectCall("f").whereType((t) => t.type !== undefined && t.type.checker.isArrayType(t.type.type));
export const eslintConfig: Linter.Config[] = [safesort.configs.recommended, safesort.configs["disable-conflicting"]];
export const prettierConfig: Config = { plugins: ["safesort/prettier", sortingPlugin] };
export const plugin: Plugin = sortingPlugin;
`;

describe.skipIf(!enabled)("the packed tarball's types and test kit in a fresh TypeScript project", () => {
  let root = "";
  let tarball = "";

  beforeAll(async () => {
    const pack = await makeProject({});
    tarball = join(pack, execFileSync(npm, ["pack", "--ignore-scripts", "--silent", "--pack-destination", pack], { cwd: repo, encoding: "utf8" }).trim().split("\n").pop()!);
    root = await makeProject({
      "package.json": JSON.stringify({ name: "app", type: "module", private: true }),
      "hard.ts": HARD_DEPENDENCIES_ONLY,
      "peers.ts": WITH_PEERS,
      "fixtures/rename-f/calls.input.ts": "f(1);\n",
      "fixtures/rename-f/calls.output.ts": "g(1);\n",
      "fixtures/rename-f/wrong.input.ts": "f(2);\n",
      "fixtures/rename-f/wrong.output.ts": "h(2);\n",
      "src/sorted.ts": 'import a from "a";\nimport b from "b";\n\nconsole.log(a, b);\n',
      "src/deep/unsorted.ts": 'import b from "b";\nimport a from "a";\n\nconsole.log(a, b);\n',
      "globs.mjs": 'import { sortFiles } from "safesort";\n\nconst { files } = await sortFiles(["src/**/*.ts"], { mode: "check", jobs: 1 });\nconsole.log(JSON.stringify(files.map((f) => [f.path, f.status])));\n',
      "codemod.test.js": 'import { defineCodemodTest } from "safesort/testing";\n\ndefineCodemodTest({ codemod: (q) => q.selectCall("f").rename("g"), fixtures: new URL("./fixtures/rename-f", import.meta.url) });\n',
    });
    const installed = install(root, [tarball]);
    expect(installed.code, installed.out).toBe(0);
  }, 300_000);

  it("the main entry and safesort/testing type-check with safesort's hard dependencies only (no ts-morph, no @types/node)", async () => {
    for (const absent of ["ts-morph", "@types/node", "eslint", "prettier", "typescript"]) expect(existsSync(join(root, "node_modules", absent)), absent).toBe(false);
    await typeCheck(root, "hard.ts");
  }, 300_000);

  it("globs expand with no fast-glob installed: the CLI and sortFiles", () => {
    expect(existsSync(join(root, "node_modules", "fast-glob")), "fast-glob").toBe(false);
    const cli = run(root, process.execPath, ["node_modules/safesort/bin/safesort.js", "--check", "src/**/*.ts"]);
    expect(cli.code, cli.out).toBe(1);
    expect(cli.out).toContain("src/deep/unsorted.ts");
    expect(cli.out).not.toContain("src/sorted.ts");
    const library = run(root, process.execPath, ["globs.mjs"]);
    expect(library.code, library.out).toBe(0);
    expect((JSON.parse(library.out) as [string, string][]).sort(([a], [b]) => (a < b ? -1 : 1))).toEqual([
      ["src/deep/unsorted.ts", "changed"],
      ["src/sorted.ts", "unchanged"],
    ]);
  }, 300_000);

  it("a failing defineCodemodTest case is reported at the consumer's test file and line", () => {
    const result = run(root, process.execPath, [vitest, "run", "--globals", "--root", ".", "codemod.test.js"]);
    expect(result.code, result.out).toBe(1);
    expect(result.out).toMatch(/✓ calls/);
    expect(result.out).toContain("wrong: output differs from the expected text");
    // vitest's location of the failure: the defineCodemodTest call, not a file inside safesort.
    expect(result.out).toMatch(/❯ codemod\.test\.js:3:1\n/);
    expect(result.out).not.toContain("node_modules/safesort/");
  }, 300_000);

  it("with ts-morph, ESLint and Prettier installed, safesort/refactor, safesort/eslint and safesort/prettier type-check too", async () => {
    const installed = install(root, [tarball, "ts-morph@28.0.0", "eslint@9.39.5", "prettier@3.10.1"]);
    expect(installed.code, installed.out).toBe(0);
    expect(existsSync(join(root, "node_modules", "@types", "node")), "@types/node").toBe(false);
    await typeCheck(root, "peers.ts");
  }, 600_000);
});
