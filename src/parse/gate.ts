/**
 * The syntax gate for a file safesort will change without a whole Babel
 * parse: a file that will be written must be valid as a whole, early errors
 * included (process-source.ts). oxc-parser, native, already parses every
 * such file for its module record (region.ts); with its semantic checks on
 * it reports the early errors Babel reports (a name declared twice, a
 * duplicate export, `return` or `super` or `new.target` out of place, an
 * undeclared export in JavaScript, strict-mode rules, …). When it reports
 * nothing, Babel parses only the import region, which is planned, rendered
 * and verified; when it reports anything, the file takes the whole Babel
 * parse as before (Flow, a syntax error: Babel's message and position).
 *
 * In TypeScript, oxc leaves some errors to the type checker that Babel
 * raises (test/parse/gate.test.ts lists every case known): those are ruled
 * out here, from the text, conservatively: any doubt means "parse it whole".
 *
 *   import a from "a";  const a = 1;        a name the imports bind, declared again
 *   function f() {}  function f() {}       a function declared twice (or as a class or var too;
 *                                          overload signatures without a body do not count)
 *   function g() { export const x = 1; }   an import or export below the top level
 *   class A { override m() {} }            `override` (Babel: only in a subclass)
 *   function f({ a }?) {}                  an optional binding pattern
 *   declare const x = f();                 an ambient const initialised with anything
 *
 * One known gap is left (the test shows it): a parameter default in a
 * TypeScript signature (`interface I { m(a = 1): void }`).
 */
import { type BraceMap, braceMap, enclosingBrace, isInert } from "./braces.js";
import { dialectOf, importedNames, type ParsedSource } from "./parser.js";
import { skipTrivia } from "./tail.js";

/** Declarations of one name anywhere in a text (an over-approximation: comments and strings count too). */
const ID = "[\\p{ID_Start}$_\\\\][\\p{ID_Continue}$\\\\\\u200c\\u200d]*";
const DECLARED = new RegExp(`(?<![\\w$.\\\\])(?:(?:var|let|const|using|class|enum|namespace|module)\\s+|function\\s*\\*?\\s*)(${ID})`, "gu");
const DESTRUCTURING = /(?<![\w$.\\])(?:var|let|const|using)\s*[[{]/g;
const NAME = new RegExp(ID, "gu");
/** `function f(`, `function* f<`, `class C {`/`<`/`extends`/`implements`, `var v =`/`;`/`,`/`:`. */
const FUNCTION_OR_CLASS = new RegExp(
  `(?<![\\w$.\\\\])(?:function\\s*\\*?\\s*(${ID})\\s*[(<]|class\\s+(${ID})\\s*(?:[{<]|extends\\b|implements\\b)|var\\s+(${ID})\\s*[=;,:])`,
  "gu",
);
/** An `import` or `export` keyword that is not a member (`a.import`) nor part of a word. */
const KEYWORD = /(?<![\w$.\\])(?:import|export)(?![\w$\\\u200c\u200d\p{ID_Continue}])/gu;
const OVERRIDE = /(?<![\w$.\\])override(?![\w$])/;
const CLASS = /(?<![\w$.\\])class(?![\w$])/g;
/** `}?` or `]?` before `:`, `,`, `)` or `=`: an optional binding pattern if the bracket opened a parameter. */
const OPTIONAL_AFTER_BRACKET = /[}\]]\s*\?\s*[:,)=]/g;
const DECLARE_CONST = /(?<![\w$.\\])declare\s+const\s[^;]*?[^=!<>]=(?![=>])/;
const AMBIENT_BLOCK = /(?<![\w$.\\])declare\s+(?:namespace|module|global)\b[^{;]*\{/g;
const CONST_WITH_INITIALIZER = /(?<![\w$.\\])const\s[^;]*?[^=!<>]=(?![=>])/;

/**
 * Whether oxc's verdict "no error" may be wrong for this TypeScript file
 * (always false for JavaScript, where oxc is the stricter parser), given the
 * import region Babel parsed (`region.source` is a prefix of `source`).
 */
export function oxcMayMissAnError(source: string, filepath: string, region: ParsedSource): boolean {
  const dialect = dialectOf(filepath);
  if (dialect === "js") return false;
  const rest = source.slice(region.source.length);
  // Read only when a guard needs to know what encloses a word; never for TSX (JSX text is not code).
  let map: BraceMap | undefined | null = dialect === "tsx" ? undefined : null;
  const braces = (): BraceMap | undefined => (map === null ? (map = braceMap(source)) : map);
  return (
    (OVERRIDE.test(source) && overrideOutsideSubclass(source, braces)) ||
    optionalPattern(source) ||
    ambientConstInitializer(source, dialect === "dts") ||
    nestedModuleSyntax(source, braces) ||
    redeclaresImport(region, rest) ||
    functionDeclaredTwice(source)
  );
}

/**
 * An `override` that may stand outside a subclass: in code (not a comment
 * or string), it must be directly in a class body whose heading has
 * `extends` (braces.ts). Without a brace map: any class without `extends`.
 */
function overrideOutsideSubclass(source: string, braces: () => BraceMap | undefined): boolean {
  const map = braces();
  if (!map) return classWithoutExtends(source);
  for (const m of source.matchAll(OVERRIDES)) {
    if (isInert(map, m.index)) continue;
    const body = enclosingBrace(map, m.index);
    if (!body || !SUBCLASS_HEADING.test(withoutTypeArguments(body.heading))) return true;
  }
  return false;
}

/** The text outside `<…>` (type parameters and arguments: `class A<T extends B>` has no `extends` clause). */
function withoutTypeArguments(text: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "<") depth++;
    else if (c === ">" && text[i - 1] !== "=" && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** A class heading with `extends` after its (last) `class` keyword. */
const SUBCLASS_HEADING = /(?<![\w$.])class(?![\w$])(?![\s\S]*(?<![\w$.])class(?![\w$]))[\s\S]*(?<![\w$.])extends(?![\w$])/;
const OVERRIDES = /(?<![\w$.\\])override(?![\w$])/g;

/** A `class` (the word, anywhere) whose heading, type parameters left out, has no `extends` before its `{`. */
function classWithoutExtends(source: string): boolean {
  for (const m of source.matchAll(CLASS)) {
    const body = source.indexOf("{", m.index);
    if (body === -1) return true;
    let heading = "";
    let depth = 0;
    for (const ch of source.slice(m.index + 5, body)) {
      if (ch === "<") depth++;
      else if (ch === ">" && depth > 0) depth--;
      else if (depth === 0) heading += ch;
    }
    if (!/\bextends\b/.test(heading)) return true;
  }
  return false;
}

/** `function f({ a }?)`: a `}` or `]` followed by `?` whose bracket opened after `(` or `,`. */
function optionalPattern(source: string): boolean {
  for (const m of source.matchAll(OPTIONAL_AFTER_BRACKET)) {
    const open = openingBracket(source, m.index);
    if (open === undefined) return true;
    let i = open - 1;
    while (i >= 0 && /\s/.test(source[i]!)) i--;
    if (i < 0 || source[i] === "(" || source[i] === ",") return true;
  }
  return false;
}

/** The offset of the bracket that the `}` or `]` at `close` closes (by counting, within 2,000 characters), or undefined. */
function openingBracket(source: string, close: number): number | undefined {
  let depth = 0;
  for (let i = close; i >= 0 && i > close - 2000; i--) {
    const ch = source[i];
    if (ch === "}" || ch === "]" || ch === ")") depth++;
    else if ((ch === "{" || ch === "[" || ch === "(") && --depth === 0) return i;
  }
  return undefined;
}

/** `declare const x = f();`, or a `const` with an initialiser in an ambient block or a declaration file. */
function ambientConstInitializer(source: string, declarationFile: boolean): boolean {
  if (declarationFile) return CONST_WITH_INITIALIZER.test(source);
  if (DECLARE_CONST.test(source)) return true;
  for (const m of source.matchAll(AMBIENT_BLOCK)) {
    const block = bracketed(source, m.index + m[0].length - 1, Infinity);
    if (block === undefined || CONST_WITH_INITIALIZER.test(block)) return true;
  }
  return false;
}

/**
 * An `import` or `export` that may start a statement but is not at the start
 * of a line: every top-level one in a formatted file is (an indented one is
 * inside a block, where TypeScript's own `namespace`s may hold them, and Babel
 * refuses them elsewhere). Words in comments are dismissed by what precedes
 * them (`//`, ` * `); `import(` and `import.meta` are expressions.
 */
function nestedModuleSyntax(source: string, braces: () => BraceMap | undefined): boolean {
  KEYWORD.lastIndex = 0;
  // With a brace map, a word that looks misplaced is fine in a comment or string, at the top level, or in namespaces only.
  const misplaced = (at: number): boolean => {
    const map = braces();
    if (!map) return true;
    if (isInert(map, at)) return false;
    for (let b = enclosingBrace(map, at); b; b = b.parent) if (!NAMESPACE_HEADING.test(b.heading)) return true;
    return false;
  };
  for (let m = KEYWORD.exec(source); m !== null; m = KEYWORD.exec(source)) {
    const at = m.index;
    const next = source[skipSpace(source, at + m[0].length)];
    // `import(`, `import.meta`; a property or parameter named so (`{ import: 1 }`, `f(export)`).
    if ((m[0] === "import" && (next === "(" || next === ".")) || (next !== undefined && ":?,)]}".includes(next))) continue;
    let i = at - 1;
    while (i >= 0 && (source[i] === " " || source[i] === "\t")) i--;
    const before = i < 0 ? "\n" : source[i]!;
    if (before === "\n" || before === "\r" || before === "\u2028" || before === "\u2029" || before === "\uFEFF") {
      if (i === at - 1) continue; // at the start of a line
      if (misplaced(at)) return true; // indented
      continue;
    }
    // In a comment or a sentence (`// export`, ` * import`, `re-export`, `an import`): not a statement.
    if (before === "/" && source[i - 1] !== "*") continue;
    if (onCommentLine(source, i)) continue;
    if (before === "*" || before === "-" || /[\p{ID_Continue}$'"`]/u.test(before)) continue;
    if (misplaced(at)) return true;
  }
  return false;
}

/** The heading of a namespace, module or global block (`export declare namespace N.M`, `declare module "m"`, `declare global`). */
const NAMESPACE_HEADING = /(?:^|[^\w$.])(?:(?:namespace|module)\s+(?:[\w$]+(?:\s*\.\s*[\w$]+)*|"[^"\n]*"|'[^'\n]*')|global)\s*$/;

/** Whether the line holding `at` starts (after white space) with `//`, `/*` or `*`: a comment line. */
function onCommentLine(source: string, at: number): boolean {
  let i = at;
  while (i > 0 && !"\n\r\u2028\u2029".includes(source[i - 1]!)) i--;
  while (source[i] === " " || source[i] === "\t") i++;
  return source.startsWith("//", i) || source.startsWith("/*", i) || source[i] === "*";
}

function skipSpace(source: string, from: number): number {
  let i = from;
  while (i < source.length && /\s/.test(source[i]!)) i++;
  return i;
}

/** Whether `rest` may declare again a name that the region's imports bind (or a name is written with an escape). */
function redeclaresImport(region: ParsedSource, rest: string): boolean {
  const names = importedNames(region);
  if (names.size === 0) return false;
  for (const m of rest.matchAll(DECLARED)) if (!indented(rest, m.index) && (names.has(m[1]!) || m[1]!.includes("\\"))) return true;
  for (const m of rest.matchAll(DESTRUCTURING)) {
    if (indented(rest, m.index)) continue;
    const pattern = bracketed(rest, m.index + m[0].length - 1);
    if (pattern === undefined) return true;
    for (const id of pattern.matchAll(NAME)) if (names.has(id[0]) || id[0].includes("\\")) return true;
  }
  return false;
}

/**
 * Whether only white space, at least one character of it, precedes `at` on
 * its line: a declaration inside a block in formatted code, where it may
 * shadow an import. A top-level one starts its line, or follows code.
 */
function indented(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  return i < at - 1 && (i < 0 || "\n\r\u2028\u2029".includes(text[i]!));
}

/**
 * A name declared by `function` twice, or by `function` and by `class` or
 * `var`. A TypeScript overload signature (`function f(a: string): void;`, no
 * body) does not count against another `function f`: only two bodies do. It
 * still counts against a `class` or `var` of the name.
 */
function functionDeclaredTwice(source: string): boolean {
  const bodies = new Set<string>();
  const signatures = new Set<string>();
  const others = new Set<string>();
  for (const m of source.matchAll(FUNCTION_OR_CLASS)) {
    const fn = m[1];
    const name = (fn ?? m[2] ?? m[3])!;
    if (name.includes("\\")) return true;
    if (fn !== undefined) {
      if (others.has(name)) return true;
      if (isSignature(source, m.index + m[0].length - 1)) {
        signatures.add(name);
        continue;
      }
      if (bodies.has(name)) return true;
      bodies.add(name);
    } else {
      if (bodies.has(name) || signatures.has(name)) return true;
      others.add(name);
    }
  }
  // `var { f } = o;` declares f too.
  if (bodies.size === 0 && signatures.size === 0) return false;
  for (const pattern of destructured(source, /(?<![\w$.\\])var\s*[[{]/g)) {
    if (pattern === undefined) return true;
    for (const id of pattern.matchAll(NAME)) if (bodies.has(id[0]) || signatures.has(id[0])) return true;
  }
  return false;
}

/**
 * Whether the `function` whose type parameters or parameters open at `open`
 * (`<` or `(`) is provably a signature without a body: its brackets match
 * with no string, template, regex or comment inside them, and after the
 * closing `)` a `;` comes before any brace, quote or slash (a body's `{`
 * would come first: a return type holds no `;` outside braces), or, without
 * a `;`, the next line's first token (comments skipped) is `export`,
 * `function`, `declare` or `async function`, with which neither a type nor
 * a body can go on (oxc found the file valid). Anything else is taken for a
 * body (the conservative answer).
 */
function isSignature(source: string, open: number): boolean {
  let i = open;
  if (source[i] === "<") {
    const end = matchingClose(source, i, "<", ">");
    if (end === undefined) return false;
    i = end;
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (source[i] !== "(") return false;
  }
  const end = matchingClose(source, i, "(", ")");
  if (end === undefined) return false;
  for (let j = end; j < source.length; j++) {
    const c = source[j]!;
    if (c === ";") return true;
    if (c === "{" || c === "}" || c === '"' || c === "'" || c === "`" || c === "/") return false;
    // Semicolon-free style: the next token starts a declaration, which neither a return type nor a body can.
    if (c === "\n" || c === "\r") {
      const next = skipTrivia(source, j);
      return next !== undefined && DECLARATION_START.test(source.slice(next, next + 20));
    }
  }
  return false;
}

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

/** The bracketed patterns after `opening` (undefined for one whose end is not found nearby). */
function* destructured(text: string, opening: RegExp): Generator<string | undefined> {
  for (const m of text.matchAll(opening)) yield bracketed(text, m.index + m[0].length - 1);
}

/** The text from the bracket at `open` to its match (by counting brackets), or undefined when it is not found nearby. */
function bracketed(text: string, open: number, within = 4000): string | undefined {
  let depth = 0;
  const limit = Math.min(text.length, open + within);
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === "{" || ch === "[" || ch === "(") depth++;
    else if ((ch === "}" || ch === "]" || ch === ")") && --depth === 0) return text.slice(open, i + 1);
  }
  return undefined;
}
