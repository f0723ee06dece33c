import { describe, expect, it, vi } from "vitest";

import { defaultConfig } from "../../src/config/index.js";
import { processFile } from "../../src/pipeline/process-file.js";

// A bug below processFile must come back as a value, never as an exception.
vi.mock("../../src/files/read.js", () => ({
  readSourceBytes: () => {
    throw new TypeError("reader exploded");
  },
}));

describe("processFile on an unexpected exception", () => {
  it("returns failed with internal-error and the stack", async () => {
    const result = await processFile("/x/a.ts", 7, defaultConfig("/x"), "a.ts");
    expect(result).toMatchObject({ status: "failed", index: 7, path: "/x/a.ts", diagnostic: { code: "internal-error", message: "reader exploded", path: "a.ts" } });
    if (result.status === "failed") expect(result.diagnostic.stack).toContain("TypeError: reader exploded");
  });
});
