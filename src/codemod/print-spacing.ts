/**
 * Brackets a codemod added, spaced as the file spaces its own: a file that
 * writes `f( a, b )` gets `includes( callback )` from a template written
 * `$A.includes($B)`, one that writes `f(a, b)` the reverse. The file's
 * style is what a clear majority (three to one) of its own `(` … `)` and
 * `[` … `]` on one line do; a file without one keeps the template's text.
 * Only the white space between an added bracket and its neighbour on the
 * same line changes (never a line break or a comment).
 *
 *   if ( this.callbacks.indexOf( callback ) !== - 1 ) {
 *   if ( this.callbacks.includes( callback ) ) {        replace("$A.includes($B)")
 */
import type { Range } from "./positions.js";
import type { Alignment, Token } from "./verify/tokens.js";

interface Edit {
  start: number;
  end: number;
  text: string;
}

const PAIRS: readonly (readonly [string, string])[] = [
  ["(\u0000", ")\u0000"],
  ["[\u0000", "]\u0000"],
];

export function bracketSpacing(source: string, printed: string, before: readonly Token[], after: readonly Token[], alignment: Alignment, edited: readonly Range[]): Edit[] {
  const edits: Edit[] = [];
  // Written by the codemod: added, or inside a node it replaced (the template's text, aligned with the old one by chance).
  const written = (j: number) => {
    const i = alignment.toInput[j]!;
    return i < 0 || edited.some((r) => r.start <= before[i]!.start && before[i]!.end <= r.end);
  };
  for (const [open, close] of PAIRS) {
    const style = styleOf(source, before, open, close);
    if (style === undefined) continue;
    const gap = (j: number, k: number): Edit | undefined => {
      const a = after[j]!;
      const b = after[k]!;
      const text = printed.slice(a.end, b.start);
      if (!/^ ?$/.test(text) || text === style) return undefined;
      // The two kept next to each other with the same white space: a capture's own text, which stays.
      const i = alignment.toInput[j]!;
      if (i >= 0 && alignment.toInput[k] === i + 1 && source.slice(before[i]!.end, before[i + 1]!.start) === text) return undefined;
      return { start: a.end, end: b.start, text: style };
    };
    for (let j = 0; j < after.length; j++) {
      if (!written(j)) continue;
      const t = after[j]!;
      const next = after[j + 1];
      const previous = after[j - 1];
      const edit = t.key === open && next && next.key !== close ? gap(j, j + 1) : t.key === close && previous && previous.key !== open ? gap(j - 1, j) : undefined;
      if (edit) edits.push(edit);
    }
  }
  return edits;
}

/** " " when the file spaces the inside of these brackets on one line, "" when it does not, undefined when it has no clear style. */
function styleOf(source: string, tokens: readonly Token[], open: string, close: string): string | undefined {
  let spaced = 0;
  let tight = 0;
  const count = (a: Token, b: Token) => {
    const text = source.slice(a.end, b.start);
    if (text === "") tight++;
    else if (/^[ \t]+$/.test(text)) spaced++;
  };
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.key === open && b.key !== close) count(a, b);
    else if (b.key === close && a.key !== open) count(a, b);
  }
  if (spaced >= 3 && spaced >= 3 * tight) return " ";
  if (tight >= 3 && tight >= 3 * spaced) return "";
  return undefined;
}
