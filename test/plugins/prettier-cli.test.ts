/**
 * The Prettier plugin through the real `prettier` CLI, named by package in
 * `.prettierrc` (`plugins: ["safesort/prettier"]`, resolved through the
 * package's `exports` from a temp project that has safesort linked into its
 * node_modules): `--check` exits 1 on unsorted imports, `--write` sorts them
 * as the safesort CLI does, then formats.
 */
import { mkdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";

import * as prettier from "prettier";
import { afterAll, describe, expect, it } from "vitest";

import { makeProject, removeProjects } from "../cli/project.js";
import { REPO as repo, runNode, safesort } from "../helpers/bin.js";

afterAll(removeProjects);

const prettierBin = join(repo, "node_modules", "prettier", "bin", "prettier.cjs");

function run(bin: string, args: readonly string[], cwd: string) {
  const result = runNode(bin, args, cwd);
  return { code: result.code, out: result.stdout + result.stderr };
}

const FILES = {
  "package.json": JSON.stringify({ name: "app", safesort: { firstParty: ["axios"] } }),
  ".prettierrc": JSON.stringify({ plugins: ["safesort/prettier"] }),
  "src/a.ts": 'import z from "./z";\nimport axios from "axios";\nimport fs from "node:fs";\n\nrun(z, axios, fs);\n',
  "src/App.vue": '<script setup lang="ts">\nimport { ref } from "vue";\nimport a from "./a";\nimport axios from "axios";\nrun(ref, a, axios);\n</script>\n',
  "src/sorted.js": 'import a from "a";\nimport b from "b";\n\nrun(a, b);\n',
};

async function project(): Promise<string> {
  const root = await makeProject(FILES);
  await mkdir(join(root, "node_modules"));
  await symlink(repo, join(root, "node_modules", "safesort"), "dir");
  return root;
}

describe("the Prettier CLI with plugins: [\"safesort/prettier\"]", () => {
  it("--check exits 1 on unsorted imports; --write sorts them as the safesort CLI does, then formats", async () => {
    const root = await project();
    const check = run(prettierBin, ["--check", "src"], root);
    expect(check.code, check.out).toBe(1);
    expect(check.out).toContain("src/a.ts");
    expect(check.out).toContain("src/App.vue");
    expect(check.out).not.toContain("sorted.js");

    const expected = await project();
    expect(safesort(["src"], expected).code).toBe(0);
    const write = run(prettierBin, ["--write", "src"], root);
    expect(write.code, write.out).toBe(0);
    for (const file of ["src/a.ts", "src/App.vue", "src/sorted.js"]) {
      const sortedByCli = await readFile(join(expected, file), "utf8");
      const formatted = await prettier.format(sortedByCli, { filepath: join(expected, file) });
      expect(await readFile(join(root, file), "utf8"), file).toBe(formatted);
    }
    expect(run(prettierBin, ["--check", "src"], root).code).toBe(0);
  });
});
