// CONTRACT STUB — to be implemented (config helper). Signatures are fixed.
import type { ResolvedConfig } from "../types.js";

export interface ConfigOptions {
  /** An explicit config file (`--config`): used for every file, no discovery. */
  readonly configFile?: string;
}

/** Defaults, with `rootDir` as the directory `exclude` is relative to. */
export function defaultConfig(rootDir: string): ResolvedConfig {
  throw new Error("not implemented");
}

/**
 * Resolves the configuration for files, searching from each file's directory
 * upwards (nearest config wins); results are cached per directory.
 * Throws ConfigError for invalid configuration.
 */
export class ConfigResolver {
  constructor(readonly options: ConfigOptions = {}) {}

  async forFile(absPath: string): Promise<ResolvedConfig> {
    throw new Error("not implemented");
  }
}

/** The resolved config for one file path (public API). Throws ConfigError. */
export async function loadConfig(filepath: string, options: ConfigOptions = {}): Promise<ResolvedConfig> {
  return new ConfigResolver(options).forFile(filepath);
}
