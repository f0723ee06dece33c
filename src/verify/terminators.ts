/**
 * The verifier's facts about where the movables of a stretch end and start,
 * derived from the parsed text alone (nothing from the sorter's blocks or its
 * reading of semicolon-free style):
 *
 *   - which movables end with a `;` on their own last line (each keeps
 *     its own), and how many end with a `;` that is the first character of a
 *     later line: the parser counts that `;` as the import's own, but it
 *     leads the next statement's line and stays where it is, so the import
 *     sorted last takes it. Moving whole lines never changes these;
 *
 *       import b from "b"          no `;`
 *       import a from "a";         `;` on its line
 *       import c from "c"          ┐ `;` leading a later line
 *       ;[a, b, c].forEach(run)    ┘
 *
 *   - how many movables start on the line where the statement before them
 *     ends (`import a from "a"; import b from "b"`): sorting moves whole
 *     lines and never joins two of them.
 */
import { startOfLine } from "../parse/text.js";

import type { Stretch } from "./statements.js";

interface Layout {
  /** The signatures of the movables that end with a `;` on their own last line, sorted. */
  readonly ownSemicolon: readonly string[];
  readonly leadingSemicolon: number;
  readonly glued: number;
}

/** How the movables of one stretch end and start; `source` is the parsed text the stretch's offsets refer to. */
export function layoutOf(source: string, stretch: Stretch): Layout {
  const own: string[] = [];
  let leadingSemicolon = 0;
  let glued = 0;
  let previousEnd = stretch.from;
  for (const m of stretch.movables) {
    const last = m.end - 1;
    const lineStart = startOfLine(source, last);
    if (source[last] === ";") {
      if (lineStart > m.start && /^[ \t]*$/.test(source.slice(lineStart, last))) leadingSemicolon++;
      else own.push(m.signature);
    }
    // The file's first statement has nothing before it to be glued to.
    if (previousEnd > 0 && !/[\r\n]/.test(source.slice(previousEnd, m.start))) glued++;
    previousEnd = m.end;
  }
  return { ownSemicolon: own.sort(), leadingSemicolon, glued };
}

/** Undefined when stretch k ends and starts its movables the same way in input and output, else why not. */
export function compareLayouts(before: Layout, after: Layout, k: number): string | undefined {
  const where = `between fixed statements ${k} and ${k + 1}`;
  if (before.glued !== after.glued) return `imports now share a line with the statement before them ${where} (${before.glued} before, ${after.glued} after)`;
  if (before.leadingSemicolon !== after.leadingSemicolon) {
    return `a \`;\` leading a line moved ${where} (imports ending with one: ${before.leadingSemicolon} before, ${after.leadingSemicolon} after)`;
  }
  const a = before.ownSemicolon;
  const b = after.ownSemicolon;
  if (a.length !== b.length || a.some((s, i) => s !== b[i])) return `an import gained or lost its \`;\` ${where}`;
  return undefined;
}
