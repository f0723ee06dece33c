/**
 * Git scopes: which files a run covers when git chooses them.
 *
 * - `--changed [ref]` (default `HEAD`): files whose working-tree content
 *   differs from `ref` (`git diff <ref>`: staged and unstaged changes, renames
 *   under their new name), plus untracked files that are not ignored. Deleted
 *   files are left out. On a branch with no commit yet, `HEAD` means "every
 *   file in the index".
 * - `--staged`: files with staged changes (`git diff --cached`), deletions
 *   left out. `partiallyStaged` are those that also have unstaged changes:
 *   write mode refuses to rewrite them (see `scopeSource`), so sorting never
 *   mixes unstaged hunks into what gets committed.
 *
 * Git lists paths relative to the repository root; they are made absolute
 * here. Each listing is complete before the run starts (git prints it at
 * once), so a git failure stops the run before any file is touched.
 */
import { resolve } from "node:path";

import { git, GitError, repoRoot, splitNul } from "./git.js";

export type GitScope = { readonly kind: "changed"; readonly ref: string } | { readonly kind: "staged" };

export interface ScopeFiles {
  /** The repository's top-level directory. */
  readonly root: string;
  /** Absolute paths, sorted, without duplicates. They may be of any type: filtering is `scopeSource`'s job. */
  readonly files: readonly string[];
  /** For `staged`: files (absolute paths) that also have unstaged changes. Empty for `changed`. */
  readonly partiallyStaged: ReadonlySet<string>;
}

/** Ask git for the files of `scope`, for a run in `cwd`. Rejects with a GitError. */
export async function listScope(cwd: string, scope: GitScope): Promise<ScopeFiles> {
  const root = await repoRoot(cwd);
  const absolute = (names: readonly string[]) => names.map((name) => resolve(root, name));
  if (scope.kind === "changed") {
    const [tracked, untracked] = await Promise.all([changedTracked(root, scope.ref), untrackedFiles(root)]);
    return { root, files: sortedUnique(absolute([...tracked, ...untracked])), partiallyStaged: new Set() };
  }
  const [staged, unstaged] = await Promise.all([
    git(root, ["diff", "--cached", "--name-only", "-z", "--diff-filter=d"]).then(splitNul),
    git(root, ["diff", "--name-only", "-z"]).then(splitNul),
  ]);
  const unstagedSet = new Set(unstaged);
  return {
    root,
    files: sortedUnique(absolute(staged)),
    partiallyStaged: new Set(absolute(staged.filter((name) => unstagedSet.has(name)))),
  };
}

/** Tracked files changed against `ref` (deletions excluded), relative to the root. */
async function changedTracked(root: string, ref: string): Promise<string[]> {
  const commit = await resolveCommit(root, ref);
  if (commit === undefined) return splitNul(await git(root, ["ls-files", "-z"])); // unborn HEAD: everything in the index
  return splitNul(await git(root, ["diff", "--name-only", "-z", "--diff-filter=d", commit, "--"]));
}

/**
 * The commit `ref` names, or undefined for `HEAD` on a branch without commits.
 * `--end-of-options`: a ref is never read as an option (`--changed=--output=x`).
 */
async function resolveCommit(root: string, ref: string): Promise<string | undefined> {
  try {
    return (await git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])).trim();
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (ref === "HEAD" && (await isUnbornBranch(root))) return undefined;
    throw new GitError(`--changed ${ref}: not a commit in this repository (to pass paths, give the ref first: --changed HEAD src/)`);
  }
}

/** HEAD names a branch (it is not detached) yet does not resolve: the branch has no commit yet. */
async function isUnbornBranch(root: string): Promise<boolean> {
  return git(root, ["symbolic-ref", "--quiet", "HEAD"]).then(
    () => true,
    () => false,
  );
}

function untrackedFiles(root: string): Promise<string[]> {
  return git(root, ["ls-files", "--others", "--exclude-standard", "-z"]).then(splitNul);
}

function sortedUnique(paths: readonly string[]): string[] {
  return [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Stage `files` (absolute paths) again after `--staged` rewrote them: they
 * had no unstaged changes, so the index gets exactly the sorted content.
 * Pathspecs are literal (`pages/[id].tsx` is a name, not a pattern).
 */
export async function restage(root: string, files: readonly string[]): Promise<void> {
  const CHUNK = 500; // keep each command line far below the OS limit
  for (let i = 0; i < files.length; i += CHUNK) {
    await git(root, ["--literal-pathspecs", "add", "--", ...files.slice(i, i + CHUNK)]);
  }
}
