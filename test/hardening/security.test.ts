/**
 * Security: configuration never runs code unless the user names it, and
 * output never shows absolute paths outside the working directory that the
 * user did not give.
 */
import { access, chmod, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ConfigError, loadConfig } from "../../src/index.js";
import { runBin } from "../helpers/bin.js";
import { makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

const UNSORTED = 'import b from "./b";\nimport fs from "node:fs";\nimport a from "a";\n';
/** Default config: a blank line between groups. */
const SORTED_DEFAULT = 'import fs from "node:fs";\n\nimport a from "a";\n\nimport b from "./b";\n';
/** What the code configs below ask for: no blank lines. */
const SORTED_NO_BLANKS = 'import fs from "node:fs";\nimport a from "a";\nimport b from "./b";\n';

/** A config module that leaves a marker file when its code runs. */
function codeConfig(kind: "esm" | "cjs", marker: string): string {
  return kind === "esm"
    ? `import { writeFileSync } from "node:fs";\nwriteFileSync(new URL("./${marker}", import.meta.url), "ran");\nexport default { blankLinesBetweenGroups: false };\n`
    : `require("node:fs").writeFileSync(require("node:path").join(__dirname, "${marker}"), "ran");\nmodule.exports = { blankLinesBetweenGroups: false };\n`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

let root: string;
beforeAll(async () => {
  root = await makeTempDir("security");
});
afterAll(async () => {
  await removeTree(root);
});

describe("configs that execute code", () => {
  it("a safesort.config.js, .mjs or .cjs in a searched directory is never loaded: discovery reads JSON only", async () => {
    const dir = join(root, "discovery");
    await writeTree(dir, {
      "safesort.config.mjs": codeConfig("esm", "MARKER-mjs"),
      "safesort.config.cjs": codeConfig("cjs", "MARKER-cjs"),
      "sub/safesort.config.js": codeConfig("esm", "MARKER-js"),
      "sub/package.json": JSON.stringify({ type: "module" }),
      ".safesortrc.js": codeConfig("esm", "MARKER-rc"),
      "sub/x.ts": UNSORTED,
      "y.ts": UNSORTED,
    });
    const write = await runBin(["--no-cache", "."], { cwd: dir });
    expect(write.stderr).toBe("");
    const explain = await runBin(["explain", "sub/x.ts"], { cwd: dir });
    expect(explain.code).toBe(0);
    const stdin = await runBin(["--stdin-filepath", "sub/z.ts"], { cwd: dir });
    expect(stdin.code).toBe(0);
    for (const marker of ["MARKER-mjs", "MARKER-cjs", "sub/MARKER-js", "MARKER-rc"]) expect(await exists(join(dir, marker)), marker).toBe(false);
    expect(await readFile(join(dir, "sub/x.ts"), "utf8")).toBe(SORTED_DEFAULT);
    expect(await readFile(join(dir, "y.ts"), "utf8")).toBe(SORTED_DEFAULT);
  });

  it.each([
    ["safesort.config.mjs", "esm"],
    ["safesort.config.cjs", "cjs"],
    ["conf/safesort.config.js", "esm"],
  ] as const)("named with --config, %s is loaded (its code runs, as asked) and applied", async (name, kind) => {
    const dir = join(root, `explicit-${name.replace(/\W/g, "_")}`);
    await writeTree(dir, { [name]: codeConfig(kind, "MARKER"), "x.ts": UNSORTED, "conf/package.json": JSON.stringify({ type: "module" }) });
    const result = await runBin(["--no-cache", "--config", name, "x.ts"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(await readFile(join(dir, "x.ts"), "utf8")).toBe(SORTED_NO_BLANKS);
    expect(await exists(join(dir, name.replace(/[^/]*$/, "MARKER")))).toBe(true);
  });

  it("a code config is validated like a JSON one, and one without a default export is refused", async () => {
    const dir = join(root, "invalid-code");
    await writeTree(dir, {
      "bad.mjs": "export default { groups: 3 };\n",
      "named.mjs": "export const blankLinesBetweenGroups = false;\n",
      "throws.mjs": 'throw new Error("config exploded");\n',
      "x.ts": UNSORTED,
    });
    const bad = await runBin(["--no-cache", "--config", "bad.mjs", "x.ts"], { cwd: dir });
    expect(bad.stderr).toMatch(/^bad\.mjs: groups: /);
    expect(bad.code).toBe(2);
    const named = await runBin(["--no-cache", "--config", "named.mjs", "x.ts"], { cwd: dir });
    expect(named.stderr).toBe("named.mjs: expected a default export holding the options (export default { … })\n");
    const throws = await runBin(["--no-cache", "--config", "throws.mjs", "x.ts"], { cwd: dir });
    expect(throws.stderr).toBe("throws.mjs: cannot load the config module: config exploded\n");
    expect(await readFile(join(dir, "x.ts"), "utf8")).toBe(UNSORTED);
  });

  it("a JSON config is data: code-like strings are never evaluated, and __proto__ pollutes nothing", async () => {
    const dir = join(root, "json-data");
    const marker = join(dir, "PWNED");
    await writeTree(dir, {
      "safesort.config.json": JSON.stringify({
        sideEffectModules: [`require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x")`],
        firstParty: ["${process.exit(3)}", "`$(touch PWNED)`"],
      }),
      "proto/safesort.config.json": '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } } }',
      "x.ts": UNSORTED,
      "proto/y.ts": UNSORTED,
    });
    const result = await runBin(["--no-cache", "x.ts"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await exists(marker)).toBe(false);
    expect(await readFile(join(dir, "x.ts"), "utf8")).toBe(SORTED_DEFAULT);
    // In-process: the keys are refused as unknown, and no prototype was touched.
    await expect(loadConfig(join(dir, "proto/y.ts"))).rejects.toBeInstanceOf(ConfigError);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("output never prints absolute paths outside the working directory unless they were given", () => {
  let base: string;
  let cwd: string;
  beforeAll(async () => {
    base = join(root, "paths");
    cwd = join(base, "project");
    await writeTree(base, {
      "project/src/a.ts": UNSORTED,
      "project/src/bad.ts": 'import { a from "a";\n',
      "project/src/ro.ts": UNSORTED,
      "outside/o.ts": UNSORTED,
      "outside/bad.ts": 'import b from "b";\nimport { a from "a";\n',
      "broken-config/safesort.config.json": '{ "groups": [1] }',
      "broken-config/project/x.ts": UNSORTED,
    });
    await chmod(join(cwd, "src/ro.ts"), 0o444);
    await symlink(join(base, "outside/o.ts"), join(cwd, "src/escape.ts"));
    await symlink(join(base, "outside/gone.ts"), join(cwd, "src/dangling.ts"));
  });

  /** Every run's whole output, with the absolute prefix that must not appear. */
  async function outputOf(args: string[], at = cwd): Promise<string> {
    const text = await runBin(["--no-cache", ...args], { cwd: at });
    const json = await runBin(["--no-cache", "--json", ...args], { cwd: at });
    return [text.stdout, text.stderr, json.stdout, json.stderr].join("\n");
  }

  it("relative arguments: failures, skips and diffs inside and outside cwd are all shown relative", async () => {
    const output = await outputOf(["--check", "src", "../outside", "../outside/missing.ts", "../outside/bad.ts"]);
    expect(output).toContain("src/bad.ts:1:12: syntax error");
    expect(output).toContain("src/escape.ts: skipped (symbolic link to a file outside the walked directory src; not followed, not written)");
    expect(output).toContain("src/dangling.ts: skipped (dangling symbolic link");
    expect(output).toContain("../outside/missing.ts: not found");
    expect(output).toContain("../outside/bad.ts:2:12: syntax error");
    expect(output).toContain("../outside/o.ts");
    expect(output).not.toContain(base);
  });

  it("write failures and diffs are shown relative too", async () => {
    const diff = await outputOf(["--diff", "src/a.ts", "../outside/o.ts"]);
    expect(diff).toContain("--- a/../outside/o.ts");
    expect(diff).not.toContain(base);
    const write = await outputOf(["src/ro.ts"]);
    expect(write).toContain("src/ro.ts: write failed: file is read-only");
    expect(write).not.toContain(base);
  });

  it("a broken config in a directory above cwd is named relative to cwd", async () => {
    const output = await outputOf(["--check", "."], join(base, "broken-config/project"));
    expect(output).toContain("../safesort.config.json:1:14: groups[0]");
    expect(output).not.toContain(base);
  });

  it("absolute arguments are shown as given", async () => {
    const given = join(base, "outside/bad.ts");
    const output = await outputOf(["--check", given]);
    expect(output).toContain(`${given}:2:12: syntax error`);
  });
});
