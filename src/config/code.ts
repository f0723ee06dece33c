/**
 * Configs written in JavaScript (`.js`, `.mjs`, `.cjs`). Loading one runs its
 * code, so safesort loads one only when the user names it with `--config`;
 * discovery (find.ts) reads JSON files only and never executes anything found
 * in a directory it searches. The module's default export (`module.exports`
 * for CommonJS) is the options object, validated exactly like a JSON config,
 * so what reaches the resolver (and the workers) is plain data.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { ConfigError } from "../errors.js";

const CODE_CONFIG_EXTENSIONS: readonly string[] = [".js", ".mjs", ".cjs"];

export function isCodeConfig(file: string): boolean {
  return CODE_CONFIG_EXTENSIONS.includes(path.extname(file));
}

/** Import the config module named by `--config` and return its default export. Throws ConfigError. */
export async function loadCodeConfig(file: string): Promise<unknown> {
  try {
    if (!(await stat(file)).isFile()) throw new ConfigError(file, "", "config file not found");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, "", "config file not found");
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(file, "", `cannot load the config module: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Object.hasOwn(module, "default")) throw new ConfigError(file, "", "expected a default export holding the options (export default { … })");
  return module.default;
}
