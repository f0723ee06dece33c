import { createHash } from "node:crypto";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { defaultConfig } from "../../src/config/index.js";
import { readImportRegion } from "../../src/parse/oxc-reading.js";
import { importRegion, importRegionAsync } from "../../src/parse/region.js";
import { processFile } from "../../src/pipeline/process-file.js";
import { processSource } from "../../src/pipeline/process-source.js";
import { BROKEN, makeProject, removeProjects, SORTED, UNSORTED } from "../cli/project.js";
import { RAW_TRANSFER } from "../helpers/raw-transfer.js";

afterAll(removeProjects);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("processFile", () => {
  it("returns the sorted output with the original text, its hash and the BOM flag", async () => {
    const root = await makeProject({ "a.ts": "\uFEFF" + UNSORTED });
    const result = await processFile(join(root, "a.ts"), 4, defaultConfig(root), "a.ts");
    expect(result).toMatchObject({ status: "changed", output: SORTED, index: 4, path: join(root, "a.ts"), original: UNSORTED, bom: true });
    expect(result.originalHash).toBe(sha256("\uFEFF" + UNSORTED));
  });

  it("takes the hash of what was read only for a write or a cache: not in a check run without cache", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const checked = await processFile(join(root, "a.ts"), 0, defaultConfig(root), "a.ts", undefined, false, false);
    expect(checked).toMatchObject({ status: "changed", output: SORTED, original: UNSORTED });
    expect(checked.originalHash).toBeUndefined();
    const cached = await processFile(join(root, "a.ts"), 0, defaultConfig(root), "a.ts", { contents: new Set() }, false, false);
    expect(cached.originalHash).toBe(sha256(UNSORTED));
    // A check run records nothing for a file it would change: no hash of an output never written.
    expect(cached.cacheKey).toBeUndefined();
    const written = await processFile(join(root, "a.ts"), 0, defaultConfig(root), "a.ts", { contents: new Set() }, false, true);
    expect(written.originalHash).toBe(sha256(UNSORTED));
    expect(written.cacheKey).toMatch(/\S/);
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

  it("files in flight together (oxc parses off the main thread meanwhile) each get their own hash and result", async () => {
    // Each file needs sorting, so each waits for oxc while the next is read into the same reused buffer.
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`f${i}.ts`] = `import z${i} from "z${i}";\nimport a${i} from "a${i}";\n${Array.from({ length: i + 1 }, (_, j) => `export const x${j} = ${j};\n`).join("")}`;
    const root = await makeProject(files);
    const config = defaultConfig(root);
    const results = await Promise.all(Object.keys(files).map((name, i) => processFile(join(root, name), i, config, name)));
    for (const [i, [name, text]] of Object.entries(files).entries()) {
      const expected = processSource(text, name, config);
      expect(results[i], name).toMatchObject({ status: "changed", index: i, originalHash: sha256(text), original: text });
      expect(expected.status).toBe("changed");
      if (results[i]!.status === "changed" && expected.status === "changed") expect(results[i]!.output).toBe(expected.output);
    }
  });
});

describe("importRegionAsync", () => {
  it("answers what importRegion answers: regions, nothing to sort, errors, declare blocks, deep nesting", async () => {
    const cases: [string, string][] = [
      ["a.ts", 'import b from "b";\nimport a from "a";\nconst x = 1;\n'],
      ["a.js", 'import "side";\nrun();\n'],
      ["a.tsx", 'export { x } from "x";\nexport const y = <div />;\n'],
      ["a.js", "let x;\nlet x;\n"],
      ["a.ts", "import {\n"],
      ["a.d.ts", 'declare module "m" { import a from "a"; }\n'],
      ["a.js", `import a from "a";\nconst x = ${"(".repeat(1500)}1${")".repeat(1500)};\n`],
    ];
    for (const [file, text] of cases) {
      for (const semantic of [false, true]) expect(await importRegionAsync(text, file, semantic), `${file}: ${text.slice(0, 30)}`).toEqual(importRegion(text, file, semantic));
    }
    expect(await importRegionAsync(cases[0]![1], "a.ts", true)).toMatchObject({ kind: "ends" });
    expect(await importRegionAsync(cases[3]![1], "a.js", true)).toBeUndefined();
  });

  it("with the imports' end known, asks oxc for its errors alone: that end when there are none, else no region", async () => {
    const text = 'import b from "b";\nimport a from "a";\nconst x = 1;\n';
    const end = text.indexOf("const") - 1;
    // With where oxc saw the top-level statements start (a TypeScript file, for the syntax gate).
    const ts = await importRegionAsync(text, "a.ts", true, end);
    expect(ts).toMatchObject({ kind: "ends", end, ...(RAW_TRANSFER ? { statements: [0, 19, 38] } : {}) });
    const js = await importRegionAsync(text, "a.js", true, end);
    expect(js).toMatchObject({ kind: "ends", end });
    expect(js).not.toHaveProperty("statements");
    expect(ts).toEqual(importRegion(text, "a.ts", true));
    // The import region, read out of the same parse where raw transfer gave it: what reading it alone gives.
    if (RAW_TRANSFER) expect(ts).toMatchObject({ reading: { cut: end, value: readImportRegion(text, "a.ts", end) } });
    else expect(ts).not.toHaveProperty("reading");
    // A name declared twice (a semantic error) further down: no region, whatever the caller knew.
    expect(await importRegionAsync(`${text}const x = 2;\n`, "a.ts", true, end)).toBeUndefined();
    expect(await importRegionAsync("import {\n", "a.ts", true, 9)).toBeUndefined();
  });
});
