/** Temporary project trees for config tests: real files in os.tmpdir(), removed afterwards. */
import { realpath } from "node:fs/promises";

import { afterEach, expect } from "vitest";

import { ConfigError, formatLocation } from "../../src/errors.js";
import { makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

const created: string[] = [];

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => removeTree(dir)));
});

/**
 * Write `files` (relative path → text, or a value written as JSON) under a
 * fresh temp directory and return its real path. The tests assume no safesort
 * config, package.json or tsconfig.json above os.tmpdir().
 */
export async function makeTree(files: Record<string, string | object>): Promise<string> {
  const root = await realpath(await makeTempDir("config"));
  created.push(root);
  await writeTree(root, Object.fromEntries(Object.entries(files).map(([file, content]) => [file, typeof content === "string" ? content : JSON.stringify(content, null, 2)])));
  return root;
}

/** The rejection of `promise`, asserted to be a ConfigError. */
export async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

/** How the CLI shows a ConfigError: `file[:line:col]: keyPath: message`. */
export function shown(error: ConfigError): string {
  return `${formatLocation(error.toDiagnostic())}: ${error.message}`;
}
