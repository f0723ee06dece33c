import { chmod, readFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { collectRun, runFiles } from "../../src/pipeline/run.js";
import { BROKEN, makeProject, read, removeProjects, snapshot, SORTED, UNSORTED } from "../cli/project.js";

afterAll(removeProjects);

describe("runFiles", () => {
  it("sorts in write mode and reports changed / unchanged / failed with counts", async () => {
    const root = await makeProject({ "src/a.ts": UNSORTED, "src/b.ts": SORTED, "src/broken.ts": BROKEN });
    const { files, summary } = await collectRun(["src"], { mode: "write", cwd: root });
    expect(summary).toEqual({ changed: 1, unchanged: 1, skipped: 0, failed: 1 });
    expect(await read(root, "src/a.ts")).toBe(SORTED);
    expect(await read(root, "src/broken.ts")).toBe(BROKEN);
    const broken = files.find((f) => f.path === join("src", "broken.ts"));
    expect(broken?.status).toBe("failed");
    expect(broken?.diagnostics?.[0]).toMatchObject({ code: "syntax-error", path: join("src", "broken.ts"), line: 1 });
  });

  it("yields reports in discovery order whatever the concurrency", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, "0")}.ts`] = i % 2 ? UNSORTED : SORTED;
    const root = await makeProject(files);
    const explicit = Object.keys(files).reverse();
    const seen: string[] = [];
    for await (const report of runFiles(explicit, { mode: "check", cwd: root, concurrency: 4 })) seen.push(report.path);
    expect(seen).toEqual(explicit);
  });

  it("writes nothing in check and diff modes; diff mode attaches a unified diff", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const before = await snapshot(root, "a.ts");
    const check = await collectRun(["a.ts"], { mode: "check", cwd: root });
    expect(check.files).toEqual([{ path: "a.ts", status: "changed", lines: { start: 1, end: 2 } }]);
    // Without line ranges (the CLI's text listing): the same report, no `lines`.
    const listed = await collectRun(["a.ts"], { mode: "check", cwd: root, lineRanges: false });
    expect(listed.files).toEqual([{ path: "a.ts", status: "changed" }]);
    const diff = await collectRun(["a.ts"], { mode: "diff", cwd: root });
    expect(diff.files[0]?.diff).toBe('--- a/a.ts\n+++ b/a.ts\n@@ -1,2 +1,2 @@\n-import b from "b";\n import a from "a";\n+import b from "b";\n');
    expect(await snapshot(root, "a.ts")).toEqual(before);
  });

  it("keeps a BOM and CRLF line endings on write", async () => {
    const root = await makeProject({ "a.ts": "\uFEFF" + UNSORTED.replace(/\n/g, "\r\n") });
    await collectRun(["a.ts"], { mode: "write", cwd: root });
    expect(await readFile(join(root, "a.ts"), "utf8")).toBe("\uFEFF" + SORTED.replace(/\n/g, "\r\n"));
  });

  it("fails every file governed by an invalid config, with the config's diagnostic", async () => {
    const root = await makeProject({ "safesort.config.json": '{ "blankLinesBetweenGroups": "yes" }', "a.ts": UNSORTED });
    const { files, summary } = await collectRun(["."], { mode: "write", cwd: root });
    expect(summary.failed).toBe(1);
    expect(files[0]).toMatchObject({ path: "a.ts", status: "failed" });
    expect(files[0]?.diagnostics?.[0]).toMatchObject({ code: "config-error", path: "safesort.config.json" });
    expect(files[0]?.diagnostics?.[0]?.message).toContain("blankLinesBetweenGroups");
    expect(await read(root, "a.ts")).toBe(UNSORTED);
  });

  it("does not walk paths excluded by config, but processes them when named", async () => {
    const root = await makeProject({
      "safesort.config.json": '{ "exclude": ["generated/**"] }',
      "generated/x.ts": UNSORTED,
      "src/a.ts": UNSORTED,
    });
    const walked = await collectRun(["."], { mode: "check", cwd: root });
    expect(walked.files.map((f) => f.path)).toEqual([join("src", "a.ts")]);
    const named = await collectRun(["generated/x.ts"], { mode: "check", cwd: root });
    expect(named.files.map((f) => f.path)).toEqual([join("generated", "x.ts")]);
  });

  it("uses an explicit config file (relative to cwd) for every file", async () => {
    const root = await makeProject({ "conf/custom.json": '{ "firstParty": ["b"] }', "a.ts": UNSORTED });
    await collectRun(["a.ts"], { mode: "write", cwd: root, configFile: "conf/custom.json" });
    // With `b` first-party, third-party `a` comes first and the groups are separated by a blank line.
    expect(await read(root, "a.ts")).toBe('import a from "a";\n\nimport b from "b";\n');
  });

  it("reports a missing path as failed", async () => {
    const root = await makeProject({ "a.ts": SORTED });
    const { files, summary } = await collectRun(["a.ts", "nope.ts"], { mode: "check", cwd: root });
    expect(summary).toEqual({ changed: 0, unchanged: 1, skipped: 0, failed: 1 });
    expect(files[1]).toMatchObject({ status: "failed", diagnostics: [{ code: "not-found" }] });
  });

  it("reports a file the writer refuses (read-only) as failed and leaves it untouched", async () => {
    const root = await makeProject({ "ro.ts": UNSORTED, "rw.ts": UNSORTED });
    await chmod(join(root, "ro.ts"), 0o444);
    const { files, summary } = await collectRun(["ro.ts", "rw.ts"], { mode: "write", cwd: root });
    expect(summary).toEqual({ changed: 1, unchanged: 0, skipped: 0, failed: 1 });
    expect(files[0]).toMatchObject({ path: "ro.ts", status: "failed" });
    expect(files[0]?.diagnostics?.[0]?.path).toBe("ro.ts");
    expect(await read(root, "ro.ts")).toBe(UNSORTED);
    expect(await read(root, "rw.ts")).toBe(SORTED);
  });

  it("counts a file that asks to be skipped", async () => {
    const root = await makeProject({ "a.ts": "// safesort: skip-file\n" + UNSORTED });
    const { files, summary } = await collectRun(["a.ts"], { mode: "write", cwd: root });
    expect(summary.skipped).toBe(1);
    expect(files[0]).toMatchObject({ status: "skipped" });
  });
});
