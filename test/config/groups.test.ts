import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadConfig } from "../../src/config/index.js";
import type { ResolvedGroup } from "../../src/types.js";

import { makeTree } from "./helpers.js";

async function groupsOf(groups: unknown): Promise<readonly ResolvedGroup[]> {
  const root = await makeTree({ "safesort.config.json": { groups } });
  return (await loadConfig(path.join(root, "a.ts"))).groups;
}

describe("groups normalization", () => {
  it("defaults to the five categories, one group each", async () => {
    expect(await groupsOf([])).toEqual([
      { name: "builtin", categories: ["builtin"], match: [] },
      { name: "third-party", categories: ["third-party"], match: [] },
      { name: "first-party", categories: ["first-party"], match: [] },
      { name: "parent", categories: ["parent"], match: [] },
      { name: "sibling", categories: ["sibling"], match: [] },
    ]);
  });

  it("merges an array entry into one group", async () => {
    expect(await groupsOf(["builtin", "third-party", "first-party", ["parent", "sibling"]])).toEqual([
      { name: "builtin", categories: ["builtin"], match: [] },
      { name: "third-party", categories: ["third-party"], match: [] },
      { name: "first-party", categories: ["first-party"], match: [] },
      { name: "parent+sibling", categories: ["parent", "sibling"], match: [] },
    ]);
  });

  it("names custom groups by their name or custom-<index>, and appends missing categories in default order", async () => {
    expect(await groupsOf([{ name: "react", match: ["react", "react-*"] }, "builtin", { match: ["@app/**"] }, "sibling"])).toEqual([
      { name: "react", categories: [], match: ["react", "react-*"] },
      { name: "builtin", categories: ["builtin"], match: [] },
      { name: "custom-2", categories: [], match: ["@app/**"] },
      { name: "sibling", categories: ["sibling"], match: [] },
      { name: "third-party", categories: ["third-party"], match: [] },
      { name: "first-party", categories: ["first-party"], match: [] },
      { name: "parent", categories: ["parent"], match: [] },
    ]);
  });

  it("merges categories and custom patterns in one group", async () => {
    expect(await groupsOf([["first-party", { match: ["~/**"] }, { name: "styles", match: ["*.css", "~/**"] }]])).toEqual([
      { name: "first-party+custom-0+styles", categories: ["first-party"], match: ["~/**", "*.css"] },
      { name: "builtin", categories: ["builtin"], match: [] },
      { name: "third-party", categories: ["third-party"], match: [] },
      { name: "parent", categories: ["parent"], match: [] },
      { name: "sibling", categories: ["sibling"], match: [] },
    ]);
  });

  it("rejects a category listed twice, naming both places", async () => {
    const root = await makeTree({ "safesort.config.json": { groups: [["builtin", "parent"], "third-party", "parent"] } });
    await expect(loadConfig(path.join(root, "a.ts"))).rejects.toMatchObject({
      keyPath: "groups[2]",
      path: path.join(root, "safesort.config.json"),
      message: 'groups[2]: expected each category at most once, got "parent" again (first at groups[0][1])',
    });
  });
});
