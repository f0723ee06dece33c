/**
 * A cache of files known to be sorted. An entry is a key made of the file's
 * content hash and the hash of the resolved config that sorted it; the cache
 * file records the safesort version (and build: `cacheScope`) that wrote it,
 * and a different one starts empty. So a changed file, a changed config or a new safesort can
 * only miss: the cache never changes an answer, it only skips work.
 *
 * Stored as JSON at `node_modules/.cache/safesort/sorted.json` (or
 * `--cache-location`), written atomically at the end of a run. A cache that
 * cannot be read or parsed is ignored with a warning; one that cannot be
 * written costs a warning, never the run.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

import { nodeCrypto, sha256Hex } from "../files/crypto.js";
import type { ResolvedConfig } from "../types.js";

const FORMAT = 1;
/** Keys kept at most; the oldest go first. */
const MAX_KEYS = 200_000;

interface CacheFile {
  readonly format: number;
  readonly safesort: string;
  readonly keys: readonly string[];
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

/** A stable hash of a resolved config (plain, serializable data). */
export function configHash(config: ResolvedConfig): string {
  let hash = configHashes.get(config);
  if (!hash) {
    hash = sha256Hex(JSON.stringify(config));
    configHashes.set(config, hash);
  }
  return hash;
}

/** The key of "this content is sorted under this config". */
export function cacheKey(contentHash: string, config: ResolvedConfig): string {
  const text = `${contentHash}\0${configHash(config)}`;
  return sha256Hex(text).slice(0, 40);
}

export class SortedCache {
  private readonly known: Set<string>;
  private dirty = false;

  private constructor(
    readonly file: string,
    readonly version: string,
    keys: Iterable<string>,
  ) {
    this.known = new Set(keys);
  }

  /** Load the cache at `file`; missing means empty, unreadable or corrupt means empty plus a warning. */
  static async load(file: string, version: string, warn: (message: string) => void): Promise<SortedCache> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") warn(`ignoring the cache at ${file}: ${(error as Error).message}`);
      return new SortedCache(file, version, []);
    }
    const parsed = parseCacheFile(text);
    if (!parsed) {
      warn(`ignoring the cache at ${file}: it is corrupt`);
      return new SortedCache(file, version, []);
    }
    return new SortedCache(file, version, parsed.safesort === version && parsed.format === FORMAT ? parsed.keys : []);
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

  keys(): string[] {
    return [...this.known];
  }

  /** Write the cache atomically if it changed; failures are warnings. */
  async save(warn: (message: string) => void): Promise<void> {
    if (!this.dirty || this.file === "") return;
    const keys = [...this.known].slice(-MAX_KEYS);
    const body: CacheFile = { format: FORMAT, safesort: this.version, keys };
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
    return value as CacheFile;
  } catch {
    return undefined;
  }
}
