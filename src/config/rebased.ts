/**
 * Configs made from another by changing `rootDir` alone: a tree's directories
 * without a config file each get one of their own (their `rootDir`), all made
 * from the same one. What a cache key needs of the rest of such a config is
 * then computed once (src/cache/cache.ts), not once per directory.
 */
import type { ResolvedConfig } from "../types.js";

const bases = new WeakMap<ResolvedConfig, ResolvedConfig>();

/** `base` with `rootDir`, frozen, remembered as made from `base`. */
export function rebase(base: ResolvedConfig, rootDir: string): ResolvedConfig {
  const config = Object.freeze({ ...base, rootDir });
  bases.set(config, bases.get(base) ?? base);
  return config;
}

/** The config `config` was made from by `rebase` (so every field but `rootDir` is the same), if it was. */
export function rebasedFrom(config: ResolvedConfig): ResolvedConfig | undefined {
  return bases.get(config);
}
