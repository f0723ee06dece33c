/**
 * The files of a run, as a stream of batches of Discovered items between
 * discovery and the per-file step: each file once, the config's `exclude` applied during
 * the walk, one shard of them, counted for the progress line; and each
 * file's config, or the diagnostic that makes it fail (`configOrDiagnostic`,
 * for every command).
 */
import { isAbsolute, relative, sep } from "node:path";

import type { ConfigResolver } from "../config/index.js";
import { SafesortError } from "../errors.js";
import type { Discovered } from "../files/discover.js";
import { loadPicomatch } from "../files/lazy-packages.js";
import { resolvedPath } from "../files/resolved.js";
import { inShard, type Shard } from "../files/shard.js";
import type { Diagnostic, ResolvedConfig } from "../types.js";

/** The batches as they come, counting their items for `report` (the progress line). */
export async function* counted<T>(batches: AsyncIterable<readonly T[]>, report: (count: number, complete: boolean) => void): AsyncGenerator<readonly T[]> {
  let count = 0;
  for await (const batch of batches) {
    count += batch.length;
    report(count, false);
    yield batch;
  }
  report(count, true);
}

/** `--shard i/n`: keep the items (files, and problems, by their path) of one part; all of them, as they come, without a shard. */
export function inShardOnly(batches: AsyncIterable<readonly Discovered[]>, cwd: string, shard: Shard | undefined): AsyncIterable<readonly Discovered[]> {
  return shard === undefined ? batches : inOneShard(batches, cwd, shard);
}

async function* inOneShard(batches: AsyncIterable<readonly Discovered[]>, cwd: string, shard: Shard): AsyncGenerator<readonly Discovered[]> {
  for await (const batch of batches) {
    const kept = batch.filter((item) => inShard(item.kind === "error" ? item.diagnostic.path : item.path, cwd, shard));
    if (kept.length > 0) yield kept;
  }
}

/** Drop a file discovered twice (`safesort src src/a.ts`): writing it twice would fail the second write. */
export async function* unique(batches: AsyncIterable<readonly Discovered[]>, cwd: string): AsyncGenerator<readonly Discovered[]> {
  const seen = new Set<string>();
  for await (const batch of batches) {
    const kept = batch.filter((item) => {
      if (item.kind !== "file") return true;
      const key = resolvedPath(cwd, item.path);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (kept.length > 0) yield kept;
  }
}

/** Items one at a time (a git scope's files) as batches of one. */
export async function* singly<T>(items: AsyncIterable<T>): AsyncGenerator<readonly T[]> {
  for await (const item of items) yield [item];
}

/**
 * `isExcluded` for discovery: the `exclude` globs of the config governing a
 * path, matched against the path relative to that config's `rootDir`. A path
 * outside `rootDir` is never excluded; a config error excludes nothing (the
 * files it governs then fail with that error).
 */
export function excludeByConfig(resolver: Pick<ConfigResolver, "forFile"> & Partial<Pick<ConfigResolver, "known">>): (absPath: string) => boolean | Promise<boolean> {
  const matchers = new WeakMap<ResolvedConfig, (path: string) => boolean>();
  const excluded = (config: ResolvedConfig, absPath: string): boolean => {
    if (config.exclude.length === 0) return false;
    const rel = relative(config.rootDir, absPath).split(sep).join("/");
    if (rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return false;
    let matcher = matchers.get(config);
    if (!matcher) {
      matcher = loadPicomatch()([...config.exclude], { dot: true });
      matchers.set(config, matcher);
    }
    return matcher(rel);
  };
  // Answered at once when the resolver knows the config already (most files of a walk): no promise per file.
  return (absPath) => {
    const known = resolver.known?.(absPath);
    if (known !== undefined) return excluded(known, absPath);
    return resolver.forFile(absPath).then(
      (config) => excluded(config, absPath),
      () => false,
    );
  };
}

/** A diagnostic about a file (discovery, config) names it as the run's reports do. */
export function relativize(diagnostic: Diagnostic, display: (absPath: string) => string): Diagnostic {
  return isAbsolute(diagnostic.path) ? { ...diagnostic, path: display(diagnostic.path) } : diagnostic;
}

/**
 * The file's config, or the diagnostic of the config error that makes it
 * fail (a broken config fails every file it governs), its path shown as the
 * run shows paths. Anything else is a bug and propagates.
 */
export async function configOrDiagnostic(resolver: ConfigResolver, absPath: string, display: (absPath: string) => string): Promise<ResolvedConfig | Diagnostic> {
  try {
    return await resolver.forFile(absPath);
  } catch (error) {
    if (!(error instanceof SafesortError)) throw error;
    return relativize(error.toDiagnostic(), display);
  }
}

export function isDiagnostic(value: ResolvedConfig | Diagnostic): value is Diagnostic {
  return "code" in value;
}
