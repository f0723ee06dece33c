/**
 * The sorter must not pay for the refactors: ts-morph (and the TypeScript
 * compiler it bundles) is loaded only by `rename-symbol` and `move`.
 *
 * Checked on the built CLI (dist/, which bin/safesort.js runs):
 * - statically: walking the static `import … from` / `export … from` graph
 *   from the entry point never reaches ts-morph, typescript or a module of
 *   the refactors (dynamic `import()` is not followed);
 * - at run time: after `safesort --check one.ts`, ts-morph is not among the
 *   loaded modules; after `safesort move`, it is (the check can see it).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

import { parse } from "@babel/parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeProject, removeProjects } from "../cli/project.js";
import { runNode } from "../helpers/bin.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const DIST_BIN = join(ROOT, "dist/src/cli/bin.js");
const BUNDLE = join(ROOT, "dist/bundle/safesort.js");
const HEAVY = /^(ts-morph|typescript|@ts-morph\/)/;

/** Every module reached from `entry` through static imports: files (absolute) and bare specifiers. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const ast = parse(readFileSync(file, "utf8"), { sourceType: "module", plugins: ["importAttributes"] });
    for (const statement of ast.program.body) {
      const source =
        statement.type === "ImportDeclaration" || statement.type === "ExportAllDeclaration" || statement.type === "ExportNamedDeclaration"
          ? statement.source?.value
          : undefined;
      if (source === undefined) continue;
      if (source.startsWith(".")) pending.push(resolve(dirname(file), source));
      else packages.add(source);
    }
  }
  return { files, packages };
}

describe("start-up does not load the refactors", () => {
  beforeAll(() => {
    if (!existsSync(DIST_BIN)) throw new Error("build first: npx tsc -p tsconfig.build.json");
  });
  afterAll(removeProjects);

  it("the CLI entry's static import graph reaches neither ts-morph nor the refactor modules", () => {
    const { files, packages } = staticGraph(DIST_BIN);
    expect(files.has(join(ROOT, "dist/src/cli/main.js"))).toBe(true);
    expect([...packages].filter((p) => HEAVY.test(p))).toEqual([]);
    expect([...files].filter((f) => f.includes("/dist/src/refactor/") || f.endsWith("/cli/refactor.js"))).toEqual([]);
  });

  it("the walk does follow static imports (it reaches the refactors from their command)", () => {
    const { files } = staticGraph(join(ROOT, "dist/src/cli/refactor.js"));
    expect(files.has(join(ROOT, "dist/src/refactor/move.js"))).toBe(true);
    expect(files.has(join(ROOT, "dist/src/refactor/project.js"))).toBe(true);
  });

  it("the bundled entry (when built) imports no ts-morph either", () => {
    if (!existsSync(BUNDLE)) return;
    const { packages } = staticGraph(BUNDLE);
    expect([...packages].filter((p) => HEAVY.test(p))).toEqual([]);
  });

  it("at run time, `--check one.ts` loads no ts-morph; `move` does", async () => {
    const root = await makeProject({
      "one.ts": 'import b from "b";\nimport a from "a";\n',
      "tsconfig.json": '{ "compilerOptions": { "lib": ["es2022"], "types": [] }, "include": ["*.ts"] }\n',
    });
    await mkdir(join(root, "lib"));
    const probe = join(root, "probe.mjs");
    // CommonJS modules (ts-morph is one) land in the require cache even when imported from ESM.
    await writeFile(
      probe,
      [
        'import { createRequire } from "node:module";',
        `const { main } = await import(${JSON.stringify(join(ROOT, "dist/src/cli/main.js"))});`,
        "const io = { stdout: { write() {} }, stderr: { write() {} }, stdin: [], cwd: process.cwd(), isTTY: false, env: {} };",
        "await main(process.argv.slice(2), io);",
        "const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/ts-morph/'));",
        "process.stdout.write(String(loaded));",
      ].join("\n"),
    );
    const run = (...args: string[]) => {
      const result = runNode(probe, args, root);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    };
    expect(run("--check", "one.ts")).toBe("false");
    expect(run("move", "one.ts", "lib", "--check")).toBe("true");
  });
});
