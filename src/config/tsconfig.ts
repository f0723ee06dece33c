/**
 * The `compilerOptions.paths` of a tsconfig.json, following `extends` the way
 * TypeScript does: an option set in a config overrides its bases, and in an
 * `extends` array later bases override earlier ones. `extends` may be a
 * relative path or a package (`@tsconfig/node20/tsconfig.json`, or a bare
 * package name using its "tsconfig" field or tsconfig.json) looked up in
 * node_modules directories upwards; package "exports" are not consulted.
 *
 * A missing, unreadable or broken tsconfig never fails: it adds no paths.
 */
import path from "node:path";

import type { FileCache } from "./files.js";
import { isPlainObject } from "./located.js";

/** The keys of the effective `paths` mapping of `tsconfigFile` (in written order). */
export async function tsconfigPathKeys(tsconfigFile: string, files: FileCache): Promise<string[]> {
  const paths = await effectivePaths(tsconfigFile, files, new Set());
  return paths === undefined ? [] : Object.keys(paths);
}

async function effectivePaths(file: string, files: FileCache, visiting: Set<string>): Promise<Record<string, unknown> | undefined> {
  if (visiting.has(file)) return undefined; // an `extends` cycle
  visiting.add(file);
  const config = await files.jsonc(file);
  if (!isPlainObject(config)) return undefined;
  const options = config.compilerOptions;
  if (isPlainObject(options) && Object.hasOwn(options, "paths")) {
    return isPlainObject(options.paths) ? options.paths : undefined;
  }
  const bases = typeof config.extends === "string" ? [config.extends] : Array.isArray(config.extends) ? config.extends : [];
  for (const base of [...bases].reverse()) {
    if (typeof base !== "string") continue;
    const baseFile = await resolveExtends(base, path.dirname(file), files);
    const paths = baseFile === undefined ? undefined : await effectivePaths(baseFile, files, visiting);
    if (paths !== undefined) return paths;
  }
  return undefined;
}

/** The file an `extends` specifier names, or undefined when there is none. */
async function resolveExtends(specifier: string, fromDir: string, files: FileCache): Promise<string | undefined> {
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) {
    return firstExisting(withJson(path.resolve(fromDir, specifier)), files);
  }
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const found = await inPackage(path.join(dir, "node_modules", specifier), specifier, files);
    if (found !== undefined) return found;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** In `node_modules/<specifier>`: the file itself, with `.json`, or the package's tsconfig. */
async function inPackage(base: string, specifier: string, files: FileCache): Promise<string | undefined> {
  const direct = await firstExisting(withJson(base), files);
  if (direct !== undefined) return direct;
  const isBareName = /^(@[^/]+\/)?[^/@]+$/.test(specifier);
  if (!isBareName) return undefined;
  const manifest = await files.jsonc(path.join(base, "package.json"));
  const field = isPlainObject(manifest) && typeof manifest.tsconfig === "string" ? [path.join(base, manifest.tsconfig)] : [];
  return firstExisting([...field, path.join(base, "tsconfig.json")], files);
}

function withJson(file: string): string[] {
  return file.endsWith(".json") ? [file] : [file, `${file}.json`];
}

async function firstExisting(candidates: readonly string[], files: FileCache): Promise<string | undefined> {
  for (const candidate of candidates) {
    const text = await files.text(candidate).catch(() => undefined);
    if (text !== undefined) return candidate;
  }
  return undefined;
}
