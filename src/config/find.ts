/**
 * Discovery: the configs that apply to files in a directory, found from that
 * directory upwards. Each directory contributes at most one config; in one
 * directory the sources are tried in this order:
 *
 *   safesort.config.json   the options at top level
 *   .safesortrc.json       the options at top level
 *   package.json           the options under "safesort"; without that key
 *                          the search goes on upwards
 *
 * Only JSON is read here: a `safesort.config.js` (or .mjs, .cjs) found on the
 * way is never loaded, since loading it would run its code. Such configs are
 * loaded only when named with `--config` (code.ts).
 *
 * Also the nearest package.json and tsconfig.json, which feed `firstParty`
 * whatever config was found. Every answer is memoized per directory, so a
 * parent directory is searched once for all its descendants.
 */
import path from "node:path";

import { ConfigError } from "../errors.js";

import { isCodeConfig, loadCodeConfig } from "./code.js";
import { type FileCache, memo } from "./files.js";
import { locateKey } from "./json-locate.js";
import { type ConfigLocation, isPlainObject } from "./located.js";
import { type UserConfig, validateUserConfig } from "./schema.js";

export const CONFIG_FILE_NAMES = ["safesort.config.json", ".safesortrc.json"] as const;

/** A validated config and where it was written. */
export interface FoundConfig extends ConfigLocation {
  readonly config: UserConfig;
}

export class Finder {
  private readonly chains = new Map<string, Promise<readonly FoundConfig[]>>();
  private readonly packageJsons = new Map<string, Promise<string | undefined>>();
  private readonly tsconfigs = new Map<string, Promise<string | undefined>>();

  constructor(private readonly files: FileCache) {}

  /**
   * The configs for files in `dir`, outermost first (empty without any).
   * Memoized per directory: a directory without a config shares its parent's
   * array, so a big tree costs one probe per directory. Throws ConfigError
   * if one of them is invalid.
   */
  chain(dir: string): Promise<readonly FoundConfig[]> {
    return memo(this.chains, dir, async () => {
      const [own, repositoryRoot] = await Promise.all([this.configIn(dir), this.files.exists(inDir(dir, ".git"))]);
      if (own?.config.root === true) return [own];
      const parent = path.dirname(dir);
      const above = repositoryRoot || parent === dir ? [] : await this.chain(parent);
      return own === undefined ? above : [...above, own];
    });
  }

  /** Path of the nearest package.json, or undefined. */
  packageJson(dir: string): Promise<string | undefined> {
    return searchUp(this.packageJsons, dir, (d) => this.existing(inDir(d, "package.json")));
  }

  /** Path of the nearest tsconfig.json, or undefined. */
  tsconfig(dir: string): Promise<string | undefined> {
    return searchUp(this.tsconfigs, dir, (d) => this.existing(inDir(d, "tsconfig.json")));
  }

  /**
   * The config given explicitly (`--config`): a JSON file of options, a
   * package.json's "safesort", or a JavaScript module (only here: see code.ts).
   */
  async explicit(file: string): Promise<FoundConfig> {
    if (isCodeConfig(file)) return found(file, [], await loadCodeConfig(file));
    const read = await this.files.json(file);
    if (read === undefined) throw new ConfigError(file, "", "config file not found");
    if ("error" in read) throw read.error;
    const text = await this.files.text(file);
    if (path.basename(file) !== "package.json") return found(file, [], read.value, text);
    if (!isPlainObject(read.value) || !Object.hasOwn(read.value, "safesort")) {
      throw new ConfigError(file, "safesort", 'expected a "safesort" key holding the options, got none');
    }
    return found(file, ["safesort"], read.value.safesort, text);
  }

  private async configIn(dir: string): Promise<FoundConfig | undefined> {
    for (const name of CONFIG_FILE_NAMES) {
      const file = inDir(dir, name);
      const read = await this.files.json(file);
      if (read === undefined) continue;
      if ("error" in read) throw read.error;
      return found(file, [], read.value, await this.files.text(file));
    }
    const file = inDir(dir, "package.json");
    const read = await this.files.json(file);
    if (read === undefined) return undefined;
    // A broken package.json might hold our options: better to stop than to guess.
    if ("error" in read) throw read.error;
    if (!isPlainObject(read.value) || !Object.hasOwn(read.value, "safesort")) return undefined;
    return found(file, ["safesort"], read.value.safesort, await this.files.text(file));
  }

  private async existing(file: string): Promise<string | undefined> {
    const text = await this.files.text(file).catch(() => undefined);
    return text === undefined ? undefined : file;
  }
}

function found(file: string, root: ConfigLocation["root"], options: unknown, text?: string): FoundConfig {
  try {
    return { file, root, config: validateUserConfig(options, { file, root }) };
  } catch (error) {
    // Point at the offending value: `file:line:col: keyPath: message`.
    if (error instanceof ConfigError && text !== undefined && error.line === undefined) {
      const at = locateKey(text, error.keyPath);
      // `line`/`column` are readonly for consumers; the error is ours to complete.
      if (at) Object.assign(error, at);
    }
    throw error;
  }
}

/**
 * `path.join(dir, name)` for a directory in the form `path.resolve` gives (as
 * every directory here is: the dirname of a resolved path, or its parents)
 * and a plain file name: the same string, without normalizing it again (a
 * walk probes five names in each of its directories).
 */
function inDir(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** The first directory from `dir` up to the root where `probe` answers, memoized per directory. */
function searchUp<T>(cache: Map<string, Promise<T | undefined>>, dir: string, probe: (dir: string) => Promise<T | undefined>): Promise<T | undefined> {
  return memo(cache, dir, async () => {
    const own = await probe(dir);
    if (own !== undefined) return own;
    const parent = path.dirname(dir);
    return parent === dir ? undefined : searchUp(cache, parent, probe);
  });
}
