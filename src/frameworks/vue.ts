/**
 * `.vue` single-file components: the `<script>` and `<script setup>` blocks,
 * located by `@vue/compiler-sfc` (the parser Vue's own tooling uses). A block
 * with `src="…"` has no content here and is not a block.
 */
import type * as VueSfc from "@vue/compiler-sfc";

import { lazyModule } from "./load.js";
import { extForLang, type Located, type ScriptBlock } from "./model.js";

const vue = lazyModule<typeof VueSfc>("@vue/compiler-sfc", "@vue/compiler-sfc");

export function locateVueScripts(source: string): Located {
  const { descriptor, errors } = vue().parse(source, { sourceMap: false, ignoreEmpty: false });
  // Any error (a tag left open, two <script setup>, a broken template expression) means
  // Vue itself would refuse the file: so does safesort.
  const error = errors[0];
  if (error) {
    const start = "loc" in error && error.loc ? error.loc.start : { line: 1, column: 1 };
    return { ok: false, error: { message: error.message, line: start.line, column: start.column } };
  }
  const blocks = [descriptor.script, descriptor.scriptSetup]
    .filter((block): block is VueSfc.SFCScriptBlock => block !== null && block.src === undefined)
    .map(toBlock)
    .sort((a, b) => a.start - b.start);
  return { ok: true, blocks };
}

function toBlock(block: VueSfc.SFCScriptBlock): ScriptBlock {
  const lang = typeof block.attrs["lang"] === "string" ? block.attrs["lang"] : undefined;
  return {
    name: block.setup ? "<script setup>" : "<script>",
    start: block.loc.start.offset,
    end: block.loc.end.offset,
    ext: extForLang(lang),
    lang,
  };
}
