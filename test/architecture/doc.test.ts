/** ARCHITECTURE.md matches the tree: every path it names exists, and it names every folder of src/. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const DOC = readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8");

/** `src/pipeline/drive.ts`, `rules/index.ts`, `src/report/`: the repository paths the document names in backticks. */
function namedPaths(text: string): string[] {
  const paths = [...text.matchAll(/`((?:src|rules|test|bench|scripts|fixtures|bin|action)\/[\w./-]*)`/g)].map((m) => m[1]!);
  return [...new Set(paths)].filter((path) => !path.includes("<"));
}

describe("ARCHITECTURE.md", () => {
  it("names only paths that exist", () => {
    const paths = namedPaths(DOC);
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it("names every folder of src/", () => {
    const folders = readdirSync(join(ROOT, "src"), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((f) => `src/${f.name}/`).filter((folder) => !DOC.includes(`\`${folder}\``))).toEqual([]);
  });

  it("finds what it should: a missing path is caught", () => {
    expect(namedPaths("see `src/nowhere/x.ts` and `src/report/` but not `src/<x>.ts`")).toEqual(["src/nowhere/x.ts", "src/report/"]);
  });
});
