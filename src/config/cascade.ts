/**
 * Cascading configs. What applies to a file is the chain of configs above it
 * (find.ts: up to `"root": true` or the repository root), outermost first,
 * each followed by those of its `overrides` whose `files` match the file,
 * merged in that order:
 *
 *   package.json "safesort"     { "firstParty": ["axios"] }
 *   src/lib/.safesortrc.json    { "blankLinesBetweenGroups": false }
 *   → src/lib/a.ts gets         { "firstParty": ["axios"], "blankLinesBetweenGroups": false }
 *
 * Merge rules, per option: a value replaces what the configs above said,
 * except that two plain objects merge key by key (recursively). Arrays
 * replace and never concatenate: `"firstParty": ["lodash"]` in a nested
 * config drops the parent's list (write both to keep both).
 *
 * `exclude` is not an option but a statement about files, relative to the
 * directory of the config that wrote it: a nested config's `exclude` adds to
 * those above it. A nested config cannot walk into what a parent excluded
 * (only `"root": true` starts afresh). `root` and `overrides` belong to their
 * file and do not merge.
 *
 * Overrides: `{ "files": ["**\/*.test.ts"], ...options }`, globs relative to
 * the config's directory; a glob without a slash matches the file's name in
 * any directory below it (as in Prettier). A config's overrides apply right
 * after the config itself, in written order: later overrides win, and a
 * nested config wins over its parents' overrides (as in ESLint's eslintrc).
 */
import path from "node:path";

import { loadPicomatch } from "../files/lazy-packages.js";
import type { AppliedConfig } from "../types.js";

import type { FoundConfig } from "./find.js";
import { escapeGlob } from "./first-party.js";
import { formatKeyPath, isPlainObject } from "./located.js";
import { OPTION_NAMES, type UserOptions } from "./schema.js";

/** The chain merged for one file: plain data, ready for resolve.ts. */
export interface MergedConfig {
  readonly options: UserOptions;
  /** Each options object applied, in order: config files and the overrides that matched. */
  readonly applied: readonly AppliedConfig[];
  /** Every config's `exclude`, rebased onto `rootDir`. */
  readonly exclude: readonly string[];
  /** The outermost config's directory (`fallbackDir` without any). */
  readonly rootDir: string;
}

const matchers = new WeakMap<FoundConfig, readonly ((rel: string) => boolean)[]>();

/** Does any config of the chain have overrides? (If not, a directory's files all share one config.) */
export function hasOverrides(chain: readonly FoundConfig[]): boolean {
  return chain.some((found) => (found.config.overrides?.length ?? 0) > 0);
}

/** Indexes of the overrides of `found` whose `files` match `absPath` (none for a file outside its directory). */
export function matchingOverrides(found: FoundConfig, absPath: string): number[] {
  const overrides = found.config.overrides ?? [];
  if (overrides.length === 0) return [];
  const rel = relativePosix(path.dirname(found.file), absPath);
  if (rel === undefined) return [];
  let compiled = matchers.get(found);
  if (compiled === undefined) {
    compiled = overrides.map((override) => filesMatcher(override.files));
    matchers.set(found, compiled);
  }
  return compiled.flatMap((matches, i) => (matches(rel) ? [i] : []));
}

/** A glob with a slash matches the relative path; one without matches the file name (picomatch's `basename` mishandles the former). */
function filesMatcher(globs: readonly string[]): (rel: string) => boolean {
  const withSlash = globs.filter((glob) => glob.includes("/"));
  const names = globs.filter((glob) => !glob.includes("/"));
  const byPath = withSlash.length === 0 ? () => false : loadPicomatch()(withSlash, { dot: true });
  const byName = names.length === 0 ? () => false : loadPicomatch()(names, { dot: true });
  return (rel) => byPath(rel) || byName(rel.slice(rel.lastIndexOf("/") + 1));
}

/**
 * Merge `chain` (outermost first) with, for each config, the overrides whose
 * indexes `overrides[k]` lists (in order).
 */
export function mergeChain(chain: readonly FoundConfig[], overrides: readonly (readonly number[])[], fallbackDir: string): MergedConfig {
  const rootDir = chain.length === 0 ? fallbackDir : path.dirname(chain[0]!.file);
  let options: Record<string, unknown> = {};
  const applied: AppliedConfig[] = [];
  const exclude: string[] = [];
  chain.forEach((found, k) => {
    options = mergeOptions(options, found.config);
    applied.push({ file: found.file, key: formatKeyPath(found.root) });
    for (const i of overrides[k] ?? []) {
      options = mergeOptions(options, found.config.overrides![i]!);
      applied.push({ file: found.file, key: formatKeyPath([...found.root, "overrides", i]) });
    }
    const prefix = relativePosix(rootDir, path.dirname(found.file)) ?? "";
    for (const pattern of found.config.exclude ?? []) exclude.push(prefix === "" ? pattern : `${escapeGlob(prefix)}/${pattern}`);
  });
  return { options: options as UserOptions, applied, exclude: [...new Set(exclude)], rootDir };
}

/** `over`'s options over `base`: values replace, plain objects merge key by key. Only option keys are taken. */
function mergeOptions(base: Record<string, unknown>, over: UserOptions): Record<string, unknown> {
  const out = { ...base };
  for (const key of OPTION_NAMES) {
    if (Object.hasOwn(over, key)) out[key] = mergeValue(out[key], over[key]);
  }
  return out;
}

function mergeValue(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeValue(out[key], value);
  return out;
}

/** `to` relative to `from` with `/` separators; undefined when `to` is not below `from` ("" when equal). */
function relativePosix(from: string, to: string): string | undefined {
  const rel = path.relative(from, to);
  if (rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}
