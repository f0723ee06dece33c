/**
 * Where a sorted file differs from its original, as a line range of the
 * original: what CI annotations (`--reporter github`, `sarif`) point at.
 *
 * Sorting only permutes lines inside blocks, so the first and last lines that
 * differ bound the change: lines before the first difference and after the
 * last are byte-identical in both texts.
 *
 *   original        sorted
 *   1 // header     1 // header      same
 *   2 import c      2 import a       ← start = 2
 *   3 import a      3 import b
 *   4 import b      4 import c       ← end = 4
 *   5 run();        5 run();         same
 */

export interface LineRange {
  /** 1-based, inclusive. */
  readonly start: number;
  /** 1-based, inclusive, ≥ start. */
  readonly end: number;
}

/**
 * The original's lines that differ from `after`; undefined when the texts are
 * equal. Lines are what `split("\n")` gives; the lines equal at the start of
 * both and those equal at their end (not overlapping the first) are left
 * out. Read from the first and last characters that differ, counting line
 * breaks only outside the common end: no line array is made (a sorted file's
 * common end is most of it).
 */
export function changedLines(before: string, after: string): LineRange | undefined {
  if (before === after) return undefined;
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after);
  // Lines equal at the start: those ended inside the common prefix, and the next one when both texts end a line there.
  const prefixBreaks = lineBreaks(before, 0, prefix);
  const head = prefixBreaks + (endsLine(before, prefix) && endsLine(after, prefix) ? 1 : 0);
  // When `before` is all common prefix, its lines all are (`head` may count its last one).
  const start = prefix === before.length ? prefixBreaks + 1 : head + 1;
  // Lines equal at the end: those started inside the common suffix, and the previous one when both texts start a line there.
  const beforeCut = before.length - suffix;
  const afterCut = after.length - suffix;
  const beforeBreaks = lineBreaks(before, 0, beforeCut);
  const afterBreaks = lineBreaks(after, 0, afterCut);
  const startsBoth = startsLine(before, beforeCut) && startsLine(after, afterCut) ? 1 : 0;
  // before's line count less the equal lines at the end, which may not reach into the `head` lines of either text
  // (`start` is past those of before's).
  return { start, end: Math.max(start, beforeBreaks + 1 - startsBoth, head + beforeBreaks - afterBreaks) };
}

/** The first chunk compared; chunks double while they match, then halve back down to it. */
const CHUNK = 64;

/** The length of the common start of `a` and `b`: compared natively in chunks (substrings share the text), then code by code. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let length = 0;
  const matches = (more: number): boolean => length + more <= n && a.slice(length, length + more) === b.slice(length, length + more);
  let step = CHUNK;
  for (; matches(step); step *= 2) length += step;
  for (step /= 2; step >= CHUNK; step /= 2) if (matches(step)) length += step;
  while (length < n && a.charCodeAt(length) === b.charCodeAt(length)) length++;
  return length;
}

/** The length of the common end of `a` and `b`, read the same way. */
function commonSuffix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let length = 0;
  const matches = (more: number): boolean =>
    length + more <= n && a.slice(a.length - length - more, a.length - length) === b.slice(b.length - length - more, b.length - length);
  let step = CHUNK;
  for (; matches(step); step *= 2) length += step;
  for (step /= 2; step >= CHUNK; step /= 2) if (matches(step)) length += step;
  while (length < n && a.charCodeAt(a.length - 1 - length) === b.charCodeAt(b.length - 1 - length)) length++;
  return length;
}

/** The number of `\n` in `text` from `from` to `to`. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function endsLine(text: string, at: number): boolean {
  return at === text.length || text.charCodeAt(at) === 0x0a;
}

function startsLine(text: string, at: number): boolean {
  return at === 0 || text.charCodeAt(at - 1) === 0x0a;
}
