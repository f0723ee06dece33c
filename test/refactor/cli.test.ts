/**
 * `rename-symbol` and `move` from the command line, in-process: errors with
 * their location and exit 2 (nothing written), `--json`, `--interactive`,
 * the type check, rollback of a failed write, and the sorter's part.
 */
import { chmod, readdir } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects, runMain } from "../cli/project.js";

afterAll(removeProjects);

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022"], types: [], noEmit: true },
  include: ["src"],
});

const MATH = "export function sum(a: number, b: number): number {\n  return a + b;\n}\n";
const USE = 'import { sum } from "./math";\n\nexport const three = sum(1, 2);\n';

function project(files: Record<string, string>) {
  return makeProject({ "tsconfig.json": TSCONFIG, ...files });
}

describe("rename-symbol: refusals exit 2 and write nothing", () => {
  it.each([
    [["src/math.ts#nope", "add"], 'src/math.ts: not found: the file has no export named "nope"\n'],
    [["src/math.ts#sum", "class"], 'src/math.ts#sum: not found: "class" is a reserved word\n'],
    [["src/math.ts#sum", "a-b"], 'src/math.ts#sum: not found: "a-b" is not an identifier\n'],
    [["src/math.ts", "add"], 'src/math.ts: not found: expected <file>#<exportName> or <file>:<line>:<column>, got "src/math.ts"\n'],
    [["src/math.ts:9:1", "add"], "src/math.ts:9:1: not found: the file has 4 lines\n"],
    [["other/x.ts#sum", "add"], "other/x.ts: not found: not a file of the project tsconfig.json\n"],
  ])("%j", async (args, stderr) => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    const result = await runMain(["rename-symbol", ...args], root);
    expect(result).toEqual({ code: 2, stdout: "", stderr });
    expect(await read(root, "src/math.ts")).toBe(MATH);
  });

  it("refuses a tsconfig that does not parse, naming it", async () => {
    const root = await makeProject({ "tsconfig.json": "{ \"compilerOptions\": ", "src/math.ts": MATH });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("tsconfig.json:1:21: Expression expected.\n");
  });

  it("refuses a rename the language service cannot do, with the position", async () => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    const result = await runMain(["rename-symbol", "src/use.ts:3:26", "x"], root);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "src/use.ts:3:26: not found: cannot rename here: You cannot rename this element.\n" });
  });

  it("refuses a rename that would make an `export *` barrel ambiguous (type check of re-exporters)", async () => {
    const root = await project({
      "src/math.ts": MATH,
      "src/other.ts": "export const add = 1;\n",
      "src/index.ts": 'export * from "./math";\nexport * from "./other";\n',
      "src/use.ts": 'import { sum } from "./index";\n\nexport const three = sum(1, 2);\n',
    });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "src/index.ts:2:1: type error: TS2308: Module \"./math\" has already exported a member named 'add'. Consider explicitly re-exporting to resolve the ambiguity.\n",
    );
    expect(await read(root, "src/use.ts")).toContain("sum(1, 2)");
  });

  it("refuses a rename that shadows a global the file uses; --no-typecheck does it anyway", async () => {
    const files = { "src/math.ts": MATH, "src/use.ts": 'import { sum } from "./math";\n\nexport const big = Math.max(sum(1, 2), 0);\n' };
    const root = await project(files);
    const refused = await runMain(["rename-symbol", "src/math.ts#sum", "Math"], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^src\/use\.ts:3:25: type error: TS2339: Property 'max' does not exist/);
    const forced = await runMain(["rename-symbol", "src/math.ts#sum", "Math", "--no-typecheck"], root);
    expect(forced.code).toBe(0);
    expect(await read(root, "src/use.ts")).toBe('import { Math } from "./math";\n\nexport const big = Math.max(Math(1, 2), 0);\n');
  });
});

describe("rename-symbol: output modes", () => {
  it("--diff prints unified diffs and exits 1", async () => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add", "--diff"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "--- a/src/math.ts",
        "+++ b/src/math.ts",
        "@@ -1,3 +1,3 @@",
        "-export function sum(a: number, b: number): number {",
        "+export function add(a: number, b: number): number {",
        "   return a + b;",
        " }",
        "--- a/src/use.ts",
        "+++ b/src/use.ts",
        "@@ -1,3 +1,3 @@",
        '-import { sum } from "./math";',
        '+import { add } from "./math";',
        " ",
        "-export const three = sum(1, 2);",
        "+export const three = add(1, 2);",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toBe("rename sum → add: 2 files would change\n");
    expect(await read(root, "src/use.ts")).toBe(USE);
  });

  it("--json --check prints one document and writes nothing", async () => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add", "--check", "--json"], root);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      schemaVersion: 2,
      command: "rename-symbol",
      mode: "check",
      title: "rename sum → add",
      written: false,
      summary: { changed: 2, unchanged: 0, skipped: 0, failed: 0 },
      files: [
        { path: "src/math.ts", status: "changed", newPath: "src/math.ts" },
        { path: "src/use.ts", status: "changed", newPath: "src/use.ts" },
      ],
      moves: [],
    });
    expect(await read(root, "src/math.ts")).toBe(MATH);
  });

  it("--json reports refusals as failed files with their diagnostics", async () => {
    const root = await project({ "src/math.ts": MATH });
    const result = await runMain(["rename-symbol", "src/math.ts#nope", "add", "--json"], root);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      summary: { failed: 1 },
      files: [{ path: "src/math.ts", status: "failed", diagnostics: [{ code: "not-found", path: "src/math.ts" }] }],
    });
  });

  it("rejects two modes at once", async () => {
    const root = await project({ "src/math.ts": MATH });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add", "--diff", "--interactive"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot be combined/);
  });
});

describe("rename-symbol --interactive (the codemods' reviewer)", () => {
  const FAR = `import { sum } from "./math";\n\nexport const a = sum(1, 2);\n${"\n".repeat(10)}export const b = sum(3, 4);\n`;

  it("applies the hunks answered y and skips those answered n", async () => {
    const root = await project({ "src/math.ts": MATH, "src/far.ts": FAR });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add", "--interactive"], root, { stdin: "y\nn\nn\nn\n" });
    expect(result.code, result.stderr).toBe(0);
    // far.ts comes first (files in path order): its first hunk (import and `a`) applied, the second (`b`) skipped.
    expect(await read(root, "src/far.ts")).toBe(FAR.replace('{ sum }', "{ add }").replace("sum(1, 2)", "add(1, 2)"));
    expect(await read(root, "src/math.ts")).toBe(MATH);
    expect(result.stdout).toContain("(1/2) Apply this hunk to src/far.ts [y,n,a,d,q,e,?]? ");
    expect(result.stdout).toContain("--- a/src/far.ts\n+++ b/src/far.ts\n@@ -1,6 +1,6 @@\n");
    expect(result.stdout).toMatch(/rename sum → add: 1 file changed\n$/);
  });

  it("? prints the help; a applies the rest of the file; end of input quits keeping what was accepted", async () => {
    const root = await project({ "src/math.ts": MATH, "src/far.ts": FAR });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add", "--interactive"], root, { stdin: "?\na\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("a - apply this hunk and all later hunks in the file\n");
    expect(await read(root, "src/far.ts")).toBe(FAR.replaceAll("sum", "add"));
    expect(await read(root, "src/math.ts")).toBe(MATH);
  });

  it("q at the first hunk writes nothing", async () => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add", "--interactive"], root, { stdin: "q\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/nothing applied\n$/);
    expect(await read(root, "src/math.ts")).toBe(MATH);
  });
});

describe("rename-symbol and the import sorter", () => {
  it("re-sorts an import statement it edited when the file was sorted, and leaves an unsorted file's order alone", async () => {
    const root = await project({
      "src/math.ts": MATH + "export const minus = (a: number, b: number): number => a - b;\n",
      "src/another.ts": "export const other = 1;\n",
      "src/sorted.ts": 'import { minus, sum } from "./math";\n\nexport const x = sum(minus(3, 1), 1);\n',
      "src/unsorted.ts": 'import { minus, sum } from "./math";\nimport { other } from "./another";\n\nexport const y = sum(minus(3, other), 1);\n',
    });
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add"], root);
    expect(result.code, result.stderr).toBe(0);
    expect(await read(root, "src/sorted.ts")).toBe('import { add, minus } from "./math";\n\nexport const x = add(minus(3, 1), 1);\n');
    expect(await read(root, "src/unsorted.ts")).toBe(
      'import { minus, add } from "./math";\nimport { other } from "./another";\n\nexport const y = add(minus(3, other), 1);\n',
    );
  });

  it("--no-sort-imports leaves every import as edited", async () => {
    const root = await project({
      "src/math.ts": MATH + "export const minus = (a: number, b: number): number => a - b;\n",
      "src/sorted.ts": 'import { minus, sum } from "./math";\n\nexport const x = sum(minus(3, 1), 1);\n',
    });
    expect((await runMain(["rename-symbol", "src/math.ts#sum", "add", "--no-sort-imports"], root)).code).toBe(0);
    expect(await read(root, "src/sorted.ts")).toBe('import { minus, add } from "./math";\n\nexport const x = add(minus(3, 1), 1);\n');
  });
});

describe("line endings and BOM", () => {
  it("a rename keeps a file's BOM and CRLF line endings", async () => {
    const crlf = (text: string) => text.replaceAll("\n", "\r\n");
    const root = await project({ "src/math.ts": "\uFEFF" + crlf(MATH), "src/use.ts": crlf(USE) });
    expect((await runMain(["rename-symbol", "src/math.ts#sum", "add"], root)).code).toBe(0);
    expect(await read(root, "src/math.ts")).toBe("\uFEFF" + crlf(MATH.replace("sum", "add")));
    expect(await read(root, "src/use.ts")).toBe(crlf(USE.replaceAll("sum", "add")));
  });
});

describe("writing is all or nothing", () => {
  it("a file that cannot be written rolls back the files written before it, exit 2", async () => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    await chmod(join(root, "src/use.ts"), 0o444);
    const result = await runMain(["rename-symbol", "src/math.ts#sum", "add"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("src/use.ts: write failed: file is read-only\nnothing was changed\n");
    expect(await read(root, "src/math.ts")).toBe(MATH);
    expect(await read(root, "src/use.ts")).toBe(USE);
  });
});

describe("move: refusals", () => {
  it.each([
    [["src/nope.ts", "src/lib/nope.ts"], "src/nope.ts: not found: no such file or directory\n"],
    [["src/math.ts", "src/use.ts"], "src/use.ts: unsafe path: the destination exists\n"],
    [["src", "src/inner"], "src/inner: unsafe path: cannot move a directory into itself\n"],
  ])("%j", async (args, stderr) => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    const result = await runMain(["move", ...args], root);
    expect(result).toEqual({ code: 2, stdout: "", stderr });
    expect(await readdir(join(root, "src"))).toEqual(["math.ts", "use.ts"]);
  });

  it("refuses to move the project's tsconfig along", async () => {
    const root = await makeProject({ "app/tsconfig.json": TSCONFIG, "app/src/math.ts": MATH });
    const result = await runMain(["move", "app", "lib/app"], root);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "app: unsafe path: the move would take the project's tsconfig along; move the files under it instead\n",
    });
  });

  it("moves into an existing directory whose file of that name exists: refused", async () => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE, "src/lib/math.ts": MATH });
    const result = await runMain(["move", "src/math.ts", "src/lib"], root);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "src/lib/math.ts: unsafe path: the destination exists\n" });
  });
});

describe("move: references beyond import statements", () => {
  it("rewrites require(), mocks and triple-slash references, and leaves packages alone", async () => {
    const root = await project({
      "src/math.ts": MATH,
      "src/types.d.ts": "export type N = number;\n",
      "src/use.test.ts": [
        '/// <reference path="types.d.ts" />',
        'import { describe } from "vitest";',
        'import { sum } from "./math";',
        'vi.mock("./math");',
        'const again = require("./math");',
        "export { describe, sum, again };",
        "",
      ].join("\n"),
    });
    const result = await runMain(["move", "src/use.test.ts", "test/use.test.ts"], root);
    expect(result.code, result.stderr).toBe(0);
    expect(await read(root, "test/use.test.ts")).toBe(
      [
        '/// <reference path="../src/types.d.ts" />',
        'import { describe } from "vitest";',
        'import { sum } from "../src/math";',
        'vi.mock("../src/math");',
        'const again = require("../src/math");',
        "export { describe, sum, again };",
        "",
      ].join("\n"),
    );
  });
});

describe("move --interactive", () => {
  it("shows the diff and moves on y; n leaves everything in place", async () => {
    const root = await project({ "src/math.ts": MATH, "src/use.ts": USE });
    const refused = await runMain(["move", "src/math.ts", "src/lib/math.ts", "--interactive"], root, { stdin: "n\n" });
    expect(refused.code).toBe(0);
    expect(refused.stdout).toContain('+import { sum } from "./lib/math";\n');
    expect(refused.stdout).toMatch(/move src\/math\.ts → src\/lib\/math\.ts\? \[y,n\] nothing applied\n$/);
    expect(await read(root, "src/math.ts")).toBe(MATH);
    const accepted = await runMain(["move", "src/math.ts", "src/lib/math.ts", "--interactive"], root, { stdin: "y\n" });
    expect(accepted.code).toBe(0);
    expect(await read(root, "src/lib/math.ts")).toBe(MATH);
    expect(await read(root, "src/use.ts")).toBe(USE.replace("./math", "./lib/math"));
  });
});
