/**
 * Test helpers: small whole projects in temp directories, and an in-memory
 * `io` for running `main` in-process.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

const created: string[] = [];

/** A project in a fresh temp directory; keys are `/`-separated relative paths. */
export async function makeProject(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "safesort-test-"));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return root;
}

/** Remove every project made so far (call from afterAll). */
export async function removeProjects(): Promise<void> {
  const roots = created.splice(0);
  for (const root of roots) {
    // Read-only files and directories must not keep a temp dir alive.
    await chmod(root, 0o755).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
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
