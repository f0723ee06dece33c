/**
 * Configuration: find the config that applies to a file, validate it against
 * the user-facing schema (schema.ts, errors name the key path), and resolve
 * it into a frozen, serializable ResolvedConfig (resolve.ts).
 *
 *   find.ts         nearest safesort.config.json / .safesortrc.json / package.json "safesort"
 *   schema.ts       what a config may say, with located validation errors
 *   groups.ts       `groups` → the resolved order of groups
 *   first-party.ts  package name, package `imports`, tsconfig `paths` → globs
 *   tsconfig.ts     tsconfig `paths` through `extends`
 *   json.ts, files.ts, located.ts   parsing, cached reads, key paths
 */
import path from "node:path";

import type { ResolvedConfig } from "../types.js";

import { FileCache, memo } from "./files.js";
import { Finder, type FoundConfig } from "./find.js";
import { projectFirstParty } from "./first-party.js";
import { resolveConfig } from "./resolve.js";

export { CONFIG_FILE_NAMES } from "./find.js";
export type { CustomGroup, GroupEntry, GroupMember, UserConfig } from "./schema.js";

export interface ConfigOptions {
  /** An explicit config file (`--config`): used for every file, no discovery. */
  readonly configFile?: string;
}

/** Defaults, with `rootDir` as the directory `exclude` is relative to. */
export function defaultConfig(rootDir: string): ResolvedConfig {
  return resolveConfig({ projectFirstParty: [], rootDir });
}

/**
 * Resolves the configuration for files, searching from each file's directory
 * upwards (nearest config wins); results are cached per directory.
 * Throws ConfigError for invalid configuration.
 *
 * Files whose config, package.json and tsconfig.json are the same get the
 * very same frozen object, so a caller can send each distinct config to
 * workers once. Files are read once per resolver: make a new resolver to see
 * changes on disk.
 */
export class ConfigResolver {
  private readonly files = new FileCache();
  private readonly finder = new Finder(this.files);
  private readonly byDir = new Map<string, Promise<ResolvedConfig>>();
  private readonly bySources = new Map<string, Promise<ResolvedConfig>>();
  private explicit: Promise<FoundConfig> | undefined;

  constructor(readonly options: ConfigOptions = {}) {}

  async forFile(absPath: string): Promise<ResolvedConfig> {
    return this.forDirectory(path.dirname(path.resolve(absPath)));
  }

  /** The config for files directly in `dir`. */
  forDirectory(dir: string): Promise<ResolvedConfig> {
    return memo(this.byDir, path.resolve(dir), () => this.resolve(path.resolve(dir)));
  }

  private async resolve(dir: string): Promise<ResolvedConfig> {
    const [found, packageFile, tsconfigFile] = await Promise.all([
      this.configFor(dir),
      this.finder.packageJson(dir),
      this.finder.tsconfig(dir),
    ]);
    // Without a config, `exclude` is empty and rootDir is the file's own directory.
    const rootDir = found === undefined ? dir : path.dirname(found.file);
    const key = [found?.file ?? "", rootDir, packageFile ?? "", tsconfigFile ?? ""].join("\0");
    return memo(this.bySources, key, async () =>
      resolveConfig({
        user: found === undefined ? undefined : { config: found.config, at: found },
        projectFirstParty: await projectFirstParty(packageFile, tsconfigFile, this.files),
        rootDir,
      }),
    );
  }

  private configFor(dir: string): Promise<FoundConfig | undefined> {
    const { configFile } = this.options;
    if (configFile === undefined) return this.finder.config(dir);
    this.explicit ??= this.finder.explicit(path.resolve(configFile));
    return this.explicit;
  }
}

/** The resolved config for one file path (public API). Throws ConfigError. */
export async function loadConfig(filepath: string, options: ConfigOptions = {}): Promise<ResolvedConfig> {
  return new ConfigResolver(options).forFile(filepath);
}
