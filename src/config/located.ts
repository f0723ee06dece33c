/**
 * Locating config errors: a key path such as `safesort.groups[2].match[0]`
 * and a short description of the value that was found instead.
 */
import { ConfigError } from "../errors.js";

/** Segments of a key path: object keys and array indexes. */
export type KeyPath = readonly (string | number)[];

/** Where the user's options live: the file, and the key holding them (`["safesort"]` in package.json). */
export interface ConfigLocation {
  readonly file: string;
  readonly root: KeyPath;
}

/** `["safesort", "groups", 2, "match", 0]` → `safesort.groups[2].match[0]`. */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Throw a ConfigError for the key at `path` (relative to the options' root). */
export function fail(at: ConfigLocation, path: KeyPath, message: string): never {
  throw new ConfigError(at.file, formatKeyPath([...at.root, ...path]), message);
}

/** How a value is named in "expected …, got …": `number`, `array`, `null`, `string "x"`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return `string ${JSON.stringify(value)}`;
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
