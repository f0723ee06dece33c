/**
 * `.gitignore` semantics for discovery.
 *
 * A **layer** is one `.gitignore` file: its patterns are relative to its own
 * directory and apply to everything below it. The **scope root** of a path is
 * the nearest ancestor-or-self directory containing `.git` (the git root);
 * layers from the scope root down to a path's parent all apply to it, and
 * for one path the nearest layer with an opinion wins (a negation `!x` in a
 * nested file re-includes what a parent file ignored):
 *
 *   repo/.gitignore        *.gen.ts
 *   repo/src/.gitignore    !keep.gen.ts      → repo/src/keep.gen.ts is NOT ignored
 *
 * As in git, nothing inside an ignored directory can be re-included: a walk
 * never enters an ignored directory, and `isIgnored` checks every directory
 * from the scope root down before the path itself.
 *
 * Outside a git repository there is no git root; the scope root is then the
 * caller's fallback (discovery passes cwd when the path is inside it, else the
 * directory it was asked to walk).
 *
 * Matching is case-insensitive on macOS and Windows (as git's default
 * `core.ignorecase` there) and case-sensitive elsewhere.
 */
import { lstatSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

import type { Ignore } from "ignore";

import { loadIgnore } from "./lazy-packages.js";
import { errnoCode } from "./os-error.js";

const IGNORE_CASE = process.platform === "darwin" || process.platform === "win32";

/**
 * The `ignore` package caches the verdict of every path it has tested, and a
 * repo root's layer sees every path of the walk. Rebuilding the matcher from
 * its text now and then keeps that cache (and memory) bounded.
 */
const REBUILD_AFTER_TESTS = 10_000;

type Verdict = "ignored" | "unignored" | "none";

/** One `.gitignore` file: its directory and its compiled patterns. */
export class GitignoreLayer {
  private matcher: Ignore;
  private tests = 0;

  constructor(
    readonly dir: string,
    private readonly text: string,
  ) {
    this.matcher = compile(text);
  }

  /** This layer's opinion on an absolute path below its directory. */
  verdict(absPath: string, isDirectory: boolean): Verdict {
    const rel = relative(this.dir, absPath);
    if (rel === "" || isOutside(rel)) return "none";
    if (++this.tests > REBUILD_AFTER_TESTS) {
      this.matcher = compile(this.text);
      this.tests = 0;
    }
    const posix = sep === "/" ? rel : rel.split(sep).join("/");
    // A trailing slash tells `ignore` the path is a directory (for `dir/` patterns).
    const result = this.matcher.test(isDirectory ? `${posix}/` : posix);
    return result.ignored ? "ignored" : result.unignored ? "unignored" : "none";
  }
}

function compile(text: string): Ignore {
  return loadIgnore()({ ignoreCase: IGNORE_CASE }).add(text);
}

function isOutside(rel: string): boolean {
  return rel === ".." || rel.startsWith(`..${sep}`) || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel);
}

/** Is `absPath` ignored by `layers` (root first)? The nearest layer with an opinion decides. */
export function isIgnoredBy(layers: readonly GitignoreLayer[], absPath: string, isDirectory: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const verdict = layers[i]!.verdict(absPath, isDirectory);
    if (verdict !== "none") return verdict === "ignored";
  }
  return false;
}

/**
 * The `.gitignore` of `dir`, or null when there is none; an unreadable one is
 * an error. Read synchronously, like the sources (files/read.ts): a small
 * file, and a round trip through libuv's pool costs more than the read (and
 * loads node:fs/promises into a one-file run).
 */
export async function readGitignore(dir: string): Promise<GitignoreLayer | null> {
  let text: string;
  try {
    text = readFileSync(join(dir, ".gitignore"), "utf8");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
    throw error;
  }
  return new GitignoreLayer(dir, text);
}

/**
 * Per-discovery caches of git roots and ancestor layers, for the paths a walk
 * does not reach from above (the ancestors of a directory argument, glob
 * results). Both caches grow with the number of directories looked at, never
 * with the number of files.
 */
export class IgnoreRules {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly layers = new Map<string, Promise<GitignoreLayer | null>>();

  /** `onError` receives the path of a `.gitignore` that exists but cannot be read, once. */
  constructor(private readonly onError: (gitignorePath: string, error: unknown) => void) {}

  /** The git root of `dir` (nearest ancestor-or-self containing `.git`), else `fallback`. */
  async scopeRoot(dir: string, fallback: string): Promise<string> {
    return (await this.gitRoot(dir)) ?? fallback;
  }

  /** The layers of `root` and of every directory between it and `dir` (exclusive), root first. */
  async layersAbove(dir: string, root: string): Promise<GitignoreLayer[]> {
    const chain: GitignoreLayer[] = [];
    for (const ancestor of between(root, dir)) {
      const layer = await this.layer(ancestor);
      if (layer) chain.push(layer);
    }
    return chain;
  }

  /**
   * Git's full rule for a path reached without walking (a glob result, a
   * directory argument): ignored if any directory from `root` (exclusive) down
   * to it is ignored, or if it is. `root` itself is never ignored.
   */
  async isIgnored(absPath: string, isDirectory: boolean, root: string): Promise<boolean> {
    const rel = relative(root, absPath);
    if (rel === "" || isOutside(rel)) return false;
    const parts = rel.split(sep);
    const chain: GitignoreLayer[] = [];
    let dir = root;
    for (let i = 0; i < parts.length; i++) {
      const layer = await this.layer(dir);
      if (layer) chain.push(layer);
      const next = join(dir, parts[i]!);
      const last = i === parts.length - 1;
      if (isIgnoredBy(chain, next, last ? isDirectory : true)) return true;
      dir = next;
    }
    return false;
  }

  private gitRoot(dir: string): Promise<string | undefined> {
    let cached = this.roots.get(dir);
    if (!cached) {
      cached = (async () => {
        if (exists(join(dir, ".git"))) return dir;
        const parent = dirname(dir);
        return parent === dir ? undefined : this.gitRoot(parent);
      })();
      this.roots.set(dir, cached);
    }
    return cached;
  }

  private layer(dir: string): Promise<GitignoreLayer | null> {
    let cached = this.layers.get(dir);
    if (!cached) {
      cached = readGitignore(dir).catch((error: unknown) => {
        this.onError(join(dir, ".gitignore"), error);
        return null;
      });
      this.layers.set(dir, cached);
    }
    return cached;
  }
}

/** `root`, then each directory below it on the way to `dir`, excluding `dir`. */
function between(root: string, dir: string): string[] {
  const rel = relative(root, dir);
  if (rel === "" || isOutside(rel)) return [];
  const parts = rel.split(sep);
  const out = [root];
  let current = root;
  for (const part of parts.slice(0, -1)) {
    current = join(current, part);
    out.push(current);
  }
  return out;
}

function exists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
