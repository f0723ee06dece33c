/**
 * Running git: `git -C <dir> <args…>` through execFile (no shell), its
 * NUL-separated output split into paths. Every failure becomes a GitError
 * whose message a user can act on; the CLI prints it and exits 2.
 */
import { resolve } from "node:path";

/** git is missing, the directory is not in a repository, or a git command failed. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitError";
  }
}

/** Paths in a monorepo's diff can be many: far more than execFile's 1 MiB default. */
const MAX_BUFFER = 256 * 1024 * 1024;

/** Run git in `dir`; resolves to stdout. Rejects with a GitError carrying git's own first error line. */
export function git(dir: string, args: readonly string[]): Promise<string> {
  // Loaded on first use: child_process (with net and streams) costs a run that never calls git ~7 ms of start-up.
  const { execFile } = process.getBuiltinModule("node:child_process");
  return new Promise((resolvePromise, reject) => {
    execFile("git", ["-C", dir, ...args], { maxBuffer: MAX_BUFFER, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout);
      reject(gitError(error, stderr, dir));
    });
  });
}

function gitError(error: Error & { code?: unknown }, stderr: string, dir: string): GitError {
  if (error.code === "ENOENT") return new GitError("git not found: --changed and --staged need git on the PATH");
  const message = stderr.split("\n").find((line) => line.trim() !== "") ?? error.message;
  if (/not a git repository/i.test(message)) return new GitError(`not a git repository: ${dir} (--changed and --staged need one)`);
  return new GitError(message.replace(/^(fatal|error): /, ""));
}

/** `a\0b\0` → ["a", "b"]. */
export function splitNul(output: string): string[] {
  return output.split("\0").filter((entry) => entry !== "");
}

/**
 * The repository's top-level directory, as an absolute path built from `dir`
 * (`rev-parse --show-cdup`, not `--show-toplevel`: that one resolves
 * symbolic links, and paths under it would no longer be under `dir`).
 */
export async function repoRoot(dir: string): Promise<string> {
  const cdup = (await git(dir, ["rev-parse", "--show-cdup"])).trim();
  return resolve(dir, cdup);
}
