/**
 * The run driver's lane for files settled at once (src/pipeline/drive.ts,
 * `FileProcessor.knownResult`: the sorter's metadata cache): such files come
 * out in discovery order among the files processed the slow way, with their
 * index and their configs, and are never processed.
 */
import { join, relative, sep } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { processFileBatches, processFiles } from "../../src/pipeline/drive.js";
import type { FileProcessor } from "../../src/pipeline/processor.js";
import type { FileTask } from "../../src/pool/messages.js";
import type { FileResult } from "../../src/types.js";
import { makeProject, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

/** A processor that knows the files named `known*` at once and processes the others slowly, the later ones faster. */
function fakeProcessor(root: string) {
  const asked: string[] = [];
  const processed: string[] = [];
  let slow = 0;
  const rel = (task: Pick<FileTask, "path">): string => relative(root, task.path).split(sep).join("/");
  const processor: FileProcessor = {
    smallRun: 0,
    knownResult: (path, index) => {
      asked.push(rel({ path }));
      return /known[^/]*$/.test(rel({ path })) ? { status: "unchanged", index, path } : undefined;
    },
    process: async (task) => {
      processed.push(rel(task));
      await new Promise((done) => setTimeout(done, Math.max(0, 12 - 3 * slow++)));
      return { status: "skipped", reason: "processed", index: task.index, path: task.path };
    },
  };
  return { processor, asked, processed };
}

/** In the walk's order (each directory's entries sorted by name). */
const tree = {
  "a/known1.ts": "",
  "a/known2.ts": "",
  "a/slow1.ts": "",
  "a/zknown3.ts": "",
  "b/.safesortrc.json": "{}",
  "b/known4.ts": "",
  "b/slow2.ts": "",
  "b/slow3.ts": "",
  "b/zknown5.ts": "",
  "c/known6.ts": "",
  "known7.ts": "",
  "slow4.ts": "",
};

describe("the lane for files settled at once", () => {
  it("keeps discovery order, indexes and configs, and processes only the others, once each", async () => {
    const root = await makeProject(tree);
    const { processor, asked, processed } = fakeProcessor(root);
    const results: FileResult[] = [];
    for await (const result of processFiles([".", "missing.ts"], { cwd: root, processor, concurrency: 3 })) results.push(result);
    const names = results.map((r) => (r.status === "failed" ? `failed:${r.diagnostic.code}` : relative(root, r.path).split(sep).join("/")));
    const files = Object.keys(tree).filter((f) => f.endsWith(".ts"));
    expect(names).toEqual([...files, "failed:not-found"]);
    expect(results.map((r) => r.index)).toEqual(names.map((_, i) => i));
    expect(results.map((r) => r.status)).toEqual(names.map((n) => (n.startsWith("failed") ? "failed" : /known/.test(n) ? "unchanged" : "skipped")));
    expect([...processed].sort()).toEqual(files.filter((f) => !/known/.test(f)).sort());
    expect([...asked].sort()).toEqual([...files].sort()); // each file asked once
    // The config of b/ applies to its files, known at once or not.
    for (const result of results) {
      const inB = result.path.startsWith(join(root, "b") + sep);
      expect(result.appliedConfigs?.map((c) => relative(root, c.file)), result.path).toEqual(inB ? [join("b", ".safesortrc.json")] : undefined);
    }
  });

  it("gives the files settled at once in batches, and a processor without the lane the same results one by one", async () => {
    const root = await makeProject(tree);
    const withLane = fakeProcessor(root);
    const batches: (readonly FileResult[])[] = [];
    for await (const batch of processFileBatches(["."], { cwd: root, processor: withLane.processor })) batches.push(batch);
    expect(batches.some((b) => b.length > 1)).toBe(true);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    const without = fakeProcessor(root);
    const { knownResult: _, ...plain } = without.processor;
    const one: FileResult[] = [];
    for await (const result of processFiles(["."], { cwd: root, processor: plain })) one.push(result);
    expect(one.map((r) => [r.index, r.path])).toEqual(batches.flat().map((r) => [r.index, r.path]));
    expect(one.every((r) => r.status === "skipped")).toBe(true);
    expect(without.processed).toHaveLength(Object.keys(tree).filter((f) => f.endsWith(".ts")).length);
  });
});
