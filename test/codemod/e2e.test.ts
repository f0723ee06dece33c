/**
 * `safesort run` through the real binary (the build in dist/): interactive
 * answers piped to stdin, and a TypeScript codemod run on the worker pool
 * (more files than the small-run threshold, --jobs 2), which loads the
 * codemod module again in each worker.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects } from "../cli/project.js";
import { safesort } from "../helpers/bin.js";

afterAll(removeProjects);


describe("bin/safesort.js run", () => {
  it("--interactive reads answers from piped stdin", async () => {
    const source = Array.from({ length: 14 }, (_, i) => (i === 1 || i === 11 ? `console.log(${i});\n` : `keep(${i});\n`)).join("");
    const root = await makeProject({ "a.js": source });
    const result = safesort(["run", "replace-call", "--interactive", "--", "--from", "console.log", "--to", "logger.info"], root, "n\ny\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(2/2) Apply this hunk to a.js [y,n,a,d,q,e,?]? ");
    expect(result.stderr).toBe("1 file changed, 0 unchanged (2 matches)\n");
    expect(await read(root, "a.js")).toBe(source.replace("console.log(11)", "logger.info(11)"));
  });

  it("runs a TypeScript codemod on worker threads and writes every file", async () => {
    const files: Record<string, string> = {
      "codemod.ts": 'import type { Query } from "safesort";\nimport { target } from "./target";\n\nexport default (q: Query) => q.selectImport("lodash", "debounce").rename(target);\n',
      "target.ts": 'export const target = "throttle";\n',
    };
    for (let i = 0; i < 80; i++) files[`src/f${String(i).padStart(2, "0")}.ts`] = `import { debounce } from "lodash";\n\nexport const f${i} = debounce(() => ${i});\n`;
    const root = await makeProject(files);
    const result = safesort(["run", "codemod.ts", "src", "--write", "--jobs", "2"], root);
    expect(result).toEqual({ code: 0, stdout: "80 files changed, 0 unchanged (160 matches)\n", stderr: "" });
    expect(await read(root, "src/f42.ts")).toBe('import { throttle } from "lodash";\n\nexport const f42 = throttle(() => 42);\n');
    expect((await readdir(root)).sort()).toEqual(["codemod.ts", "src", "target.ts"]);
    expect((await readdir(join(root, "src"))).filter((f) => !/^f\d\d\.ts$/.test(f))).toEqual([]);
  });
});
