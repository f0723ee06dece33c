/**
 * What `safesort init` writes: the first-party names a project declares, as
 * `firstParty` patterns, each with where it was found (printed to the user).
 *
 *   package.json "name"                 "@acme/app"    → "@acme/app"
 *   a workspace package's name          "@acme/ui"     → "@acme/ui"
 *   a tsconfig `paths` key              "@/*"          → "@/**"
 *
 * Pure: the IO that gathers these facts is in project.ts.
 */
import { aliasToGlob, escapeGlob } from "../config/first-party.js";
import { isPlainObject } from "../config/located.js";

export interface ProjectFacts {
  /** The root package.json's `name`. */
  readonly packageName?: string;
  /** Workspace packages: their directory (relative, `/`-separated) and `name`. */
  readonly workspaces: readonly { readonly dir: string; readonly name: string }[];
  /** tsconfig.json `compilerOptions.paths` keys (after `extends`), in written order. */
  readonly pathAliases: readonly string[];
}

export interface FirstPartyEntry {
  readonly pattern: string;
  /** Where it came from, e.g. `package.json name`, `workspace packages/ui`, `tsconfig paths "@/*"`. */
  readonly source: string;
}

/** The patterns to write, first occurrence wins: package name, workspaces (by directory), path aliases. */
export function firstPartyEntries(facts: ProjectFacts): FirstPartyEntry[] {
  const entries: FirstPartyEntry[] = [];
  const add = (pattern: string | undefined, source: string) => {
    if (pattern !== undefined && !entries.some((entry) => entry.pattern === pattern)) entries.push({ pattern, source });
  };
  if (facts.packageName !== undefined) add(escapeGlob(facts.packageName), "package.json name");
  const workspaces = [...facts.workspaces].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  for (const { dir, name } of workspaces) add(escapeGlob(name), `workspace ${dir}`);
  for (const key of facts.pathAliases) add(aliasToGlob(key), `tsconfig paths ${JSON.stringify(key)}`);
  return entries;
}

/** A package.json's `workspaces` (an array, or `{ packages: [...] }` as Yarn allows); non-strings dropped. */
export function workspacePatterns(manifest: unknown): string[] {
  if (!isPlainObject(manifest)) return [];
  const { workspaces } = manifest;
  const list = Array.isArray(workspaces) ? workspaces : isPlainObject(workspaces) && Array.isArray(workspaces.packages) ? workspaces.packages : [];
  return list.filter((entry): entry is string => typeof entry === "string" && entry.trim() !== "");
}

/** A package.json's non-empty string `name`, else undefined. */
export function packageName(manifest: unknown): string | undefined {
  if (!isPlainObject(manifest) || typeof manifest.name !== "string") return undefined;
  const name = manifest.name.trim();
  return name === "" ? undefined : name;
}

/** The config file `init` writes. */
export function initConfigText(entries: readonly FirstPartyEntry[]): string {
  return JSON.stringify({ firstParty: entries.map((entry) => entry.pattern) }, null, 2) + "\n";
}
