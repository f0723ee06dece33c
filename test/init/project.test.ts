/** gatherFacts: which workspace packages the globs of package.json / pnpm-workspace.yaml designate (src/init/project.ts). */
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { gatherFacts } from "../../src/init/project.js";
import { makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

let root: string;
beforeEach(async () => {
  root = await makeTempDir("init-project");
});
afterEach(async () => {
  await removeTree(root);
});

const manifest = (name: string) => JSON.stringify({ name });

describe("workspace packages", () => {
  it("match the globs at any depth, skip node_modules and dot directories, follow links, honour !negations, sorted by path", async () => {
    await writeTree(root, {
      "package.json": JSON.stringify({ name: "root", workspaces: ["packages/**", "apps/*", "!packages/old", "./tools/"] }),
      "packages/b/package.json": manifest("b"),
      "packages/a/package.json": manifest("a"),
      "packages/group/inner/package.json": manifest("inner"),
      "packages/old/package.json": manifest("old"),
      "packages/node_modules/dep/package.json": manifest("dep"),
      "packages/.cache/x/package.json": manifest("cached"),
      "apps/web/package.json": manifest("web"),
      "apps/web/sub/package.json": manifest("too-deep"),
      "tools/package.json": manifest("tools"),
      "elsewhere/linked/package.json": manifest("linked"),
    });
    await symlink(join(root, "elsewhere/linked"), join(root, "apps/linked"));
    const { facts, warnings } = await gatherFacts(root);
    expect(warnings).toEqual([]);
    expect(facts.workspaces).toEqual([
      { dir: "apps/linked", name: "linked" },
      { dir: "apps/web", name: "web" },
      { dir: "packages/a", name: "a" },
      { dir: "packages/b", name: "b" },
      { dir: "packages/group/inner", name: "inner" },
      { dir: "tools", name: "tools" },
    ]);
  });

  it("a pattern naming nothing, or a missing directory, finds nothing", async () => {
    await writeTree(root, { "package.json": JSON.stringify({ name: "root", workspaces: ["missing/*", "{a,b}/*"] }) });
    await mkdir(join(root, "a"));
    expect((await gatherFacts(root)).facts.workspaces).toEqual([]);
  });
});
