/**
 * Framework parsers are loaded on first use only, so sorting `.ts` files never
 * pays for them (the Vue and Svelte compilers take ~40–60 ms to load, Astro's
 * compiles a 5 MB wasm module on its first parse).
 *
 * They are loaded with `require` rather than `import()`: all three ship a
 * synchronous CommonJS entry (`@vue/compiler-sfc`, `svelte/compiler`,
 * `@astrojs/compiler/sync`), so the core stays a synchronous pure function for
 * every file type, and `sortSource`, the worker pool, `--stdin-filepath` and
 * the language server need no async variant.
 */
import { createRequire } from "node:module";

import { loadOptional } from "../optional-deps.js";

const require = createRequire(import.meta.url);

/**
 * A getter that loads `specifier` (of the optional peer dependency `dependency`) on its first
 * call and returns the same module afterwards; throws MissingDependencyError when it is not installed.
 */
export function lazyModule<T>(specifier: string, dependency: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= loadOptional(dependency, () => require(specifier) as T));
}
