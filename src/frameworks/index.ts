/**
 * Framework files, by extension: which locator finds their script blocks.
 *
 *   .vue     <script>, <script setup>           vue.ts     (@vue/compiler-sfc)
 *   .svelte  <script module>, <script>          svelte.ts  (svelte/compiler)
 *   .astro   the frontmatter between `---`      astro.ts   (@astrojs/compiler)
 *
 * Each parser is loaded the first time a file of its kind has an `import` or
 * `export` to sort (load.ts), never for plain JavaScript or TypeScript.
 */
import { extname } from "node:path";

import { SafesortError } from "../errors.js";
import type { SourceOutcome } from "../types.js";

import { locateAstroFrontmatter } from "./astro.js";
import type { Locator } from "./model.js";
import { sortBlocks, type SortScript } from "./sort-blocks.js";
import { locateSvelteScripts } from "./svelte.js";
import { locateVueScripts } from "./vue.js";

export { explainFrameworkSource } from "./explain.js";
export type { Locator } from "./model.js";
export type { SortScript } from "./sort-blocks.js";

const LOCATORS: Readonly<Record<string, Locator>> = {
  ".vue": locateVueScripts,
  ".svelte": locateSvelteScripts,
  ".astro": locateAstroFrontmatter,
};

/** Extensions of framework files (case-sensitive, like the other source extensions). */
export const FRAMEWORK_EXTENSIONS: readonly string[] = Object.keys(LOCATORS);

/** The locator for a framework file, undefined for any other path. */
export function frameworkLocator(filepath: string): Locator | undefined {
  return Object.hasOwn(LOCATORS, extname(filepath)) ? LOCATORS[extname(filepath)] : undefined;
}

/** Keywords cannot be written with escapes: without these no block has anything to sort, and no parser is loaded. */
const MAY_HAVE_IMPORTS = /\bimport\b|\bexport\b/;

/**
 * Sort the script blocks of a framework file with `sortScript` (the ordinary
 * core). Never throws: a crash of a framework parser is an internal error.
 */
export function processFrameworkSource(source: string, filepath: string, locate: Locator, sortScript: SortScript): SourceOutcome {
  if (!MAY_HAVE_IMPORTS.test(source)) return { status: "unchanged" };
  try {
    return sortBlocks(source, filepath, locate, sortScript);
  } catch (error) {
    // A missing optional parser (svelte, @vue/compiler-sfc, @astrojs/compiler) fails this file only, saying what to install.
    if (error instanceof SafesortError) return { status: "failed", diagnostic: { ...error.toDiagnostic(), path: filepath } };
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      status: "failed",
      diagnostic: { code: "internal-error", message: `internal error, refusing to write (${e.message})`, path: filepath, stack: e.stack },
    };
  }
}
