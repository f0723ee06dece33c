/**
 * What a resolver answers without resolving again: a directory whose chain
 * has no overrides gives all its files one config object (`known` answers at
 * once once it is resolved), and directories without any config share
 * everything but their `rootDir`.
 */
import path from "node:path";

import { describe, expect, it } from "vitest";

import { configHash, configJson } from "../../src/cache/cache.js";
import { ConfigResolver } from "../../src/config/index.js";

import { makeTree } from "./helpers.js";

describe("configs a directory's files share", () => {
  it("are known at once after the first file of the directory, as the very same object", async () => {
    const root = await makeTree({ "safesort.config.json": { typeImports: "first" }, "src/a.ts": "", "src/b.ts": "", "lib/c.ts": "" });
    const resolver = new ConfigResolver();
    const a = path.join(root, "src/a.ts");
    expect(resolver.known(a)).toBeUndefined();
    const config = await resolver.forFile(a);
    expect(resolver.known(path.join(root, "src/b.ts"))).toBe(config);
    expect(await resolver.forFile(path.join(root, "src/b.ts"))).toBe(config);
    // Another directory is not known until it is resolved (here it resolves to the same config).
    expect(resolver.known(path.join(root, "lib/c.ts"))).toBeUndefined();
    expect(await resolver.forFile(path.join(root, "lib/c.ts"))).toBe(config);
    expect(resolver.known(path.join(root, "lib/c.ts"))).toBe(config);
  });

  it("are never assumed under a config with overrides: each file is matched against them", async () => {
    const root = await makeTree({
      "safesort.config.json": { typeImports: "first", overrides: [{ files: ["*.test.ts"], typeImports: "last" }] },
      "src/a.ts": "",
      "src/a.test.ts": "",
    });
    const resolver = new ConfigResolver();
    const plain = await resolver.forFile(path.join(root, "src/a.ts"));
    expect(resolver.known(path.join(root, "src/a.test.ts"))).toBeUndefined();
    const test = await resolver.forFile(path.join(root, "src/a.test.ts"));
    expect([plain.typeImports, test.typeImports]).toEqual(["first", "last"]);
    expect(resolver.known(path.join(root, "src/a.ts"))).toBeUndefined();
  });

  it("are asked again for a relative path (its directory depends on the cwd)", async () => {
    const root = await makeTree({ "src/a.ts": "" });
    const resolver = new ConfigResolver();
    await resolver.forFile(path.join(root, "src/a.ts"));
    expect(resolver.known("src/a.ts")).toBeUndefined();
  });

  it("are not taken for a path that only looks like one of the directory's files (`.`, `..`, empty segments)", async () => {
    const root = await makeTree({
      "safesort.config.json": { typeImports: "first" },
      "src/.safesortrc.json": { typeImports: "last" },
      "src/a.ts": "",
      "src/deep/b.ts": "",
    });
    const resolver = new ConfigResolver();
    const src = path.join(root, "src");
    const inner = await resolver.forFile(path.join(src, "deep/b.ts"));
    expect(inner.typeImports).toBe("last");
    expect(resolver.known(path.join(src, "deep/b.ts"))).toBe(inner);
    // `src/deep/..` is `src`, a file of the root: the root's config, not src/deep's.
    for (const odd of [`${src}/deep/..`, `${src}/deep/.`, `${src}/deep//b.ts`, `${src}/deep/`]) expect(resolver.known(odd)).toBeUndefined();
    expect((await resolver.forFile(`${src}/deep/..`)).typeImports).toBe("first");
    expect((await resolver.forFile(`${src}/deep/.`)).typeImports).toBe("last");
    // A name that merely starts or ends with a dot is a file of the directory.
    expect(resolver.known(`${src}/deep/.b.ts`)).toBe(inner);
    expect(resolver.known(`${src}/deep/b.`)).toBe(inner);
    expect(resolver.known(`${src}/deep/...`)).toBe(inner);
  });

  it("are not remembered when resolving fails", async () => {
    const root = await makeTree({ "safesort.config.json": { typeImports: "sideways" }, "a.ts": "" });
    const resolver = new ConfigResolver();
    await expect(resolver.forFile(path.join(root, "a.ts"))).rejects.toThrow();
    expect(resolver.known(path.join(root, "a.ts"))).toBeUndefined();
  });
});

describe("directories without a config", () => {
  it("each get their own rootDir and share the rest, deeply frozen", async () => {
    const root = await makeTree({ "package.json": { name: "plain" }, "src/a.ts": "", "src/deep/b.ts": "" });
    const resolver = new ConfigResolver();
    const a = await resolver.forFile(path.join(root, "src/a.ts"));
    const b = await resolver.forFile(path.join(root, "src/deep/b.ts"));
    expect([a.rootDir, b.rootDir]).toEqual([path.join(root, "src"), path.join(root, "src/deep")]);
    expect(a.groups).toBe(b.groups);
    expect({ ...a, rootDir: "" }).toEqual({ ...b, rootDir: "" });
    expect(Object.isFrozen(b) && Object.isFrozen(b.groups) && Object.isFrozen(b.firstParty) && Object.isFrozen(b.appliedConfigs)).toBe(true);
    expect(configHash(a)).not.toBe(configHash(b));
  });

  it("hash as their JSON does: the JSON of shared parts is remembered, never made different", async () => {
    const root = await makeTree({
      "package.json": { name: "plain" },
      "src/a.ts": "",
      "src/deep/b.ts": "",
      "pkg/safesort.config.json": { firstParty: ["@x/**"], exclude: ["gen/**"], overrides: [{ files: ["*.ts"], sortSpecifiers: false }] },
      "pkg/c.ts": "",
    });
    const resolver = new ConfigResolver();
    for (const file of ["src/a.ts", "src/deep/b.ts", "pkg/c.ts", "src/a.ts"]) {
      const config = await resolver.forFile(path.join(root, file));
      expect(configJson(config)).toBe(JSON.stringify(config));
    }
    // Not frozen (made by a caller): stringified whole.
    const made = { ...(await resolver.forFile(path.join(root, "src/a.ts"))), sortReexports: false };
    expect(configJson(made)).toBe(JSON.stringify(made));
  });
});
