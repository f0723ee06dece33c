import { chmod, readFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { BROKEN, makeProject, read, removeProjects, runMain, snapshot, SORTED, UNSORTED } from "./project.js";

afterAll(removeProjects);

const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const ANSI = /\u001b\[/;

async function sample() {
  return makeProject({ "src/a.ts": UNSORTED, "src/b.ts": SORTED });
}

describe("safesort [paths…] (write)", () => {
  it("sorts in place, prints a one-line summary and exits 0", async () => {
    const root = await sample();
    const result = await runMain(["src"], root);
    expect(result).toEqual({ code: 0, stdout: "1 file sorted, 1 unchanged\n", stderr: "" });
    expect(await read(root, "src/a.ts")).toBe(SORTED);
  });

  it("defaults to the current directory", async () => {
    const root = await sample();
    expect((await runMain([], root)).stdout).toBe("1 file sorted, 1 unchanged\n");
    expect(await read(root, "src/a.ts")).toBe(SORTED);
  });

  it("reports a syntax error with location and frame, leaves the file untouched, sorts the others, exits 2", async () => {
    const root = await makeProject({ "src/a.ts": UNSORTED, "src/broken.ts": BROKEN, "src/c.ts": UNSORTED });
    const result = await runMain(["src"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^src\/broken\.ts:1:\d+: syntax error: .+\n/);
    expect(result.stderr).toContain("| import { a from");
    expect(result.stdout).toBe("2 files sorted, 0 unchanged, 1 failed\n");
    expect(await read(root, "src/broken.ts")).toBe(BROKEN);
    expect(await read(root, "src/a.ts")).toBe(SORTED);
    expect(await read(root, "src/c.ts")).toBe(SORTED);
  });

  it("exits 2 for a path that does not exist, naming it", async () => {
    const root = await sample();
    const result = await runMain(["src", "nope.ts"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^nope\.ts: not found: /);
  });

  it("reports a read-only file and exits 2, writing its neighbours", async () => {
    const root = await makeProject({ "ro.ts": UNSORTED, "rw.ts": UNSORTED });
    await chmod(join(root, "ro.ts"), 0o444);
    const result = await runMain(["."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ro\.ts: /);
    expect(await read(root, "ro.ts")).toBe(UNSORTED);
    expect(await read(root, "rw.ts")).toBe(SORTED);
  });

  it("counts skipped files in the summary and says why on stderr", async () => {
    const root = await makeProject({ "a.ts": "// safesort: skip-file\n" + UNSORTED, "b.ts": SORTED });
    const result = await runMain(["."], root);
    expect(result).toEqual({ code: 0, stdout: "0 files sorted, 1 unchanged, 1 skipped\n", stderr: "a.ts: skipped (safesort: skip-file)\n" });
  });

  it("skips a file named explicitly with an unsupported extension, says so, leaves it untouched and exits 0", async () => {
    const root = await makeProject({ "a.gjs": UNSORTED, "b.gts": UNSORTED, "c.md": UNSORTED, "d.ts": UNSORTED });
    const result = await runMain(["a.gjs", "b.gts", "c.md", "d.ts"], root);
    expect(result).toEqual({
      code: 0,
      stdout: "1 file sorted, 0 unchanged, 3 skipped\n",
      stderr: "a.gjs: skipped (unsupported file type)\nb.gts: skipped (unsupported file type)\nc.md: skipped (unsupported file type)\n",
    });
    for (const name of ["a.gjs", "b.gts", "c.md"]) expect(await read(root, name)).toBe(UNSORTED);
    expect(await read(root, "d.ts")).toBe(SORTED);
    const check = await runMain(["--check", "a.gjs"], root);
    expect(check).toEqual({ code: 0, stdout: "", stderr: "a.gjs: skipped (unsupported file type)\n0 files would be sorted, 0 unchanged, 1 skipped\n" });
  });

  it("--quiet prints only errors", async () => {
    const root = await makeProject({ "a.ts": UNSORTED, "broken.ts": BROKEN });
    const result = await runMain(["--quiet", "."], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^broken\.ts:1:\d+: syntax error: /);
    expect(await read(root, "a.ts")).toBe(SORTED);
  });

  it("--jobs takes a positive integer", async () => {
    const root = await sample();
    expect((await runMain(["--jobs", "2", "src"], root)).code).toBe(0);
    for (const bad of ["0", "-1", "1.5", "x"]) {
      const result = await runMain(["--jobs", bad, "src"], root);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--jobs must be a positive integer");
    }
  });
});

describe("--check", () => {
  it("writes nothing, lists files that would change, exits 1", async () => {
    const root = await sample();
    const before = await snapshot(root, "src/a.ts");
    const result = await runMain(["--check", "src"], root);
    expect(result).toEqual({ code: 1, stdout: "src/a.ts\n", stderr: "1 file would be sorted, 1 unchanged\n" });
    expect(await snapshot(root, "src/a.ts")).toEqual(before);
  });

  it("exits 0 when everything is sorted", async () => {
    const root = await makeProject({ "a.ts": SORTED });
    expect(await runMain(["--check", "."], root)).toEqual({ code: 0, stdout: "", stderr: "0 files would be sorted, 1 unchanged\n" });
  });

  it("exits 2 when a file failed, even if others would change (2 wins)", async () => {
    const root = await makeProject({ "a.ts": UNSORTED, "broken.ts": BROKEN });
    const result = await runMain(["--check", "."], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("a.ts\n");
  });

  it("--quiet lists nothing and keeps the exit code", async () => {
    const root = await sample();
    expect(await runMain(["--check", "--quiet", "src"], root)).toEqual({ code: 1, stdout: "", stderr: "" });
  });

  it("cannot be combined with --diff", async () => {
    const root = await sample();
    const result = await runMain(["--check", "--diff", "src"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--check and --diff cannot be combined");
  });
});

describe("--diff", () => {
  const expected = '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,2 @@\n-import b from "b";\n import a from "a";\n+import b from "b";\n';

  it("prints a unified diff per file, writes nothing, exits 1", async () => {
    const root = await sample();
    const before = await snapshot(root, "src/a.ts");
    const result = await runMain(["--diff", "src"], root);
    expect(result).toEqual({ code: 1, stdout: expected, stderr: "1 file would be sorted, 1 unchanged\n" });
    expect(await snapshot(root, "src/a.ts")).toEqual(before);
  });

  it("colors only on a TTY, and never with --no-color or NO_COLOR", async () => {
    const root = await sample();
    expect((await runMain(["--diff", "src"], root, { isTTY: true })).stdout).toMatch(ANSI);
    expect((await runMain(["--diff", "--no-color", "src"], root, { isTTY: true })).stdout).toBe(expected);
    expect((await runMain(["--diff", "src"], root, { isTTY: true, env: { NO_COLOR: "1" } })).stdout).toBe(expected);
    expect((await runMain(["--diff", "src"], root, { isTTY: false })).stdout).toBe(expected);
  });

  it("exits 0 with no output when nothing would change, 2 when something failed", async () => {
    const root = await makeProject({ "a.ts": SORTED, "broken.ts": BROKEN });
    expect((await runMain(["--diff", "a.ts"], root)).code).toBe(0);
    expect((await runMain(["--diff", "a.ts"], root)).stdout).toBe("");
    expect((await runMain(["--diff", "."], root)).code).toBe(2);
  });
});

describe("--json", () => {
  it("prints one JSON document with version, mode, summary and per-file results", async () => {
    const root = await makeProject({ "a.ts": UNSORTED, "b.ts": SORTED, "broken.ts": BROKEN });
    const result = await runMain(["--json", "--check", "."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("");
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ version: pkg.version, mode: "check", summary: { changed: 1, unchanged: 1, skipped: 0, failed: 1 } });
    expect(doc.files).toEqual([
      { path: "a.ts", status: "changed" },
      { path: "b.ts", status: "unchanged" },
      { path: "broken.ts", status: "failed", diagnostics: [expect.objectContaining({ code: "syntax-error", path: "broken.ts", line: 1 })] },
    ]);
  });

  it("includes diffs in diff mode and reports write mode", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const diff = JSON.parse((await runMain(["--json", "--diff", "."], root)).stdout);
    expect(diff.files[0].diff).toContain("--- a/a.ts\n+++ b/a.ts\n");
    const write = await runMain(["--json", "."], root);
    expect(write.code).toBe(0);
    expect(JSON.parse(write.stdout)).toMatchObject({ mode: "write", summary: { changed: 1 }, files: [{ path: "a.ts", status: "changed" }] });
  });
});

describe("--stdin-filepath", () => {
  it("prints the sorted source, keeping a BOM, and writes nothing", async () => {
    const root = await makeProject({ "src/a.ts": UNSORTED });
    expect(await runMain(["--stdin-filepath", "src/a.ts"], root, { stdin: UNSORTED })).toEqual({ code: 0, stdout: SORTED, stderr: "" });
    expect((await runMain(["--stdin-filepath", "src/a.ts"], root, { stdin: "\uFEFF" + UNSORTED })).stdout).toBe("\uFEFF" + SORTED);
    expect(await read(root, "src/a.ts")).toBe(UNSORTED);
  });

  it("prints already sorted source unchanged, for a path that need not exist", async () => {
    const root = await makeProject({});
    expect(await runMain(["--stdin-filepath", "new/file.tsx"], root, { stdin: SORTED })).toEqual({ code: 0, stdout: SORTED, stderr: "" });
  });

  it("on a syntax error prints nothing on stdout, the located error on stderr, exits 2", async () => {
    const root = await makeProject({});
    const result = await runMain(["--stdin-filepath", "src/x.ts"], root, { stdin: BROKEN });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^src\/x\.ts:1:\d+: syntax error: .+\n/);
  });

  it("uses the config of that path", async () => {
    const root = await makeProject({ "pkg/safesort.config.json": '{ "firstParty": ["b"] }' });
    const result = await runMain(["--stdin-filepath", "pkg/a.ts"], root, { stdin: UNSORTED });
    expect(result.stdout).toBe('import a from "a";\n\nimport b from "b";\n');
  });

  it("passes an excluded path through untouched", async () => {
    const root = await makeProject({ "safesort.config.json": '{ "exclude": ["gen/**"] }' });
    expect((await runMain(["--stdin-filepath", "gen/a.ts"], root, { stdin: UNSORTED })).stdout).toBe(UNSORTED);
  });

  it("with --check exits 1 when the source would change", async () => {
    const root = await makeProject({});
    expect(await runMain(["--check", "--stdin-filepath", "a.ts"], root, { stdin: UNSORTED })).toEqual({ code: 1, stdout: "a.ts\n", stderr: "" });
    expect((await runMain(["--diff", "--stdin-filepath", "a.ts"], root, { stdin: UNSORTED })).stdout).toContain("+++ b/a.ts\n");
  });

  it("passes an unsupported file type through untouched and reports it as skipped", async () => {
    const root = await makeProject({});
    expect(await runMain(["--stdin-filepath", "a.gjs"], root, { stdin: UNSORTED })).toEqual({ code: 0, stdout: UNSORTED, stderr: "" });
    const check = await runMain(["--check", "--stdin-filepath", "notes.md"], root, { stdin: UNSORTED });
    expect(check).toEqual({ code: 0, stdout: "", stderr: "notes.md: skipped (unsupported file type)\n" });
  });

  it("refuses paths next to --stdin-filepath", async () => {
    const root = await makeProject({});
    const result = await runMain(["--stdin-filepath", "a.ts", "b.ts"], root, { stdin: UNSORTED });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });
});

describe("explain <file>", () => {
  it("prints blocks with line ranges and verdicts, barriers with reasons, and each import's line, group and key", async () => {
    const root = await makeProject({
      "a.ts": 'import z from "z";\nimport fs from "node:fs";\nimport "./polyfill";\nimport { x } from "./x";\n',
    });
    const result = await runMain(["explain", "a.ts"], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("a.ts: 2 blocks, 1 barrier");
    expect(lines[1]).toBe("lines 1-2: imports block, would change");
    // Imports are listed in their sorted order: builtin `node:fs` (line 2) first.
    expect(lines[2]).toMatch(/^ {2}line 2: builtin +group \d.*"node:fs"/);
    expect(lines[3]).toMatch(/^ {2}line 1: third-party +group \d/);
    expect(lines[4]).toMatch(/^line 3: barrier \(.*side-effect.*\): import "\.\/polyfill";$/);
    expect(lines[5]).toBe("line 4: imports block, already sorted");
    expect(lines[6]).toMatch(/^ {2}line 4: sibling +group/);
  });

  it("prints JSON with --json", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const doc = JSON.parse((await runMain(["explain", "--json", "a.ts"], root)).stdout);
    expect(doc).toMatchObject({ path: "a.ts", blocks: [{ kind: "imports", startLine: 1, endLine: 2, changed: true }], barriers: [] });
  });

  it("exits 2 on a syntax error or a missing file", async () => {
    const root = await makeProject({ "broken.ts": BROKEN });
    const broken = await runMain(["explain", "broken.ts"], root);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.ts:1:\d+: syntax error: /);
    expect((await runMain(["explain", "missing.ts"], root)).code).toBe(2);
    expect((await runMain(["explain"], root)).code).toBe(2);
  });
});

describe("configuration", () => {
  it("--config uses that file for every file", async () => {
    const root = await makeProject({ "c.json": '{ "firstParty": ["b"] }', "src/a.ts": UNSORTED });
    expect((await runMain(["--config", "c.json", "src"], root)).code).toBe(0);
    expect(await read(root, "src/a.ts")).toBe('import a from "a";\n\nimport b from "b";\n');
  });

  it("--no-config reads no config file: the defaults for every file, even under an invalid one", async () => {
    const root = await makeProject({
      "safesort.config.json": '{ "firstParty": ["b"] }',
      "src/a.ts": UNSORTED,
      "bad/safesort.config.json": '{ "unknownKey": true }',
      "bad/a.ts": UNSORTED,
    });
    const result = await runMain(["--no-config", "."], root);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(await read(root, "src/a.ts")).toBe(SORTED);
    expect(await read(root, "bad/a.ts")).toBe(SORTED);
    const explained = await runMain(["explain", "--no-config", "src/a.ts"], root);
    expect(explained.code).toBe(0);
    expect(explained.stdout).not.toContain("safesort.config.json");
  });

  it("an invalid --config prints file:line:col: keyPath: message once and exits 2, writing nothing", async () => {
    const root = await makeProject({ "c.json": '{ "groups": 5 }', "a.ts": UNSORTED, "b.ts": UNSORTED });
    const result = await runMain(["--config", "c.json", "."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^c\.json:1:13: groups: .+\n$/);
    expect(await read(root, "a.ts")).toBe(UNSORTED);
  });

  it("an invalid nearest config fails the files it governs only", async () => {
    const root = await makeProject({ "bad/safesort.config.json": '{ "unknownKey": true }', "bad/a.ts": UNSORTED, "good/a.ts": UNSORTED });
    const result = await runMain(["."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bad\/safesort\.config\.json:1:17: unknownKey: .+\n$/);
    expect(await read(root, "bad/a.ts")).toBe(UNSORTED);
    expect(await read(root, "good/a.ts")).toBe(SORTED);
  });
});

describe("usage", () => {
  it("--version prints package.json's version", async () => {
    expect(await runMain(["--version"], process.cwd())).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("--help shows options and examples", async () => {
    const result = await runMain(["--help"], process.cwd());
    expect(result.code).toBe(0);
    for (const text of ["--check", "--diff", "--stdin-filepath", "--json", "--config", "--quiet", "--no-color", "--jobs", "explain <file>", "Examples:"]) {
      expect(result.stdout).toContain(text);
    }
  });

  it("an unknown option is a usage error, exit 2", async () => {
    const result = await runMain(["--frobnicate"], process.cwd());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Unknown argument: frobnicate");
  });
});
