/**
 * The cache's metadata keys (src/cache/cache.ts), through the real CLI: a
 * warm run does not open a file whose metadata the cache knows, and nothing
 * but an unchanged file with settled timestamps, under the same config,
 * `--strict` setting, format and build, can hit.
 *
 * Files the tests want metadata-cached are written in `beforeAll`, which then
 * waits out the racy margin once (their ctime cannot be set back).
 */
import { statSync } from "node:fs";
import { chmod, readFile, realpath, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cacheKey, FORMAT, RACY_MARGIN_MS, settled, SortedCache, statKey } from "../../src/cache/cache.js";
import { loadConfig } from "../../src/config/index.js";
import { rebase, rebasedFrom } from "../../src/config/rebased.js";
import { hashBytes } from "../../src/files/write.js";
import { canDropPrivileges, removeUnprivilegedInstall, runBin, safesort } from "../helpers/bin.js";
import { isRoot, makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

const SORTED = 'import a from "a";\nimport b from "b";\n';
/** The same bytes in another order: the same size. */
const UNSORTED = 'import b from "b";\nimport a from "a";\n';
/** A whole second, so that `utimes` can put it back exactly. */
const LONG_AGO = new Date("2020-01-01T00:00:00Z");
/** Files (in `old/`) the warm run must not open: enough to reach the worker pool with `--jobs 2` (48 run in-process). */
const OLD_FILES = 60;

let dir: string;

interface CacheBody {
  format: number;
  safesort: string;
  keys: string[];
  /** Config group → directory → `name/stamp/…` (src/cache/stats.ts). */
  stats: Record<string, Record<string, string>>;
}
/** How many metadata keys a cache file holds. */
const statCount = (body: CacheBody): number =>
  Object.values(body.stats ?? {})
    .flatMap((dirs) => Object.values(dirs))
    .reduce((sum, entries) => sum + entries.split("/").length / 2, 0);
const cacheIn = async (file: string): Promise<CacheBody> => JSON.parse(await readFile(file, "utf8")) as CacheBody;

/** Statuses by path from a `--reporter json` run. */
function statuses(stdout: string): Record<string, string> {
  const report = JSON.parse(stdout) as { files: { path: string; status: string }[] };
  return Object.fromEntries(report.files.map((f) => [f.path, f.status]));
}

/**
 * Showing that a run does not open a file: it cannot read it, yet says "unchanged". Making a file
 * unreadable moves its ctime (so it must happen before the cache is filled), and the filling run
 * must still read it: so root fills the cache and an unprivileged user runs the warm check.
 */
const proofOfNoRead = isRoot && canDropPrivileges();
const NOBODY = 65534;
const oldFile = (i: number): string => `old/f${String(i).padStart(2, "0")}.ts`;

beforeAll(async () => {
  dir = await realpath(await makeTempDir("metacache"));
  const old: Record<string, string> = {};
  for (let i = 0; i < OLD_FILES; i++) old[oldFile(i)] = `${SORTED}export const n = ${i};\n`;
  await writeTree(dir, {
    ...old,
    "edit/b.ts": SORTED,
    "config/c.ts": 'import a from "a";\n\nimport b from "./b";\n',
    "build/d.ts": UNSORTED,
    "build/ok.ts": SORTED,
    "strict/e.ts": `${SORTED}\nconst x = ;\n`,
    "warm/a.ts": SORTED,
    "warm/b/c.ts": SORTED,
    "warm/b/d.ts": `${SORTED}export {};\n`,
  });
  await utimes(join(dir, "edit/b.ts"), LONG_AGO, LONG_AGO);
  for (let i = 0; i < OLD_FILES; i++) await chmod(join(dir, oldFile(i)), 0o000);
  await new Promise((done) => setTimeout(done, RACY_MARGIN_MS + 300));
}, RACY_MARGIN_MS + 20_000);

afterAll(async () => {
  await removeTree(dir);
  await removeUnprivilegedInstall();
});

describe("the cache's metadata keys", () => {
  it.skipIf(!proofOfNoRead)(
    "a warm run does not open files whose metadata is cached, and only files whose timestamps were settled when read are cached so",
    async () => {
      const cache = join(dir, "old.json");
      const asNobody = (args: string[]) => runBin([...args, "--reporter", "json", "old", "fresh"], { cwd: dir, uid: NOBODY });
      // Unreadable to the warm run's user indeed.
      const cold = await asNobody(["--check", "--no-cache"]);
      const coldSeen = statuses(cold.stdout);
      for (let i = 0; i < OLD_FILES; i++) expect(coldSeen[oldFile(i)]).toBe("failed");
      // Root reads them all and fills the cache, in-process and (past 48 files) on workers.
      expect(safesort(["--check", "--jobs", "2", "--cache-location", cache, "old"], dir).code).toBe(0);
      // Written (and made unreadable) just now, and cached at once: inside the racy margin.
      const written = Date.now();
      await writeTree(dir, { "fresh/new.ts": SORTED });
      await chmod(join(dir, "fresh/new.ts"), 0o000);
      expect(safesort(["--check", "--cache-location", cache, "fresh"], dir).code).toBe(0);
      expect(Date.now() - written, "the one-file run took longer than the margin: the machine is too busy for this test").toBeLessThan(RACY_MARGIN_MS);
      const body = await cacheIn(cache);
      expect(body.format).toBe(FORMAT);
      expect(statCount(body)).toBe(OLD_FILES); // not fresh/new.ts
      expect(body.keys).toHaveLength(OLD_FILES + 1);
      for (const jobs of ["1", "2"]) {
        const warm = await asNobody(["--check", "--jobs", jobs, "--cache-location", cache]);
        expect(warm.code, warm.stderr).toBe(2);
        const seen = statuses(warm.stdout);
        expect(seen["fresh/new.ts"]).toBe("failed"); // opened: only its content was cached
        for (let i = 0; i < OLD_FILES; i++) expect(seen[oldFile(i)]).toBe("unchanged");
      }
    },
    60_000,
  );

  it("an edit that keeps the size, the inode and the mtime (restored with utimes) still misses: ctime moved", async () => {
    const file = join(dir, "edit/b.ts");
    const cache = join(dir, "edit.json");
    expect(safesort(["--check", "--cache-location", cache, "edit"], dir).code).toBe(0);
    expect(statCount(await cacheIn(cache))).toBe(1);
    const before = statSync(file, { bigint: true });
    await writeFile(file, UNSORTED);
    await utimes(file, LONG_AGO, LONG_AGO);
    const after = statSync(file, { bigint: true });
    // Only ctime tells them apart.
    expect([after.dev, after.ino, after.size, after.mtimeNs]).toEqual([before.dev, before.ino, before.size, before.mtimeNs]);
    expect(after.ctimeNs).not.toBe(before.ctimeNs);
    const warm = safesort(["--check", "--cache-location", cache, "edit"], dir);
    expect(warm.code).toBe(1);
    expect(warm.stdout).toContain("edit/b.ts");
  });

  it("a warm run that its metadata keys settle loads no node:crypto: the few short texts it hashes are hashed in JavaScript", async () => {
    const cache = join(dir, "warm.json");
    const probe = join(dir, "probe.mjs");
    const log = join(dir, "loaded.txt");
    await writeFile(probe, `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(${JSON.stringify(log)}, process.moduleLoadList.join("\\n")));\n`);
    const run = () => safesort(["--check", "--cache-location", cache, "warm"], dir, { env: { ...process.env, NODE_OPTIONS: `--import=${probe}` } });
    expect(run().code).toBe(0); // reads the files and records them: hashes their bytes
    expect(await readFile(log, "utf8")).toMatch(/^NativeModule crypto$/m);
    expect(statCount(await cacheIn(cache))).toBe(3);
    const warm = run();
    expect([warm.code, warm.stderr]).toEqual([0, "0 files would be sorted, 3 unchanged\n"]);
    expect(await readFile(log, "utf8")).not.toMatch(/crypto/);
    // The default location (a hash of the working directory) too.
    const home = join(dir, "xdg");
    const byDefault = () => safesort(["--check", "warm"], dir, { env: { ...process.env, XDG_CACHE_HOME: home, NODE_OPTIONS: `--import=${probe}` } });
    expect(byDefault().code).toBe(0);
    expect(byDefault().code).toBe(0);
    expect(await readFile(log, "utf8")).not.toMatch(/crypto/);
  });

  it("a changed config misses", async () => {
    const cache = join(dir, "config.json");
    expect(safesort(["--check", "--cache-location", cache, "config"], dir).code).toBe(0);
    expect(statCount(await cacheIn(cache))).toBe(1);
    await writeFile(join(dir, "config/.safesortrc.json"), JSON.stringify({ blankLinesBetweenGroups: false }));
    const warm = safesort(["--check", "--cache-location", cache, "config"], dir);
    expect(warm.code).toBe(1);
    expect(warm.stdout).toContain("config/c.ts");
  });

  it("a file cached by a run that was not --strict is parsed whole by a --strict run (both kinds of key)", async () => {
    const cache = join(dir, "strict.json");
    // Sorted imports, a syntax error after them: proved sorted from its head, unless --strict.
    expect(safesort(["--check", "--cache-location", cache, "strict"], dir).code).toBe(0);
    const body = await cacheIn(cache);
    expect([body.keys.length, statCount(body)]).toEqual([1, 1]);
    const strict = safesort(["--check", "--strict", "--cache-location", cache, "strict"], dir);
    expect(strict.code).toBe(2);
    expect(strict.stdout + strict.stderr).toMatch(/strict\/e\.ts:4:11: syntax error/);
  });

  it("another build, or another format, trusts none of the keys: a lying key for an unsorted file is believed only under this build and format", async () => {
    const file = join(dir, "build/d.ts");
    const cache = join(dir, "build.json");
    // A run that writes the cache (for ok.ts), to learn this build's scope.
    expect(safesort(["--check", "--cache-location", cache, "build"], dir).code).toBe(1);
    const scope = (await cacheIn(cache)).safesort;
    const config = await loadConfig(file);
    const stat = statSync(file, { bigint: true });
    // The lying metadata key, as this format stores it (written by the cache itself).
    const liar = await SortedCache.load(join(dir, "liar.json"), scope, () => undefined);
    liar.addStat(statKey(file, stat, config));
    await liar.save(() => undefined);
    const lie = { stats: (await cacheIn(join(dir, "liar.json"))).stats, contents: [cacheKey(hashBytes(Buffer.from(UNSORTED)), config)] };
    const check = async (body: object) => {
      await writeFile(cache, JSON.stringify(body));
      return safesort(["--check", "--cache-location", cache, "build"], dir).code;
    };
    // The keys are right: under this build and format, the cache is believed (so what refuses them below is the scope or the format).
    expect(await check({ format: FORMAT, safesort: scope, keys: [], stats: lie.stats })).toBe(0);
    expect(await check({ format: FORMAT, safesort: scope, keys: lie.contents, stats: {} })).toBe(0);
    // Another build of the same version.
    expect(await check({ format: FORMAT, safesort: `${scope.split("+")[0]}+0000000000000000`, keys: lie.contents, stats: lie.stats })).toBe(1);
    // The format before metadata keys (content keys only).
    expect(await check({ format: 1, safesort: scope, keys: lie.contents })).toBe(1);
    expect(await check({ format: FORMAT - 1, safesort: scope, keys: lie.contents, stats: lie.stats })).toBe(1);
    // The format before this one: its metadata keys were digests, in a list.
    expect(await check({ format: 2, safesort: scope, keys: lie.contents, stats: [statKey(file, stat, config)] })).toBe(1);
  });
});

describe("settled timestamps", () => {
  const at = (ms: number): bigint => BigInt(ms) * 1_000_000n;
  const stamp = (mtimeMs: number, ctimeMs: number) => ({ dev: 1n, ino: 2n, size: 3n, mtimeNs: at(mtimeMs), ctimeNs: at(ctimeMs) });
  const opened = 1_700_000_000_000;

  it("needs both mtime and ctime older than the margin before the file was opened", () => {
    const old = opened - RACY_MARGIN_MS - 1;
    expect(settled(stamp(old, old), opened)).toBe(true);
    expect(settled(stamp(old, opened - RACY_MARGIN_MS), opened)).toBe(false);
    expect(settled(stamp(opened - RACY_MARGIN_MS, old), opened)).toBe(false);
    expect(settled(stamp(old, opened + 60_000), opened)).toBe(false); // a ctime in the future (clock skew)
  });

  it("keys differ in every field they cover", async () => {
    const config = await loadConfig(join(dir, "build/d.ts"));
    const base = stamp(1000, 2000);
    const keys = new Set([
      statKey("/a.ts", base, config),
      statKey("/b.ts", base, config),
      statKey("/a.ts", { ...base, dev: 9n }, config),
      statKey("/a.ts", { ...base, ino: 9n }, config),
      statKey("/a.ts", { ...base, size: 9n }, config),
      statKey("/a.ts", { ...base, mtimeNs: 9n }, config),
      statKey("/a.ts", { ...base, ctimeNs: 9n }, config),
      statKey("/a.ts", base, { ...config, blankLinesBetweenGroups: !config.blankLinesBetweenGroups }),
      statKey("/a.ts", base, config, true),
      statKey("/a.ts", base, { ...config, rootDir: "/elsewhere" }),
      statKey("/a.ts", base, { ...config, rootDir: "/elsewhere strict" }),
      statKey("/a.ts", base, { ...config, rootDir: "/elsewhere" }, true),
    ]);
    expect(keys.size).toBe(12);
  });

  it("a config made from another by changing its rootDir (a directory without a config file) has the key its contents give", async () => {
    const config = await loadConfig(join(dir, "build/d.ts"));
    const base = stamp(1000, 2000);
    for (const strict of [false, true]) {
      const made = rebase(config, "/made/here");
      expect(rebasedFrom(made)).toBe(rebasedFrom(config) ?? config);
      expect(statKey("/made/here/a.ts", base, made, strict)).toBe(statKey("/made/here/a.ts", base, Object.freeze({ ...config, rootDir: "/made/here" }), strict));
      expect(statKey("/made/here/a.ts", base, made, strict)).not.toBe(statKey("/made/here/a.ts", base, rebase(config, "/made"), strict));
      expect(statKey("/made/here/a.ts", base, rebase(made, "/x"), strict)).toBe(statKey("/made/here/a.ts", base, { ...config, rootDir: "/x" }, strict));
    }
  });
});
