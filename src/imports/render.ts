/**
 * Rendering a block: its chunks in sorted order, assembled from the original
 * text (splice, never reprint). Between two chunks goes one line break, or a
 * blank line where the group changes (imports only, when configured). The
 * separator between positions j and j+1 is the original one at that position
 * when it already has the right number of line breaks, else it is rebuilt in
 * that position's line-break form (LF, CRLF or a lone CR), so mixed files stay as they were.
 */
import { countNewlines, firstEol } from "../parse/text.js";
import type { CommentIndex } from "../parse/trivia.js";
import type { ResolvedConfig } from "../types.js";

import type { Block, Movable } from "./model.js";
import { compareKeys, type SortKey, sortKeyOf } from "./order.js";
import { sortSpecifiers } from "./specifiers.js";

export interface SortedItem {
  readonly item: Movable;
  readonly key: SortKey;
}

export function sortBlock(block: Block, config: ResolvedConfig): SortedItem[] {
  return block.items.map((item) => ({ item, key: sortKeyOf(item, config) })).sort((a, b) => compareKeys(a.key, b.key));
}

/** The new text of [block.start, block.end). */
export function renderBlock(source: string, block: Block, config: ResolvedConfig, comments: CommentIndex): string {
  const sorted = sortBlock(block, config);
  const items = block.items;
  let out = "";
  sorted.forEach(({ item, key }, position) => {
    if (position > 0) {
      const gap = source.slice(items[position - 1]!.end, items[position]!.start);
      const blank = block.kind === "imports" && config.blankLinesBetweenGroups && key.group !== sorted[position - 1]!.key.group;
      out += separator(gap, blank ? 2 : 1);
    }
    out += chunkText(source, item, config, comments);
  });
  return out;
}

/** The original gap when it already has the wanted number of line breaks, else one built in its line-break style. */
function separator(gap: string, breaks: number): string {
  if (countBreaks(gap) === breaks) return gap;
  return (firstEol(gap) ?? "\n").repeat(breaks);
}

function countBreaks(text: string): number {
  return countNewlines(text, 0, text.length);
}

function chunkText(source: string, item: Movable, config: ResolvedConfig, comments: CommentIndex): string {
  const node = item.node;
  const end = item.statementEnd;
  const statement = (config.sortSpecifiers && sortSpecifiers(source, node, comments, end)) || source.slice(node.start!, end);
  return source.slice(item.start, node.start!) + statement + source.slice(end, item.end);
}
