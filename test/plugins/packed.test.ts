/**
 * The plugins as a user gets them: `npm pack` of this working tree (already
 * built), installed with ESLint 9 and Prettier 3 into a fresh project, which
 * then imports `safesort/eslint` and names `safesort/prettier` by package.
 *
 * Installing takes 20–60 s (npm's cache; the registry for what it lacks), too
 * much for every `vitest run`: it runs when SAFESORT_PACKED=1, as .ci/run
 * does.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { makeProject, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

const repo = fileURLToPath(new URL("../../", import.meta.url));
const enabled = process.env.SAFESORT_PACKED === "1";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

// Not test/helpers/bin.ts: runs npm, eslint, prettier and the packed package's own binary, with VITEST*/NODE_OPTIONS removed from the environment.
function run(cwd: string, command: string, args: readonly string[]) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "NODE_OPTIONS") delete env[key];
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  if (result.error) throw result.error;
  return { code: result.status, out: result.stdout + result.stderr };
}

const UNSORTED = 'import z from "./z.js";\nimport axios from "axios";\nimport fs from "node:fs";\n\nconsole.log(z, axios, fs);\n';
const SORTED = 'import fs from "node:fs";\n\nimport axios from "axios";\n\nimport z from "./z.js";\n\nconsole.log(z, axios, fs);\n';

const CONSUMER = `import type { Linter } from "eslint";
import type { Config, Plugin } from "prettier";
import safesort from "safesort/eslint";
import sortingPlugin from "safesort/prettier";

export const eslintConfig: Linter.Config[] = [safesort.configs.recommended, safesort.configs["disable-conflicting"]];
export const prettierConfig: Config = { plugins: ["safesort/prettier", sortingPlugin] };
export const plugin: Plugin = sortingPlugin;
`;

describe.skipIf(!enabled)("the packed tarball in a fresh project", () => {
  it("safesort/eslint reports (exit 1) and fixes (exit 0) like the CLI; safesort/prettier sorts when named in .prettierrc", async () => {
    const pack = await makeProject({});
    const tarball = execFileSync(npm, ["pack", "--ignore-scripts", "--silent", "--pack-destination", pack], { cwd: repo, encoding: "utf8" }).trim().split("\n").pop()!;
    const root = await makeProject({
      "package.json": JSON.stringify({ name: "app", type: "module", private: true }),
      "eslint.config.js": 'import safesort from "safesort/eslint";\n\nexport default [safesort.configs.recommended, safesort.configs["disable-conflicting"]];\n',
      ".prettierrc": JSON.stringify({ plugins: ["safesort/prettier"] }),
      "src/a.js": UNSORTED,
      "src/b.js": UNSORTED,
      "src/c.js": UNSORTED,
    });
    const install = run(root, npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", join(pack, tarball), "eslint@9.39.5", "prettier@3.10.1"]);
    expect(install.code, install.out).toBe(0);

    const report = run(root, process.execPath, ["node_modules/eslint/bin/eslint.js", "src/a.js"]);
    expect(report.code, report.out).toBe(1);
    expect(report.out).toContain("safesort/sort-imports");
    const fix = run(root, process.execPath, ["node_modules/eslint/bin/eslint.js", "--fix", "src/a.js"]);
    expect(fix.code, fix.out).toBe(0);
    expect(await readFile(join(root, "src/a.js"), "utf8")).toBe(SORTED);

    const cli = run(root, process.execPath, ["node_modules/safesort/bin/safesort.js", "src/b.js"]);
    expect(cli.code, cli.out).toBe(0);
    expect(await readFile(join(root, "src/b.js"), "utf8")).toBe(SORTED);

    const check = run(root, process.execPath, ["node_modules/prettier/bin/prettier.cjs", "--check", "src/c.js"]);
    expect(check.code, check.out).toBe(1);
    const write = run(root, process.execPath, ["node_modules/prettier/bin/prettier.cjs", "--write", "src/c.js"]);
    expect(write.code, write.out).toBe(0);
    expect(await readFile(join(root, "src/c.js"), "utf8")).toBe(SORTED);

    // The entry points' declarations type-check against ESLint's and Prettier's own types.
    await writeFile(join(root, "check.ts"), CONSUMER);
    const options = { strict: true, module: "nodenext", noEmit: true, skipLibCheck: false, types: [] };
    await writeFile(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: ["check.ts"] }));
    const types = run(root, process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
    expect(types.code, types.out).toBe(0);
  }, 300_000);
});
