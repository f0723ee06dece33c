/**
 * Cached reads of the small files config resolution looks at (config files,
 * package.json, tsconfig.json, `.git` markers): each is read and parsed at
 * most once per ConfigResolver, however many source files ask.
 *
 * Most of those files do not exist: each directory is probed for five names.
 * A probe is one synchronous `stat` that reports a missing file without an
 * exception (`throwIfNoEntry: false`), and only a file that exists is read.
 * Synchronous on purpose: a probe answers from the kernel's caches in
 * microseconds, far less than a round trip through libuv's thread pool,
 * during which the run would wait (the walk asks for a directory's config
 * before it goes on). The file system itself compares the names, so on
 * case-insensitive ones (macOS, Windows) a probe finds what opening the file
 * would find.
 */
import { lstatSync, readFileSync, statSync } from "node:fs";

import { ConfigError } from "../errors.js";
import { osReason } from "../files/os-error.js";

import { parseJsonc, parseJsonStrict } from "./json.js";

/** A strict JSON read: absent, parsed, or broken (with the located error). */
export type JsonRead = { readonly value: unknown } | { readonly error: ConfigError } | undefined;

export class FileCache {
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly jsons = new Map<string, Promise<JsonRead>>();
  private readonly jsoncs = new Map<string, Promise<unknown>>();
  private readonly existing = new Map<string, Promise<boolean>>();
  /** Directory listings a walk has read, by the directory's path. */
  private readonly listings = new Map<string, readonly { readonly name: string }[]>();

  /**
   * A walk's listing of `dir` (its entries, kept as they are): a probe of a
   * name it does not hold, in any letter case, is answered "absent" without a
   * `stat` (most of a walk's config probes). A name it holds in some case is
   * probed as before, so a case-insensitive file system still finds what
   * opening it would find. As everything here, it holds for the resolver's
   * life: a run.
   */
  noteListing(dir: string, entries: readonly { readonly name: string }[]): void {
    this.listings.set(dir, entries);
  }

  /** Whether a listing of `file`'s directory shows for sure that nothing is at `file`. */
  private listedAbsent(file: string): boolean {
    if (this.listings.size === 0) return false;
    const cut = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
    const entries = cut > 0 ? this.listings.get(file.slice(0, cut)) : undefined;
    if (entries === undefined) return false;
    const wanted = file.slice(cut + 1).toLowerCase();
    // A few names are probed per directory: compared by length first, lower-cased only then.
    for (const { name } of entries) if (name.length === wanted.length && name.toLowerCase() === wanted) return false;
    return true;
  }

  /** Whether anything (file, directory, link) exists at `file`. */
  exists(file: string): Promise<boolean> {
    return memo(this.existing, file, async () => {
      if (this.listedAbsent(file)) return false;
      try {
        return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
      } catch {
        return false;
      }
    });
  }

  /** The file's text, or undefined when there is no such file. Other IO errors become ConfigErrors. */
  text(file: string): Promise<string | undefined> {
    return memo(this.texts, file, async () => (this.listedAbsent(file) ? undefined : readText(file)));
  }

  /** The file parsed as strict JSON (config files, package.json). */
  json(file: string): Promise<JsonRead> {
    return memo(this.jsons, file, async () => {
      const text = await this.text(file);
      if (text === undefined) return undefined;
      try {
        return { value: parseJsonStrict(text, file) };
      } catch (error) {
        if (error instanceof ConfigError) return { error };
        throw error;
      }
    });
  }

  /** The file parsed as JSON with comments (tsconfig.json); undefined if absent, unreadable or broken. */
  jsonc(file: string): Promise<unknown> {
    return memo(this.jsoncs, file, async () => {
      const text = await this.text(file).catch(() => undefined);
      return text === undefined ? undefined : parseJsonc(text);
    });
  }
}

/** `map.get(key)`, computing and storing the promise on first use. */
export function memo<K, V>(map: Map<K, Promise<V>>, key: K, compute: () => Promise<V>): Promise<V> {
  let promise = map.get(key);
  if (promise === undefined) {
    promise = compute();
    map.set(key, promise);
  }
  return promise;
}

/** A file's text; undefined when nothing is there, or a directory. */
function readText(file: string): string | undefined {
  try {
    // Missing: no exception (the common case: most probes find nothing).
    if (statSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw new ConfigError(file, "", `cannot read the file: ${osReason(error)}`);
  }
}
