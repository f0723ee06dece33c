/**
 * After an interactive review: does the text made of the chosen hunks still
 * mean what its parts meant? Hunks can depend on each other (a call
 * `logger.warn()` and the hunk adding `import { logger }`; a removed import
 * and the hunk that removed its last use), so each reference in the chosen
 * text must resolve as it did where its tokens come from:
 *
 *   input ──(applied hunks are the edits)──▶ chosen     kept input code keeps its meaning
 *   output ─(skipped hunks are the edits)──▶ chosen     applied code means what the codemod's output meant
 *
 * Both are the meaning verifier (verify-names.ts) run on the texts alone;
 * a failure names the hunks that go together, and the file is not written.
 */
import type { Range } from "../positions.js";

import type { Hunk } from "./hunks.js";
import { splitLines } from "./hunks.js";
import { checkNames, type NameCheck } from "./verify-names.js";

/** What became of each hunk in the review. */
export type HunkChoice = "applied" | "skipped" | "edited";

export interface ReviewedText {
  readonly source: string;
  /** The codemod's whole output (already verified against the source). */
  readonly output: string;
  /** The text the chosen hunks make. */
  readonly chosen: string;
  readonly filepath: string;
  readonly hunks: readonly Hunk[];
  readonly choices: readonly HunkChoice[];
}

/** A refusal's line and column are in the input (absent when the problem is in code that came from the output). */
export type ReviewCheck = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

/** Any import may appear: which imports the codemod meant was checked on its whole output. */
const ANY_IMPORT = [{ module: () => true, name: "*" }];

export function checkReview(review: ReviewedText): ReviewCheck {
  const inLines = lineStarts(review.source);
  const outLines = lineStarts(review.output);
  const inRange = (h: Hunk): Range => ({ start: inLines(h.oldStart), end: inLines(h.oldStart + h.oldLines.length) });
  const outRange = (h: Hunk): Range => ({ start: outLines(h.newStart), end: outLines(h.newStart + h.newLines.length) });
  const applied = review.hunks.filter((_, i) => review.choices[i] !== "skipped");
  const replaced = review.hunks.filter((_, i) => review.choices[i] !== "applied");
  const fromInput = checkNames({ source: review.source, output: review.chosen, filepath: review.filepath, edited: applied.map(inRange), inserted: [], intents: ANY_IMPORT });
  if (!fromInput.ok) return { ...refusal(fromInput, review, inRange, ""), line: fromInput.line, column: fromInput.column };
  const fromOutput = checkNames({ source: review.output, output: review.chosen, filepath: review.filepath, edited: replaced.map(outRange), inserted: [], intents: ANY_IMPORT });
  if (!fromOutput.ok) return refusal(fromOutput, review, outRange, " (positions in the codemod's output)");
  return { ok: true };
}

/** The message names the hunk the problem is in and the hunk holding what it depends on, when they differ in choice. */
function refusal(check: NameCheck & { ok: false }, review: ReviewedText, rangeOf: (h: Hunk) => Range, where: string): { ok: false; message: string } {
  const hunkAt = (offset: number | undefined) => (offset === undefined ? -1 : review.hunks.findIndex((h) => within(offset, rangeOf(h))));
  const here = hunkAt(check.offset);
  const there = hunkAt(check.declaration);
  const state = (i: number) => (review.choices[i] === "skipped" ? "not applied" : "applied");
  const pair = [here, there].filter((i) => i >= 0).sort((a, b) => a - b);
  const together =
    pair.length === 2 && pair[0] !== pair[1] && state(pair[0]!) !== state(pair[1]!)
      ? `hunks ${pair[0]! + 1} and ${pair[1]! + 1} go together (${pair[0]! + 1} ${state(pair[0]!)}, ${pair[1]! + 1} ${state(pair[1]!)})`
      : "the chosen hunks do not go together";
  return { ok: false, message: `${together}: applied apart, ${check.message.replace(/^codemod /, "they ")}${where}; nothing written` };
}

function within(offset: number, range: Range): boolean {
  return range.start <= offset && (offset < range.end || (range.start === range.end && offset === range.start));
}

/** The offset where line `n` (0-based) starts; past the last line, the text's length. */
function lineStarts(text: string): (line: number) => number {
  const starts = [0];
  for (const line of splitLines(text)) starts.push(starts[starts.length - 1]! + line.length);
  return (line) => starts[Math.min(line, starts.length - 1)]!;
}
