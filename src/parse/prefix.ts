/**
 * Parse less than the whole file, when that is provably safe.
 *
 * The sorter only needs the statements up to the last import or re-export.
 * Two steps prove where that is:
 *
 * 1. `import` and `export` cannot be written with escapes, so a declaration
 *    can only start where the text spells one of them followed by something
 *    that could go on as a declaration (`mayDeclare`):
 *      import <not ( or .>       (not import() / import.meta)
 *      export { | export * | export type { | export type *
 *    No such place: nothing to sort, no parse at all.
 * 2. Otherwise a fast parser's module record (region.ts) gives the exact end
 *    of the last import or re-export, and the file is cut at the end of that
 *    line, where the prefix must end on a hard statement boundary:
 *
 *   import a from "a";  // comment⏎   ← cut here: `;` ends the statement for sure
 *   import b from "b"⏎                 ← or here: no `;`, but an import ends at its
 *                                        string unless the next token is `with`
 *
 * The prefix must parse, its last statement must be that import or re-export
 * and end on that line (only a line comment may follow it), and the next
 * token must not be a `;`. Parsing is left to right: statements that end
 * before the cut parse the same in the prefix as in the whole file. Anything
 * else (a block comment or code on the same line, a `;` next, a name the
 * imports bind declared again further down: parser.ts `mayRedeclare`) falls
 * back to the full parse.
 */
import type { Statement } from "@babel/types";

import { isSpaceCode } from "./text.js";

/** An `import`/`export` keyword, to be checked by `couldDeclare`. */
const CANDIDATE = /\b(import|export)\b/g;

/**
 * Whether an import or re-export declaration could exist in `source`: false
 * proves there is nothing to sort, without parsing.
 */
export function mayDeclare(source: string): boolean {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(source); m !== null; m = CANDIDATE.exec(source)) {
    if (couldDeclare(source, m.index, m[1] as "import" | "export")) return true;
  }
  return false;
}

/** The end of the line holding `offset` (before its line terminator), or undefined at the last line. */
export function lineEndAfter(source: string, offset: number): number | undefined {
  const nl = source.indexOf("\n", offset);
  if (nl === -1) return undefined;
  return nl > 0 && source[nl - 1] === "\r" ? nl - 1 : nl;
}

function couldDeclare(source: string, at: number, keyword: "import" | "export"): boolean {
  // `$import`, `a.import`: not a keyword, but cheap to over-approximate.
  let i = at + keyword.length;
  while (i < source.length && isSpaceCode(source.charCodeAt(i))) i++;
  const next = source[i];
  if (next === "/") return true; // a comment: cannot tell, assume the worst
  if (keyword === "import") return next !== "(" && next !== ".";
  if (next === "{" || next === "*") return true;
  if (source.startsWith("type", i)) {
    let j = i + 4;
    while (j < source.length && isSpaceCode(source.charCodeAt(j))) j++;
    return source[j] === "{" || source[j] === "*" || source[j] === "/";
  }
  return false;
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;

/**
 * The start of the first token at or after `offset`, which must be at a token
 * boundary (here: the end of a line after a complete statement), skipping
 * white space and comments: at a token start, `//` and `/*` always open a
 * comment. Undefined when the file ends inside a comment.
 */
function nextToken(source: string, offset: number): string | undefined {
  let i = offset;
  for (;;) {
    while (i < source.length && isSpaceCode(source.charCodeAt(i))) i++;
    if (source.startsWith("//", i)) {
      // A line comment ends at any line terminator: `\r` alone too.
      LINE_TERMINATOR.lastIndex = i;
      const nl = LINE_TERMINATOR.exec(source);
      if (nl === null) return "";
      i = nl.index + 1;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      if (end === -1) return undefined;
      i = end + 2;
    } else {
      return source.slice(i, i + 16);
    }
  }
}

/**
 * Whether a prefix that parsed into `statements` ends on a hard statement
 * boundary at `cut`, so that the whole file's statements before `cut` are
 * exactly these.
 */
export function endsOnBoundary(source: string, statements: readonly Statement[], cut: number): boolean {
  const last = statements[statements.length - 1];
  if (!last) return false;
  const tail = source.slice(last.end!, cut);
  if (!/^[ \t]*(?:\/\/.*)?$/.test(tail)) return false;
  // Only an import or re-export ends for sure at its `;` (an `if (x) a();`
  // may go on with `else`).
  const movable = last.type === "ImportDeclaration" || (last.type === "ExportNamedDeclaration" && last.source) || last.type === "ExportAllDeclaration";
  if (!movable) return false;
  // A `;` next (an empty statement, or the end of an import without one)
  // needs the whole file.
  const next = nextToken(source, cut);
  if (next === undefined || next.startsWith(";")) return false;
  if (source[last.end! - 1] === ";") return true;
  // No semicolon: it ends at its module string unless `with`/`assert`
  // attributes follow on the next line.
  return !/^(?:with|assert)\b/.test(next);
}
