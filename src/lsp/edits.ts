/**
 * Minimal edits from a document's text to its sorted text, for the language
 * server: an editor applies them without replacing the whole buffer, so the
 * cursor, folds, marks and undo history elsewhere in the file survive.
 *
 *   1. Only the changed region counts: the common prefix and suffix of the two
 *      texts are cut off (widened to whole lines).
 *   2. The region is diffed line by line (Myers, jsdiff); each run of removed
 *      and added lines is one edit of whole lines…
 *   3. …unless the run replaces as many lines as it adds: then each line is
 *      its own edit, trimmed to the characters that differ (never splitting
 *      a `\r\n` or a surrogate pair), so an edit never spans lines it does
 *      not change:
 *
 *     import { b, a } from "x";   →   one edit: [9, 13) "b, a" → "a, b"
 *
 * Offsets are UTF-16 code units, as in JavaScript strings and LSP positions.
 */
import { diffLines } from "diff";

import type { Edit } from "../edit/apply.js";

export function minimalEdits(before: string, after: string): Edit[] {
  if (before === after) return [];
  const start = lineStart(before, commonPrefix(before, after));
  const suffix = lineEnd(before, commonSuffix(before, after, start));
  const edits: Edit[] = [];
  let at = start;
  let pending: { start: number; removed: string; added: string } | undefined;
  for (const part of diffLines(before.slice(start, before.length - suffix), after.slice(start, after.length - suffix))) {
    if (!part.added && !part.removed) {
      if (pending) edits.push(...runEdits(pending));
      pending = undefined;
      at += part.value.length;
      continue;
    }
    pending ??= { start: at, removed: "", added: "" };
    if (part.removed) {
      pending.removed += part.value;
      at += part.value.length;
    } else {
      pending.added += part.value;
    }
  }
  if (pending) edits.push(...runEdits(pending));
  return edits.filter((edit) => edit.start !== edit.end || edit.text !== "");
}

/** One run of removed and added lines → its edits (see step 3). */
function runEdits(run: { start: number; removed: string; added: string }): Edit[] {
  const removed = splitLines(run.removed);
  const added = splitLines(run.added);
  if (removed.length !== added.length) return [{ start: run.start, end: run.start + run.removed.length, text: run.added }];
  const edits: Edit[] = [];
  let at = run.start;
  for (const [i, line] of removed.entries()) {
    edits.push(trim({ start: at, removed: line, added: added[i]! }));
    at += line.length;
  }
  return edits;
}

/** Lines with their terminators (`a\r\n`, `b\n`, `c`). */
function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** One changed line → the smallest edit that does the same. */
function trim(run: { start: number; removed: string; added: string }): Edit {
  const { removed, added } = run;
  let prefix = commonPrefix(removed, added);
  while (prefix > 0 && (splits(removed, prefix) || splits(added, prefix))) prefix--;
  let suffix = commonSuffix(removed, added, prefix);
  while (suffix > 0 && (splits(removed, removed.length - suffix) || splits(added, added.length - suffix))) suffix--;
  return { start: run.start + prefix, end: run.start + removed.length - suffix, text: added.slice(prefix, added.length - suffix) };
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Length of the common suffix, never reaching into the first `floor` characters of either text. */
function commonSuffix(a: string, b: string, floor: number): number {
  const max = Math.min(a.length, b.length) - floor;
  let n = 0;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** The start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return offset === 0 ? 0 : text.lastIndexOf("\n", offset - 1) + 1;
}

/** Shrink a suffix of `text` so that it starts at a line start (or is empty). */
function lineEnd(text: string, suffix: number): number {
  const cut = text.length - suffix;
  if (cut === 0 || text[cut - 1] === "\n") return suffix;
  const next = text.indexOf("\n", cut);
  return next === -1 ? 0 : text.length - next - 1;
}

/** Would cutting `text` at `at` split a `\r\n` or a surrogate pair? */
function splits(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}
