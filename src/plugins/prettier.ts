/**
 * `safesort/prettier`: a Prettier 3 plugin that sorts imports before Prettier
 * formats (`plugins: ["safesort/prettier"]`).
 *
 * It redefines Prettier's own JavaScript parsers with a `preprocess` step that
 * runs the CLI's core (host.ts → processSource, with the CLI's config for the
 * file) and then hands the text to the original parser. Prettier picks, for
 * each parser name, the last plugin defining it: so another plugin redefining
 * the same parsers (prettier-plugin-organize-imports, another import sorter)
 * and listed after this one replaces it, and vice versa. They do not chain.
 *
 * Framework files are sorted through their script blocks: the Vue, Svelte
 * and Astro printers format `<script>` and frontmatter with these same
 * parsers (Prettier calls that "embedded" code), so no framework parser is
 * wrapped. Code embedded in other languages (Markdown code fences, HTML
 * `<script>`) is left as it is: a code sample is not a module to sort.
 *
 * Anything the sorter cannot parse is handed to Prettier unchanged, so
 * Prettier reports its own syntax error. The original parsers are loaded
 * lazily, on the first file that needs each of them.
 */
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

import type { Parser, ParserOptions, Plugin } from "prettier";

import type { SourceOutcome } from "../types.js";

import { hasExtension, SCRIPT_EXTENSIONS, sortHostSource } from "./host.js";

const require = createRequire(import.meta.url);

/** Each wrapped parser: the Prettier plugin module defining it, and the extension its text is sorted as. */
const PARSERS: Readonly<Record<string, { readonly module: string; readonly ext: ".js" | ".ts" }>> = {
  babel: { module: "prettier/plugins/babel", ext: ".js" },
  "babel-flow": { module: "prettier/plugins/babel", ext: ".js" },
  "babel-ts": { module: "prettier/plugins/babel", ext: ".ts" },
  flow: { module: "prettier/plugins/flow", ext: ".js" },
  typescript: { module: "prettier/plugins/typescript", ext: ".ts" },
  acorn: { module: "prettier/plugins/acorn", ext: ".js" },
  espree: { module: "prettier/plugins/acorn", ext: ".js" },
  meriyah: { module: "prettier/plugins/meriyah", ext: ".js" },
};

/** Hosts whose embedded scripts are modules to sort; any other parent (markdown, html, mdx) is left alone. */
const SORTED_PARENTS = new Set(["vue", "svelte", "astro"]);

type Options = ParserOptions & { readonly parentParser?: string };

/** Sort the imports of `text` as the safesort CLI would, or return it unchanged. Throws only for config errors. */
export function sortForPrettier(text: string, parserName: string, options: Options): string {
  const sortAs = PARSERS[parserName]?.ext;
  if (sortAs === undefined || isRangeFormat(text, options)) return text;
  if (options.parentParser !== undefined && !SORTED_PARENTS.has(options.parentParser)) return text;
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = text.slice(bom.length);
  const configPath = options.filepath ? resolve(options.filepath) : join(process.cwd(), "<stdin>");
  // The file's own name when it is a script Prettier formats whole; else its text's language.
  const own = options.parentParser === undefined && hasExtension(configPath, SCRIPT_EXTENSIONS);
  let outcome = sortHostSource({ text: body, filepath: own ? configPath : `${configPath}${sortAs}`, configPath }).outcome;
  // A TypeScript parser with no `.tsx` name to go by reads JSX as well: so may the sorter.
  if (!own && sortAs === ".ts" && outcome.status === "failed" && outcome.diagnostic.code === "syntax-error") {
    outcome = sortHostSource({ text: body, filepath: `${configPath}.tsx`, configPath }).outcome;
  }
  return bom + settle(outcome, body);
}

function settle(outcome: SourceOutcome, text: string): string {
  if (outcome.status === "changed") return outcome.output;
  if (outcome.status !== "failed") return text;
  const d = outcome.diagnostic;
  const where = d.line === undefined ? d.path : `${d.path}:${d.line}:${d.column ?? 1}`;
  // A broken config stops Prettier, as it stops the CLI; a syntax error is Prettier's to report.
  if (d.code === "config-error") throw new Error(`safesort: ${where}: ${d.message}`);
  if (d.code !== "syntax-error") console.warn(`[safesort] ${where}: ${d.message}; imports left unsorted`);
  return text;
}

/** Range formatting (`--range-start`/`--range-end`): moving imports would move the range. */
function isRangeFormat(text: string, options: Options): boolean {
  const start = options.rangeStart ?? 0;
  const end = options.rangeEnd ?? Number.POSITIVE_INFINITY;
  return start > 0 || end < text.length;
}

function wrap(name: string, module: string): Parser {
  const base = (require(module) as { parsers: Record<string, Parser> }).parsers[name];
  if (base === undefined) throw new Error(`safesort: ${module} defines no "${name}" parser`);
  return {
    ...base,
    preprocess(text, options) {
      const sorted = sortForPrettier(text, name, options);
      return base.preprocess ? base.preprocess(sorted, options) : sorted;
    },
  };
}

/** The wrapped parsers, each built (and its Prettier parser loaded) when Prettier first asks for it. */
function lazyParsers(): Record<string, Parser> {
  const parsers: Record<string, Parser> = {};
  for (const [name, { module }] of Object.entries(PARSERS)) {
    let built: Parser | undefined;
    Object.defineProperty(parsers, name, { enumerable: true, get: () => (built ??= wrap(name, module)) });
  }
  return parsers;
}

export const parsers: Record<string, Parser> = lazyParsers();

const plugin: Plugin = { parsers };

export default plugin;
