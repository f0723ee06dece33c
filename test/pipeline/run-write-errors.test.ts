import { afterAll, describe, expect, it, vi } from "vitest";

import { SafesortError } from "../../src/errors.js";
import { collectRun } from "../../src/pipeline/run.js";
import { makeProject, read, removeProjects, UNSORTED } from "../cli/project.js";

// The writer's own tests cover when it refuses; here: what the run makes of a refusal.
const writeFileAtomic = vi.hoisted(() => vi.fn());
vi.mock("../../src/files/write.js", async (importOriginal) => ({ ...(await importOriginal<object>()), writeFileAtomic }));

afterAll(removeProjects);

describe("runFiles when a write is refused or fails", () => {
  it("reports a file changed since it was read as failed, under its display path", async () => {
    writeFileAtomic.mockRejectedValueOnce(new SafesortError("changed-on-disk", "file changed since it was read", "/abs/a.ts"));
    const root = await makeProject({ "a.ts": UNSORTED });
    const { files, summary } = await collectRun(["a.ts"], { mode: "write", cwd: root });
    expect(summary).toEqual({ changed: 0, unchanged: 0, skipped: 0, failed: 1 });
    expect(files[0]).toEqual({
      path: "a.ts",
      status: "failed",
      diagnostics: [{ code: "changed-on-disk", message: "file changed since it was read", path: "a.ts", line: undefined, column: undefined }],
    });
  });

  it("passes the hash of what was read and the BOM flag to the writer", async () => {
    writeFileAtomic.mockResolvedValueOnce(undefined);
    const root = await makeProject({ "a.ts": "\uFEFF" + UNSORTED });
    await collectRun(["a.ts"], { mode: "write", cwd: root });
    expect(writeFileAtomic).toHaveBeenLastCalledWith(expect.stringMatching(/a\.ts$/), 'import a from "a";\nimport b from "b";\n', {
      bom: true,
      expectedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("turns an OS error into write-failed, and anything else into an internal error", async () => {
    writeFileAtomic.mockRejectedValueOnce(Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" }));
    writeFileAtomic.mockRejectedValueOnce(new TypeError("bug"));
    const root = await makeProject({ "a.ts": UNSORTED, "b.ts": UNSORTED });
    const { files } = await collectRun(["a.ts", "b.ts"], { mode: "write", cwd: root, concurrency: 1 });
    expect(files[0]?.diagnostics?.[0]).toMatchObject({ code: "write-failed", path: "a.ts" });
    expect(files[1]?.diagnostics?.[0]).toMatchObject({ code: "internal-error", path: "b.ts" });
    expect(await read(root, "a.ts")).toBe(UNSORTED);
  });
});
