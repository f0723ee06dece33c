/**
 * How config discovery probes a directory (src/config/files.ts): one `stat`
 * per candidate name, answered without an exception when nothing is there,
 * and only the files that exist are opened, each once.
 */
import * as fs from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

import { afterEach, describe, expect, it, vi } from "vitest";

import { ConfigResolver } from "../../src/config/index.js";

import { makeTree } from "./helpers.js";

vi.mock("node:fs", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs")>();
  return { ...original, readFileSync: vi.fn(original.readFileSync), statSync: vi.fn(original.statSync), lstatSync: vi.fn(original.lstatSync) };
});

const readFileSync = vi.mocked(fs.readFileSync);
const statSync = vi.mocked(fs.statSync);
const lstatSync = vi.mocked(fs.lstatSync);

/** The paths under `root` that a mocked call was given. */
function callsUnder(mock: { mock: { calls: unknown[][] } }, root: string): string[] {
  return mock.mock.calls.map((call) => String(call[0])).filter((file) => file.startsWith(root + path.sep) || file === root);
}

afterEach(() => {
  vi.clearAllMocks();
});

describe("config discovery probes", () => {
  it("opens only the files that exist, once, and probes each name of each directory once", async () => {
    const root = await makeTree({ "package.json": { name: "pkg" }, "src/a/deep/one.ts": "", "src/a/deep/two.ts": "", "src/b/three.ts": "" });
    vi.clearAllMocks();
    const resolver = new ConfigResolver();
    for (const file of ["src/a/deep/one.ts", "src/a/deep/two.ts", "src/b/three.ts"]) {
      expect((await resolver.forFile(path.join(root, file))).firstParty).toEqual(["pkg"]);
    }
    // The only file under the tree that exists and is asked about is the package.json (read once, cached).
    expect(callsUnder(readFileSync, root)).toEqual([path.join(root, "package.json")]);
    const probed = callsUnder(statSync, root);
    expect(new Set(probed).size).toBe(probed.length);
    const dirs = [root, "src", "src/a", "src/a/deep", "src/b"].map((d) => path.resolve(root, d));
    const names = ["safesort.config.json", ".safesortrc.json", "package.json", "tsconfig.json"];
    // Every candidate of every directory up to the package.json (tsconfig.json: up to the file system's root).
    for (const dir of dirs) for (const name of names) expect(probed).toContain(path.join(dir, name));
    expect(callsUnder(lstatSync, root).sort()).toEqual(dirs.map((d) => path.join(d, ".git")).sort());
  });

  it("a missing candidate costs no exception: the probe asks stat not to throw", async () => {
    const root = await makeTree({ "src/a.ts": "" });
    vi.clearAllMocks();
    await new ConfigResolver().forFile(path.join(root, "src/a.ts"));
    const probes = statSync.mock.calls.filter((call) => String(call[0]).startsWith(root + path.sep));
    expect(probes.length).toBeGreaterThan(0);
    for (const call of probes) expect(call[1]).toMatchObject({ throwIfNoEntry: false });
    expect(statSync.mock.results.every((r) => r.type === "return")).toBe(true);
  });

  it("finds a config that is a symbolic link, and a .git that is a file (a worktree) stops the search", async () => {
    const root = await makeTree({ "safesort.config.json": { sortSpecifiers: false }, "repo/shared.json": { typeImports: "first" }, "repo/src/a.ts": "" });
    await symlink("shared.json", path.join(root, "repo/.safesortrc.json"));
    await writeFile(path.join(root, "repo/.git"), "gitdir: /elsewhere\n");
    const config = await new ConfigResolver().forFile(path.join(root, "repo/src/a.ts"));
    expect(config.configFile).toBe(path.join(root, "repo/.safesortrc.json"));
    expect(config.typeImports).toBe("first");
    // The repository's root ends the search: the config above it does not apply.
    expect(config.sortSpecifiers).toBe(true);
  });

  it("a directory named like a config file is no config: the search goes on upwards", async () => {
    const root = await makeTree({ ".safesortrc.json": { sortSpecifiers: false }, "pkg/a.ts": "" });
    await mkdir(path.join(root, "pkg/safesort.config.json"));
    const config = await new ConfigResolver().forFile(path.join(root, "pkg/a.ts"));
    expect(config.configFile).toBe(path.join(root, ".safesortrc.json"));
  });

  it("with a walk's listings, a name a directory does not hold is not probed; one it holds in another letter case still is", async () => {
    const root = await makeTree({ "package.json": { name: "pkg" }, "src/a.ts": "", "src/b/c.ts": "" });
    // On disk but left out of the listing given: were it probed, it would be found and used.
    await writeFile(path.join(root, "src/.safesortrc.json"), JSON.stringify({ sortSpecifiers: false }));
    // A config whose name the listing holds in another case: probed, so a case-insensitive file system finds it as opening would.
    await writeFile(path.join(root, "src/b/safesort.config.json"), JSON.stringify({ typeImports: "first" }));
    vi.clearAllMocks();
    const resolver = new ConfigResolver();
    const entries = (...names: string[]) => names.map((name) => ({ name }));
    resolver.noteListing(path.join(root, "src"), entries("a.ts", "b"));
    resolver.noteListing(path.join(root, "src/b"), entries("c.ts", "SAFESORT.CONFIG.JSON"));
    const a = await resolver.forFile(path.join(root, "src/a.ts"));
    expect(a.sortSpecifiers).toBe(true);
    const c = await resolver.forFile(path.join(root, "src/b/c.ts"));
    expect(c.configFile).toBe(path.join(root, "src/b/safesort.config.json"));
    const probed = [...callsUnder(statSync, root), ...callsUnder(lstatSync, root)];
    // Nothing of src's own names was probed: its listing answered.
    expect(probed.filter((file) => path.dirname(file) === path.join(root, "src"))).toEqual([]);
    expect(probed).toContain(path.join(root, "src/b/safesort.config.json"));
    // The root was not listed: probed as before.
    expect(probed).toContain(path.join(root, "package.json"));
  });
});

