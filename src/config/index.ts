/**
 * Configuration: find the configs that apply to a file, validate them against
 * the user-facing schema (schema.ts, errors name the key path), merge them
 * (cascade.ts) and resolve the result into a frozen, serializable
 * ResolvedConfig (resolve.ts).
 *
 *   find.ts         the chain of safesort.config.json / .safesortrc.json / package.json "safesort"
 *   cascade.ts      merging the chain and the overrides that match a file
 *   schema.ts       what a config may say, with located validation errors
 *   groups.ts       `groups` → the resolved order of groups
 *   first-party.ts  package name, package `imports`, tsconfig `paths` → globs
 *   tsconfig.ts     tsconfig `paths` through `extends`
 *   json.ts, files.ts, located.ts   parsing, cached reads, key paths
 */
import path from "node:path";

import { isResolved, resolvedPath } from "../files/resolved.js";
import type { ResolvedConfig } from "../types.js";

import { hasOverrides, matchingOverrides, mergeChain } from "./cascade.js";
import { FileCache, memo } from "./files.js";
import { Finder, type FoundConfig } from "./find.js";
import { projectFirstParty } from "./first-party.js";
import { rebase } from "./rebased.js";
import { resolveConfig } from "./resolve.js";

export { CONFIG_FILE_NAMES } from "./find.js";

export interface ConfigOptions {
  /**
   * An explicit config file (`--config`): used for every file, no discovery,
   * no cascade. `false` (`--no-config`): no config file at all, the defaults
   * for every file.
   */
  readonly configFile?: string | false;
}

/** The resolver for a `--config` / `--no-config` option given relative to `cwd`. */
export function configResolver(cwd: string, configFile: string | false | undefined): ConfigResolver {
  if (configFile === undefined) return new ConfigResolver({});
  return new ConfigResolver({ configFile: configFile === false ? false : path.resolve(cwd, configFile) });
}

/** Defaults, with `rootDir` as the directory `exclude` is relative to. */
export function defaultConfig(rootDir: string): ResolvedConfig {
  return resolveConfig({ projectFirstParty: [], rootDir });
}

/** What every file of one directory shares. */
interface DirectoryState {
  readonly dir: string;
  readonly chain: readonly FoundConfig[];
  /** Identifies the chain, package.json and tsconfig.json: files with the same key and overrides share a config. */
  readonly key: string;
  readonly packageFile: string | undefined;
  readonly tsconfigFile: string | undefined;
}

/**
 * Resolves the configuration for files: the configs from each file's
 * directory upwards, merged (see cascade.ts), then the overrides matching the
 * file. Throws ConfigError for invalid configuration.
 *
 * Cost: one probe per directory (cached; a directory without a config shares
 * its parent's chain), and per file, only when some config of its chain has
 * overrides, one glob test per override; a directory whose chain has no
 * overrides answers its files' later asks from a map, by the directory's
 * path. Files whose configs, matching overrides, package.json and
 * tsconfig.json are the same get the very same frozen object, so a caller
 * can send each distinct config to workers once.
 * Files are read once per resolver: make a new resolver to see changes on
 * disk.
 */
export class ConfigResolver {
  private readonly files = new FileCache();
  private readonly finder = new Finder(this.files);
  private readonly byDir = new Map<string, Promise<DirectoryState>>();
  private readonly byKey = new Map<string, Promise<ResolvedConfig>>();
  /** Configs without a config file, by package.json and tsconfig.json: they differ only in `rootDir`. */
  private readonly bare = new Map<string, Promise<ResolvedConfig>>();
  /**
   * The config every file of a directory shares (its chain has no overrides),
   * by the directory of an absolute path as it was given: a walk asks for each
   * of its files, and this answers without resolving the path again.
   */
  private readonly shared = new Map<string, ResolvedConfig>();
  /** The last directory `known` answered for (see there). */
  private last: { readonly dir: string; readonly config: ResolvedConfig } | undefined;
  private explicit: Promise<FoundConfig> | undefined;

  constructor(readonly options: ConfigOptions = {}) {}

  /** A walk's listing of `dir` (see FileCache.noteListing): config probes of names it lacks need no `stat`. */
  noteListing(dir: string, entries: readonly { readonly name: string }[]): void {
    this.files.noteListing(dir, entries);
  }

  forFile(absPath: string): Promise<ResolvedConfig> {
    const known = this.known(absPath);
    return known !== undefined ? Promise.resolve(known) : this.resolveFor(absPath, givenDir(absPath));
  }

  /**
   * What `forFile` would answer, when it can answer at once: the file's
   * directory was resolved already and all its files share one config.
   * Undefined otherwise (then ask `forFile`).
   */
  known(absPath: string): ResolvedConfig | undefined {
    // A walk asks for the files of one directory in a row: the last answer first, without
    // taking the path apart (`path.dirname` makes a new string, and the map hashes it again).
    const last = this.last;
    if (last !== undefined && inDirectly(absPath, last.dir)) return last.config;
    const given = givenDir(absPath);
    const config = given === undefined ? undefined : this.shared.get(given);
    if (config !== undefined) this.last = { dir: given!, config };
    return config;
  }

  private async resolveFor(absPath: string, given: string | undefined): Promise<ResolvedConfig> {
    const file = resolvedPath(process.cwd(), absPath);
    const dir = await this.directory(path.dirname(file));
    const overrides = hasOverrides(dir.chain);
    const matched = overrides ? dir.chain.map((found) => matchingOverrides(found, file)) : [];
    const key = matched.every((m) => m.length === 0) ? dir.key : `${dir.key}\0${matched.map((m) => m.join(",")).join(";")}`;
    const config = await memo(this.byKey, key, async () => {
      const firstParty = () => projectFirstParty(dir.packageFile, dir.tsconfigFile, this.files);
      // Without a config, `exclude` is empty and rootDir is the file's own directory: the rest is shared.
      if (dir.chain.length === 0) {
        const base = await memo(this.bare, `${dir.packageFile ?? ""}\0${dir.tsconfigFile ?? ""}`, async () => resolveConfig({ projectFirstParty: await firstParty(), rootDir: dir.dir }));
        return rebase(base, path.resolve(dir.dir));
      }
      return resolveConfig({ merged: mergeChain(dir.chain, matched, dir.dir), projectFirstParty: await firstParty(), rootDir: dir.dir });
    });
    if (!overrides && given !== undefined) this.shared.set(given, config);
    return config;
  }

  private directory(dir: string): Promise<DirectoryState> {
    return memo(this.byDir, dir, async () => {
      const [chain, packageFile, tsconfigFile] = await Promise.all([this.chainFor(dir), this.finder.packageJson(dir), this.finder.tsconfig(dir)]);
      const rootDir = chain.length === 0 ? dir : path.dirname(chain[0]!.file);
      const key = [...chain.map((c) => c.file), "", rootDir, packageFile ?? "", tsconfigFile ?? ""].join("\0");
      return { dir, chain, key, packageFile, tsconfigFile };
    });
  }

  private async chainFor(dir: string): Promise<readonly FoundConfig[]> {
    const { configFile } = this.options;
    if (configFile === false) return [];
    if (configFile === undefined) return this.finder.chain(dir);
    this.explicit ??= this.finder.explicit(path.resolve(configFile));
    return [await this.explicit];
  }
}

/**
 * The directory of a path in the form `path.resolve` gives, as a key for the
 * configs its files share; undefined for any other path (relative, or with a
 * `.`, `..` or empty segment: `/a/b/..` is not a file of `/a/b`), which is
 * always resolved afresh. POSIX only (elsewhere always undefined).
 */
function givenDir(absPath: string): string | undefined {
  return isResolved(absPath) ? path.dirname(absPath) : undefined;
}

/**
 * Whether `givenDir(absPath) === dir`, for a `dir` that `givenDir` gave: `dir`,
 * one separator, then a name without any that is not `.` or `..` (so
 * `absPath` is resolved too). A `dir` ending with a separator (the root) is
 * left to `givenDir`.
 */
function inDirectly(absPath: string, dir: string): boolean {
  const start = dir.length + 1;
  return (
    absPath.length > start &&
    absPath.charCodeAt(dir.length) === 0x2f &&
    dir.charCodeAt(dir.length - 1) !== 0x2f &&
    absPath.startsWith(dir) &&
    absPath.indexOf("/", start) === -1 &&
    !isDotName(absPath, start)
  );
}

/** Whether `text` from `start` to its end is `.` or `..`. */
function isDotName(text: string, start: number): boolean {
  const length = text.length - start;
  return (length === 1 || length === 2) && text.charCodeAt(start) === 0x2e && text.charCodeAt(text.length - 1) === 0x2e;
}

/** The resolved config for one file path (public API). Throws ConfigError. */
export async function loadConfig(filepath: string, options: ConfigOptions = {}): Promise<ResolvedConfig> {
  return new ConfigResolver(options).forFile(filepath);
}
