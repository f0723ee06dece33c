/**
 * The last step: the user's validated options, the project's first-party
 * patterns and the defaults become one ResolvedConfig — plain data, deeply
 * frozen, safe to post to a worker thread.
 */
import path from "node:path";

import type { ResolvedConfig } from "../types.js";

import { defaultGroups, resolveGroups } from "./groups.js";
import type { ConfigLocation } from "./located.js";
import type { UserConfig } from "./schema.js";

export interface ResolveInput {
  /** The validated options and where they came from; undefined when no config was found. */
  readonly user?: { readonly config: UserConfig; readonly at: ConfigLocation };
  /** Patterns from package.json and tsconfig.json, appended after the user's `firstParty`. */
  readonly projectFirstParty: readonly string[];
  /** Directory `exclude` is relative to. */
  readonly rootDir: string;
}

export function resolveConfig({ user, projectFirstParty, rootDir }: ResolveInput): ResolvedConfig {
  const config = user?.config ?? {};
  return deepFreeze({
    groups: config.groups === undefined || user === undefined ? defaultGroups() : resolveGroups(config.groups, user.at, ["groups"]),
    firstParty: [...new Set([...(config.firstParty ?? []), ...projectFirstParty])],
    sideEffectModules: [...(config.sideEffectModules ?? [])],
    blankLinesBetweenGroups: config.blankLinesBetweenGroups ?? true,
    sortReexports: config.sortReexports ?? true,
    sortSpecifiers: config.sortSpecifiers ?? true,
    typeImports: config.typeImports ?? "inline",
    exclude: [...(config.exclude ?? [])],
    rootDir: path.resolve(rootDir),
    configFile: user?.at.file ?? null,
  });
}

/** Freeze an object and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
