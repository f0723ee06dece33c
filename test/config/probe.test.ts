/**
 * How config discovery probes a directory (src/config/files.ts): one listing
 * per directory, and only the names it holds are opened; a directory that
 * cannot be listed falls back to opening each candidate.
 */
import * as fs from "node:fs/promises";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

import { afterEach, describe, expect, it, vi } from "vitest";

import { ConfigResolver } from "../../src/config/index.js";

import { makeTree } from "./helpers.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs/promises")>();
  return { ...original, readFile: vi.fn(original.readFile), readdir: vi.fn(original.readdir), lstat: vi.fn(original.lstat) };
});

const real = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");
const readFile = vi.mocked(fs.readFile);
const readdir = vi.mocked(fs.readdir);
const lstat = vi.mocked(fs.lstat);

/** The paths under `root` that a mocked call was given. */
function callsUnder(mock: { mock: { calls: unknown[][] } }, root: string): string[] {
  return mock.mock.calls.map((call) => String(call[0])).filter((file) => file.startsWith(root + path.sep) || file === root);
}

afterEach(() => {
  vi.clearAllMocks();
});

describe("config discovery probes", () => {
  it("opens only the files a directory holds, and lists each directory once", async () => {
    const root = await makeTree({ "package.json": { name: "pkg" }, "src/a/deep/one.ts": "", "src/a/deep/two.ts": "", "src/b/three.ts": "" });
    vi.clearAllMocks();
    const resolver = new ConfigResolver();
    for (const file of ["src/a/deep/one.ts", "src/a/deep/two.ts", "src/b/three.ts"]) {
      expect((await resolver.forFile(path.join(root, file))).firstParty).toEqual(["pkg"]);
    }
    // The only file under the tree that exists and is asked about is the package.json (read once, cached).
    expect(callsUnder(readFile, root)).toEqual([path.join(root, "package.json")]);
    expect(callsUnder(lstat, root)).toEqual([]);
    const listed = callsUnder(readdir, root);
    expect(listed.sort()).toEqual([root, path.join(root, "src"), path.join(root, "src/a"), path.join(root, "src/a/deep"), path.join(root, "src/b")].sort());
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

  it("a directory that cannot be listed: each candidate is opened, and its config is found", async () => {
    const root = await makeTree({ "sealed/.safesortrc.json": { blankLinesBetweenGroups: false }, "sealed/a.ts": "" });
    const sealed = path.join(root, "sealed");
    readdir.mockImplementation(((dir: string) =>
      dir === sealed ? Promise.reject(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" })) : real.readdir(dir)) as typeof fs.readdir);
    try {
      const config = await new ConfigResolver().forFile(path.join(sealed, "a.ts"));
      expect(config.configFile).toBe(path.join(sealed, ".safesortrc.json"));
      expect(config.blankLinesBetweenGroups).toBe(false);
      // Every candidate of that directory was opened (the listing could not rule any out).
      const opened = new Set(callsUnder(readFile, sealed).map((file) => path.relative(sealed, file)));
      expect([...opened].sort()).toEqual([".safesortrc.json", "package.json", "safesort.config.json", "tsconfig.json"]);
      expect(callsUnder(lstat, sealed)).toEqual([path.join(sealed, ".git")]);
    } finally {
      readdir.mockImplementation(real.readdir);
    }
  });
});
