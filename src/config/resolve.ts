/**
 * The last step: the merged options of the configs that apply (cascade.ts),
 * the project's first-party patterns and the defaults become one
 * ResolvedConfig — plain data, deeply frozen, safe to post to a worker thread.
 */
import path from "node:path";

import type { ResolvedConfig } from "../types.js";

import type { MergedConfig } from "./cascade.js";
import { defaultGroups, resolveGroups } from "./groups.js";

export interface ResolveInput {
  /** The merged configs; undefined when no config applies. */
  readonly merged?: MergedConfig;
  /** Patterns from package.json and tsconfig.json, appended after the user's `firstParty`. */
  readonly projectFirstParty: readonly string[];
  /** Directory `exclude` is relative to when no config applies. */
  readonly rootDir: string;
}

export function resolveConfig({ merged, projectFirstParty, rootDir }: ResolveInput): ResolvedConfig {
  const config = merged?.options ?? {};
  const applied = merged?.applied ?? [];
  return deepFreeze({
    groups: config.groups === undefined ? defaultGroups() : resolveGroups(config.groups),
    firstParty: [...new Set([...(config.firstParty ?? []), ...projectFirstParty])],
    sideEffectModules: [...(config.sideEffectModules ?? [])],
    blankLinesBetweenGroups: config.blankLinesBetweenGroups ?? true,
    sortReexports: config.sortReexports ?? true,
    sortSpecifiers: config.sortSpecifiers ?? true,
    typeImports: config.typeImports ?? "inline",
    exclude: [...(merged?.exclude ?? [])],
    rootDir: path.resolve(merged?.rootDir ?? rootDir),
    configFile: applied.at(-1)?.file ?? null,
    appliedConfigs: applied.map((a) => ({ ...a })),
  });
}

/** Freeze an object and everything reachable from it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
