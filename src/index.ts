/**
 * safesort's public API: the only import path users need.
 *
 *   import { sortSource, sortFiles, explain, loadConfig } from "safesort";
 *
 * The library returns data: it never prints and never calls `process.exit`.
 * Codemods: `await new Query(["src"]).selectImport("a").rename("b").diff()`
 * (src/codemod/); its output methods print what they are asked for (a diff,
 * a list, prompts) through `options.io`, default the process's streams.
 */
import { dirname, resolve } from "node:path";

import { defaultConfig } from "./config/index.js";
import type { Explanation } from "./imports/explain.js";
import { explainFile } from "./pipeline/explain.js";
import { internalError } from "./pipeline/process-file.js";
import { processSource } from "./pipeline/process-source.js";
import { collectRun } from "./pipeline/run.js";
import type { Mode, RunResult } from "./report/model.js";
import type { Diagnostic, ResolvedConfig } from "./types.js";

export * from "./codemod/index.js";
export { type ConfigOptions, ConfigResolver, defaultConfig, loadConfig } from "./config/index.js";
export { ConfigError, formatLocation, ParseError, SafesortError } from "./errors.js";
export type { ExplainedBarrier, ExplainedBlock, ExplainedImport, Explanation } from "./imports/explain.js";
export type { RenameSymbolStep, TypedMatch, TypePredicate, TypeScriptTypes, TypeView } from "./refactor/type-view.js";
export type { FileReport, FileStatus, Mode, RunResult, RunSummary } from "./report/model.js";
export * from "./types.js";

const BOM = "\uFEFF";

export interface SortSourceOptions {
  /** Where the source lives: chooses the parser (by extension) and names it in diagnostics. */
  readonly filepath: string;
  /** Defaults to `defaultConfig(dirname(filepath))`; use `loadConfig(filepath)` for the user's config. */
  readonly config?: ResolvedConfig;
}

export interface SortSourceResult {
  /** The sorted source, or the input unchanged when nothing changed or sorting failed. A BOM is kept. */
  readonly code: string;
  readonly changed: boolean;
  /**
   * Number of import and re-export blocks. Computed on first read (it costs a
   * second analysis of the source); 0 when the source does not parse.
   */
  readonly blocks: number;
  /** Why the source was not sorted (syntax error, internal error…); empty on success. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Sort the imports of one source text. Never throws: problems are returned as diagnostics. */
export function sortSource(source: string, options: SortSourceOptions): SortSourceResult {
  const bom = source.startsWith(BOM);
  const text = bom ? source.slice(BOM.length) : source;
  let config: ResolvedConfig;
  try {
    config = options.config ?? defaultConfig(dirname(resolve(options.filepath)));
  } catch (error) {
    return withBlocks({ code: source, changed: false, diagnostics: [internalError(options.filepath, error)] }, () => 0);
  }
  const count = () => countBlocks(text, options.filepath, config);
  const outcome = processSource(text, options.filepath, config);
  switch (outcome.status) {
    case "changed":
      return withBlocks({ code: (bom ? BOM : "") + outcome.output, changed: true, diagnostics: [] }, count);
    case "failed":
      return withBlocks({ code: source, changed: false, diagnostics: [outcome.diagnostic] }, () => 0);
    default:
      return withBlocks({ code: source, changed: false, diagnostics: [] }, count);
  }
}

export interface SortFilesOptions {
  readonly mode: Mode;
  /** Paths are resolved against it and reported relative to it. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** One config file for every file, instead of searching upwards from each file. */
  readonly configFile?: string | false;
  /** Files in flight at once. Default 8. */
  readonly concurrency?: number;
  /** Worker threads; default: cores minus one; 1 = in-process. Small runs never start threads. */
  readonly jobs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Sort (`write`), check (`check`) or diff (`diff`) the files under `paths`.
 * Per-file problems are reports with status `failed`, never exceptions.
 */
export async function sortFiles(paths: readonly string[], options: SortFilesOptions): Promise<RunResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  return collectRun(paths, { ...options, cwd });
}

export interface ExplainOptions {
  readonly filepath: string;
  readonly config?: ResolvedConfig;
}

/** How a source would be sorted: its blocks, barriers and each import's group and key. Throws ParseError. */
export function explain(source: string, options: ExplainOptions): Explanation {
  const text = source.startsWith(BOM) ? source.slice(BOM.length) : source;
  const config = options.config ?? defaultConfig(dirname(resolve(options.filepath)));
  return explainFile(text, options.filepath, config);
}

function countBlocks(text: string, filepath: string, config: ResolvedConfig): number {
  try {
    return explainFile(text, filepath, config).blocks.length;
  } catch {
    return 0;
  }
}

/** Attach `blocks` as a memoized, enumerable getter: spread, JSON and structuredClone see a plain number. */
function withBlocks(result: Omit<SortSourceResult, "blocks">, count: () => number): SortSourceResult {
  let blocks: number | undefined;
  return Object.defineProperty({ ...result }, "blocks", {
    enumerable: true,
    get: () => (blocks ??= count()),
  }) as SortSourceResult;
}
