/** Sorting one parsed file: cut it into units, render every block, keep the edits that change something. */
import type { Edit } from "../edit/apply.js";
import type { ParsedSource } from "../parse/parser.js";
import { CommentIndex } from "../parse/trivia.js";
import type { ResolvedConfig } from "../types.js";

import { splitUnits } from "./blocks.js";
import type { Unit } from "./model.js";
import { renderBlock } from "./render.js";

export interface SortPlan {
  readonly units: readonly Unit[];
  readonly edits: readonly Edit[];
}

/** What planning reads of a parsed file (the head scanner, parse/head.ts, builds the same without a parser). */
export type SortInput = Pick<ParsedSource, "source" | "statements" | "comments" | "prologueEnd">;

export function planSort(parsed: SortInput, config: ResolvedConfig): SortPlan {
  const units = splitUnits(parsed, config);
  const comments = new CommentIndex(parsed.comments);
  const edits: Edit[] = [];
  for (const unit of units) {
    if (unit.type !== "block") continue;
    const text = renderBlock(parsed.source, unit, config, comments);
    if (text !== parsed.source.slice(unit.start, unit.end)) edits.push({ start: unit.start, end: unit.end, text });
  }
  return { units, edits };
}
