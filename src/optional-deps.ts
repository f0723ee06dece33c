/**
 * Optional peer dependencies: packages only some file types or commands need,
 * so that `npm i -D safesort` in a TypeScript-only project stays small. Each
 * is loaded on first use; when it is missing, the error says exactly what to
 * install, and the file (or command) that needed it fails with exit 2 while
 * the others proceed.
 */
import { SafesortError } from "./errors.js";

/** What needs each optional package, and the command that installs a tested version. */
export const OPTIONAL_DEPENDENCIES = {
  svelte: { neededFor: "sorting .svelte files", install: "npm i -D svelte@5" },
  "@vue/compiler-sfc": { neededFor: "sorting .vue files", install: "npm i -D @vue/compiler-sfc@3" },
  "@astrojs/compiler": { neededFor: "sorting .astro files", install: "npm i -D @astrojs/compiler@4" },
  "ts-morph": { neededFor: "rename-symbol, move and type-aware queries", install: "npm i -D ts-morph@28" },
  esbuild: { neededFor: "running codemods written in TypeScript", install: "npm i -D esbuild@0.28" },
} as const;

export type OptionalDependency = keyof typeof OPTIONAL_DEPENDENCIES;

/** A needed optional peer dependency is not installed. */
export class MissingDependencyError extends SafesortError {
  constructor(
    readonly dependency: string,
    path = "",
  ) {
    const known = (OPTIONAL_DEPENDENCIES as Record<string, { neededFor: string; install: string }>)[dependency];
    const why = known ? `${known.neededFor} needs ${dependency}, an optional peer dependency of safesort` : `${dependency} is needed`;
    super("missing-dependency", `${why}; install it: ${known?.install ?? `npm i -D ${dependency}`}`, path);
    this.name = "MissingDependencyError";
  }
}

/** Is `error` Node's "cannot find package `dependency`" (require or import)? */
export function isMissingPackage(error: unknown, dependency: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return false;
  const message = error instanceof Error ? error.message : "";
  return message.includes(`'${dependency}'`) || message.includes(`'${dependency}/`) || message.includes(`"${dependency}"`);
}

/** `load()`, turning "cannot find `dependency`" into a MissingDependencyError; other errors pass through. */
export function loadOptional<T>(dependency: OptionalDependency | string, load: () => T, path?: string): T {
  try {
    return load();
  } catch (error) {
    if (isMissingPackage(error, dependency)) throw new MissingDependencyError(dependency, path);
    throw error;
  }
}

/** The same for an asynchronous `load` (a dynamic import). */
export async function importOptional<T>(dependency: OptionalDependency | string, load: () => Promise<T>, path?: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error, dependency)) throw new MissingDependencyError(dependency, path);
    throw error;
  }
}
