/**
 * `.svelte` components: the instance `<script>` and the module script
 * (`<script module>`, or Svelte 4's `<script context="module">`), located by
 * `svelte/compiler`'s `parse` (modern AST), whose `content` is the text
 * between the tags.
 */
import type * as SvelteCompiler from "svelte/compiler";

import { lazyModule } from "./load.js";
import { extForLang, type Located, type ScriptBlock } from "./model.js";

const svelte = lazyModule<typeof SvelteCompiler>("svelte/compiler", "svelte");

type Script = SvelteCompiler.AST.Script;

export function locateSvelteScripts(source: string): Located {
  let root: SvelteCompiler.AST.Root;
  try {
    root = svelte().parse(source, { modern: true });
  } catch (error) {
    return { ok: false, error: compileError(error) };
  }
  const blocks = [root.module, root.instance]
    .filter((script): script is Script => script !== null && script !== undefined)
    .map((script) => toBlock(script, source))
    .sort((a, b) => a.start - b.start);
  return { ok: true, blocks };
}

function toBlock(script: Script, source: string): ScriptBlock {
  const { start, end } = script.content as unknown as { start: number; end: number };
  // The content must be exactly what sits between `>` and `</script`: anything else is a bug to surface, not to splice.
  if (source[start - 1] !== ">" || !source.startsWith("</script", end)) {
    throw new Error(`svelte/compiler located a script's content at [${start}, ${end}), which is not between its tags`);
  }
  const lang = textAttribute(script, "lang");
  return { name: script.context === "module" ? "<script module>" : "<script>", start, end, ext: extForLang(lang), lang };
}

/** The value of a plain-text attribute (`lang="ts"`), undefined when absent or not plain text. */
function textAttribute(script: Script, name: string): string | undefined {
  const attribute = script.attributes.find((a) => a.name === name);
  if (!attribute || !Array.isArray(attribute.value)) return undefined;
  return attribute.value.map((part) => (part.type === "Text" ? part.data : "")).join("");
}

/** A CompileError (`{ message, start: { line, column } }`, column 0-based) → a located error. */
function compileError(error: unknown): { message: string; line: number; column: number } {
  if (!(error instanceof Error)) throw error;
  const start = (error as { start?: { line?: number; column?: number } }).start;
  if (typeof start?.line !== "number" || typeof start.column !== "number") throw error;
  // Svelte appends a documentation link on its own line: keep the message.
  const message = error.message.split("\n")[0] ?? error.message;
  return { message, line: start.line, column: start.column + 1 };
}
