import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";

import { cacheKey, cacheScope, configHash, defaultCacheLocation, FORMAT, SortedCache } from "../../src/cache/cache.js";
import { loadConfig } from "../../src/config/index.js";
import { hashBytes } from "../../src/files/write.js";
import { packageVersion } from "../../src/report/version.js";
import { safesort } from "../helpers/bin.js";
import { testConfig } from "../helpers/config.js";
import { makeTempDir, removeTree } from "../helpers/tree.js";

describe("SortedCache", () => {
  let dir: string;
  let warnings: string[];
  const warn = (m: string) => warnings.push(m);
  beforeEach(async () => {
    dir = await makeTempDir("cache");
    warnings = [];
  });
  afterEach(() => removeTree(dir));

  it("round-trips keys through its file", async () => {
    const file = join(dir, "nested", "sorted.json");
    const cache = await SortedCache.load(file, "1.0.0", warn);
    expect(cache.size).toBe(0);
    cache.add("k1");
    cache.add("k2");
    await cache.save(warn);
    const again = await SortedCache.load(file, "1.0.0", warn);
    expect(again.has("k1")).toBe(true);
    expect(again.has("k2")).toBe(true);
    expect(again.has("k3")).toBe(false);
    expect(warnings).toEqual([]);
  });

  it("starts empty for another safesort version", async () => {
    const file = join(dir, "sorted.json");
    const cache = await SortedCache.load(file, "1.0.0", warn);
    cache.add("k1");
    await cache.save(warn);
    expect((await SortedCache.load(file, "1.0.1", warn)).has("k1")).toBe(false);
    expect(warnings).toEqual([]);
  });

  it("ignores a corrupt cache with a warning", async () => {
    const file = join(dir, "sorted.json");
    await writeFile(file, "{ not json");
    const cache = await SortedCache.load(file, "1.0.0", warn);
    expect(cache.size).toBe(0);
    expect(warnings).toEqual([`ignoring the cache at ${file}: it is corrupt`]);
    await writeFile(file, JSON.stringify({ format: 1, safesort: "1.0.0", keys: [1, 2] }));
    expect((await SortedCache.load(file, "1.0.0", warn)).size).toBe(0);
    expect(warnings).toHaveLength(2);
  });

  it("ignores an unreadable cache with a warning", async () => {
    const unreadable = join(dir, "is-a-dir");
    await mkdir(unreadable);
    const cache = await SortedCache.load(unreadable, "1.0.0", warn);
    expect(cache.size).toBe(0);
    expect(warnings[0]).toMatch(/^ignoring the cache at .*is-a-dir: /);
  });

  it("a failed save is a warning, not an error", async () => {
    const blocker = join(dir, "file");
    await writeFile(blocker, "");
    const cache = await SortedCache.load(join(blocker, "sub", "sorted.json"), "1.0.0", warn);
    cache.add("k");
    await cache.save(warn);
    expect(warnings.at(-1)).toMatch(/^could not write the cache at .*sorted\.json: /);
  });

  it("does not write when nothing changed", async () => {
    const file = join(dir, "sorted.json");
    const cache = await SortedCache.load(file, "1.0.0", warn);
    await cache.save(warn);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });
});

describe("cache keys", () => {
  it("differ when the content or the config differs, and agree otherwise", () => {
    const a = testConfig();
    const b = testConfig({ blankLinesBetweenGroups: false });
    expect(cacheKey("h1", a)).toBe(cacheKey("h1", testConfig()));
    expect(cacheKey("h1", a)).not.toBe(cacheKey("h2", a));
    expect(cacheKey("h1", a)).not.toBe(cacheKey("h1", b));
    expect(configHash(a)).not.toBe(configHash(b));
  });

  it("default location is under node_modules/.cache/safesort when node_modules exists, else the user cache", async () => {
    const dir = await makeTempDir("cacheloc");
    try {
      expect(defaultCacheLocation(dir, { XDG_CACHE_HOME: "/xdg" })).toMatch(/^\/xdg\/safesort\/[0-9a-f]{16}\.json$/);
      expect(defaultCacheLocation(dir, { XDG_CACHE_HOME: "/xdg" })).not.toBe(defaultCacheLocation(`${dir}x`, { XDG_CACHE_HOME: "/xdg" }));
      await mkdir(join(dir, "node_modules"));
      expect(defaultCacheLocation(dir)).toBe(join(dir, "node_modules/.cache/safesort/sorted.json"));
    } finally {
      await removeTree(dir);
    }
  });

  it("the bundled CLI scopes its cache to its build: it trusts only keys written under the same version and build", async () => {
    const dir = await makeTempDir("cachescope");
    onTestFinished(() => removeTree(dir));
    const version = packageVersion();
    // Outside the bundle (here, the library) the scope is the version alone.
    expect(cacheScope(version)).toBe(version);
    await writeFile(join(dir, "sorted.ts"), 'import a from "a";\n');
    const unsorted = 'import b from "b";\nimport a from "a";\n';
    await writeFile(join(dir, "unsorted.ts"), unsorted);
    const file = join(dir, "cache.json");
    expect(safesort(["--check", "--cache-location", file, "sorted.ts"], dir).code).toBe(0);
    const scope = (JSON.parse(await readFile(file, "utf8")) as { safesort: string }).safesort;
    expect(scope).toMatch(new RegExp(`^${version.replaceAll(".", "\\.")}\\+[0-9a-f]{16}$`));
    // A key that lies (the unsorted file's bytes as sorted), under the bare version: not trusted.
    const lie = cacheKey(hashBytes(Buffer.from(unsorted)), await loadConfig(join(dir, "unsorted.ts")));
    await writeFile(file, JSON.stringify({ format: FORMAT, safesort: version, keys: [lie] }));
    expect(safesort(["--check", "--cache-location", file, "unsorted.ts"], dir).code).toBe(1);
    // The same key under the build's own scope is trusted (so the key is right, and the scope is what refused it).
    await writeFile(file, JSON.stringify({ format: FORMAT, safesort: scope, keys: [lie] }));
    expect(safesort(["--check", "--cache-location", file, "unsorted.ts"], dir).code).toBe(0);
  });
});
