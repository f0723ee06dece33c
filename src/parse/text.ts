/**
 * Positions in source text. Offsets are UTF-16 code unit indexes, as in the
 * parser's nodes; lines are 1-based, columns are 1-based (for messages).
 *
 * A line ends at "\r\n", "\n" or a lone "\r", as in the parser: Babel counts
 * every one of them as a line break (classic Mac files use "\r" only, and
 * mixed files exist), so line numbers, "its own line" and blank lines agree
 * with the parser's. U+2028/U+2029 also end lines for the parser; here they
 * are not white space either (`isBlank`), so wherever they stand between
 * statements nothing moves.
 */

/**
 * Whether the UTF-16 code `c` is white space or a line terminator, as `/\s/`
 * reads one character (without a regex object per test, in scans that ask it
 * of every character). NaN (past the end) is not.
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** One line break: "\r\n", "\r" or "\n". */
export const LINE_BREAK = /\r\n?|\n/;

/** Offsets of the first character of every line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/** 1-based line number of `offset`, by binary search over `starts`. */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Offset of the start of the line containing `offset`. */
export function startOfLine(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    i--;
  }
  return i + 1;
}

/** Offset of the line terminator ending the line containing `offset` ("\r\n" counts from its "\r"), or text.length. */
export function endOfLine(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}

/** Horizontal white space: anything `\s` matches except line terminators. */
export function isBlank(text: string): boolean {
  return /^[^\S\r\n\u2028\u2029]*$/.test(text);
}

/** Count line breaks in text[from, to) ("\r\n" is one). */
export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) n++;
    else if (c === 0x0d) {
      n++;
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return n;
}

/** The first line break of `text`, or undefined when it has none. */
export function firstEol(text: string): "\n" | "\r\n" | "\r" | undefined {
  const m = LINE_BREAK.exec(text);
  return m ? (m[0] as "\n" | "\r\n" | "\r") : undefined;
}
