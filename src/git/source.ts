/**
 * A git scope as a run's file source (`RunOptions.source`). Of the files git
 * listed, a run covers those that
 *   - lie under one of the run's paths (a file or directory argument), or
 *     match one of its glob arguments (relative to cwd);
 *   - have a source extension (`.ts`, `.mjs`, …);
 *   - are regular files now: symlinks, directories (submodules) and files
 *     deleted since are left out;
 *   - are not excluded by the config's `exclude`.
 * They come as `Discovered` items in path order. A path argument that does
 * not exist and is no glob is a `not-found` problem, as in a walk.
 *
 * `refusePartiallyStaged` (write mode with `--staged`): a file that also has
 * unstaged changes becomes a `partially-staged` problem instead of a file,
 * so it is neither read nor written.
 */
import type { Stats } from "node:fs";
import { lstat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";

import type { Discovered, DiscoverOptions } from "../files/discover.js";
import { isSourcePath } from "../files/discover.js";
import { loadPicomatch } from "../files/lazy-packages.js";
import { displayPath } from "../report/paths.js";

import type { ScopeFiles } from "./scope.js";

export interface ScopeSourceOptions {
  readonly refusePartiallyStaged: boolean;
}

const GLOB_CHARS = /[*?{[]/;

export function scopeSource(
  scope: ScopeFiles,
  paths: readonly string[],
  options: ScopeSourceOptions,
): (walk: DiscoverOptions) => AsyncGenerator<Discovered> {
  return async function* (walk) {
    const { within, problems } = await pathFilter(paths, walk.cwd);
    yield* problems;
    for (const file of scope.files) {
      if (!within(file) || !isSourcePath(file)) continue;
      const stats = await lstat(file).catch(() => undefined);
      if (!stats?.isFile()) continue;
      if (await walk.isExcluded?.(file, false)) continue;
      if (options.refusePartiallyStaged && scope.partiallyStaged.has(file)) yield partiallyStaged(file, walk.cwd);
      else yield { kind: "file", path: file, explicit: false };
    }
  };
}

/** Does an absolute path fall under the run's path arguments? Plus the arguments that name nothing. */
async function pathFilter(paths: readonly string[], cwd: string): Promise<{ within: (file: string) => boolean; problems: Discovered[] }> {
  const tests: ((file: string) => boolean)[] = [];
  const problems: Discovered[] = [];
  for (const arg of paths) {
    const abs = resolve(cwd, arg);
    const stats: Stats | undefined = await lstat(abs).catch(() => undefined);
    if (stats !== undefined) {
      tests.push((file) => file === abs || file.startsWith(abs.endsWith(sep) ? abs : abs + sep));
    } else if (GLOB_CHARS.test(arg)) {
      const matches = loadPicomatch()(arg.split(sep).join("/").replace(/^(\.\/)+/, ""), { dot: true });
      tests.push((file) => matches(relative(cwd, file).split(sep).join("/")));
    } else {
      problems.push({ kind: "error", diagnostic: { code: "not-found", message: "no such file or directory", path: displayPath(cwd, abs) } });
    }
  }
  return { within: (file) => tests.some((test) => test(file)), problems };
}

function partiallyStaged(file: string, cwd: string): Discovered {
  return {
    kind: "error",
    diagnostic: {
      code: "partially-staged",
      message: "it also has unstaged changes, so --staged does not rewrite it (stage or stash them, then run again)",
      path: displayPath(cwd, file),
    },
  };
}
