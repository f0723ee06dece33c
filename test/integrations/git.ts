/**
 * Real git in temp directories, isolated from the machine's and the user's
 * git config (no global or system config, no hooks path, no signing) and
 * from a surrounding hook's environment (GIT_DIR, GIT_INDEX_FILE…).
 */
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";

import { makeProject } from "../cli/project.js";

/** The environment for git (and for tools that run git: pre-commit, lint-staged) in tests. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) env[key] = value;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: "1",
    // A temp project is never taken for part of a repository above the temp dir.
    GIT_CEILING_DIRECTORIES: [tmpdir(), realpathSync(tmpdir())].join(":"),
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    ...extra,
  };
}

/**
 * safesort itself (run in-process by `runMain`) spawns git with this
 * process's environment: make it the isolated one for the test file.
 */
export function isolateGit(): void {
  const env = gitEnv();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: gitEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A project in a temp dir, made a git repository on branch main; with `commit`, its files are committed. */
export async function gitProject(files: Record<string, string>, { commit = true } = {}): Promise<string> {
  const root = await makeProject(files);
  git(root, "init", "-q", "-b", "main");
  if (commit) {
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "initial");
  }
  return root;
}
