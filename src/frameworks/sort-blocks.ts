/**
 * Sorting a framework file block by block: each script block is handed to the
 * ordinary core as if it were a file of its own (`App.vue` + `.ts`), and the
 * results are spliced back between the untouched rest of the file.
 *
 *     file = outside₀ ⟦block₀⟧ outside₁ ⟦block₁⟧ outside₂
 *     out  = outside₀ ⟦sort(block₀)⟧ outside₁ ⟦sort(block₁)⟧ outside₂
 *
 * A block keeps its own line endings and indentation (the core splices, it
 * does not reprint). Positions the core reports inside a block are moved to
 * the whole file's lines and columns. Verification runs per block inside the
 * core; here the spliced file is located again and must have the same blocks
 * with byte-identical text around them before it is accepted.
 */
import { codeFrame } from "../parse/code-frame.js";
import type { Diagnostic, SourceOutcome } from "../types.js";
import { type LocateError, type Located, type Locator, lineColumnAt, type ScriptBlock } from "./model.js";

/** The ordinary core for one block's text, parsed as `filepath` (whose extension picks the dialect). */
export type SortScript = (text: string, filepath: string) => SourceOutcome;

export function sortBlocks(source: string, filepath: string, locate: Locator, sortScript: SortScript): SourceOutcome {
  const located = locate(source);
  if (!located.ok) return { status: "failed", diagnostic: locateFailure(located.error, source, filepath) };
  const sortable = located.blocks.filter((block) => block.ext !== undefined);
  if (sortable.length === 0) return noSortableBlock(located.blocks);
  const replacements = new Map<ScriptBlock, string>();
  for (const block of sortable) {
    const outcome = sortScript(source.slice(block.start, block.end), `${filepath}${block.ext}`);
    switch (outcome.status) {
      case "failed":
        return { status: "failed", diagnostic: inWholeFile(outcome.diagnostic, block, source, filepath) };
      case "skipped":
        // `safesort: skip-file` in any block is about the file.
        return outcome;
      case "changed":
        replacements.set(block, outcome.output);
        break;
      case "unchanged":
        break;
    }
  }
  if (replacements.size === 0) return { status: "unchanged" };
  const output = splice(source, located.blocks, replacements);
  const problem = verifySplice(source, located.blocks, output, locate(output), replacements);
  if (problem) {
    return { status: "failed", diagnostic: { code: "internal-error", message: `internal error, refusing to write (${problem})`, path: filepath } };
  }
  return { status: "changed", output };
}

/** Blocks exist but none is JavaScript or TypeScript: say so rather than claim the file is sorted. */
function noSortableBlock(blocks: readonly ScriptBlock[]): SourceOutcome {
  const other = blocks[0];
  if (!other) return { status: "unchanged" };
  return { status: "skipped", reason: `${other.name} with lang="${other.lang ?? ""}" is not JavaScript or TypeScript` };
}

function splice(source: string, blocks: readonly ScriptBlock[], replacements: ReadonlyMap<ScriptBlock, string>): string {
  let out = "";
  let at = 0;
  for (const block of blocks) {
    out += source.slice(at, block.start) + (replacements.get(block) ?? source.slice(block.start, block.end));
    at = block.end;
  }
  return out + source.slice(at);
}

/**
 * The spliced file, located again, must have the same blocks (names and
 * languages, in order) holding exactly the sorted texts, and the text between
 * them must be byte-identical to the original's. Returns what differs, if anything.
 */
function verifySplice(
  source: string,
  blocks: readonly ScriptBlock[],
  output: string,
  relocated: Located,
  replacements: ReadonlyMap<ScriptBlock, string>,
): string | undefined {
  if (!relocated.ok) return `the sorted file no longer parses: ${relocated.error.message}`;
  const after = relocated.blocks;
  if (after.length !== blocks.length) return `the sorted file has ${after.length} script blocks instead of ${blocks.length}`;
  let before = 0;
  let now = 0;
  for (const [i, block] of blocks.entries()) {
    const moved = after[i]!;
    if (moved.name !== block.name || moved.ext !== block.ext) return `script block ${i + 1} became ${moved.name}`;
    if (source.slice(before, block.start) !== output.slice(now, moved.start)) return `text before ${block.name} changed`;
    const expected = replacements.get(block) ?? source.slice(block.start, block.end);
    if (output.slice(moved.start, moved.end) !== expected) return `${block.name} does not hold its sorted text`;
    before = block.end;
    now = moved.end;
  }
  return source.slice(before) === output.slice(now) ? undefined : "text after the last script block changed";
}

/** A position inside a block → the same position in the whole file, with the code frame redrawn there. */
export function inWholeFile(diagnostic: Diagnostic, block: ScriptBlock, source: string, filepath: string): Diagnostic {
  const moved = { ...diagnostic, path: filepath };
  if (diagnostic.line === undefined) return moved;
  const origin = lineColumnAt(source, block.start);
  const line = origin.line + diagnostic.line - 1;
  const column = diagnostic.column === undefined || diagnostic.line > 1 ? diagnostic.column : origin.column + diagnostic.column - 1;
  if (diagnostic.frame === undefined) return { ...moved, line, column };
  return { ...moved, line, column, frame: codeFrame(source, line, column ?? 1) };
}

function locateFailure(error: LocateError, source: string, filepath: string): Diagnostic {
  return {
    code: "syntax-error",
    message: error.message,
    path: filepath,
    line: error.line,
    column: error.column,
    frame: codeFrame(source, error.line, error.column),
  };
}
