/**
 * The ESLint plugin through the real `eslint` CLI (9 and 10) in a temp
 * project that imports it as `safesort/eslint` (the package linked into its
 * node_modules, so the `exports` map is what resolves it): reporting exits 1,
 * `--fix` exits 0 and leaves every file byte for byte as `safesort` (the
 * built CLI) writes it.
 */
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { makeProject, removeProjects } from "../cli/project.js";
import { REPO as repo, runNode, safesort } from "../helpers/bin.js";

afterAll(removeProjects);

const modules = join(repo, "node_modules");
const require = createRequire(import.meta.url);

function run(bin: string, args: readonly string[], cwd: string) {
  const result = runNode(bin, args, cwd);
  return { code: result.code, out: result.stdout + result.stderr };
}

const FILES = {
  "package.json": JSON.stringify({ name: "app", type: "module", safesort: { firstParty: ["axios"] } }),
  "src/a.js": 'import z from "./z.js";\nimport axios from "axios";\nimport fs from "node:fs";\n\nrun(z, axios, fs);\nexport { b, a } from "./x.js";\nexport * from "./a.js";\n',
  "src/b.ts": 'import type { X } from "x";\nimport { type B, A } from "./ab.js";\nimport { y } from "y";\n\nexport const v: X = y as unknown as X;\nrun(A as B);\n',
  "src/sorted.js": 'import a from "a";\nimport b from "b";\n\nrun(a, b);\n',
  "src/App.vue": '<template>\n  <p>{{ a }}</p>\n</template>\n\n<script setup lang="ts">\nimport { ref } from "vue";\nimport a from "./a";\nimport axios from "axios";\nrun(ref, a, axios);\n</script>\n',
  "lib/.safesortrc.json": JSON.stringify({ blankLinesBetweenGroups: false }),
  "lib/c.js": 'import z from "./z.js";\nimport axios from "axios";\nimport fs from "node:fs";\n\nrun(z, axios, fs);\n',
};

const ESLINT_CONFIG = (tsParser: string, vueParser: string) => `
import safesort from "safesort/eslint";
import * as tsParser from ${JSON.stringify(tsParser)};
import vueParser from ${JSON.stringify(vueParser)};

export default [
  { files: ["**/*.ts"], languageOptions: { parser: tsParser } },
  { files: ["**/*.vue"], languageOptions: { parser: vueParser, parserOptions: { parser: tsParser } } },
  { languageOptions: { globals: { run: "readonly" } } },
  safesort.configs.recommended,
  safesort.configs["disable-conflicting"],
];
`;

async function project(): Promise<string> {
  const root = await makeProject(FILES);
  await mkdir(join(root, "node_modules"));
  await symlink(repo, join(root, "node_modules", "safesort"), "dir");
  const url = (name: string) => pathToFileURL(require.resolve(name)).href;
  const config = ESLINT_CONFIG(url("@typescript-eslint/parser"), url("vue-eslint-parser"));
  await writeFile(join(root, "eslint.config.js"), config);
  return root;
}

const SOURCES = ["src/a.js", "src/b.ts", "src/sorted.js", "src/App.vue", "lib/c.js"];

const BROKEN = 'import b from "b";\nimport a from "a";\nconst = 1;\n';

describe.each([
  ["ESLint 9", join(modules, "eslint", "bin", "eslint.js")],
  ["ESLint 10", join(modules, "eslint10", "bin", "eslint.js")],
])("the %s CLI with safesort/eslint", (_name, eslint) => {
  it("reports unsorted files (exit 1); --fix exits 0 with the CLI's output, byte for byte; a file that does not parse is ESLint's", async () => {
    const root = await project();
    const expected = await project();
    const sorted = safesort(["src", "lib"], expected);
    expect(sorted.code, sorted.stdout + sorted.stderr).toBe(0);

    const report = run(eslint, ["src", "lib"], root);
    expect(report.code, report.out).toBe(1);
    for (const file of ["a.js", "b.ts", "App.vue", "c.js"]) expect(report.out).toContain(file);
    expect(report.out).not.toContain("sorted.js");
    expect(report.out.match(/safesort\/sort-imports/g)).toHaveLength(5);

    const fix = run(eslint, ["--fix", "src", "lib"], root);
    expect(fix.code, fix.out).toBe(0);
    for (const file of SOURCES) {
      expect(await readFile(join(root, file), "utf8"), file).toBe(await readFile(join(expected, file), "utf8"));
    }

    await writeFile(join(root, "bad.js"), BROKEN);
    const broken = run(eslint, ["--fix", "bad.js"], root);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/3:7 +error +Parsing error/);
    expect(broken.out).not.toContain("safesort/");
    expect(await readFile(join(root, "bad.js"), "utf8")).toBe(BROKEN);
  });
});
