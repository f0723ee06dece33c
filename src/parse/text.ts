/**
 * Positions in source text. Offsets are UTF-16 code unit indexes, as in the
 * parser's nodes; lines are 1-based, columns are 1-based (for messages).
 */

/** Offsets of the first character of every line ("\n" ends a line; "\r\n" too). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
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
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Offset of the line terminator ending the line containing `offset` ("\r\n" counts from its "\r"), or text.length. */
export function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === "\r" ? nl - 1 : nl;
}

/** Horizontal white space: anything `\s` matches except line terminators. */
export function isBlank(text: string): boolean {
  return /^[^\S\r\n\u2028\u2029]*$/.test(text);
}

/** Count "\n" in text[from, to). */
export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The line terminator used at the first line break of `text`, or undefined when it has none. */
export function firstEol(text: string): "\n" | "\r\n" | undefined {
  const nl = text.indexOf("\n");
  if (nl === -1) return undefined;
  return nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
}
