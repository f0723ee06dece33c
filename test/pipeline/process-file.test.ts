import { createHash } from "node:crypto";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { defaultConfig } from "../../src/config/index.js";
import { processFile } from "../../src/pipeline/process-file.js";
import { BROKEN, makeProject, removeProjects, SORTED, UNSORTED } from "../cli/project.js";

afterAll(removeProjects);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("processFile", () => {
  it("returns the sorted output with the original text, its hash and the BOM flag", async () => {
    const root = await makeProject({ "a.ts": "\uFEFF" + UNSORTED });
    const result = await processFile(join(root, "a.ts"), 4, defaultConfig(root), "a.ts");
    expect(result).toMatchObject({ status: "changed", output: SORTED, index: 4, path: join(root, "a.ts"), original: UNSORTED, bom: true });
    expect(result.originalHash).toBe(sha256("\uFEFF" + UNSORTED));
  });

  it("does not carry the text of an unchanged file", async () => {
    const root = await makeProject({ "a.ts": SORTED });
    const result = await processFile(join(root, "a.ts"), 0, defaultConfig(root), "a.ts");
    expect(result).toMatchObject({ status: "unchanged", bom: false });
    expect(result.original).toBeUndefined();
  });

  it("turns a syntax error into a failed result located in the display path", async () => {
    const root = await makeProject({ "src/b.ts": BROKEN });
    const result = await processFile(join(root, "src/b.ts"), 1, defaultConfig(root), "src/b.ts");
    expect(result.status).toBe("failed");
    if (result.status === "failed") {
      expect(result.diagnostic).toMatchObject({ code: "syntax-error", path: "src/b.ts", line: 1 });
      expect(result.diagnostic.frame).toBeTruthy();
    }
  });

  it("turns a read failure into a failed result", async () => {
    const root = await makeProject({});
    const result = await processFile(join(root, "missing.ts"), 2, defaultConfig(root), "missing.ts");
    expect(result).toMatchObject({ status: "failed", index: 2, diagnostic: { path: "missing.ts" } });
  });
});
