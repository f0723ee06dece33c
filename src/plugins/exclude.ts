/**
 * The config's `exclude`, for one file a host hands a plugin: the same rule
 * as the CLI's walk and the language server (pipeline/run.ts
 * `excludeByConfig`): the globs match the path relative to the config's
 * `rootDir`, and a path outside `rootDir` is never excluded.
 */
import { isAbsolute, relative, sep } from "node:path";

import picomatch from "picomatch";

import type { ResolvedConfig } from "../types.js";

const matchers = new WeakMap<ResolvedConfig, (path: string) => boolean>();

export function isExcluded(config: ResolvedConfig, absPath: string): boolean {
  if (config.exclude.length === 0) return false;
  const rel = relative(config.rootDir, absPath).split(sep).join("/");
  if (rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return false;
  let matcher = matchers.get(config);
  if (!matcher) {
    matcher = picomatch([...config.exclude], { dot: true });
    matchers.set(config, matcher);
  }
  return matcher(rel);
}
