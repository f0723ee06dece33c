/**
 * Which group a module specifier belongs to.
 *
 *   builtin      `node:fs`, `fs`, `fs/promises` (Node's builtin modules)
 *   third-party  everything not matched below
 *   first-party  config `firstParty` patterns (incl. the package's own name,
 *                tsconfig `paths` aliases), `#subpath` imports, absolute paths
 *   parent       `..`, `../x`
 *   sibling      `.`, `./x`
 *
 * Custom groups (config `groups` entries with `match`) win over categories.
 */
import { builtinModules } from "node:module";

import { loadPicomatch } from "../files/lazy-packages.js";
import type { Category, ResolvedConfig } from "../types.js";

const BUILTINS = new Set(builtinModules);
const matchers = new Map<string, (input: string) => boolean>();

function categoryOf(specifier: string, config: ResolvedConfig): Category {
  if (specifier.startsWith("node:") || BUILTINS.has(specifier)) return "builtin";
  if (specifier === ".." || specifier.startsWith("../")) return "parent";
  if (specifier === "." || specifier.startsWith("./")) return "sibling";
  if (specifier.startsWith("#") || specifier.startsWith("/")) return "first-party";
  if (config.firstParty.length > 0 && matchesModule(config.firstParty, specifier)) return "first-party";
  return "third-party";
}

/** Index of the group of `specifier` in `config.groups`. */
export function groupIndexOf(specifier: string, config: ResolvedConfig): number {
  const custom = config.groups.findIndex((g) => g.match.length > 0 && matchesModule(g.match, specifier));
  if (custom !== -1) return custom;
  const category = categoryOf(specifier, config);
  const index = config.groups.findIndex((g) => g.categories.includes(category));
  return index === -1 ? config.groups.length : index;
}

/** A pattern matches a specifier when it matches the whole specifier or its package name. */
export function matchesModule(patterns: readonly string[], specifier: string): boolean {
  const pkg = packageName(specifier);
  return patterns.some((pattern) => {
    const match = compile(pattern);
    return match(specifier) || (pkg !== specifier && match(pkg));
  });
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function compile(pattern: string): (input: string) => boolean {
  let match = matchers.get(pattern);
  if (!match) {
    match = loadPicomatch()(pattern, { dot: true });
    matchers.set(pattern, match);
  }
  return match;
}
