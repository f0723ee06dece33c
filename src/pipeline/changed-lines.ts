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

/** The original's lines that differ from `after`; undefined when the texts are equal. */
export function changedLines(before: string, after: string): LineRange | undefined {
  if (before === after) return undefined;
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const start = Math.min(head + 1, a.length);
  return { start, end: Math.max(start, a.length - tail) };
}
