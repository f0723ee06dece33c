/**
 * scripts/builtin-imports.mjs: the bundle's modules take Node's builtins from
 * `process.getBuiltinModule` (no ESM facade, whose creation for node:fs loads
 * node:stream). Each import form tsc writes is rewritten to the binding it
 * had; any other builtin import fails the build instead of keeping its facade.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { withoutBuiltinFacades } from "../../scripts/builtin-imports.mjs";
import { REPO } from "../helpers/bin.js";

const rewrite = (code: string): string => withoutBuiltinFacades(code, "m.js");

describe("withoutBuiltinFacades", () => {
  it("rewrites each import form of a builtin to the same bindings", () => {
    const code = [
      "/**",
      ' * import { readFileSync } from "node:fs";  (a comment: left alone)',
      " */",
      "// a line comment",
      'import { readFileSync, statSync as stat } from "node:fs";',
      'import path from "node:path";',
      'import * as url from "node:url";',
      'import os, { homedir } from "node:os";',
      'import { join } from "path";',
      'import picomatch from "picomatch";',
      'import { helper } from "./helper.js";',
      "",
      "export const x = [readFileSync, stat, path, url, os, homedir, join, picomatch, helper];",
    ].join("\n");
    expect(rewrite(code).split("\n").slice(4, 11)).toEqual([
      'const { readFileSync, statSync: stat } = process.getBuiltinModule("node:fs");',
      'const path = process.getBuiltinModule("node:path");',
      'const url = process.getBuiltinModule("node:url");',
      'const os = process.getBuiltinModule("node:os"); const { homedir } = os;',
      'const { join } = process.getBuiltinModule("node:path");',
      'import picomatch from "picomatch";',
      'import { helper } from "./helper.js";',
    ]);
  });

  it("binds what an ESM import of the builtin binds", () => {
    const code = rewrite('import { readFileSync, statSync as stat } from "node:fs";\nimport path, { sep } from "node:path";\nreturn [readFileSync, stat, path, sep];');
    const fs = process.getBuiltinModule("node:fs");
    const nodePath = process.getBuiltinModule("node:path");
    expect(new Function(code)()).toEqual([fs.readFileSync, fs.statSync, nodePath, nodePath.sep]);
  });

  it("takes node:fs/promises at the first call of each function, not when the module runs", async () => {
    const code = rewrite('import { readFile, stat as statOf } from "node:fs/promises";\nreturn [readFile, statOf];');
    expect(code.split("\n")[0]).toBe(
      'const readFile = (...args) => process.getBuiltinModule("node:fs/promises").readFile(...args); const statOf = (...args) => process.getBuiltinModule("node:fs/promises").stat(...args);',
    );
    // The same answers as the module's own functions.
    const [readFile, statOf] = new Function(code)() as [(path: string, encoding: string) => Promise<string>, (path: string) => Promise<{ size: number }>];
    const file = join(REPO, "package.json");
    expect(await readFile(file, "utf8")).toBe(readFileSync(file, "utf8"));
    expect((await statOf(file)).size).toBe(readFileSync(file).length);
    await expect(statOf(join(REPO, "no such file"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it.each([
    ['import { constants } from "node:fs/promises";', "not a function"],
    ['import * as fsp from "node:fs/promises";', "the whole module"],
    ['import fsp from "node:fs/promises";', "its default"],
  ])("refuses to take %j on first call (%s)", (code) => {
    expect(() => rewrite(code)).toThrow(/node:fs\/promises/);
  });

  it("leaves a module without builtin imports byte-identical", () => {
    const code = '#!/usr/bin/env node\n/* x */\nimport a from "a";\n\nexport const b = a;\n';
    expect(rewrite(code)).toBe(code);
  });

  it.each([
    ['import "node:fs";', "a bare import"],
    ['import x from "a";\nconst y = 1;\nimport { readFileSync } from "node:fs";', "an import after the head"],
    ['export { readFileSync } from "node:fs";', "a re-export"],
    ['import { default as fs } from "node:fs";', "a default import by name"],
  ])("refuses %j (%s)", (code) => {
    expect(() => rewrite(code)).toThrow(/m\.js|node:fs/);
  });

  it("finds a form it rewrites at the head of every built module of the CLI (so the bundle builds)", () => {
    const dir = join(REPO, "dist", "src");
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith(".js") && !file.startsWith("vendor"));
    expect(files.length).toBeGreaterThan(100);
    let rewritten = 0;
    for (const file of files) {
      const code = readFileSync(join(dir, file), "utf8");
      const out = withoutBuiltinFacades(code, file);
      if (out !== code) rewritten += 1;
      expect(out, file).not.toMatch(/^import\b[^"\n]*"(?:node:)?(?:fs|path|url|os|module)(?:\/\w+)?";$/m);
    }
    expect(rewritten).toBeGreaterThan(50);
  });
});
