import { writeFile } from "node:fs/promises";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ConfigResolver, loadConfig } from "../../src/config/index.js";

import { configError, makeTree, shown } from "./helpers.js";

describe("discovery", () => {
  it("merges the configs of a monorepo's levels: the nearest wins key by key", async () => {
    const root = await makeTree({
      "package.json": { name: "monorepo", private: true },
      "safesort.config.json": { typeImports: "first", firstParty: ["@repo/**"] },
      "packages/app/safesort.config.json": { sortSpecifiers: false },
      "packages/app/package.json": { name: "@repo/app" },
      "packages/app/src/deep/file.ts": "",
      "packages/lib/package.json": { name: "@repo/lib" },
      "packages/lib/src/file.ts": "",
    });
    const resolver = new ConfigResolver();

    const app = await resolver.forFile(path.join(root, "packages/app/src/deep/file.ts"));
    expect(app.configFile).toBe(path.join(root, "packages/app/safesort.config.json"));
    expect(app.appliedConfigs).toEqual([
      { file: path.join(root, "safesort.config.json"), key: "" },
      { file: path.join(root, "packages/app/safesort.config.json"), key: "" },
    ]);
    expect(app.rootDir).toBe(root);
    expect(app.sortSpecifiers).toBe(false);
    // Merged with the root config: its typeImports and firstParty apply here too.
    expect(app.typeImports).toBe("first");
    expect(app.firstParty).toEqual(["@repo/**", "@repo/app"]);

    const lib = await resolver.forFile(path.join(root, "packages/lib/src/file.ts"));
    expect(lib.configFile).toBe(path.join(root, "safesort.config.json"));
    expect(lib.rootDir).toBe(root);
    expect(lib.typeImports).toBe("first");
    expect(lib.sortSpecifiers).toBe(true);
    // The package name comes from the nearest package.json, not from the config's directory.
    expect(lib.firstParty).toEqual(["@repo/**", "@repo/lib"]);
  });

  it("reads .safesortrc.json", async () => {
    const root = await makeTree({ ".safesortrc.json": { blankLinesBetweenGroups: false }, "a.ts": "" });
    const config = await loadConfig(path.join(root, "a.ts"));
    expect(config.configFile).toBe(path.join(root, ".safesortrc.json"));
    expect(config.blankLinesBetweenGroups).toBe(false);
  });

  it('reads the "safesort" key of package.json', async () => {
    const root = await makeTree({ "package.json": { name: "pkg", safesort: { sortReexports: false } }, "a.ts": "" });
    const config = await loadConfig(path.join(root, "a.ts"));
    expect(config.configFile).toBe(path.join(root, "package.json"));
    expect(config.sortReexports).toBe(false);
    expect(config.firstParty).toEqual(["pkg"]);
  });

  it("prefers safesort.config.json, then .safesortrc.json, then package.json in one directory", async () => {
    const all = await makeTree({
      "safesort.config.json": { typeImports: "first" },
      ".safesortrc.json": { typeImports: "last" },
      "package.json": { safesort: { typeImports: "inline", sortSpecifiers: false } },
    });
    const first = await loadConfig(path.join(all, "x.ts"));
    expect(first.configFile).toBe(path.join(all, "safesort.config.json"));
    expect(first.typeImports).toBe("first");

    const two = await makeTree({
      ".safesortrc.json": { typeImports: "last" },
      "package.json": { safesort: { typeImports: "inline", sortSpecifiers: false } },
    });
    const second = await loadConfig(path.join(two, "x.ts"));
    expect(second.configFile).toBe(path.join(two, ".safesortrc.json"));
    expect(second.typeImports).toBe("last");
    expect(second.sortSpecifiers).toBe(true);
  });

  it('keeps searching upwards past a package.json without a "safesort" key', async () => {
    const root = await makeTree({
      "package.json": { name: "root", safesort: { typeImports: "last" } },
      "packages/a/package.json": { name: "a" },
      "packages/a/src/index.ts": "",
    });
    const config = await loadConfig(path.join(root, "packages/a/src/index.ts"));
    expect(config.configFile).toBe(path.join(root, "package.json"));
    expect(config.rootDir).toBe(root);
    expect(config.typeImports).toBe("last");
    expect(config.firstParty).toEqual(["a"]);
  });

  it("falls back to defaults rooted at the file's directory when there is no config", async () => {
    const root = await makeTree({ "package.json": { name: "plain" }, "src/a.ts": "" });
    const config = await loadConfig(path.join(root, "src/a.ts"));
    expect(config.configFile).toBeNull();
    expect(config.rootDir).toBe(path.join(root, "src"));
    expect(config.groups.map((g) => g.name)).toEqual(["builtin", "third-party", "first-party", "parent", "sibling"]);
    expect(config.firstParty).toEqual(["plain"]);
  });

  it("stops at a broken package.json on the search path, with its location", async () => {
    const root = await makeTree({ "package.json": '{\n  "name": "x",\n}\n', "src/a.ts": "" });
    const error = await configError(loadConfig(path.join(root, "src/a.ts")));
    expect(error.path).toBe(path.join(root, "package.json"));
    expect(error.keyPath).toBe("");
    expect([error.line, error.column]).toEqual([3, 1]);
    expect(shown(error)).toMatch(new RegExp(`^${escapeRe(path.join(root, "package.json"))}:3:1: invalid JSON: `));
  });

  describe("explicit configFile", () => {
    it("uses only that file, whatever is nearer to the source", async () => {
      const root = await makeTree({
        "configs/strict.json": { typeImports: "last", exclude: ["./dist/**"] },
        "project/safesort.config.json": { typeImports: "first" },
        "project/package.json": { name: "project" },
        "project/src/a.ts": "",
      });
      const config = await loadConfig(path.join(root, "project/src/a.ts"), { configFile: path.join(root, "configs/strict.json") });
      expect(config.configFile).toBe(path.join(root, "configs/strict.json"));
      expect(config.rootDir).toBe(path.join(root, "configs"));
      expect(config.typeImports).toBe("last");
      expect(config.exclude).toEqual(["dist/**"]);
      expect(config.firstParty).toEqual(["project"]);
    });

    it('uses the "safesort" key of an explicit package.json', async () => {
      const root = await makeTree({ "package.json": { name: "p", safesort: { sortSpecifiers: false } }, "a.ts": "" });
      const config = await loadConfig(path.join(root, "a.ts"), { configFile: path.join(root, "package.json") });
      expect(config.sortSpecifiers).toBe(false);
      expect(config.configFile).toBe(path.join(root, "package.json"));
    });

    it('rejects an explicit package.json without a "safesort" key', async () => {
      const root = await makeTree({ "package.json": { name: "p" } });
      const error = await configError(loadConfig(path.join(root, "a.ts"), { configFile: path.join(root, "package.json") }));
      expect(error.keyPath).toBe("safesort");
      expect(error.path).toBe(path.join(root, "package.json"));
    });

    it("rejects a missing file", async () => {
      const root = await makeTree({ "a.ts": "" });
      const missing = path.join(root, "nope.json");
      const error = await configError(loadConfig(path.join(root, "a.ts"), { configFile: missing }));
      expect(error.path).toBe(missing);
      expect(error.message).toBe("config file not found");
      expect(shown(error)).toBe(`${missing}: config file not found`);
    });
  });

  describe("caching", () => {
    it("resolves a directory once: every file in it gets the same frozen object", async () => {
      const root = await makeTree({ "safesort.config.json": { typeImports: "last" } });
      const resolver = new ConfigResolver();
      const configs = await Promise.all(Array.from({ length: 2000 }, (_, i) => resolver.forFile(path.join(root, `f${i}.ts`))));
      expect(new Set(configs).size).toBe(1);
      expect(configs[0]!.typeImports).toBe("last");

      // Later changes on disk are not re-read by this resolver, but a new one sees them.
      await writeFile(path.join(root, "safesort.config.json"), JSON.stringify({ typeImports: "first" }));
      expect((await resolver.forFile(path.join(root, "other.ts"))).typeImports).toBe("last");
      expect((await new ConfigResolver().forFile(path.join(root, "other.ts"))).typeImports).toBe("first");
    });

    it("shares one object between directories with the same config, package.json and tsconfig", async () => {
      const root = await makeTree({ "safesort.config.json": {}, "package.json": { name: "p" }, "a/x.ts": "", "b/c/y.ts": "" });
      const resolver = new ConfigResolver();
      const [a, b] = await Promise.all([resolver.forFile(path.join(root, "a/x.ts")), resolver.forFile(path.join(root, "b/c/y.ts"))]);
      expect(a).toBe(b);
      const other = await makeTree({ "safesort.config.json": {}, "package.json": { name: "p" }, "sub/package.json": { name: "q" } });
      const [top, sub] = await Promise.all([resolver.forFile(path.join(other, "x.ts")), resolver.forFile(path.join(other, "sub/x.ts"))]);
      expect(top).not.toBe(sub);
      expect(sub.firstParty).toEqual(["q"]);
    });
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
