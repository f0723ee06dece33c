/**
 * A cache of files known to be sorted, so that a run skips work it has done
 * before. It holds two kinds of entry, each naming what it vouches for:
 *
 * - a **content key**: "these bytes (sha256) are sorted under this resolved
 *   config (and `--strict` or not)", a digest. A file whose bytes hash to a
 *   known key is not decoded or parsed, but it is still read and hashed.
 * - a **metadata key**: "the file at this absolute path, with this
 *   (dev, ino, size, mtime ns, ctime ns), is sorted under this config (and
 *   `--strict` or not)", those values themselves (stats.ts: no digest, which
 *   would cost more than the `stat`). A file whose `stat` gives a known key is not even
 *   opened: that is what makes a warm run cost about as much as listing the
 *   tree, like ESLint's and Prettier's metadata caches or git's index. The
 *   key trusts that a change to a file's bytes changes one of these values.
 *   Writing a file always moves its ctime, which no user call can set back
 *   (`touch -d` and `utimes` set mtime and move ctime to now), so an edit
 *   that keeps the size and restores the mtime still misses.
 *
 * The racy case (git's "racy git"): an edit in the same timestamp tick as
 * the stat we recorded, right after we read the file, could keep every value.
 * So a metadata key is recorded only when the file's mtime and ctime are at
 * least `RACY_MARGIN_MS` older than the moment before it was opened, and it
 * is taken with `fstat` on the descriptor the bytes are read from (the same
 * inode), before the read. Any later edit then stamps a later tick than the
 * one recorded, and misses. Otherwise only the content key is recorded.
 *
 * The cache file records the safesort version and build (`cacheScope`) and its
 * format; another one starts empty. So a changed file, a changed config or a
 * new safesort can only miss: the cache never changes an answer, it only
 * skips work. `--no-cache` trusts nothing and records nothing.
 *
 * Stored as JSON at `node_modules/.cache/safesort/sorted.json` (or
 * `--cache-location`), written atomically at the end of a run, at most
 * `MAX_KEYS` of each kind (the oldest go first; metadata keys a directory at
 * a time, and a file keeps only its latest one per config). A cache that cannot be read
 * or parsed is ignored with a warning; one that cannot be written costs a
 * warning, never the run.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

import { rebasedFrom } from "../config/rebased.js";
import { nodeCrypto, sha256Hex } from "../files/crypto.js";
import type { ResolvedConfig } from "../types.js";

import { entryKey, type FileStamp, groupOf, isStatsJson, MetadataEntries, stampText, type StatsJson } from "./stats.js";

export type { FileStamp } from "./stats.js";

/**
 * 2: metadata keys (`stats`), and `--strict` in both kinds of key. 3: metadata
 * keys are the values they cover (stats.ts), not digests. A file of another
 * format starts empty.
 */
export const FORMAT = 3;
/** Keys of each kind kept at most; the oldest go first. */
const MAX_KEYS = 200_000;

/**
 * How much older than the moment a file is opened its mtime and ctime must
 * be for its metadata to be trusted. It must exceed the coarsest timestamp
 * granularity of a file system in use (FAT stores mtime in 2 s steps; ext3
 * and HFS+ in 1 s; ext4, XFS, btrfs, APFS and NTFS in 100 ns or less) plus
 * the lag of the kernel's coarse clock behind `Date.now()` (a few ms) and
 * some clock skew of a network file system: 3 s. An edit made after the
 * file was opened then always stamps a later tick than the one recorded.
 * Files edited in the last 3 s keep only their content key, which costs a
 * read the next time, never an answer.
 */
export const RACY_MARGIN_MS = 3000;

interface CacheFile {
  readonly format: number;
  readonly safesort: string;
  /** Content keys. */
  readonly keys: readonly string[];
  /** Metadata keys (stats.ts). */
  readonly stats?: StatsJson;
}

/** The keys a run looks up (live: a key added during the run is as true as the others). */
export interface KnownSorted {
  /** Content keys (a worker gets them as an array). */
  readonly contents: ReadonlySet<string>;
  /** Whether any metadata key is known: a run that starts without one cannot hit one. */
  readonly anyStat: boolean;
  /** Whether the file at `absPath`, with `stamp`, has a metadata key under this config and `--strict` setting. */
  knownStat(absPath: string, stamp: FileStamp, config: ResolvedConfig, strict: boolean): boolean;
}

/**
 * `<cwd>/node_modules/.cache/safesort/sorted.json` when `<cwd>/node_modules`
 * exists; otherwise the user's cache directory (XDG_CACHE_HOME or ~/.cache),
 * one file per working directory, so a run never leaves a new untracked
 * `node_modules/` in a repository that has none.
 */
export function defaultCacheLocation(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (existsSync(join(cwd, "node_modules"))) return join(cwd, "node_modules", ".cache", "safesort", "sorted.json");
  const base = env["XDG_CACHE_HOME"] || join(homedir(), ".cache");
  const id = sha256Hex(cwd).slice(0, 16);
  return join(base, "safesort", `${id}.json`);
}

/** Set by scripts/bundle.mjs in the bundled CLI (a hash of the code bundled); undefined elsewhere. */
declare const __SAFESORT_BUILD__: string | undefined;

/**
 * What a cache file is valid for: the safesort version and, in the bundled
 * CLI, the build, so that a development build (same version, other code)
 * starts with an empty cache instead of trusting another build's answers.
 */
export function cacheScope(version: string): string {
  return typeof __SAFESORT_BUILD__ === "string" ? `${version}+${__SAFESORT_BUILD__}` : version;
}

const configHashes = new WeakMap<ResolvedConfig, string>();
/** The JSON of a config's frozen parts (groups, lists), which configs differing only in `rootDir` share. */
const partJson = new WeakMap<object, string>();

/**
 * A stable hash of a resolved config (plain, serializable data): the sha256 of
 * `JSON.stringify(config)`, built from the JSON of its fields, each object
 * field's remembered by identity (frozen, so it cannot change): a tree's
 * directories without a config each get a config of their own (their
 * `rootDir`), all sharing the same groups and lists.
 */
export function configHash(config: ResolvedConfig): string {
  let hash = configHashes.get(config);
  if (!hash) {
    hash = sha256Hex(configJson(config));
    configHashes.set(config, hash);
  }
  return hash;
}

/** `JSON.stringify(config)` (the same text), its frozen object fields stringified once each. */
export function configJson(config: ResolvedConfig): string {
  if (!Object.isFrozen(config)) return JSON.stringify(config);
  const fields: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || typeof value === "function") continue;
    fields.push(`${JSON.stringify(key)}:${fieldJson(value)}`);
  }
  return `{${fields.join(",")}}`;
}

function fieldJson(value: unknown): string {
  if (typeof value !== "object" || value === null || !Object.isFrozen(value)) return JSON.stringify(value);
  let json = partJson.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    partJson.set(value, json);
  }
  return json;
}

/**
 * The key of "this content is sorted under this config". `strict`: proved by
 * a whole-file parse (`--strict`), which a strict run needs (a run that is not
 * strict may prove a file sorted from its head and miss a later syntax error).
 */
export function cacheKey(contentHash: string, config: ResolvedConfig, strict = false): string {
  return digest(`${contentHash}\0${configHash(config)}${strict ? "\0strict" : ""}`);
}

/** The key of "the file at `absPath` with this metadata is sorted under this config" (see the file header), to record. */
export function statKey(absPath: string, stamp: FileStamp, config: ResolvedConfig, strict = false): string {
  return entryKey(statGroup(config, strict), absPath, stamp);
}

/**
 * A config's group of metadata keys (stats.ts), for a run (`strict`) or not:
 * the hash of all but its `rootDir` (cut to the width of a content key, 160
 * bits), `!` for `--strict` or `:`, and its `rootDir`. The hash is computed
 * once for the configs that differ only in `rootDir` (a tree's directories
 * without a config file), not per directory.
 */
const statGroup = groupOf((config, strict) => `${restHash(rebasedFrom(config) ?? config)}${strict ? "!" : ":"}${config.rootDir}`);

const restHashes = new WeakMap<ResolvedConfig, string>();

function restHash(config: ResolvedConfig): string {
  let hash = restHashes.get(config);
  if (hash === undefined) {
    hash = digest(JSON.stringify({ ...config, rootDir: undefined }));
    restHashes.set(config, hash);
  }
  return hash;
}

/** Whether `stamp`'s mtime and ctime are older than `openedMs` (`Date.now()` before the file was opened) by the racy margin. */
export function settled(stamp: FileStamp, openedMs: number): boolean {
  const limit = BigInt(openedMs - RACY_MARGIN_MS) * 1_000_000n;
  return stamp.mtimeNs < limit && stamp.ctimeNs < limit;
}

function digest(text: string): string {
  return sha256Hex(text).slice(0, 40);
}

export class SortedCache {
  /** Content keys as loaded, until a run first asks about one. */
  private loaded: readonly string[] | undefined;
  private set: Set<string> | undefined;
  private readonly stamps: MetadataEntries;
  private dirty = false;

  private constructor(
    readonly file: string,
    readonly version: string,
    keys: readonly string[],
    stats?: StatsJson,
  ) {
    this.loaded = keys;
    this.stamps = new MetadataEntries(stats);
  }

  /** The content keys (made into a set when first needed: a warm run may never ask). */
  private get known(): Set<string> {
    if (this.set === undefined) {
      this.set = new Set(this.loaded);
      this.loaded = undefined;
    }
    return this.set;
  }

  /** Load the cache at `file`; missing means empty, unreadable or corrupt means empty plus a warning. */
  static async load(file: string, version: string, warn: (message: string) => void): Promise<SortedCache> {
    let text: string;
    try {
      // At once: the run waits for it anyway, and a whole-file read skips the streamed decoding.
      text = readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") warn(`ignoring the cache at ${file}: ${(error as Error).message}`);
      return new SortedCache(file, version, []);
    }
    const parsed = parseCacheFile(text);
    if (!parsed) {
      warn(`ignoring the cache at ${file}: it is corrupt`);
      return new SortedCache(file, version, []);
    }
    const valid = parsed.safesort === version && parsed.format === FORMAT;
    return valid ? new SortedCache(file, version, parsed.keys, parsed.stats) : new SortedCache(file, version, []);
  }

  /** An empty cache that is never saved (`--no-cache`, or for tests). */
  static memory(version: string): SortedCache {
    return new SortedCache("", version, []);
  }

  get size(): number {
    return this.known.size;
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  add(key: string): void {
    if (this.known.has(key)) return;
    this.known.add(key);
    this.dirty = true;
  }

  /** Record a metadata key (`statKey`). */
  addStat(key: string): void {
    if (this.stamps.add(key)) this.dirty = true;
  }

  /** Whether the file at `absPath`, with `stamp`, has a metadata key under this config and `--strict` setting. */
  hasStat(absPath: string, stamp: FileStamp, config: ResolvedConfig, strict = false): boolean {
    return this.stamps.has(statGroup(config, strict), absPath, stampText(stamp));
  }

  keys(): string[] {
    return [...this.known];
  }

  /** Both kinds of key, for a run's lookups. */
  lookups(): KnownSorted {
    const cache = this;
    return {
      get contents() {
        return cache.known;
      },
      anyStat: !this.stamps.empty,
      knownStat: (absPath, stamp, config, strict) => this.hasStat(absPath, stamp, config, strict),
    };
  }

  /** Write the cache atomically if it changed; failures are warnings. */
  async save(warn: (message: string) => void): Promise<void> {
    if (!this.dirty || this.file === "") return;
    const keys = this.loaded ?? [...this.known].slice(-MAX_KEYS);
    const stats = this.stamps.toJson(MAX_KEYS);
    const body: CacheFile = { format: FORMAT, safesort: this.version, keys, stats };
    const temp = `${this.file}.${process.pid}.${nodeCrypto().randomBytes(4).toString("hex")}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(temp, JSON.stringify(body));
      await rename(temp, this.file);
      this.dirty = false;
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      warn(`could not write the cache at ${this.file}: ${(error as Error).message}`);
    }
  }
}

function parseCacheFile(text: string): CacheFile | undefined {
  try {
    const value = JSON.parse(text) as Partial<CacheFile>;
    if (typeof value !== "object" || value === null) return undefined;
    if (typeof value.format !== "number" || typeof value.safesort !== "string" || !Array.isArray(value.keys)) return undefined;
    if (!value.keys.every((k) => typeof k === "string")) return undefined;
    // Another format's metadata keys are of another shape: they are dropped with the rest (`load`).
    if (value.stats !== undefined && value.format === FORMAT && !isStatsJson(value.stats)) return undefined;
    return value as CacheFile;
  } catch {
    return undefined;
  }
}
