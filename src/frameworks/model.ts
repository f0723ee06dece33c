/**
 * Framework files (`.vue`, `.svelte`, `.astro`) hold JavaScript or TypeScript
 * in **script blocks**: the text between a `<script …>` start tag and its
 * `</script>`, or between the two `---` fences of an Astro frontmatter.
 *
 *     <template>…</template>          ← never touched
 *     <script setup lang="ts">⟦
 *     import b from "b";               ⟦…⟧ is one block: [start, end) in the
 *     import a from "a";               whole file, sorted as a `.ts` file
 *     ⟧</script>
 *
 * A locator (one per framework, using the framework's own parser) finds the
 * blocks; sort-blocks.ts sorts each one with the ordinary core and splices the
 * results back, so every byte outside the blocks stays where it was.
 */

/** The extension a block's content is parsed as: it picks the parser's dialect. */
export type ScriptExt = ".ts" | ".tsx" | ".js" | ".jsx";

export interface ScriptBlock {
  /** How messages name the block: `<script setup>`, `<script module>`, `frontmatter`. */
  readonly name: string;
  /** Offset of the block's first character in the whole file (UTF-16 code units, like JS strings). */
  readonly start: number;
  /** Offset just past the block's last character (half-open). */
  readonly end: number;
  /** Parsed as this kind of file; undefined when the block is not JavaScript or TypeScript (`lang="coffee"`): left alone. */
  readonly ext: ScriptExt | undefined;
  /** The `lang` the file gave, for messages. */
  readonly lang: string | undefined;
}

/** Where the framework's parser refused the file (1-based line and column, in the whole file). */
export interface LocateError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** A locator's answer: the file's script blocks in source order, or why the file cannot be read. */
export type Located =
  | { readonly ok: true; readonly blocks: readonly ScriptBlock[] }
  | { readonly ok: false; readonly error: LocateError };

/** Finds the script blocks of one kind of framework file. Pure apart from loading the framework's parser once. */
export type Locator = (source: string) => Located;

/** The extension for a `<script lang="…">`: `ts`, `tsx`, `js`, `jsx` (any case); absent means JavaScript. */
export function extForLang(lang: string | undefined): ScriptExt | undefined {
  switch (lang?.toLowerCase()) {
    case undefined:
    case "js":
    case "javascript":
      return ".js";
    case "jsx":
      return ".jsx";
    case "ts":
    case "typescript":
      return ".ts";
    case "tsx":
      return ".tsx";
    default:
      return undefined;
  }
}

/**
 * 1-based line and column of `offset`, counting line breaks as the JS parser
 * does (`\r\n`, `\r`, `\n`, U+2028, U+2029), so a position the core reports
 * inside a block adds up with the block's own position.
 */
export function lineColumnAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const breaks = /\r\n?|[\n\u2028\u2029]/g;
  for (let match = breaks.exec(source); match && match.index < offset; match = breaks.exec(source)) {
    line += 1;
    lineStart = match.index + match[0].length;
  }
  return { line, column: offset - lineStart + 1 };
}
