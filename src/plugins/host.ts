/**
 * What the ESLint and Prettier plugins share: one source text a host hands
 * over, sorted by the CLI's own pure core (processSource: the same planner,
 * splice and verifier) with the config the CLI would use for that file.
 * Synchronous, because both hosts call plugins synchronously.
 */
import { extname, isAbsolute, resolve } from "node:path";

import { processSource } from "../pipeline/process-source.js";
import type { ResolvedConfig, SourceOutcome } from "../types.js";

import { configForFileSync } from "./config-bridge.js";

export interface HostSource {
  /** The text to sort, without a BOM. */
  readonly text: string;
  /** The path whose extension chooses the parser (may be a host's virtual name, e.g. `README.md/0.ts`). */
  readonly filepath: string;
  /** The real file whose directory the config is searched from, and that `exclude` is matched against. */
  readonly configPath: string;
}

export interface HostResult {
  readonly outcome: SourceOutcome;
  /** The config the text was sorted with; undefined when it could not be resolved. */
  readonly config?: ResolvedConfig;
}

/** Sort one host-provided text. Never throws: config errors and refusals are `failed` outcomes. */
export function sortHostSource({ text, filepath, configPath }: HostSource): HostResult {
  const absolute = isAbsolute(configPath) ? configPath : resolve(configPath);
  const answer = configForFileSync(absolute);
  if ("error" in answer) return { outcome: { status: "failed", diagnostic: answer.error } };
  const { config } = answer;
  if (answer.excluded) return { outcome: { status: "skipped", reason: "excluded by the config's exclude" }, config };
  return { outcome: processSource(text, filepath, config), config };
}

/** Extensions the sorter parses as scripts (dialect by extension, see parse/parser.ts; files/discover.ts walks the same). */
export const SCRIPT_EXTENSIONS: readonly string[] = [".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"];

/** Framework files, sorted on their whole text (see frameworks/). */
export { FRAMEWORK_EXTENSIONS } from "../frameworks/index.js";

export function hasExtension(path: string, extensions: readonly string[]): boolean {
  return extensions.includes(extname(path));
}

/** The smallest range that turns `before` into `after`: their common prefix and suffix left out. */
export function changedRange(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
