/**
 * The cache's metadata entries (see cache.ts): "the file at this path, with
 * this (dev, ino, size, mtime ns, ctime ns), is sorted under this config (and
 * `--strict` or not)", held so that a warm run's one lookup per file costs
 * less than the `stat` it follows.
 *
 * An entry is the exact values, not a digest of them: no hash per file, and
 * no two files' entries can be confused. Entries are grouped by config (its
 * hash, and `--strict`), then by directory, then by file name: a path has one
 * entry per group, its latest (a file's ctime never goes back, so an older
 * one can never match again). In the cache file a directory's entries are one
 * string, `name/stamp/name/stamp…` (a name holds no `/`, a stamp is digits and
 * `:`), split into a map only when a run first asks about that directory.
 */
import { sep } from "node:path";

import type { ResolvedConfig } from "../types.js";

/** The file metadata an entry covers: `fstatSync(fd, { bigint: true })` or `statSync(path, { bigint: true })`. */
export interface FileStamp {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

/** As stored: group → directory → `name/stamp/…`. */
export type StatsJson = Record<string, Record<string, string>>;

/** A directory's entries: file name → stamp text; or, not yet asked about, as stored. */
type DirEntries = Map<string, string> | string;

/** The stamp as an entry stores it. */
export function stampText(stamp: FileStamp): string {
  return `${stamp.dev}:${stamp.ino}:${stamp.size}:${stamp.mtimeNs}:${stamp.ctimeNs}`;
}

/**
 * The key of an entry to record (`MetadataEntries.add`): group, path and stamp,
 * NUL-separated (none of them holds a NUL). Plain data, so a worker can send it.
 */
export function entryKey(group: string, absPath: string, stamp: FileStamp): string {
  return `${group}\0${absPath}\0${stampText(stamp)}`;
}

/** One group's entries by directory, in the order they were last written to (the oldest first). */
class Group {
  readonly dirs: Map<string, DirEntries>;
  /** The directory asked about last and its entries: a run asks about the files of one directory in a row. */
  private lastDir: string | undefined;
  private lastEntries: Map<string, string> | undefined;

  constructor(dirs: Record<string, string> = {}) {
    this.dirs = new Map(Object.entries(dirs));
  }

  has(absPath: string, stamp: string): boolean {
    const slash = absPath.lastIndexOf(sep);
    if (slash < 0) return false;
    const last = this.lastDir;
    const entries = last !== undefined && slash === last.length && absPath.startsWith(last) ? this.lastEntries : this.entriesOf(absPath.slice(0, slash));
    return entries !== undefined && entries.get(absPath.slice(slash + 1)) === stamp;
  }

  add(absPath: string, stamp: string): void {
    const slash = absPath.lastIndexOf(sep);
    if (slash < 0) return;
    const dir = absPath.slice(0, slash);
    const entries = this.entriesOf(dir) ?? new Map<string, string>();
    entries.set(absPath.slice(slash + 1), stamp);
    // Written to last: the last to go when the cache is cut.
    this.dirs.delete(dir);
    this.dirs.set(dir, entries);
    this.lastEntries = entries;
  }

  private entriesOf(dir: string): Map<string, string> | undefined {
    let entries = this.dirs.get(dir);
    if (typeof entries === "string") {
      entries = parseEntries(entries);
      this.dirs.set(dir, entries);
    }
    this.lastDir = dir;
    this.lastEntries = entries;
    return entries;
  }
}

function parseEntries(text: string): Map<string, string> {
  const parts = text.split("/");
  const entries = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length; i += 2) entries.set(parts[i]!, parts[i + 1]!);
  return entries;
}

function countEntries(entries: DirEntries): number {
  if (typeof entries !== "string") return entries.size;
  let slashes = 0;
  for (let i = entries.indexOf("/"); i >= 0; i = entries.indexOf("/", i + 1)) slashes++;
  return (slashes + 1) >> 1;
}

function entriesJson(entries: DirEntries): string {
  if (typeof entries === "string") return entries;
  const parts: string[] = [];
  for (const [name, stamp] of entries) parts.push(name, stamp);
  return parts.join("/");
}

/** The metadata entries of a cache. */
export class MetadataEntries {
  private readonly groups = new Map<string, Group>();

  constructor(json: StatsJson = {}) {
    for (const [name, dirs] of Object.entries(json)) this.groups.set(name, new Group(dirs));
  }

  /** Whether any entry was loaded or added. */
  get empty(): boolean {
    return this.groups.size === 0;
  }

  /** Whether the file at `absPath` with `stamp` (`stampText`) has an entry in `group`. */
  has(group: string, absPath: string, stamp: string): boolean {
    return this.groups.get(group)?.has(absPath, stamp) ?? false;
  }

  /** Record an `entryKey`; true if it was not known. */
  add(key: string): boolean {
    const first = key.indexOf("\0");
    const last = key.lastIndexOf("\0");
    if (first < 0 || last === first) return false;
    const name = key.slice(0, first);
    const absPath = key.slice(first + 1, last);
    const stamp = key.slice(last + 1);
    if (absPath.lastIndexOf(sep) < 0) return false;
    let group = this.groups.get(name);
    if (group === undefined) {
      group = new Group();
      this.groups.set(name, group);
    } else if (group.has(absPath, stamp)) {
      return false;
    }
    group.add(absPath, stamp);
    return true;
  }

  /** As stored, at most `max` entries: the directories written to longest ago go first, whole. */
  toJson(max: number): StatsJson {
    const dirs: { group: string; dir: string; entries: DirEntries; count: number }[] = [];
    for (const [group, { dirs: byDir }] of this.groups) {
      for (const [dir, entries] of byDir) dirs.push({ group, dir, entries, count: countEntries(entries) });
    }
    let total = dirs.reduce((sum, d) => sum + d.count, 0);
    let first = 0;
    // Groups come in the order they were made; within each, directories oldest first.
    while (total > max && first < dirs.length) total -= dirs[first++]!.count;
    const json: StatsJson = {};
    for (const { group, dir, entries } of dirs.slice(first)) (json[group] ??= {})[dir] = entriesJson(entries);
    return json;
  }
}

/** Whether `value` is stored metadata entries (the shape, not the contents: a wrong entry never matches). */
export function isStatsJson(value: unknown): value is StatsJson {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const dirs of Object.values(value as object)) {
    if (typeof dirs !== "object" || dirs === null || Array.isArray(dirs)) return false;
    for (const entries of Object.values(dirs as object)) if (typeof entries !== "string") return false;
  }
  return true;
}

/** The group of entries a run looks in, per config and `--strict`: `name` is asked once for each. */
export function groupOf(name: (config: ResolvedConfig, strict: boolean) => string): (config: ResolvedConfig, strict: boolean) => string {
  const groups = new WeakMap<ResolvedConfig, [string | undefined, string | undefined]>();
  return (config, strict) => {
    let both = groups.get(config);
    if (both === undefined) {
      both = [undefined, undefined];
      groups.set(config, both);
    }
    return (both[strict ? 1 : 0] ??= name(config, strict));
  };
}
