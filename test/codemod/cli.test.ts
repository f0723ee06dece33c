/**
 * `safesort run`, in-process through `main(argv, io)`: modes and exit codes,
 * built-ins and their options, TypeScript codemod modules (with relative
 * imports), a codemod that throws, interactive answers from stdin.
 */
import { readdir } from "node:fs/promises";

import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects, runMain, snapshot } from "../cli/project.js";

afterAll(removeProjects);

const LODASH = 'import { debounce } from "lodash";\n\nexport const f = debounce(() => 1, 10);\n';
const LODASH_ES = 'import { debounce } from "lodash-es";\n\nexport const f = debounce(() => 1, 10);\n';
const RENAME_ARGS = ["--", "--from", "lodash", "--to", "lodash-es"];

describe("safesort run <built-in>", () => {
  it("--list prints every built-in with its options", async () => {
    const root = await makeProject({});
    const result = await runMain(["run", "--list"], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("rename-import    Rename an import source, or move an imported name to another module (alias-safe).\n");
    expect(result.stdout).toContain("  --to-name <string>  optional  The name it is exported as in the new module (needs --name).\n");
    expect(result.stdout).toContain("rename-jsx-prop");
    expect(result.stdout).toContain("replace-call");
  });

  it("shows a diff by default, writes nothing, exits 1", async () => {
    const root = await makeProject({ "src/a.ts": LODASH, "src/b.ts": "export const b = 1;\n" });
    const before = await snapshot(root, "src/a.ts");
    const result = await runMain(["run", "rename-import", "src", ...RENAME_ARGS], root);
    expect(result).toEqual({
      code: 1,
      stdout: '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,3 +1,3 @@\n-import { debounce } from "lodash";\n+import { debounce } from "lodash-es";\n \n export const f = debounce(() => 1, 10);\n',
      stderr: "1 file would change, 1 unchanged (1 match)\n",
    });
    expect(await snapshot(root, "src/a.ts")).toEqual(before);
  });

  it("--check lists files that would change (exit 1), exit 0 when none", async () => {
    const root = await makeProject({ "a.ts": LODASH, "b.ts": LODASH_ES });
    expect(await runMain(["run", "rename-import", "--check", ...RENAME_ARGS], root)).toMatchObject({ code: 1, stdout: "a.ts\n" });
    expect(await runMain(["run", "rename-import", "b.ts", "--check", ...RENAME_ARGS], root)).toMatchObject({ code: 0, stdout: "" });
  });

  it("takes safesort's options before the command too", async () => {
    const root = await makeProject({ "a.ts": LODASH });
    expect(await runMain(["--quiet", "run", "rename-import", "--check", ...RENAME_ARGS], root)).toEqual({ code: 1, stdout: "", stderr: "" });
  });

  it("--write writes and exits 0; a second run changes nothing", async () => {
    const root = await makeProject({ "a.ts": LODASH });
    expect(await runMain(["run", "rename-import", "--write", ...RENAME_ARGS], root)).toEqual({ code: 0, stdout: "1 file changed, 0 unchanged (1 match)\n", stderr: "" });
    expect(await read(root, "a.ts")).toBe(LODASH_ES);
    expect(await runMain(["run", "rename-import", "--write", ...RENAME_ARGS], root)).toMatchObject({ code: 0, stdout: "0 files changed, 1 unchanged (0 matches)\n" });
  });

  it("--json prints one document with matches per file", async () => {
    const root = await makeProject({ "a.ts": LODASH });
    const result = await runMain(["run", "rename-import", "--check", "--json", ...RENAME_ARGS], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      schemaVersion: 2,
      command: "run",
      mode: "check",
      codemod: "rename-import",
      summary: { changed: 1, unchanged: 0, failed: 0, skipped: 0, matches: 1 },
      files: [{ path: "a.ts", status: "changed", matches: 1 }],
    });
  });

  it("refuses bad codemod arguments and unknown codemods with exit 2", async () => {
    const root = await makeProject({ "a.ts": LODASH });
    expect(await runMain(["run", "rename-import", "--", "--from", "lodash"], root)).toEqual({
      code: 2,
      stdout: "",
      stderr: "safesort: rename-import: --to is required (The module to import from instead.)\n",
    });
    expect((await runMain(["run", "rename-import", "--", "--from", "a", "--to", "b", "--nope", "x"], root)).stderr).toBe(
      "safesort: rename-import: unknown option --nope (options: --from, --name, --to, --to-name)\n",
    );
    expect((await runMain(["run", "rename-import", "--", "--from", "a", "--to", "b", "--to-name", "c"], root)).stderr).toBe(
      "safesort: rename-import: --to-name needs --name\n",
    );
    expect(await runMain(["run", "no-such-codemod"], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown codemod "no-such-codemod"') });
    expect(await runMain(["run"], root)).toMatchObject({ code: 2, stderr: expect.stringContaining("name a codemod") });
    expect(await runMain(["run", "rename-import", "--write", "--check", ...RENAME_ARGS], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--write and --check cannot be combined"),
    });
  });

  it("--dump prints the matches and their captures, writes nothing, exits 0", async () => {
    const root = await makeProject({ "a.ts": LODASH });
    const result = await runMain(["run", "rename-import", "--dump", ...RENAME_ARGS], root);
    expect(result).toEqual({
      code: 0,
      stdout: 'a.ts:1:1: import ImportDeclaration `import { debounce } from "lodash";`  ← selectImport("lodash")\n    $source StringLiteral `"lodash"`\n',
      stderr: "1 match in 1 file\n",
    });
    expect(await read(root, "a.ts")).toBe(LODASH);
  });

  it("--help says the default mode is --diff", async () => {
    const root = await makeProject({});
    const result = await runMain(["run", "--help"], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Default mode: --diff (prints the changes, writes nothing).");
  });
});

const HELPER = "export function newName(args: { to?: string }): string {\n  return args.to ?? \"throttle\";\n}\n";
const CODEMOD = [
  'import type { Query } from "safesort";',
  'import { newName } from "./helper";',
  "",
  "export default (q: Query, args: { to?: string }) => q.selectImport(\"lodash\", \"debounce\").rename(newName(args));",
  "",
].join("\n");
const THROWING = [
  'import type { Query } from "safesort";',
  "",
  "export default (q: Query) =>",
  "  q.selectCall(\"explode\").modify((match) => {",
  '    throw new Error(`no explosions in ${match.file}`);',
  "  });",
  "",
].join("\n");

describe("safesort run <module.ts>", () => {
  it("loads a TypeScript codemod with a relative import, passes its args, and cleans up its bundle", async () => {
    const root = await makeProject({ "codemods/rename.ts": CODEMOD, "codemods/helper.ts": HELPER, "src/a.ts": LODASH });
    const result = await runMain(["run", "codemods/rename.ts", "src", "--write", "--", "--to", "throttle2"], root);
    expect(result).toEqual({ code: 0, stdout: "1 file changed, 0 unchanged (2 matches)\n", stderr: "" });
    expect(await read(root, "src/a.ts")).toBe('import { throttle2 } from "lodash";\n\nexport const f = throttle2(() => 1, 10);\n');
    expect((await readdir(`${root}/codemods`)).sort()).toEqual(["helper.ts", "rename.ts"]);
  });

  it("resolves a codemod's bare imports from the project's node_modules; the run leaves no file behind", async () => {
    const root = await makeProject({
      "node_modules/name-source/package.json": '{ "name": "name-source", "type": "module", "exports": "./index.js" }\n',
      "node_modules/name-source/index.js": 'export const NEW_NAME = "fromPackage";\n',
      "tools/codemod.ts": 'import type { Query } from "safesort";\nimport { NEW_NAME } from "name-source";\n\nexport default (q: Query) => q.selectCall("old").rename(NEW_NAME);\n',
      "src/a.ts": "old();\n",
    });
    expect(await runMain(["run", "tools/codemod.ts", "src", "--write"], root)).toMatchObject({ code: 0 });
    expect(await read(root, "src/a.ts")).toBe("fromPackage();\n");
    expect(await readdir(`${root}/node_modules/.cache/safesort/codemods`)).toEqual([]);
    expect((await readdir(`${root}/tools`)).sort()).toEqual(["codemod.ts"]);
  });

  it("fails only the files where the codemod throws, with its stack, and exits 2", async () => {
    const root = await makeProject({ "boom.ts": THROWING, "src/a.ts": "explode();\n", "src/b.ts": "calm();\n", "src/c.ts": LODASH });
    const result = await runMain(["run", "boom.ts", "src", "--check"], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^src\/a\.ts: codemod error: modify\(\) threw: no explosions in src\/a\.ts\nError: no explosions in src\/a\.ts\n\s+at .*boom\.ts:5:11\)?\n/);
    expect(result.stderr).toMatch(/0 files would change, 2 unchanged, 1 failed \(1 match\)\n$/);
  });

  it("reports a module without a default function", async () => {
    const root = await makeProject({ "bad.ts": "export const x = 1;\n", "a.ts": LODASH });
    const result = await runMain(["run", "bad.ts", "a.ts"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the module must export a default function (q: Query, args) => Query");
  });

  it("reports a codemod that does not compile, with its location", async () => {
    const root = await makeProject({ "bad.ts": "export default (q) => q.selectCall(;\n", "a.ts": LODASH });
    const result = await runMain(["run", "bad.ts", "a.ts"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^safesort: .*bad\.ts:1:\d+: cannot compile the codemod: /);
  });

  it("moveTo: a file whose only mention of the module is `export * from` fails with the reason, untouched; the others are written (exit 2)", async () => {
    const root = await makeProject({ "m.mjs": 'export default (q) => q.selectImport("a", "x").moveTo("b");\n', "star.js": 'export * from "a";\nexport const y = 1;\n', "use.js": 'import { x } from "a";\nuse(x);\n' });
    const result = await runMain(["run", "m.mjs", "star.js", "use.js", "--write"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('star.js:1:1: codemod error: moveTo cannot move `x` from "a" to "b" in this file: `export * from "a"` re-exports it too and cannot be split (add `export { x } from "b"` by hand) (1:1); nothing written\n');
    expect(await read(root, "star.js")).toBe('export * from "a";\nexport const y = 1;\n');
    expect(await read(root, "use.js")).toBe('import { x } from "b";\nuse(x);\n');
  });

  it("loads a JavaScript codemod module as it is", async () => {
    const root = await makeProject({ "c.mjs": 'export default (q) => q.selectCall("a.b").rename("c.d");\n', "x.js": "a.b(1);\n" });
    expect(await runMain(["run", "c.mjs", "x.js", "--write"], root)).toMatchObject({ code: 0 });
    expect(await read(root, "x.js")).toBe("c.d(1);\n");
  });
});

describe("safesort run --interactive", () => {
  const TWO_HUNKS = Array.from({ length: 14 }, (_, i) => (i === 1 || i === 11 ? `console.log(${i});\n` : `keep(${i});\n`)).join("");

  it("applies the hunks answered y, skips n, writes the file", async () => {
    const root = await makeProject({ "a.js": TWO_HUNKS });
    const result = await runMain(["run", "replace-call", "--interactive", "--", "--from", "console.log", "--to", "logger.info"], root, { stdin: "y\nn\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(1/2) Apply this hunk to a.js [y,n,a,d,q,e,?]? ");
    expect(result.stdout).toContain("(2/2) Apply this hunk to a.js [y,n,a,d,q,e,?]? ");
    expect(result.stderr).toBe("1 file changed, 0 unchanged (2 matches)\n");
    expect(await read(root, "a.js")).toBe(TWO_HUNKS.replace("console.log(1)", "logger.info(1)"));
  });

  it("a takes the rest of a file; q stops the run: later files are not offered nor written", async () => {
    const root = await makeProject({ "a.js": TWO_HUNKS, "b.js": TWO_HUNKS, "c.js": TWO_HUNKS });
    const result = await runMain(["run", "replace-call", "--interactive", "--", "--from", "console.log", "--to", "logger.info"], root, { stdin: "a\nq\n" });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/Apply this hunk to a\.js/g)).toHaveLength(1);
    expect(result.stdout.match(/Apply this hunk to b\.js/g)).toHaveLength(1);
    expect(result.stdout).not.toContain("c.js");
    expect(await read(root, "a.js")).toBe(TWO_HUNKS.replaceAll("console.log", "logger.info"));
    expect(await read(root, "b.js")).toBe(TWO_HUNKS);
    expect(await read(root, "c.js")).toBe(TWO_HUNKS);
  });
});
