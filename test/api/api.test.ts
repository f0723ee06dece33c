import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import * as api from "../../src/index.js";
import { defaultConfig, explain, loadConfig, ParseError, sortFiles, sortSource } from "../../src/index.js";
import { BROKEN, makeProject, read, removeProjects, snapshot, SORTED, UNSORTED } from "../cli/project.js";

afterAll(removeProjects);

describe("the public API", () => {
  it("exports the documented entry points", () => {
    for (const name of ["sortSource", "sortFiles", "explain", "loadConfig", "defaultConfig", "ConfigError", "ParseError", "SafesortError"]) {
      expect(api).toHaveProperty(name);
    }
  });
});

describe("sortSource", () => {
  it("sorts with the default config when none is given", () => {
    const result = sortSource(UNSORTED, { filepath: "src/a.ts" });
    expect(result).toEqual({ code: SORTED, changed: true, blocks: 1, diagnostics: [] });
  });

  it("returns the input as is when already sorted", () => {
    const result = sortSource(SORTED, { filepath: "a.ts" });
    expect(result.code).toBe(SORTED);
    expect(result.changed).toBe(false);
    expect(result.diagnostics).toEqual([]);
  });

  it("keeps a BOM", () => {
    expect(sortSource("\uFEFF" + UNSORTED, { filepath: "a.ts" }).code).toBe("\uFEFF" + SORTED);
    expect(sortSource("\uFEFF" + SORTED, { filepath: "a.ts" }).code).toBe("\uFEFF" + SORTED);
  });

  it("never throws on a syntax error: the input comes back with a located diagnostic", () => {
    const result = sortSource(BROKEN, { filepath: "src/b.ts" });
    expect(result.code).toBe(BROKEN);
    expect(result.changed).toBe(false);
    expect(result.blocks).toBe(0);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "syntax-error", path: "src/b.ts", line: 1 })]);
  });

  it("uses the config it is given", () => {
    const config = { ...defaultConfig("/p"), firstParty: ["b"] };
    expect(sortSource(UNSORTED, { filepath: "/p/a.ts", config }).code).toBe('import a from "a";\n\nimport b from "b";\n');
  });

  it("counts import and re-export blocks separately", () => {
    const source = 'import b from "b";\nimport a from "a";\nfoo();\nexport { y } from "./y";\nexport { x } from "./x";\n';
    expect(sortSource(source, { filepath: "a.ts" }).blocks).toBe(2);
  });

  it("is plain data for JSON and spread", () => {
    const result = sortSource(UNSORTED, { filepath: "a.ts" });
    expect(JSON.parse(JSON.stringify(result))).toEqual({ code: SORTED, changed: true, blocks: 1, diagnostics: [] });
    expect({ ...result }.blocks).toBe(1);
  });
});

describe("sortFiles", () => {
  it("sorts files in write mode and returns reports relative to cwd, with a summary", async () => {
    const root = await makeProject({ "src/a.ts": UNSORTED, "src/b.ts": SORTED, "src/c.ts": BROKEN });
    const { files, summary } = await sortFiles(["src"], { mode: "write", cwd: root });
    expect(summary).toEqual({ changed: 1, unchanged: 1, skipped: 0, failed: 1 });
    expect(files.map((f) => [f.path, f.status])).toEqual([
      [join("src", "a.ts"), "changed"],
      [join("src", "b.ts"), "unchanged"],
      [join("src", "c.ts"), "failed"],
    ]);
    expect(files[2]?.diagnostics?.[0]).toMatchObject({ code: "syntax-error", path: join("src", "c.ts") });
    expect(await read(root, "src/a.ts")).toBe(SORTED);
  });

  it("check and diff modes write nothing; diff mode returns the diff", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const before = await snapshot(root, "a.ts");
    expect((await sortFiles(["a.ts"], { mode: "check", cwd: root })).files).toEqual([
      { path: "a.ts", status: "changed", lines: { start: 1, end: 2 } },
    ]);
    const { files } = await sortFiles(["a.ts"], { mode: "diff", cwd: root });
    expect(files[0]?.diff).toContain('-import b from "b";\n import a from "a";\n+import b from "b";\n');
    expect(await snapshot(root, "a.ts")).toEqual(before);
  });

  it("keeps absolute paths out of reports for files inside cwd, even when given absolute", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const { files } = await sortFiles([join(root, "a.ts")], { mode: "check", cwd: root });
    expect(files[0]?.path).toBe("a.ts");
  });

  it("reports failures as values, never by throwing", async () => {
    const root = await makeProject({});
    const { files, summary } = await sortFiles(["missing.ts"], { mode: "write", cwd: root });
    expect(summary.failed).toBe(1);
    expect(files[0]).toMatchObject({ status: "failed", path: "missing.ts" });
  });
});

describe("explain", () => {
  it("returns blocks and barriers", () => {
    const result = explain('import b from "b";\nimport a from "a";\nimport "./side";\n', { filepath: "a.ts" });
    expect(result.blocks).toHaveLength(1);
    expect(result.blocks[0]).toMatchObject({ kind: "imports", startLine: 1, endLine: 2, changed: true });
    expect(result.blocks[0]?.imports.map((i) => i.source)).toEqual(["a", "b"]);
    expect(result.barriers).toEqual([expect.objectContaining({ line: 3, reason: "side-effect import" })]);
  });

  it("strips a BOM and throws ParseError on a syntax error", () => {
    expect(explain("\uFEFF" + SORTED, { filepath: "a.ts" }).blocks[0]?.startLine).toBe(1);
    expect(() => explain(BROKEN, { filepath: "a.ts" })).toThrow(ParseError);
  });
});

describe("loadConfig", () => {
  it("resolves the nearest config for a file", async () => {
    const root = await makeProject({ "safesort.config.json": '{ "firstParty": ["@me/*"], "blankLinesBetweenGroups": false }' });
    const config = await loadConfig(join(root, "src", "a.ts"));
    expect(config.blankLinesBetweenGroups).toBe(false);
    expect(config.firstParty).toContain("@me/*");
    expect(config.configFile).toBe(join(root, "safesort.config.json"));
    const sorted = sortSource('import x from "@me/x";\nimport a from "a";\n', { filepath: join(root, "a.ts"), config });
    expect(sorted.code).toBe('import a from "a";\nimport x from "@me/x";\n');
  });
});
