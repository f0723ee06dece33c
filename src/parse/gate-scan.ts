/**
 * Textual readings for the syntax gate (gate.ts), each conservative: any
 * doubt gives the answer that keeps the guard ("a body", "not a subclass",
 * "not a comment").
 *
 * Most of them read the code text of a file (`codeText`): the source with
 * every span braces.ts finds inert (comments, strings, template text,
 * regexes) blanked to spaces, line breaks kept, offsets unchanged. A word
 * there is code; a declaration of the source still matches the same
 * patterns (what separated its words, comments included, is now spaces).
 */
import { type BraceMap, inertStart } from "./braces.js";
import { skipTrivia } from "./tail.js";
import { isSpaceCode } from "./text.js";

/** The source with its inert spans (comments, strings, template text, regexes) blanked to spaces, line breaks kept. */
export function codeText(source: string, map: BraceMap): string {
  // UTF-16 units as bytes, two each: offsets stay, and a lone surrogate is copied as it is.
  const bytes = Buffer.from(source, "utf16le");
  for (const [start, end] of map.inert) {
    let from = start;
    for (let i = start; i < end; i++) {
      const c = source.charCodeAt(i);
      if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
        if (i > from) bytes.fill(SPACE, 2 * from, 2 * i);
        from = i + 1;
      }
    }
    if (end > from) bytes.fill(SPACE, 2 * from, 2 * end);
  }
  return bytes.toString("utf16le");
}
const SPACE = Buffer.from(" ", "utf16le");

/**
 * Whether `at` is on a line that starts (after spaces) with `//` or with `*`
 * not followed by `/`, and nothing between that and `at` could end a comment,
 * JSX text, template text or string, nor a statement: no `;`, bracket, angle
 * bracket, quote, backtick, `*`, `/` or backslash. Then the word at `at` is
 * in a comment, JSX text or template text, or follows a `*` in code (a
 * product, `*gen`), where no declaration can start. For TSX, which braces.ts
 * does not read.
 */
export function onPlainCommentLine(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && !"\n\r\u2028\u2029".includes(text[i - 1]!)) i--;
  return PLAIN_COMMENT_LINE.test(text.slice(i, at));
}
const PLAIN_COMMENT_LINE = /^[ \t]*(?:\/\/|\*)[^;{}()[\]<>`'"*/\\]*$/;

/**
 * Whether the class whose body opens at `open` has an `extends` clause: read
 * backward from the `{` in code (the map's inert spans count as a space),
 * groups `(…)`, `[…]`, `{…}` and type arguments `<…>` collapsed, up to a
 * `;`, `{`, `}` or unmatched opening bracket; the last `class` keyword left
 * must be followed by an optional name and type parameters and `extends`. A
 * brace that is not a class body has no `class` keyword back to its
 * statement's start (a `}` ends the reading), so it never reads as a subclass.
 */
export function classBodyExtends(source: string, map: BraceMap, open: number): boolean {
  const stack: string[] = [];
  let top = "";
  for (let i = open - 1; i >= 0 && i > open - 3000; i--) {
    const inert = inertStart(map, i);
    if (inert !== -1) {
      i = inert;
      if (stack.length === 0) top = " " + top;
      continue;
    }
    const c = source[i]!;
    const inner = stack[stack.length - 1];
    const arrow = c === ">" && source[i - 1] === "=";
    if (inner === undefined) {
      if (c === ")" || c === "]" || (c === ">" && !arrow)) {
        stack.push(c === ")" ? "(" : c === "]" ? "[" : "<");
        top = c + top;
        continue;
      }
      if (";{}([<".includes(c)) break;
      top = c + top;
      continue;
    }
    if (c === ")" || c === "]" || c === "}") stack.push(c === ")" ? "(" : c === "]" ? "[" : "{");
    else if (inner === "<" && c === ">" && !arrow) stack.push("<");
    else if (c === "(" || c === "[" || c === "{" || (inner === "<" && c === "<")) {
      if (c !== inner) return false;
      stack.pop();
      if (stack.length === 0) top = c + top;
    }
  }
  return stack.length === 0 && CLASS_EXTENDS.test(top);
}

const CLASS_EXTENDS =
  /(?<![\w$.\\])class(?:\s+[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)?\s*(?:<>)?\s*extends(?![\w$\\\p{ID_Continue}])(?![\s\S]*(?<![\w$.\\])class(?![\w$\\\p{ID_Continue}]))/u;

/**
 * Whether the `function` whose type parameters or parameters open at `open`
 * (`<` or `(`) is provably a signature without a body. Its brackets must
 * match with no quote, backtick or slash inside (in code text, strings and
 * comments are blanked already). After the `)`, the return type is read with
 * its brackets counted: an object type `{…}` is skipped where a type must go
 * on (after `:`, `|`, `&`, `=>`, `?`, `extends`, or inside brackets); a `{` anywhere
 * else is taken for a body. A `;` outside brackets ends a signature; so does
 * a line break before `export`, `function`, `declare` or `async function`,
 * with which neither a type nor a body can go on (oxc found the file valid).
 */
export function isSignature(text: string, open: number): boolean {
  let i = open;
  if (text[i] === "<") {
    const end = matchingClose(text, i, "<", ">");
    if (end === undefined) return false;
    i = end;
    while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
    if (text[i] !== "(") return false;
  }
  const end = matchingClose(text, i, "(", ")");
  if (end === undefined) return false;
  let depth = 0;
  /** Whether the last token needs a type after it (`:`, `|`, `&`, `=>`, `?`, `,`, an opening bracket). */
  let typeFollows = false;
  const limit = Math.min(text.length, end + 2000);
  for (let j = end; j < limit; j++) {
    const c = text[j]!;
    if (c === ";") return depth === 0;
    if (c === '"' || c === "'" || c === "`" || c === "/" || c === "}") return false;
    if (c === "{") {
      if (depth === 0 && !typeFollows && !AFTER_EXTENDS.test(text.slice(Math.max(0, j - 16), j))) return false; // a body
      const close = matchingClose(text, j, "{", "}");
      if (close === undefined) return false;
      j = close - 1;
      typeFollows = false;
      continue;
    }
    if (c === "\n" || c === "\r") {
      if (depth > 0) continue;
      // Semicolon-free style: the next token starts a declaration, which neither a return type nor a body can.
      const next = skipTrivia(text, j);
      if (next !== undefined && DECLARATION_START.test(text.slice(next, next + 20))) return true;
      continue;
    }
    if (isSpaceCode(text.charCodeAt(j))) continue;
    if (c === ">" && text[j - 1] === "=") typeFollows = true;
    else if (c === "(" || c === "[" || c === "<") {
      depth++;
      typeFollows = true;
    } else if (c === ")" || c === "]" || c === ">") {
      if (--depth < 0) return false;
      typeFollows = false;
    } else typeFollows = ":|&?,".includes(c) || (c === "=" && text[j + 1] === ">");
  }
  return false;
}

/** `extends` (reserved: never a type's name) just before: `T extends {…} ? …`, a conditional type goes on. */
const AFTER_EXTENDS = /(?<![\w$.\\])extends\s*$/;
/** `export`, `function`, `declare`, `async function`: a token that no return type continues with. */
const DECLARATION_START = /^(?:export|function|declare|async\s+function)(?![\w$\\\u200c\u200d\p{ID_Continue}])/u;

/**
 * The offset just past the `close` matching the `openChar` at `from`,
 * counting every bracket (`=>` is not a `>`), or undefined on a quote, a
 * backtick or a slash (a string, template, regex or comment could hold an
 * unmatched bracket) or when it is not found within 2,000 characters.
 */
function matchingClose(source: string, from: number, openChar: string, close: string): number | undefined {
  let depth = 0;
  const limit = Math.min(source.length, from + 2000);
  for (let i = from; i < limit; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === "`" || c === "/") return undefined;
    if (c === ">" && source[i - 1] === "=") continue;
    if (c === openChar || "([{".includes(c) || (openChar === "<" && c === "<")) depth++;
    else if (c === close || ")]}".includes(c)) {
      if (--depth === 0) return c === close ? i + 1 : undefined;
    }
  }
  return undefined;
}

/**
 * `declare const x = f();`, or a `const` with an initialiser in an ambient
 * block (`declare namespace|module|global {…}`) or anywhere in a declaration
 * file, read in code text: a `const` after `<` or `,` is a type parameter's
 * modifier; each other one's declaration is read on (`mayInitialize`).
 */
export function ambientConstInCode(code: string, declarationFile: boolean): boolean {
  if (declarationFile) return constInitialized(code, 0, code.length);
  for (const m of code.matchAll(DECLARE_CONST_WORD)) if (mayInitialize(code, m.index + m[0].length)) return true;
  for (const m of code.matchAll(AMBIENT_BLOCK_OPEN)) {
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(code, open);
    if (close === undefined || constInitialized(code, open, close)) return true;
  }
  return false;
}
const DECLARE_CONST_WORD = /(?<![\w$.\\])declare\s+const(?=\s)/g;
const AMBIENT_BLOCK_OPEN = /(?<![\w$.\\])declare\s+(?:namespace|module|global)\b[^{;]*\{/g;
const CONST_WORD = /(?<![\w$.\\])(?<![<,]\s*)const(?=\s)/g;

function constInitialized(code: string, from: number, to: number): boolean {
  CONST_WORD.lastIndex = from;
  for (let m = CONST_WORD.exec(code); m !== null && m.index < to; m = CONST_WORD.exec(code)) {
    if (mayInitialize(code, m.index + 5)) return true;
  }
  return false;
}

/**
 * Whether the `const` declaration whose names start at `at` (code text) may
 * have an initialiser: a `=` (not `==` nor `=>`; `A<B>= 1` is one) outside brackets
 * (`<…>` counted: a type annotation's) before its end: a `;` outside
 * brackets, the `}` of its block, or a line break before a reserved word
 * that starts a statement. Anything else unread within 4,000 characters:
 * yes.
 */
function mayInitialize(code: string, at: number): boolean {
  let depth = 0;
  const limit = Math.min(code.length, at + 4000);
  for (let i = at; i < limit; i++) {
    const c = code[i]!;
    if (c === "(" || c === "[" || c === "{" || c === "<") depth++;
    else if (c === ")" || c === "]" || c === "}" || (c === ">" && code[i - 1] !== "=")) {
      if (--depth < 0) return c !== "}";
    } else if (depth === 0) {
      if (c === ";") return false;
      if (c === "=" && code[i + 1] !== "=" && code[i + 1] !== ">" && code[i - 1] !== "=") return true;
      if ((c === "\n" || c === "\r") && STATEMENT_WORD.test(code.slice(i + 1, i + 40))) return false;
    }
  }
  return true;
}
/** A reserved word that starts a statement and that no type annotation goes on with. */
const STATEMENT_WORD = /^\s*(?:const|let|var|export|function|class|enum|interface)(?![\w$\\\u200c\u200d\p{ID_Continue}])/u;

/** The offset of the `}` matching the `{` at `open` in code text (brackets of every kind counted), or undefined. */
function matchingBrace(code: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === "{" || c === "[" || c === "(") depth++;
    else if ((c === "}" || c === "]" || c === ")") && --depth === 0) return c === "}" ? i : undefined;
  }
  return undefined;
}
