/**
 * Early errors, one rule (issue #16): a file safesort would change is parsed
 * whole, strictly, and any early error of the specification refuses it —
 * `path:line:col: syntax error`, exit 2, the file byte for byte as it was,
 * the other files still sorted. Each case in LF, CRLF, BOM and
 * no-final-newline variants, through the real CLI entry in a temp project.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { explainSource } from "../../src/imports/explain.js";
import { parseSource } from "../../src/parse/parser.js";
import { processSource } from "../../src/pipeline/process-source.js";
import { testConfig } from "../helpers/config.js";

import { makeProject, read, removeProjects, runMain, SORTED, UNSORTED } from "./project.js";

afterAll(removeProjects);

const IMPORTS = 'import b from "b";\nimport a from "a";\n';

interface Case {
  readonly file: string;
  readonly text: string;
  /** `line:column` of the error. */
  readonly at: string;
  readonly message: RegExp;
}

/** The fixture-like cases, named by behaviour; the error always lies after the import region. */
const CASES: Record<string, Case> = {
  "early-error-duplicate-let": { file: "a.ts", text: `${IMPORTS}let x = 1;\nlet x = 2;\n`, at: "4:5", message: /Identifier 'x' has already been declared/ },
  "early-error-duplicate-let-far-below": {
    file: "a.js",
    text: `${IMPORTS}\nfunction f() {\n  return 1;\n}\n\nconst y = f();\nlet y2 = 1, y = 2;\n`,
    at: "9:13",
    message: /Identifier 'y' has already been declared/,
  },
  "early-error-top-level-return-ts": { file: "a.ts", text: `${IMPORTS}if (b) return;\n`, at: "3:8", message: /'return' outside of function/ },
  "early-error-top-level-return-mjs": { file: "a.mjs", text: `${IMPORTS}return;\n`, at: "3:1", message: /'return' outside of function/ },
  "early-error-super-call-outside-class": { file: "a.ts", text: `${IMPORTS}super();\n`, at: "3:1", message: /`super\(\)` is only valid/ },
  "early-error-super-property-outside-method": { file: "a.js", text: `${IMPORTS}const z = super.x;\n`, at: "3:11", message: /super/ },
  "early-error-new-target-outside-function": { file: "a.ts", text: `${IMPORTS}new.target;\n`, at: "3:1", message: /new\.target/ },
  "early-error-undeclared-export-js": { file: "a.js", text: `${IMPORTS}export { missing };\n`, at: "3:10", message: /Export 'missing' is not defined/ },
  "early-error-duplicate-export-js": { file: "a.js", text: `${IMPORTS}export const c = 1;\nexport { c };\n`, at: "4:10", message: /`c` has already been exported/ },
};

const VARIANTS: Record<string, (text: string) => string | Buffer> = {
  lf: (text) => text,
  crlf: (text) => text.replaceAll("\n", "\r\n"),
  bom: (text) => Buffer.from(`\uFEFF${text}`, "utf8"),
  "no final newline": (text) => text.slice(0, -1),
};

describe("a file safesort would change is refused for an early error", () => {
  for (const [name, c] of Object.entries(CASES)) {
    for (const [variant, make] of Object.entries(VARIANTS)) {
      it(`${name} (${variant}): path:line:col, exit 2, untouched, the other file sorted`, async () => {
        const content = make(c.text);
        const root = await makeProject({ [c.file]: content, "ok.ts": UNSORTED });
        const result = await runMain(["."], root);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(new RegExp(`^${c.file.replace(".", "\\.")}:${c.at}: syntax error: .*${c.message.source}`));
        expect(result.stdout).toBe("1 file sorted, 0 unchanged, 1 failed\n");
        expect(Buffer.compare(await readFile(join(root, c.file)), Buffer.from(content))).toBe(0);
        expect(await read(root, "ok.ts")).toBe(SORTED);
        expect((await runMain(["--check", c.file], root)).code).toBe(2);
      });
    }
  }
});

describe("the rule's edges", () => {
  const config = testConfig();
  const sort = (text: string, file: string) => processSource(text, file, config);

  it("an already sorted file with an early error is not changed, so not refused (--check exits 0)", async () => {
    const root = await makeProject({ "a.ts": `${SORTED}return;\n` });
    expect(await runMain(["--check", "a.ts"], root)).toMatchObject({ code: 0 });
  });

  it("the import-region fast path does not hide an early error far below the imports", () => {
    const filler = Array.from({ length: 200 }, (_, i) => `export function f${i}() {\n  return ${i};\n}\n`).join("");
    const outcome = sort(`${IMPORTS}${filler}let q = 1;\nlet q = 2;\n`, "a.ts");
    expect(outcome).toMatchObject({ status: "failed", diagnostic: { code: "syntax-error", line: 604, column: 5 } });
  });

  it("a legacy CommonJS script keeps its top-level return (it has no imports to sort)", () => {
    const text = 'const a = require("a");\nif (!a) return;\nmodule.exports = () => import("./x.mjs");\n';
    expect(sort(text, "a.cjs")).toEqual({ status: "unchanged" });
  });

  it("Astro frontmatter may return at its top level and is still sorted", () => {
    const page = `---\n${IMPORTS}if (!a) return Astro.redirect("/");\n---\n<p>{b}</p>\n`;
    const outcome = sort(page, "Page.astro");
    expect(outcome).toEqual({ status: "changed", output: `---\n${SORTED}if (!a) return Astro.redirect("/");\n---\n<p>{b}</p>\n` });
  });

  it("TypeScript: `export { a }` inside `declare module` is not read as undeclared", () => {
    const text = `${IMPORTS}declare module "m" {\n  import c from "c";\n  export { c };\n}\ninterface T {}\nexport type { T };\nexport { a };\n`;
    expect(sort(text, "a.ts")).toMatchObject({ status: "changed" });
    expect(sort(text, "a.d.ts")).toMatchObject({ status: "changed" });
  });

  it("TypeScript: one exported name for merged declarations (left to tsc) is not refused", () => {
    const text = `${IMPORTS}export interface X {}\nexport const X = 1;\nexport function f(a: string): void;\nexport function f(a: unknown) {}\n`;
    expect(sort(text, "a.ts")).toMatchObject({ status: "changed" });
  });

  it("explain still reads a file with an early error (it writes nothing)", () => {
    expect(explainSource(`${IMPORTS}return;\n`, "a.ts", config).blocks).toHaveLength(1);
  });

  it("explain names the early error and says the file is refused, at its place (also in a component)", async () => {
    expect(explainSource(`${IMPORTS}return;\n`, "a.ts", config).earlyError).toEqual({ line: 3, column: 1, message: "'return' outside of function." });
    expect(explainSource(`${IMPORTS}const y = 1;\n`, "a.ts", config).earlyError).toBeUndefined();
    const root = await makeProject({
      "a.ts": `${IMPORTS}super();\n`,
      "sorted.ts": `${SORTED}return;\n`,
      "Comp.vue": `<template><p /></template>\n<script>\n${IMPORTS}  new.target;\n</script>\n`,
    });
    const refused = await runMain(["explain", "a.ts"], root);
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(/^line 3:1: early error \(`super\(\)` is only valid.*\): safesort refuses to change this file until it is fixed \(exit 2\)$/m);
    const sorted = await runMain(["explain", "sorted.ts"], root);
    expect(sorted.stdout).toMatch(/^line 3:1: early error \('return' outside of function\.\): nothing to sort, so the file is left as it is$/m);
    const json = JSON.parse((await runMain(["explain", "--json", "Comp.vue"], root)).stdout) as { earlyError?: unknown };
    expect(json.earlyError).toEqual({ line: 5, column: 3, message: expect.stringMatching(/new\.target/) });
    expect(await runMain(["Comp.vue"], root)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Comp\.vue:5:3: syntax error/) });
  });

  it("the parser keeps the early error of a lenient parse, and none for a prefix's export of a later name", () => {
    expect(parseSource(`${IMPORTS}return;\n`, "a.ts").earlyError).toMatchObject({ line: 3, column: 1 });
    expect(parseSource(`${IMPORTS}export { x };\nconst x = 1;\n`, "a.js").earlyError).toBeUndefined();
    expect(parseSource(`${IMPORTS}export { x };\n`, "a.js").earlyError).toMatchObject({ line: 3, column: 10 });
    expect(parseSource(`${IMPORTS}export { x };\n`, "a.js", { partial: true }).earlyError).toBeUndefined();
  });
});
