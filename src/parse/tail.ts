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
 *    `export {…}` whose braces hold only names and commas and that no `from`
 *    follows.
 *
 * Anything else (a word at the start of a line followed by a name, a comment
 * after the word, …) fails the proof: the caller parses the file.
 */

const WORD = /\b(?:import|export)\b/g;
/** Braces of an export clause that hold only names and commas (`as`, `type`, `default` are names too). */
const NAMES_ONLY = /^\{[\w$\s,]*\}/;

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
    if (/\s/.test(c)) continue;
    return c === ";" || c === "}" || c === ")" || (c === "/" && source[i - 1] === "*");
  }
  return true;
}

function dismissed(source: string, at: number, word: "import" | "export"): boolean {
  if (!afterBoundary(source, at)) return true;
  const next = skipSpace(source, at + word.length);
  const c = source[next];
  if (word === "import") return c === "(" || c === "." || c === '"' || c === "'";
  if (c === "{") return !reexportClause(source, next);
  if (c === "*" || c === "/") return false;
  if (source.startsWith("type", next) && !isWordPart(source.charCodeAt(next + 4))) {
    const after = source[skipSpace(source, next + 4)];
    if (after === "*" || after === "/") return false;
    if (after === "{") return !reexportClause(source, skipSpace(source, next + 4));
  }
  return c !== undefined; // `export const`, `export default`, `export =`, …
}

/** Whether the braces at `open` may be followed by `from` (a re-export), or cannot be read. */
function reexportClause(source: string, open: number): boolean {
  const braces = NAMES_ONLY.exec(source.slice(open, open + 4096));
  if (!braces) return true;
  const next = skipSpace(source, open + braces[0].length);
  if (source[next] === "/") return true;
  return source.startsWith("from", next) && !isWordPart(source.charCodeAt(next + 4));
}

/** Past white space (line breaks included: they never matter between these tokens). */
function skipSpace(source: string, from: number): number {
  let i = from;
  while (i < source.length && /\s/.test(source[i]!)) i++;
  return i;
}

function isWordPart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 || c > 0x7f || c === 0x5c;
}
