/**
 * A textual proof that no import or re-export declaration starts in the rest
 * of a file, without tokenizing it (the rest may hold anything: regexes,
 * templates, JSX). Keywords cannot be written with escapes, so every such
 * declaration spells `import` or `export` literally; each occurrence of either
 * word (in code, comments or strings alike) must be dismissed by one of two
 * facts, or the proof fails:
 *
 * 1. What precedes it on its line. A top-level declaration either starts a
 *    line or follows the end of a statement (`;`, `}`, the `)` of
 *    `do … while (x)`) or the end of a block comment
 *    (star-slash) on its line. So when the
 *    last character before the word on its line is anything else, the word
 *    does not start a declaration, whatever it is in (code, a comment, a
 *    string, a template, JSX text):
 *
 *      * import the helpers first          (`*`: a JSDoc line)
 *      // we export { a } from here        (`/` of `//`)
 *      const kind = node.import            (`.`)
 *
 *    Lines end at `\n`, `\r`, U+2028 and U+2029, as in JavaScript.
 *
 * 2. What follows it, for a word at the start of a line or after the end of
 *    a statement: `import(`, `import.` or `import "x"` (a dynamic import,
 *    `import.meta`, a side-effect import, which never moves, or a string);
 *    `export` followed by anything but `{`, `*` or `type {`/`type *`;
 *    `export {…}` whose braces hold only names, commas and comments and that
 *    no `from` follows. Comments between these tokens are skipped: if the word
 *    is code, `/` there can only open a comment (no expression can stand
 *    between `export` and its clause, or inside the clause); if it is not
 *    code, it starts no declaration however the text after it reads.
 *
 *      export /*@__NO_SIDE_EFFECTS__*\/ function f() {}
 *      export {
 *        /** @deprecated *\/
 *        a as b,
 *      }
 *
 * Anything else (a word at the start of a line followed by a name, a comment
 * that does not end, …) fails the proof: the caller parses the file.
 */
import { isSpaceCode } from "./text.js";

const WORD = /\b(?:import|export)\b/g;

/** Whether no import or re-export declaration can start at or after `from` in `source`. */
export function noDeclarationFrom(source: string, from: number): boolean {
  WORD.lastIndex = from;
  for (let m = WORD.exec(source); m !== null; m = WORD.exec(source)) {
    if (!dismissed(source, m.index, m[0] as "import" | "export")) return false;
  }
  return true;
}

/**
 * Whether the word at `at` may follow a statement boundary: nothing but
 * white space before it on its line, or a `;`, `}`, `)` or the
 * star-slash ending a block comment last.
 */
function afterBoundary(source: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = source[i]!;
    if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") return true;
    if (isSpaceCode(source.charCodeAt(i))) continue;
    return c === ";" || c === "}" || c === ")" || (c === "/" && source[i - 1] === "*");
  }
  return true;
}

function dismissed(source: string, at: number, word: "import" | "export"): boolean {
  if (!afterBoundary(source, at)) return true;
  const next = skipTrivia(source, at + word.length);
  if (next === undefined) return false;
  const c = source[next];
  if (word === "import") return c === "(" || c === "." || c === '"' || c === "'";
  if (c === "{") return !reexportClause(source, next);
  if (c === "*") return false;
  if (source.startsWith("type", next) && !isWordPart(source.charCodeAt(next + 4))) {
    const open = skipTrivia(source, next + 4);
    if (open === undefined) return false;
    const after = source[open];
    if (after === "*") return false;
    if (after === "{") return !reexportClause(source, open);
  }
  return c !== undefined; // `export const`, `export default`, `export =`, …
}

/** Whether the braces at `open` may be followed by `from` (a re-export), or cannot be read. */
function reexportClause(source: string, open: number): boolean {
  const close = namesOnlyClause(source, open);
  if (close === undefined) return true;
  const next = skipTrivia(source, close);
  if (next === undefined) return true;
  return source.startsWith("from", next) && !isWordPart(source.charCodeAt(next + 4));
}

/**
 * The end (after `}`) of the braces at `open` when they hold only names
 * (`as`, `type`, `default` are names too), commas, white space and comments;
 * undefined otherwise.
 */
function namesOnlyClause(source: string, open: number): number | undefined {
  let i = open + 1;
  for (;;) {
    const next = skipTrivia(source, i);
    if (next === undefined) return undefined;
    i = next;
    const c = source.charCodeAt(i);
    if (c === 0x7d) return i + 1; // }
    if (c === 0x2c || (isWordPart(c) && c !== 0x5c && c <= 0x7f)) i++;
    else return undefined;
  }
}

/**
 * Past white space (line breaks included: they never matter between these
 * tokens) and comments; undefined in a block comment that does not end.
 */
export function skipTrivia(source: string, from: number): number | undefined {
  let i = from;
  for (;;) {
    while (i < source.length && isSpaceCode(source.charCodeAt(i))) i++;
    if (source.charCodeAt(i) !== 0x2f) return i; // /
    const c = source.charCodeAt(i + 1);
    if (c === 0x2a) {
      const close = source.indexOf("*/", i + 2);
      if (close === -1) return undefined;
      i = close + 2;
    } else if (c === 0x2f) {
      i = lineEnd(source, i + 2);
    } else return i;
  }
}

/** Where the line holding `from` ends (its terminator: `\n`, `\r`, U+2028 or U+2029), or the source's end. */
function lineEnd(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return i;
  }
  return source.length;
}

function isWordPart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 || c > 0x7f || c === 0x5c;
}
