/**
 * Test helpers: small whole projects in temp directories, and an in-memory
 * `io` for running `main` in-process.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { makeTree, removeTree } from "../helpers/tree.js";

const created: string[] = [];

/** A project in a fresh temp directory; keys are `/`-separated relative paths. */
export async function makeProject(files: Record<string, string | Buffer>): Promise<string> {
  const root = await makeTree("test", files);
  created.push(root);
  return root;
}

/** Remove every project made so far (call from afterAll). */
export async function removeProjects(): Promise<void> {
  const roots = created.splice(0);
  // Read-only files and directories must not keep a temp dir alive: removeTree gives permissions back.
  for (const root of roots) await removeTree(root);
}

export async function read(root: string, path: string): Promise<string> {
  return readFile(join(root, path), "utf8");
}

/** Bytes and mtime of a file: what "writes nothing" compares. */
export async function snapshot(root: string, path: string): Promise<{ bytes: Buffer; mtimeMs: number }> {
  const file = join(root, path);
  const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
  return { bytes, mtimeMs: info.mtimeMs };
}

export interface MainResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface IoOptions {
  readonly stdin?: string | Buffer;
  readonly isTTY?: boolean;
  readonly env?: Record<string, string | undefined>;
}

/** Run `main` in-process with an in-memory io. */
export async function runMain(argv: readonly string[], cwd: string, options: IoOptions = {}): Promise<MainResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: options.stdin === undefined ? [] : [options.stdin],
    cwd,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export const UNSORTED = 'import b from "b";\nimport a from "a";\n';
export const SORTED = 'import a from "a";\nimport b from "b";\n';
export const BROKEN = 'import { a from "a";\nimport b from "b";\n';
