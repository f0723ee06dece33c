/**
 * Loading a jscodeshift transform for `safesort run --jscodeshift`.
 *
 * A transform is a module whose default export (ESM `export default`, or
 * CommonJS `module.exports`) is `(file, api, options) => string | null |
 * undefined` (or a promise of one), optionally exporting `parser`. jscodeshift
 * compiles transforms with @babel/register; here esbuild bundles the module
 * and its relative imports into one CommonJS file (TypeScript, JSX and ESM
 * included), written under the nearest `node_modules` so that its bare
 * imports resolve as from the transform, and loaded with `require`. Each
 * worker loads the same file again.
 *
 * jscodeshift itself is the user's: resolved from the working directory first
 * (what `npx jscodeshift` there would run: the runner, not the transform,
 * provides `api.jscodeshift`), then from the transform's directory, then
 * from safesort's own optional peer dependency.
 */
import { existsSync } from "node:fs";
import { unlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve } from "node:path";

import { CodemodLoadError, compileModule, writeCompiled } from "../codemod/load.js";

/** The parsers jscodeshift knows by name (`--parser`). */
const JSCODESHIFT_PARSERS = ["babel", "babylon", "flow", "ts", "tsx"] as const;
export type JscodeshiftParser = (typeof JSCODESHIFT_PARSERS)[number];

/** Where a transform was compiled to and how to run it: plain data a worker can load again. */
export interface JscodeshiftSource {
  /** The compiled CommonJS bundle. */
  readonly bundle: string;
  /** The transform as the user named it (messages). */
  readonly display: string;
  /** The `jscodeshift` package's directory. */
  readonly jscodeshiftDir: string;
  /**
   * `--parser`, when given on the command line (a `parser` export of the
   * transform wins, as in jscodeshift). Neither: by the file's extension
   * (`ts` for .ts/.mts/.cts, `tsx` for .tsx, else `babel`), where
   * jscodeshift would use `babel` for every file.
   */
  readonly parser?: JscodeshiftParser;
  /** Options for the transform (what follows `--`), as jscodeshift passes them. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface LoadedJscodeshift {
  readonly source: JscodeshiftSource;
  dispose(): Promise<void>;
}

/** A transform (or jscodeshift) that cannot be loaded: the message says why (exit 2). */
export class JscodeshiftLoadError extends Error {
  override name = "JscodeshiftLoadError";
}

const EXTENSIONS = new Set([".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"]);

/** Compile the transform at `spec` (relative to `cwd`) and find jscodeshift for it. */
export async function loadJscodeshift(
  spec: string,
  cwd: string,
  parser: JscodeshiftParser | undefined,
  options: Readonly<Record<string, unknown>>,
): Promise<LoadedJscodeshift> {
  const path = resolve(cwd, spec);
  if (!EXTENSIONS.has(extname(path))) throw new JscodeshiftLoadError(`${spec}: a jscodeshift transform is a .js/.ts module`);
  if (!existsSync(path)) throw new JscodeshiftLoadError(`${spec}: no such transform`);
  const jscodeshiftDir = findJscodeshift([cwd, dirname(path)]);
  const bundle = await compileTransform(path);
  const source: JscodeshiftSource = { bundle, display: spec, jscodeshiftDir, parser, options };
  try {
    loadTransform(source);
  } catch (error) {
    await unlink(bundle).catch(() => undefined);
    throw error;
  }
  return { source, dispose: () => unlink(bundle).catch(() => undefined) };
}

function findJscodeshift(from: readonly string[]): string {
  for (const dir of from) {
    try {
      return dirname(createRequire(join(dir, "noop.js")).resolve("jscodeshift/package.json"));
    } catch {
      // Not installed there: try the next place.
    }
  }
  try {
    return dirname(createRequire(import.meta.url).resolve("jscodeshift/package.json"));
  } catch {
    throw new JscodeshiftLoadError("--jscodeshift needs the jscodeshift package: npm install --save-dev jscodeshift");
  }
}

/** What running a transform needs, loaded from a source (once per thread: see `transformFor`). */
export interface Transform {
  readonly run: (file: { path: string; source: string }, api: unknown, options: unknown) => unknown;
  /** `j` for a file: jscodeshift with the transform's parser, else `--parser`, else the file's extension's. */
  readonly jFor: (filepath: string) => unknown;
}

const loaded = new Map<string, Transform>();

/** The transform of `source`, loaded once per thread. */
export function transformFor(source: JscodeshiftSource): Transform {
  let transform = loaded.get(source.bundle);
  if (!transform) {
    transform = loadTransform(source);
    loaded.set(source.bundle, transform);
  }
  return transform;
}

interface Core {
  withParser(parser: unknown): unknown;
}

function loadTransform(source: JscodeshiftSource): Transform {
  const require = createRequire(join(source.jscodeshiftDir, "package.json"));
  const core = require("./src/core.js") as Core;
  const getParser = require("./src/getParser.js") as (name?: string) => unknown;
  let module: { default?: unknown; parser?: unknown } | ((...args: unknown[]) => unknown);
  try {
    module = createRequire(source.bundle)(source.bundle) as typeof module;
  } catch (error) {
    throw new JscodeshiftLoadError(`${source.display}: loading the transform threw: ${(error as Error).stack ?? String(error)}`);
  }
  const exported = module as { default?: unknown; parser?: unknown };
  const run = typeof exported.default === "function" ? exported.default : module;
  if (typeof run !== "function") throw new JscodeshiftLoadError(`${source.display}: the module must export a transform function (file, api, options)`);
  const fixed = exported.parser !== undefined ? exported.parser : source.parser;
  if (fixed !== undefined) {
    const j = core.withParser(typeof fixed === "string" ? getParser(fixed) : fixed);
    return { run: run as Transform["run"], jFor: () => j };
  }
  const byParser = new Map<JscodeshiftParser, unknown>();
  const jFor = (filepath: string): unknown => {
    const name = parserForPath(filepath);
    let j = byParser.get(name);
    if (j === undefined) byParser.set(name, (j = core.withParser(getParser(name))));
    return j;
  };
  return { run: run as Transform["run"], jFor };
}

/** The parser for a file when neither the transform nor `--parser` names one. */
function parserForPath(filepath: string): JscodeshiftParser {
  if (/\.[mc]?ts$/i.test(filepath)) return "ts";
  if (/\.tsx$/i.test(filepath)) return "tsx";
  return "babel";
}

/** esbuild: the transform and its relative imports in one CommonJS file, written as codemods are (../codemod/load.ts). */
async function compileTransform(path: string): Promise<string> {
  let code: string;
  try {
    code = await compileModule(path, { format: "cjs", what: "transform" });
  } catch (error) {
    if (error instanceof CodemodLoadError) throw new JscodeshiftLoadError(error.message);
    throw error;
  }
  const out = await writeCompiled(path, ".cjs", async () => code);
  if (out === undefined) throw new JscodeshiftLoadError(`${path}: cannot write the compiled transform (under node_modules/.cache or the temp dir)`);
  return out;
}
