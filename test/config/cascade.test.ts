import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ConfigResolver, loadConfig } from "../../src/config/index.js";
import { sortSource } from "../../src/index.js";

import { configError, makeTree, shown } from "./helpers.js";

describe("configs cascade", () => {
  it("keeps a parent's firstParty under a nested config that sets something else (the issue's example)", async () => {
    const root = await makeTree({
      "package.json": { name: "app", safesort: { firstParty: ["axios"] } },
      "src/lib/.safesortrc.json": { blankLinesBetweenGroups: false },
      "src/lib/a.ts": "",
    });
    const file = path.join(root, "src/lib/a.ts");
    const config = await loadConfig(file);
    expect(config.firstParty).toEqual(["axios", "app"]);
    expect(config.blankLinesBetweenGroups).toBe(false);
    expect(config.appliedConfigs).toEqual([
      { file: path.join(root, "package.json"), key: "safesort" },
      { file: path.join(root, "src/lib/.safesortrc.json"), key: "" },
    ]);
    // And the sorter sees it: axios sorts with the first-party group, after react, no blank line.
    const sorted = sortSource('import { x } from "./x";\nimport axios from "axios";\nimport React from "react";\n', { filepath: file, config });
    expect(sorted.code).toBe('import React from "react";\nimport axios from "axios";\nimport { x } from "./x";\n');
  });

  it("merges key by key across three levels: each key from the nearest config that sets it", async () => {
    const root = await makeTree({
      "safesort.config.json": { typeImports: "first", sortSpecifiers: false, sortReexports: false },
      "a/package.json": { safesort: { sortSpecifiers: true } },
      "a/b/.safesortrc.json": { typeImports: "last" },
    });
    const config = await loadConfig(path.join(root, "a/b/c/x.ts"));
    expect([config.typeImports, config.sortSpecifiers, config.sortReexports]).toEqual(["last", true, false]);
    expect(config.appliedConfigs.map((a) => path.relative(root, a.file) + (a.key ? `#${a.key}` : ""))).toEqual([
      "safesort.config.json",
      "a/package.json#safesort",
      "a/b/.safesortrc.json",
    ]);
    expect(config.configFile).toBe(path.join(root, "a/b/.safesortrc.json"));
  });

  it("replaces arrays instead of concatenating them (firstParty, sideEffectModules, groups)", async () => {
    const root = await makeTree({
      "safesort.config.json": { firstParty: ["axios"], sideEffectModules: ["zone.js"], groups: ["first-party", "builtin"] },
      "sub/safesort.config.json": { firstParty: ["lodash"], groups: ["sibling"] },
    });
    const config = await loadConfig(path.join(root, "sub/x.ts"));
    expect(config.firstParty).toEqual(["lodash"]);
    expect(config.sideEffectModules).toEqual(["zone.js"]);
    expect(config.groups.map((g) => g.name)).toEqual(["sibling", "builtin", "third-party", "first-party", "parent"]);
  });

  it('stops at a config with "root": true', async () => {
    const root = await makeTree({
      "safesort.config.json": { firstParty: ["axios"], exclude: ["gen/**"] },
      "pkg/.safesortrc.json": { root: true, typeImports: "last" },
    });
    const config = await loadConfig(path.join(root, "pkg/src/x.ts"));
    expect(config.firstParty).toEqual([]);
    expect(config.exclude).toEqual([]);
    expect(config.rootDir).toBe(path.join(root, "pkg"));
    expect(config.appliedConfigs).toEqual([{ file: path.join(root, "pkg/.safesortrc.json"), key: "" }]);
  });

  it("stops at the repository root (.git as a directory, or as a file in worktrees and submodules)", async () => {
    const root = await makeTree({
      "safesort.config.json": { firstParty: ["outside"] },
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/src/x.ts": "",
      "worktree/.git": "gitdir: /elsewhere\n",
      "worktree/.safesortrc.json": { typeImports: "first" },
    });
    const inRepo = await loadConfig(path.join(root, "repo/src/x.ts"));
    expect(inRepo.appliedConfigs).toEqual([]);
    expect(inRepo.firstParty).toEqual([]);
    const inWorktree = await loadConfig(path.join(root, "worktree/x.ts"));
    expect(inWorktree.appliedConfigs).toEqual([{ file: path.join(root, "worktree/.safesortrc.json"), key: "" }]);
    expect(inWorktree.firstParty).toEqual([]);
    // Outside the repositories the config above still applies.
    expect((await loadConfig(path.join(root, "other/x.ts"))).firstParty).toEqual(["outside"]);
  });

  it("skips a package.json without a safesort key but counts one with it as a level", async () => {
    const root = await makeTree({
      "safesort.config.json": { typeImports: "first" },
      "a/package.json": { name: "a" },
      "a/b/package.json": { name: "b", safesort: { sortReexports: false } },
    });
    const config = await loadConfig(path.join(root, "a/b/x.ts"));
    expect(config.appliedConfigs.map((a) => a.file)).toEqual([path.join(root, "safesort.config.json"), path.join(root, "a/b/package.json")]);
    expect([config.typeImports, config.sortReexports]).toEqual(["first", false]);
  });

  it("fails files under a nested config when a config above it is invalid, naming that file and key", async () => {
    const root = await makeTree({ "safesort.config.json": { typeImports: "top" }, "sub/.safesortrc.json": {} });
    const error = await configError(loadConfig(path.join(root, "sub/x.ts")));
    expect(shown(error)).toBe(`${path.join(root, "safesort.config.json")}:2:18: typeImports: expected one of "first", "last", "inline", got string "top"`);
  });

  it("adds a nested config's exclude to its parents', rebased onto the outermost config's directory", async () => {
    const root = await makeTree({
      "safesort.config.json": { exclude: ["**/vendor/**"] },
      "packages/[app]/safesort.config.json": { exclude: ["gen/**"] },
    });
    const config = await loadConfig(path.join(root, "packages/[app]/src/x.ts"));
    expect(config.rootDir).toBe(root);
    expect(config.exclude).toEqual(["**/vendor/**", "packages/\\[app\\]/gen/**"]);
  });

  it("uses only the --config file, without cascading", async () => {
    const root = await makeTree({ "safesort.config.json": { firstParty: ["axios"] }, "conf/only.json": { typeImports: "last" } });
    const config = await loadConfig(path.join(root, "x.ts"), { configFile: path.join(root, "conf/only.json") });
    expect(config.firstParty).toEqual([]);
    expect(config.appliedConfigs).toEqual([{ file: path.join(root, "conf/only.json"), key: "" }]);
  });
});

describe("overrides", () => {
  it("apply to the files their globs match, relative to the config's directory, later overrides winning", async () => {
    const root = await makeTree({
      "pkg/safesort.config.json": {
        typeImports: "inline",
        overrides: [
          { files: ["src/**/*.ts"], typeImports: "first", sortSpecifiers: false },
          { files: ["src/legacy/**"], typeImports: "last" },
        ],
      },
    });
    const resolver = new ConfigResolver();
    const at = (rel: string) => resolver.forFile(path.join(root, "pkg", rel));
    const [plain, src, legacy] = await Promise.all([at("test/a.ts"), at("src/a.ts"), at("src/legacy/a.ts")]);
    expect([plain.typeImports, plain.sortSpecifiers]).toEqual(["inline", true]);
    expect([src.typeImports, src.sortSpecifiers]).toEqual(["first", false]);
    expect([legacy.typeImports, legacy.sortSpecifiers]).toEqual(["last", false]);
    const config = path.join(root, "pkg/safesort.config.json");
    expect(legacy.appliedConfigs).toEqual([
      { file: config, key: "" },
      { file: config, key: "overrides[0]" },
      { file: config, key: "overrides[1]" },
    ]);
    // The same directory, the same matching overrides: the same object.
    expect(await at("src/legacy/b.ts")).toBe(legacy);
    expect(await at("test/b.ts")).toBe(plain);
  });

  it("match the file name anywhere below when the glob has no slash (as in Prettier)", async () => {
    const root = await makeTree({ "package.json": { safesort: { overrides: [{ files: "*.test.ts", sortReexports: false }] } } });
    expect((await loadConfig(path.join(root, "deep/down/a.test.ts"))).sortReexports).toBe(false);
    expect((await loadConfig(path.join(root, "deep/down/a.ts"))).sortReexports).toBe(true);
    expect((await loadConfig(path.join(root, "deep/down/a.test.ts"))).appliedConfigs.at(-1)).toEqual({
      file: path.join(root, "package.json"),
      key: "safesort.overrides[0]",
    });
  });

  it("of a parent config lose to a nested config's own options", async () => {
    const root = await makeTree({
      "safesort.config.json": { overrides: [{ files: ["**/*.ts"], typeImports: "first", blankLinesBetweenGroups: false }] },
      "sub/.safesortrc.json": { typeImports: "last" },
    });
    const config = await loadConfig(path.join(root, "sub/x.ts"));
    expect([config.typeImports, config.blankLinesBetweenGroups]).toEqual(["last", false]);
    expect(config.appliedConfigs.map((a) => a.key)).toEqual(["", "overrides[0]", ""]);
  });

  it("replace arrays like nested configs do", async () => {
    const root = await makeTree({
      "safesort.config.json": { firstParty: ["axios"], overrides: [{ files: ["scripts/**"], firstParty: ["lodash"] }] },
    });
    expect((await loadConfig(path.join(root, "scripts/x.ts"))).firstParty).toEqual(["lodash"]);
    expect((await loadConfig(path.join(root, "src/x.ts"))).firstParty).toEqual(["axios"]);
  });

  it("never apply to files outside their config's directory (an explicit --config elsewhere)", async () => {
    const root = await makeTree({ "conf/c.json": { overrides: [{ files: ["**"], typeImports: "last" }] } });
    const config = await loadConfig(path.join(root, "src/x.ts"), { configFile: path.join(root, "conf/c.json") });
    expect(config.typeImports).toBe("inline");
  });

  it("stay cheap: 2,000 files in one directory resolve to two shared objects", async () => {
    const root = await makeTree({ "safesort.config.json": { overrides: [{ files: ["*.spec.ts"], typeImports: "last" }] } });
    await mkdir(path.join(root, "src"));
    const resolver = new ConfigResolver();
    const names = Array.from({ length: 2000 }, (_, i) => path.join(root, "src", i % 2 === 0 ? `f${i}.spec.ts` : `f${i}.ts`));
    const configs = await Promise.all(names.map((name) => resolver.forFile(name)));
    expect(new Set(configs).size).toBe(2);
    await writeFile(path.join(root, "safesort.config.json"), "{}");
    expect((await resolver.forFile(path.join(root, "src/z.spec.ts"))).typeImports).toBe("last");
  });

  describe("validation names the override's key path", () => {
    const cases: { name: string; overrides: unknown; keyPath: string; message: string }[] = [
      { name: "not an array", overrides: {}, keyPath: "overrides", message: 'expected an array of { "files": [...], ...options } objects, got object' },
      { name: "an entry that is not an object", overrides: ["x"], keyPath: "overrides[0]", message: 'expected an object { "files": [...], ...options }, got string "x"' },
      { name: "no files", overrides: [{ typeImports: "last" }], keyPath: "overrides[0]", message: 'expected a "files" key with an array of globs, got none' },
      { name: "empty files", overrides: [{ files: [] }], keyPath: "overrides[0].files", message: "expected at least one glob, got an empty array" },
      {
        name: "a glob climbing out",
        overrides: [{ files: ["ok/**"] }, { files: ["../x/**"] }],
        keyPath: "overrides[1].files[0]",
        message: `expected a pattern relative to the config file's directory, got string "../x/**"`,
      },
      {
        name: "a bad option value",
        overrides: [{ files: ["**"], typeImports: "top" }],
        keyPath: "overrides[0].typeImports",
        message: 'expected one of "first", "last", "inline", got string "top"',
      },
      {
        name: "exclude in an override",
        overrides: [{ files: ["**"], exclude: ["x"] }],
        keyPath: "overrides[0].exclude",
        message: '"exclude" applies to a whole config file: write it at the top level, not in an override',
      },
      {
        name: "an unknown key",
        overrides: [{ files: ["**"], typeimports: "last" }],
        keyPath: "overrides[0].typeimports",
        message:
          'unknown key "typeimports" (did you mean "typeImports"?); expected one of files, groups, firstParty, sideEffectModules, blankLinesBetweenGroups, sortReexports, sortSpecifiers, typeImports',
      },
      {
        name: "a category twice in groups",
        overrides: [{ files: ["**"], groups: ["builtin", ["sibling", "builtin"]] }],
        keyPath: "overrides[0].groups[1][1]",
        message: 'expected each category at most once, got "builtin" again (first at overrides[0].groups[0])',
      },
    ];
    it.each(cases)("$name → $keyPath", async ({ overrides, keyPath, message }) => {
      const root = await makeTree({ "safesort.config.json": { overrides } });
      const error = await configError(loadConfig(path.join(root, "a.ts")));
      expect(shown(error)).toMatch(/^[^:]+:\d+:\d+: /);
      expect(shown(error)).toBe(`${path.join(root, "safesort.config.json")}:${error.line}:${error.column}: ${keyPath}: ${message}`);
    });

    it('prefixes "safesort." in package.json', async () => {
      const root = await makeTree({ "package.json": { safesort: { overrides: [{ files: ["**"], root: true }] } } });
      const error = await configError(loadConfig(path.join(root, "a.ts")));
      expect(error.keyPath).toBe("safesort.overrides[0].root");
    });
  });
});
