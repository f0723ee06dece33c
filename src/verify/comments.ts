/**
 * The verifier's facts about comments and line breaks, each derived from the
 * parsed input and output alone (the comment vocabulary, parse/trivia.ts
 * `commentRole`, says what a comment is; nothing here reads the sorter's
 * blocks or its ownership rules):
 *
 *   - the file header: every comment before the first statement that is
 *     file-level, a range marker, the file's first comment (unless it belongs
 *     to the next line) or followed by a blank line, and all the text above
 *     the last of them, is byte-identical in the output and still before the
 *     first statement; no other file-level comment arrived there;
 *   - ranges: the range markers are the same, in the same order, and every
 *     movable has the same number of markers before it (so each range
 *     encloses the same imports);
 *   - line breaks: the output has no kind of line break ("\n", "\r\n", a lone
 *     "\r") that the input lacks.
 */
import type { Comment } from "@babel/types";

import type { SourceReading } from "../parse/parser.js";
import { countNewlines } from "../parse/text.js";
import { commentRole } from "../parse/trivia.js";

import type { Entry } from "./statements.js";

const text = (c: Comment): string => `${c.type}:${c.value}`;

/** Where the first statement starts (the end of the text when there is none). */
function firstStatementStart(parsed: SourceReading): number {
  return parsed.statements[0]?.start ?? parsed.source.length;
}

/** The end of the input's pinned header: the text before it must not change. */
function headerEnd(input: SourceReading): number {
  const first = firstStatementStart(input);
  const before = input.comments.filter((c) => c.end! <= first);
  let end = input.prologueEnd;
  before.forEach((c, i) => {
    const role = commentRole(c);
    const next = i + 1 < before.length ? before[i + 1]!.start! : first;
    const pinned =
      role === "file" ||
      role === "range-start" ||
      role === "range-end" ||
      (i === 0 && c === input.comments[0] && role !== "next-line") ||
      countNewlines(input.source, c.end!, next) >= 2;
    if (pinned) end = Math.max(end, c.end!);
  });
  return end;
}

export function checkHeader(input: SourceReading, output: SourceReading): string | undefined {
  const end = headerEnd(input);
  if (output.source.slice(0, end) !== input.source.slice(0, end)) {
    return `the file header changed (the text before offset ${end}: hashbang, directives, pinned comments)`;
  }
  const first = firstStatementStart(output);
  if (first < end) return "a statement moved into the file header";
  const arrived = output.comments.find((c) => c.start! >= end && c.end! <= first && commentRole(c) === "file");
  if (arrived) return `a file-level comment moved before the first statement: ${JSON.stringify(arrived.value.trim().slice(0, 60))}`;
  return undefined;
}

/** Range markers in order, and for every movable how many markers precede it. */
function rangeFacts(parsed: SourceReading, entries: readonly Entry[]): { markers: string[]; zones: string[] } {
  const markers = parsed.comments.filter((c) => {
    const role = commentRole(c);
    return role === "range-start" || role === "range-end";
  });
  const zones: string[] = [];
  let k = 0;
  for (const e of entries) {
    if (e.type !== "movable") continue;
    while (k < markers.length && markers[k]!.start! < e.start) k++;
    zones.push(`${k}|${e.signature}`);
  }
  return { markers: markers.map(text), zones: zones.sort() };
}

export function checkRanges(input: SourceReading, inEntries: readonly Entry[], output: SourceReading, outEntries: readonly Entry[]): string | undefined {
  const x = rangeFacts(input, inEntries);
  const y = rangeFacts(output, outEntries);
  if (x.markers.join("\u0000") !== y.markers.join("\u0000")) return "range markers (eslint-disable, #region, …) changed or were reordered";
  const i = x.zones.findIndex((z, k) => z !== y.zones[k]);
  if (i !== -1 || x.zones.length !== y.zones.length) return "an import crossed a range marker (eslint-disable, #region, …)";
  return undefined;
}

export type LineBreak = "\n" | "\r\n" | "\r";

/** The kinds of line break in `text` (without a `\r`, only `\n` can be one: two native searches, no match per line). */
export function lineBreakKinds(text: string): Set<LineBreak> {
  const kinds = new Set<LineBreak>();
  if (!text.includes("\r")) {
    if (text.includes("\n")) kinds.add("\n");
    return kinds;
  }
  for (const m of text.matchAll(/\r\n?|\n/g)) kinds.add(m[0] as LineBreak);
  return kinds;
}

/** Every kind of line break in `after` already occurs in `allowed`. */
export function checkLineBreaks(allowed: ReadonlySet<LineBreak>, after: string, where: string): string | undefined {
  for (const kind of lineBreakKinds(after)) {
    if (!allowed.has(kind)) return `a line break ${JSON.stringify(kind)} appeared ${where} where the input has none of that kind`;
  }
  return undefined;
}

/** The multiset of comments as sorted strings. */
export function commentTexts(comments: readonly Comment[]): string[] {
  return comments.map(text).sort();
}
