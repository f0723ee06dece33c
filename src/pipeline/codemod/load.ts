/**
 * Loading a codemod for `safesort run <codemod>`: a built-in name, or a
 * module exporting `default (q: Query, args) => Query`.
 *
 * TypeScript modules load without a build step: esbuild bundles the module
 * with its relative imports (`./helpers`, `.ts` or not) into one ESM file
 * written under the nearest `node_modules` (so bare imports like `lodash`
 * resolve as from the codemod, and no run ever discovers the file);
 * `safesort` itself is pointed at the running copy. The bundle carries an inline source map and source maps are enabled,
 * so a stack from a codemod that throws names its own `.ts` lines. The file
 * is removed when the run ends (`dispose`). JavaScript modules are imported
 * as they are.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { findCodemod } from "../../../rules/index.js";
import type { Query } from "../../codemod/query.js";
import { type CodemodFn, type CodemodRule, flagOf } from "../../codemod/rule.js";
import { packageRoot } from "../../codemod/self.js";
import type { CodemodArgs, CodemodSource } from "../../codemod/source.js";
import { importOptional, MissingDependencyError } from "../../optional-deps.js";
import yargsParser from "../../vendor/yargs-parser.js";

/** Call a codemod function with its arguments. */
export function callCodemod(fn: CodemodFn, q: Query, args: CodemodArgs): Query {
  return (fn as unknown as (q: Query, args: CodemodArgs) => Query)(q, args);
}

export interface LoadedCodemod {
  readonly source: CodemodSource;
  /** Remove the bundle written for a TypeScript codemod. */
  dispose(): Promise<void>;
}

/** A codemod that cannot be loaded: the message says why (exit 2). */
export class CodemodLoadError extends Error {
  override name = "CodemodLoadError";
}

const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);
const JS_EXTENSIONS = new Set([".js", ".mjs", ".cjs", ".jsx"]);

/** Resolve `spec` (a built-in name or a module path relative to `cwd`) and validate its arguments. */
export async function loadCodemod(spec: string, cwd: string, rawArgs: readonly string[]): Promise<LoadedCodemod> {
  const ext = extname(spec);
  if (!TS_EXTENSIONS.has(ext) && !JS_EXTENSIONS.has(ext)) {
    const rule = findCodemod(spec);
    if (!rule) throw new CodemodLoadError(`unknown codemod ${JSON.stringify(spec)}: not a built-in (see \`safesort run --list\`) nor a .ts/.js module`);
    return { source: { kind: "builtin", name: rule.id, options: parseRuleOptions(rule, rawArgs) }, dispose: async () => undefined };
  }
  const path = resolve(cwd, spec);
  if (!existsSync(path)) throw new CodemodLoadError(`${spec}: no such codemod module`);
  const args = parseArgs(rawArgs);
  if (JS_EXTENSIONS.has(ext)) return { source: { kind: "module", url: pathToFileURL(path).href, args }, dispose: async () => undefined };
  const bundle = await bundleTypeScript(path);
  return { source: { kind: "module", url: pathToFileURL(bundle).href, args }, dispose: () => unlink(bundle).catch(() => undefined) };
}

/** Build the query a source describes on `q` (the main thread's, or a worker's). */
export async function buildQuery(source: CodemodSource, q: Query): Promise<Query> {
  if (source.kind === "builtin") {
    const rule = findCodemod(source.name);
    if (!rule) throw new CodemodLoadError(`unknown built-in codemod ${source.name}`);
    return rule.transform(q, source.options);
  }
  const module = (await import(source.url)) as { default?: unknown };
  const fn = module.default;
  if (typeof fn !== "function") throw new CodemodLoadError(`${displayUrl(source.url)}: the module must export a default function (q: Query, args) => Query`);
  const built = callCodemod(fn as CodemodFn, q, source.args);
  if (!built || typeof (built as { plan?: unknown }).plan !== "function") {
    throw new CodemodLoadError(`${displayUrl(source.url)}: the default export must return the query (q: Query, args) => Query`);
  }
  return built;
}

function displayUrl(url: string): string {
  return url.startsWith("file:") ? fileURLToPath(url) : url;
}

/**
 * esbuild: the codemod and its relative imports in one ESM file, written
 * where its bare imports still resolve but no run discovers it: under the
 * nearest `node_modules` above the codemod (`.cache/safesort/codemods/`,
 * beside the sorter's cache), else in the temp dir.
 */
async function bundleTypeScript(path: string): Promise<string> {
  // The source map's paths are relative to the output file: build for the place it is written to.
  const out = await writeCompiled(path, ".mjs", (outfile) => compile(path, outfile));
  if (out === undefined) throw new CodemodLoadError(`${path}: cannot write the compiled codemod (under node_modules/.cache or the temp dir)`);
  return out;
}

/**
 * Write the compiled form of the module at `path` (`compileFor(outfile)`)
 * where its bare imports still resolve but no run discovers it: under the
 * nearest `node_modules` above it (`.cache/safesort/codemods/`), else in the
 * temp dir (bare imports may then not resolve). Undefined when neither can
 * be written. Source maps are enabled, so stacks name the module's own lines.
 */
export async function writeCompiled(path: string, extension: string, compileFor: (outfile: string) => Promise<string>): Promise<string | undefined> {
  const name = `${basename(path, extname(path))}.${process.pid}-${randomBytes(4).toString("hex")}${extension}`;
  const modules = nearestNodeModules(dirname(path));
  const dirs = modules ? [join(modules, ".cache", "safesort", "codemods"), tmpdir()] : [tmpdir()];
  for (const dir of dirs) {
    const out = join(dir, name);
    const code = await compileFor(out);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(out, code, { flag: "wx" });
      process.setSourceMapsEnabled(true);
      return out;
    } catch {
      // A read-only directory: the next place.
    }
  }
  return undefined;
}

function nearestNodeModules(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, "node_modules");
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

async function compile(path: string, outfile: string): Promise<string> {
  return compileModule(path, { outfile, format: "esm", what: "codemod" });
}

/**
 * esbuild: the module at `path` and its relative imports in one file of
 * `format` (bare imports stay imports), with an inline source map; an ESM
 * codemod's `import … from "safesort"` means this safesort. A missing esbuild
 * or a compile error is a CodemodLoadError naming the file (and the
 * location of the first error).
 */
export async function compileModule(path: string, options: { readonly outfile?: string; readonly format: "esm" | "cjs"; readonly what: string }): Promise<string> {
  let build: typeof import("esbuild").build;
  try {
    ({ build } = await importOptional("esbuild", () => import("esbuild")));
  } catch (error) {
    if (error instanceof MissingDependencyError) throw new CodemodLoadError(`${path}: ${error.message}`);
    throw error;
  }
  try {
    const result = await build({
      entryPoints: [path],
      ...(options.outfile === undefined ? {} : { outfile: options.outfile }),
      bundle: true,
      format: options.format,
      platform: "node",
      target: "node20",
      packages: "external",
      write: false,
      sourcemap: "inline",
      sourcesContent: true,
      logLevel: "silent",
      plugins: options.format === "esm" ? [selfReference()] : [],
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const messages = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ?? [];
    const first = messages[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : "";
    throw new CodemodLoadError(`${where}cannot compile the ${options.what}: ${first?.text ?? (error as Error).message}`);
  }
}

/** `import … from "safesort"` in a codemod means this safesort, wherever the codemod lives. */
function selfReference(): import("esbuild").Plugin {
  return {
    name: "safesort-self",
    setup(build) {
      build.onResolve({ filter: /^safesort(\/testing)?$/ }, (args) => {
        const root = packageRoot();
        if (!root) return undefined;
        const sub = args.path === "safesort" ? "index" : "testing/index";
        const fromSources = import.meta.url.endsWith(".ts");
        const file = fromSources ? join(root, "src", `${sub}.ts`) : join(root, "dist", "src", `${sub}.js`);
        return existsSync(file) ? { path: pathToFileURL(file).href, external: true } : undefined;
      });
    },
  };
}

/**
 * Arguments after `--` for a codemod, read by yargs-parser (what yargs reads
 * safesort's own with): `--key value`, `--key=value`, `--flag` (true),
 * `--no-flag` (false), `-k value` and `-abc` (short flags); `--kebab-name`
 * becomes `kebabName`; values stay strings (`--n 5` is "5"); repeated keys
 * collect into a list of strings; positionals, and everything after a
 * second `--`, go to `_`.
 */
export function parseArgs(raw: readonly string[]): CodemodArgs {
  const { _: positional, ...parsed } = yargsParser([...raw], { configuration: CODEMOD_ARGS });
  const args: Record<string, string | boolean | string[]> = {};
  for (const [key, value] of Object.entries(parsed)) {
    args[key] = Array.isArray(value) ? value.map(String) : typeof value === "boolean" ? value : String(value);
  }
  return { ...args, _: positional.map(String) };
}

const CODEMOD_ARGS: Partial<yargsParser.Configuration> = {
  "parse-numbers": false,
  "parse-positional-numbers": false,
  "camel-case-expansion": true,
  "strip-dashed": true,
  "dot-notation": false,
  "duplicate-arguments-array": true,
  "flatten-duplicate-arrays": true,
  "boolean-negation": true,
};

/** A built-in's options from its flags: known flags only, required ones present, types checked. */
export function parseRuleOptions(rule: CodemodRule, raw: readonly string[]): Record<string, unknown> {
  const args = parseArgs(raw);
  const known = new Map(rule.options.map((o) => [o.name, o]));
  const flags = rule.options.map(flagOf).join(", ");
  if (args._.length > 0) throw new CodemodLoadError(`${rule.id}: unexpected argument ${JSON.stringify(args._[0])} (options: ${flags})`);
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === "_") continue;
    const option = known.get(key);
    if (!option) throw new CodemodLoadError(`${rule.id}: unknown option ${flagOf({ name: key })} (options: ${flags})`);
    if (Array.isArray(value)) throw new CodemodLoadError(`${rule.id}: ${flagOf(option)} given more than once`);
    if (option.type === "string" && typeof value !== "string") throw new CodemodLoadError(`${rule.id}: ${flagOf(option)} needs a value`);
    if (option.type === "boolean" && typeof value === "string" && value !== "true" && value !== "false") {
      throw new CodemodLoadError(`${rule.id}: ${flagOf(option)} is a boolean flag, got ${JSON.stringify(value)}`);
    }
    options[key] = option.type === "boolean" ? value === true || value === "true" : value;
  }
  for (const option of rule.options) {
    if (options[option.name] !== undefined) continue;
    if (option.required) throw new CodemodLoadError(`${rule.id}: ${flagOf(option)} is required (${option.description})`);
    if (option.default !== undefined) options[option.name] = option.default;
  }
  const problem = rule.validate?.(options);
  if (problem) throw new CodemodLoadError(`${rule.id}: ${problem}`);
  return options;
}
