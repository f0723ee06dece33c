/**
 * `explain` for any supported file, as the pipeline sorts it: a framework
 * file (.vue, .svelte, .astro) is explained script block by script block, in
 * the component's lines; any other file is one script (src/imports/explain.ts).
 */
import { explainFrameworkSource, frameworkLocator } from "../frameworks/index.js";
import { explainSource, type Explanation } from "../imports/explain.js";
import type { ResolvedConfig } from "../types.js";

/** Explain how a file's source would be sorted. Throws ParseError on a syntax error. */
export function explainFile(source: string, filepath: string, config: ResolvedConfig): Explanation {
  const locate = frameworkLocator(filepath);
  if (locate) return explainFrameworkSource(source, filepath, locate, (text, path) => explainSource(text, path, config));
  return explainSource(source, filepath, config);
}
