import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SMALL_RUN } from "../../src/pipeline/processor.js";
import { collectRun } from "../../src/pipeline/run.js";
import type { FileTask } from "../../src/pool/messages.js";
import { WorkerPool } from "../../src/pool/pool.js";
import { testConfig } from "../helpers/config.js";
import { makeTree, removeTree } from "../helpers/tree.js";

const config = testConfig();
const task = (index: number, path: string): FileTask => ({ index, path, displayPath: path, config });

describe("WorkerPool with the real worker", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTree("pool", { "a.ts": 'import b from "b";\nimport a from "a";\n', "b.ts": 'import a from "a";\n', "c.ts": "import {\n" });
  });
  afterAll(() => removeTree(dir));

  it("processes files on worker threads and returns results by index", async () => {
    const pool = new WorkerPool({ size: 2, batchSize: 1 });
    try {
      const results = await Promise.all(["a.ts", "b.ts", "c.ts"].map((f, i) => pool.process(task(i, join(dir, f)))));
      expect(results.map((r) => [r.index, r.status])).toEqual([
        [0, "changed"],
        [1, "unchanged"],
        [2, "failed"],
      ]);
      const changed = results[0]!;
      expect(changed.status === "changed" && changed.output).toBe('import a from "a";\nimport b from "b";\n');
      const failed = results[2]!;
      expect(failed.status === "failed" && failed.diagnostic.code).toBe("syntax-error");
    } finally {
      await pool.close();
    }
  });
});

describe("WorkerPool crash handling", () => {
  const fake = new URL("./fake-worker.mjs", import.meta.url);

  it("fails only the crashed batch's files and goes on with a new worker", async () => {
    const pool = new WorkerPool({ size: 1, batchSize: 1, workerUrl: fake });
    try {
      const results = await Promise.all(["/x/ok1.ts", "/x/crash.ts", "/x/ok2.ts", "/x/ok3.ts"].map((p, i) => pool.process(task(i, p))));
      expect(results.map((r) => r.status)).toEqual(["unchanged", "failed", "unchanged", "unchanged"]);
      const crashed = results[1]!;
      expect(crashed.status === "failed" && crashed.diagnostic.message).toMatch(/worker crashed/);
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it("with timeoutMs, fails a file that never returns, replaces its worker and goes on", async () => {
    const pool = new WorkerPool({ size: 1, batchSize: 1, workerUrl: fake, timeoutMs: 300 });
    try {
      const results = await Promise.all(["/x/ok1.ts", "/x/hang.ts", "/x/ok2.ts"].map((p, i) => pool.process(task(i, p))));
      expect(results.map((r) => r.status)).toEqual(["unchanged", "failed", "unchanged"]);
      const hung = results[1]!;
      expect(hung.status === "failed" && hung.diagnostic).toMatchObject({ code: "timeout", message: expect.stringMatching(/timed out after 300 ms/) });
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it("a worker that dies before it is ready is not restarted forever: the files fail with the reason", async () => {
    const pool = new WorkerPool({ size: 2, batchSize: 1, workerUrl: fake, workerData: { failStart: true } });
    try {
      const results = await Promise.all([0, 1, 2].map((i) => pool.process(task(i, `/x/f${i}.ts`))));
      for (const r of results) expect(r.status === "failed" && r.diagnostic.message).toMatch(/worker failed to start: worker exited with code 4/);
      const late = await pool.process(task(9, "/x/late.ts"));
      expect(late.status === "failed" && late.diagnostic.message).toMatch(/failed to start/);
    } finally {
      await pool.close();
    }
  });

  it("fails queued files as cancelled on close, and refuses new work", async () => {
    const pool = new WorkerPool({ size: 1, batchSize: 1, workerUrl: fake });
    const pending = [0, 1, 2].map((i) => pool.process(task(i, `/x/f${i}.ts`)));
    await pool.close();
    const results = await Promise.all(pending);
    expect(results.every((r) => r.status === "failed" || r.status === "unchanged")).toBe(true);
    expect(results.some((r) => r.status === "failed" && /cancelled/.test(r.diagnostic.message))).toBe(true);
    const late = await pool.process(task(9, "/x/late.ts"));
    expect(late.status === "failed" && late.diagnostic.message).toMatch(/closed/);
  });
});

describe("runs large enough to use workers", () => {
  let dir: string;
  const count = SMALL_RUN + 40;
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      const body = i % 3 === 0 ? `import z${i} from "z";\nimport a${i} from "a";\n` : i % 7 === 0 ? "import {\n" : `import a${i} from "a";\n`;
      files[`f${String(i).padStart(3, "0")}.ts`] = body;
    }
    dir = await makeTree("poolrun", files);
  });
  afterAll(() => removeTree(dir));

  it("gives the same reports, in the same order, with 2 workers as in-process", async () => {
    const inProcess = await collectRun(["."], { mode: "diff", cwd: dir, jobs: 1 });
    const pooled = await collectRun(["."], { mode: "diff", cwd: dir, jobs: 2 });
    expect(pooled.files).toEqual(inProcess.files);
    expect(pooled.summary).toEqual(inProcess.summary);
    expect(inProcess.summary.changed).toBeGreaterThan(20);
    expect(inProcess.summary.failed).toBeGreaterThan(5);
  });

  it("writes through the pool in write mode", async () => {
    const result = await collectRun(["."], { mode: "write", cwd: dir, jobs: 2 });
    expect(result.summary.changed).toBe(Math.ceil(count / 3));
    expect(await readFile(join(dir, "f000.ts"), "utf8")).toBe('import a0 from "a";\nimport z0 from "z";\n');
  });
});
