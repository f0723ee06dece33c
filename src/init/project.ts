/**
 * Gathering `ProjectFacts` from a directory: its package.json (name,
 * workspaces), pnpm-workspace.yaml, the package.json of each workspace
 * package, and tsconfig.json `paths` (following `extends`). Problems that
 * only cost a name (a workspace package without a readable package.json, an
 * unreadable pnpm-workspace.yaml) are warnings; init still writes a config.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

import picomatch from "picomatch";

import { FileCache } from "../config/files.js";
import { tsconfigPathKeys } from "../config/tsconfig.js";
import { globWalks } from "../files/glob.js";

import { packageName, type ProjectFacts, workspacePatterns } from "./detect.js";
import { parsePnpmWorkspace } from "./pnpm-workspace.js";

export interface GatheredFacts {
  readonly facts: ProjectFacts;
  readonly warnings: readonly string[];
}

export async function gatherFacts(dir: string): Promise<GatheredFacts> {
  const warnings: string[] = [];
  const files = new FileCache();
  const manifest = await readJson(join(dir, "package.json"), "package.json", warnings);
  const patterns = [...workspacePatterns(manifest), ...(await pnpmPatterns(dir, warnings))];
  const workspaces = await workspacePackages(dir, patterns, warnings);
  const tsconfig = join(dir, "tsconfig.json");
  const pathAliases = (await files.text(tsconfig).catch(() => undefined)) === undefined ? [] : await tsconfigPathKeys(tsconfig, files);
  return { facts: { packageName: packageName(manifest), workspaces, pathAliases }, warnings };
}

async function pnpmPatterns(dir: string, warnings: string[]): Promise<readonly string[]> {
  const text = await readText(join(dir, "pnpm-workspace.yaml"), "pnpm-workspace.yaml", warnings);
  if (text === undefined) return [];
  const parsed = parsePnpmWorkspace(text);
  if (parsed.ok) return parsed.patterns;
  warnings.push(`${parsed.message}: workspace packages from it are not listed`);
  return [];
}

/** The named packages that workspace patterns (`packages/*`, `!packages/old`) designate, by directory. */
async function workspacePackages(dir: string, patterns: readonly string[], warnings: string[]): Promise<ProjectFacts["workspaces"]> {
  const include = patterns.filter((p) => !p.startsWith("!")).map(manifestGlob);
  if (include.length === 0) return [];
  const ignore = patterns.filter((p) => p.startsWith("!")).map((p) => manifestGlob(p.slice(1)));
  const manifests = await matchingFiles(dir, include, ignore);
  const found: { dir: string; name: string }[] = [];
  for (const manifest of manifests) {
    const packageDir = manifest.slice(0, -"/package.json".length) || ".";
    const name = packageName(await readJson(join(dir, manifest), manifest, warnings));
    if (name === undefined) warnings.push(`${manifest}: no "name", so it is not listed`);
    else if (packageDir !== ".") found.push({ dir: packageDir, name });
  }
  return found;
}

/**
 * The files under `dir` that a glob of `include` matches and none of
 * `exclude` does: relative, `/`-separated, sorted. Dot names match only when
 * spelled out; `node_modules` is never entered; links are followed.
 */
async function matchingFiles(dir: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
  const excluded = exclude.length === 0 ? () => false : picomatch([...exclude]);
  const found = new Set<string>();
  const visit = async (base: string, rel: string, walk: ReturnType<typeof globWalks>[number]): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(rel === "" ? base : join(base, rel));
    } catch (error) {
      if (["ENOENT", "ENOTDIR", "ELOOP"].includes((error as NodeJS.ErrnoException).code!)) return;
      throw error;
    }
    for (const name of names) {
      if (name === "node_modules") continue;
      const path = rel === "" ? name : `${rel}/${name}`;
      const stats = await stat(join(base, path)).catch(() => undefined);
      if (stats?.isDirectory() && walk.enter(path)) await visit(base, path, walk);
      else if (stats?.isFile() && walk.match(path)) {
        const shown = relative(dir, join(base, path)).split(sep).join("/");
        if (!excluded(shown)) found.add(shown);
      }
    }
  };
  for (const pattern of include) for (const walk of globWalks(pattern, dir, { dot: false })) await visit(walk.base, "", walk);
  return [...found].sort();
}

/** `packages/*` → `packages/*\/package.json` (a trailing slash or `./` is dropped). */
function manifestGlob(pattern: string): string {
  const trimmed = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  return trimmed === "" || trimmed === "." ? "package.json" : `${trimmed}/package.json`;
}

async function readText(file: string, shown: string, warnings: string[]): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") warnings.push(`${shown}: cannot be read (${(error as Error).message})`);
    return undefined;
  }
}

async function readJson(file: string, shown: string, warnings: string[]): Promise<unknown> {
  const text = await readText(file, shown, warnings);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    warnings.push(`${shown}: not valid JSON (${(error as Error).message}), skipped`);
    return undefined;
  }
}
