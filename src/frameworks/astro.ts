/**
 * `.astro` components: the frontmatter, located by `@astrojs/compiler` (its
 * synchronous entry). The compiler knows where the fences are even when an
 * HTML comment precedes them or a `---` line sits inside a template literal,
 * which a line scanner would get wrong.
 *
 *     ---⟦
 *     import b from "b";     ⟦…⟧ is the block: always TypeScript
 *     ⟧---
 *     <div>…</div>
 *
 * The compiler is written in Go: its offsets count UTF-8 bytes, converted here
 * to string offsets.
 */
import type * as AstroSync from "@astrojs/compiler/sync";
import type { FrontmatterNode } from "@astrojs/compiler/types";

import { lazyModule } from "./load.js";
import { lineColumnAt, type Located } from "./model.js";

const astro = lazyModule<typeof AstroSync>("@astrojs/compiler/sync", "@astrojs/compiler");

const FENCE = "---";
const ERROR = 1;

export function locateAstroFrontmatter(source: string): Located {
  const { ast, diagnostics } = astro().parse(source, { position: true });
  const error = diagnostics.find((d) => d.severity === ERROR);
  if (error) return { ok: false, error: { message: error.text, line: error.location.line, column: error.location.column } };
  const frontmatter = ast.children.find((node): node is FrontmatterNode => node.type === "frontmatter");
  if (!frontmatter?.position) return { ok: true, blocks: [] };
  const fence = stringOffset(source, frontmatter.position.start.offset);
  const start = fence + FENCE.length;
  const end = start + frontmatter.value.length;
  if (!source.startsWith(FENCE, fence) || source.slice(start, end) !== frontmatter.value) {
    throw new Error(`@astrojs/compiler located the frontmatter at byte ${frontmatter.position.start.offset}, which is not a --- fence`);
  }
  // Without a closing fence the compiler takes the rest of the file as frontmatter: Astro would not build it.
  if (!source.startsWith(FENCE, end)) {
    return { ok: false, error: { message: "the frontmatter has no closing --- fence", ...lineColumnAt(source, fence) } };
  }
  return { ok: true, blocks: [{ name: "frontmatter", start, end, ext: ".ts", lang: "ts" }] };
}

/** The string offset of a UTF-8 byte offset (the compiler sees the file as UTF-8; lone surrogates as U+FFFD, one unit either way). */
function stringOffset(source: string, byteOffset: number): number {
  return Buffer.from(source, "utf8").subarray(0, byteOffset).toString("utf8").length;
}
