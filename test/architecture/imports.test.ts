/**
 * The shape of the source tree, as tests: the library (the closure of
 * src/index.ts) never reaches the CLI, and no module imports itself through
 * others (type-only imports included).
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

import { importCycles, importGraph, shown } from "../helpers/import-graph.js";

const ROOT = resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

describe("the import graph", () => {
  it("the library's static import closure (src/index.ts) holds no file under src/cli/", () => {
    const library = [...importGraph([join(ROOT, "src/index.ts")]).keys()];
    expect(library.length).toBeGreaterThan(20);
    expect(shown(ROOT, library.filter((file) => file.startsWith(join(ROOT, "src/cli/"))))).toEqual([]);
  });

  it("keeps the codemod's selectors and modifiers apart: src/codemod/select/ and src/codemod/modify/ never import each other", () => {
    const graph = importGraph(sources(join(ROOT, "src/codemod")));
    const select = join(ROOT, "src/codemod/select/");
    const modify = join(ROOT, "src/codemod/modify/");
    const crossing = [...graph].flatMap(([file, deps]) =>
      deps
        .filter((dep) => (file.startsWith(select) && dep.startsWith(modify)) || (file.startsWith(modify) && dep.startsWith(select)))
        .map((dep) => shown(ROOT, [file, dep]).join(" → ")),
    );
    expect(graph.size).toBeGreaterThan(30);
    expect(crossing).toEqual([]);
  });

  it("has no import cycles in src/ and rules/, type-only imports included", () => {
    const graph = importGraph([...sources(join(ROOT, "src")), ...sources(join(ROOT, "rules"))]);
    expect(importCycles(graph).map((cycle) => shown(ROOT, cycle).join(" ↔ "))).toEqual([]);
  });
});

describe("importCycles", () => {
  it("finds a cycle through three files and a self-import, and nothing in a tree", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["e"]],
    ]);
    expect(importCycles(graph)).toEqual([["a", "b", "c"], ["e"]]);
    expect(importCycles(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });
});
