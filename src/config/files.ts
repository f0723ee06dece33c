/**
 * Cached reads of the small files config resolution looks at (config files,
 * package.json, tsconfig.json, `.git` markers): each is read and parsed at
 * most once per ConfigResolver, however many source files ask.
 *
 * Most of those files do not exist: each directory is probed for five names.
 * So a directory is listed once, and a name it does not hold is absent
 * without an open that fails (one `readdir` instead of five failing calls,
 * each an exception). A directory that cannot be listed falls back to
 * opening each file. On case-insensitive file systems (macOS, Windows) names
 * are compared as such, so a probe finds what opening the file would find.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";

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
  private readonly listings = new Map<string, Promise<ReadonlySet<string> | undefined>>();

  /** Whether anything (file, directory, link) exists at `file`. */
  exists(file: string): Promise<boolean> {
    return memo(this.existing, file, async () => {
      if (await this.surelyAbsent(file)) return false;
      return lstat(file).then(
        () => true,
        () => false,
      );
    });
  }

  /** The file's text, or undefined when there is no such file. Other IO errors become ConfigErrors. */
  text(file: string): Promise<string | undefined> {
    return memo(this.texts, file, async () => ((await this.surelyAbsent(file)) ? undefined : readText(file)));
  }

  /** Whether the listing of `file`'s directory (when it can be listed) lacks its name. */
  private async surelyAbsent(file: string): Promise<boolean> {
    const dir = dirname(file);
    const names = await memo(this.listings, dir, () =>
      readdir(dir).then(
        (entries) => new Set(entries.map(foldCase)),
        () => undefined,
      ),
    );
    return names !== undefined && !names.has(foldCase(basename(file)));
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

/** File names as the file system compares them. */
const foldCase = process.platform === "darwin" || process.platform === "win32" ? (name: string): string => name.toLowerCase() : (name: string): string => name;

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw new ConfigError(file, "", `cannot read the file: ${osReason(error)}`);
  }
}
