/**
 * The syntax gate for a file safesort will change without a whole Babel
 * parse: a file that will be written must be valid as a whole, early errors
 * included (process-source.ts). oxc-parser, native, already parses every
 * such file for its module record (region.ts); with its semantic checks on
 * it reports the early errors Babel reports (a name declared twice, a
 * duplicate export, `return` or `super` or `new.target` out of place, an
 * undeclared export in JavaScript, strict-mode rules, …). When it reports
 * nothing, only the import region is read (by oxc, or by Babel where oxc
 * cannot), planned, rendered and verified; when it reports anything, the file takes the whole Babel
 * parse as before (Flow, a syntax error: Babel's message and position).
 *
 * In TypeScript, oxc leaves some errors to the type checker that Babel
 * raises (test/parse/syntax-gate.test.ts lists every case known): those are
 * ruled out here, from the text, conservatively: any doubt means "parse it
 * whole". Each guard reads the source first; where that leaves a doubt and
 * braces.ts reads the file (not TSX), it reads again the code text
 * (gate-scan.ts: comments, strings, template text and regexes blanked) with
 * the braces known, which settles most words in JSDoc examples and scopes.
 * In TSX (JSX text is not code to braces.ts), a doubt raised by an `import`,
 * `export` or `override` is settled by oxc's AST where it shows every such
 * word in a comment, string, template's text or JSX text (a code template
 * in a test, a test named "should override …").
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
import { type BraceMap, braceMap, enclosingBrace, isInert, spanStart } from "./braces.js";
import { ambientConstInCode, classBodyExtends, codeText, isSignature, onPlainCommentLine } from "./gate-scan.js";
import { tooDeepToParse } from "./nesting.js";
import type { LazyNode } from "./oxc-raw.js";
import { parseLazily } from "./oxc.js";
import { dialectOf, importedNames, type SourceReading } from "./parser.js";
import { isSpaceCode } from "./text.js";
import { bracketsBeforeQuestion, wordMatches } from "./word-matches.js";

/** Declarations of one name anywhere in a text (an over-approximation: comments and strings count too, unless blanked). */
const ID = "[\\p{ID_Start}$_\\\\][\\p{ID_Continue}$\\\\\\u200c\\u200d]*";
/** `function` as a word (not the start of `functionName`). */
const FUNCTION = "function(?![\\p{ID_Continue}$\\\\\\u200c\\u200d])\\s*\\*?\\s*";
/**
 * The name is read ahead, not consumed: in `as const\nlet a` or `const enum a`
 * the word after `const` is a keyword whose own declaration must match too.
 * `using x` only when no word follows the name on its line (`using x = …`,
 * not the sentence "using render prop").
 */
const DECLARED = new RegExp(
  `(?<![\\w$.\\\\])(?:(?:(?:var|let|const|class|enum|namespace|module)\\s+|${FUNCTION})(?=(${ID}))|using\\s+(?=(${ID})(?![\\p{ID_Continue}$\\\\\\u200c\\u200d])(?![ \\t]*[\\p{ID_Start}$_\\\\])))`,
  "uy",
);
const DESTRUCTURING = /(?<![\w$.\\])(?:var|let|const|using)\s*[[{]/y;
/** The words DECLARED and DESTRUCTURING start with (word-matches.ts). */
const DECLARING = /var|let|const|class|enum|namespace|module|function|using/g;
const NAME = new RegExp(ID, "gu");
/** `function f(`, `function* f<`, `class C {`/`<`/`extends`/`implements`, `var v =`/`;`/`,`/`:`. */
const FUNCTION_OR_CLASS = new RegExp(
  `(?<![\\w$.\\\\])(?:${FUNCTION}(${ID})\\s*[(<]|class\\s+(${ID})\\s*(?:[{<]|extends\\b|implements\\b)|var\\s+(${ID})\\s*[=;,:])`,
  "gu",
);
/** An `import` or `export` keyword that is not a member (`a.import`) nor part of a word. */
const KEYWORD = /(?<![\w$.\\])(?:import|export)(?![\w$\\\u200c\u200d\p{ID_Continue}])/gu;
/**
 * `override` where it may be a modifier: not followed by a token that no
 * modifier can precede (`override?:`, `override(`, `override =`, `.override`,
 * `{ override }`: a name).
 */
const OVERRIDE = /(?<![\w$.\\])override(?![\w$])(?!\s*[?:(),=.;}!<>|&\]])/;
const CLASS = /(?<![\w$.\\])class(?![\w$])/g;
/** `}?` or `]?` before `:`, `,`, `)` or `=`: an optional binding pattern if the bracket opened a parameter. */
const OPTIONAL_AFTER_BRACKET = /[}\]]\s*\?\s*[:,)=]/y;
const DECLARE_CONST = /(?<![\w$.\\])declare\s+const\s/g;
const AMBIENT_BLOCK = /(?<![\w$.\\])declare\s+(?:namespace|module|global)\b[^{;]*\{/g;
const CONST = /(?<![\w$.\\])const\s/g;
const INITIALIZER_OR_DOUBT = /(?<![=!])=(?![=>])|['"`/]/;

/** The code text of a file and its brace map, when braces.ts reads it (never TSX: JSX text is not code). */
interface Code {
  readonly map: BraceMap;
  readonly text: string;
}

/**
 * Whether oxc's verdict "no error" may be wrong for this TypeScript file
 * (always false for JavaScript, where oxc is the stricter parser), given the
 * import region Babel parsed (`region.source` is a prefix of `source`).
 *
 * Each guard reads the source first (cheap; lines that can only be comments
 * skipped); where it raises a doubt and braces.ts reads the file, it reads
 * the code text again, comments and strings blanked and scopes known.
 * `statements`: where oxc saw the file's top-level statements start
 * (region.ts), when it read them.
 */
export function oxcMayMissAnError(source: string, filepath: string, region: SourceReading, statements?: readonly number[]): boolean {
  const dialect = dialectOf(filepath);
  if (dialect === "js") return false;
  let code: Code | undefined | null = dialect === "tsx" ? undefined : null;
  const codeOf = (): Code | undefined => {
    if (code !== null) return code;
    const map = braceMap(source);
    let text: string | undefined;
    return (code = map && { map, get text() { return (text ??= codeText(source, map)); } });
  };
  const braces = (): BraceMap | undefined => codeOf()?.map;
  // Where braces.ts does not read the file (TSX), oxc's AST tells a word in a string, template or JSX text from code.
  let inert: Inert | undefined | null = null;
  const inertByOxc = (): Inert | undefined => (inert === null ? (inert = oxcInert(source, filepath)) : inert);
  const names = importedNames(region);
  const cut = region.source.length;
  const dts = dialect === "dts";
  const inCode = (guard: (c: Code) => boolean): boolean => {
    const c = codeOf();
    return c === undefined || guard(c);
  };
  return (
    (source.includes("override") && OVERRIDE.test(source) && overrideOutsideSubclass(source, codeOf, inertByOxc)) ||
    optionalPattern(source) ||
    (ambientConstInitializer(source, dts) && inCode((c) => ambientConstInCode(c.text, dts))) ||
    nestedModuleSyntax(source, braces, cut, statements, inertByOxc) ||
    (redeclaresImport(names, source, source, cut) && inCode((c) => redeclaresImport(names, c.text, source, cut))) ||
    (functionDeclaredTwice(source, undefined, false) && functionDeclaredTwice(source) && inCode((c) => functionDeclaredTwice(c.text, c.map)))
  );
}

/** Whether an offset is in a comment, a string, a template's text, a regex or JSX text. */
type Inert = (at: number) => boolean;

/** The node types whose whole span is text, not code (a string's quotes, a regex's flags included). */
const INERT_NODES = ["StringLiteral", "TemplateElement", "RegExpLiteral", "JSXText"] as const;

/**
 * Where `source` holds comments, strings, template text, regexes and JSX
 * text, by oxc's parse of it (without its semantic checks: the gate runs
 * only where the semantic parse found no error); undefined where oxc cannot
 * read it here (no raw transfer, too deep to parse safely, an error).
 * A whole-file walk: asked only where a guard's text scan leaves a doubt
 * and braces.ts does not read the file (TSX).
 */
function oxcInert(source: string, filepath: string): Inert | undefined {
  if (tooDeepToParse(source)) return undefined;
  const dialect = dialectOf(filepath);
  const result = parseLazily(filepath, source, { lang: dialect === "js" ? "jsx" : dialect, sourceType: "module", showSemanticErrors: false });
  if (!result) return undefined;
  const spans: [number, number][] = [];
  try {
    if (result.errors.length > 0) return undefined;
    for (const c of result.comments) spans.push([c.start, c.end]);
    const add = (node: LazyNode): void => void spans.push([node.start, node.end]);
    result.visit(Object.fromEntries(INERT_NODES.map((type) => [type, add])));
  } finally {
    result.dispose();
  }
  // Sorted by start; none overlaps another (a template's text and its expressions' strings are apart).
  spans.sort((a, b) => a[0] - b[0]);
  return (at) => spanStart(spans, at) !== -1;
}

/**
 * An `override` that may stand outside a subclass: in code (not a comment
 * or string), it must be directly in a class body whose heading has
 * `extends` (gate-scan.ts reads the heading back over the heritage clause's
 * calls, objects and type arguments). Without a brace map: none where oxc
 * shows every `override` in a comment, string or text; else any class
 * without `extends`.
 */
function overrideOutsideSubclass(source: string, codeOf: () => Code | undefined, inertByOxc: () => Inert | undefined): boolean {
  const code = codeOf();
  if (!code) {
    if (!classWithoutExtends(source)) return false;
    const inert = inertByOxc();
    if (!inert) return true;
    for (const m of source.matchAll(OVERRIDES)) if (!inert(m.index)) return true;
    return false;
  }
  const subclass = new Map<number, boolean>();
  for (const m of source.matchAll(OVERRIDES)) {
    if (isInert(code.map, m.index)) continue;
    const body = enclosingBrace(code.map, m.index);
    if (!body) return true;
    let extended = subclass.get(body.open);
    if (extended === undefined) subclass.set(body.open, (extended = classBodyExtends(source, code.map, body.open)));
    if (!extended) return true;
  }
  return false;
}

const OVERRIDES = new RegExp(OVERRIDE.source, "g");

/**
 * A `class` (the word, anywhere) whose heading, type parameters left out, has
 * no `extends` before its `{`, or whose heading holds a quote, backtick or
 * slash (a string or comment could hide the `{` or fake the word).
 */
function classWithoutExtends(source: string): boolean {
  for (const m of source.matchAll(CLASS)) {
    const body = source.indexOf("{", m.index);
    if (body === -1) return true;
    let heading = "";
    let depth = 0;
    for (let i = m.index + 5; i < body; i++) {
      const ch = source[i]!;
      if (ch === "<") depth++;
      else if (ch === ">" && source[i - 1] !== "=" && depth > 0) depth--;
      else if (depth === 0) heading += ch;
    }
    if (!/\bextends\b/.test(heading) || /['"`/]/.test(heading)) return true;
  }
  return false;
}

/** `function f({ a }?)`: a `}` or `]` followed by `?` whose bracket opened after `(` or `,`. */
function optionalPattern(source: string): boolean {
  for (const at of bracketsBeforeQuestion(source, OPTIONAL_AFTER_BRACKET)) {
    const open = openingBracket(source, at);
    if (open === undefined) return true;
    let i = open - 1;
    while (i >= 0 && isSpaceCode(source.charCodeAt(i))) i--;
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

/**
 * `declare const x = f();`, or a `const` with an initialiser in an ambient
 * block or a declaration file, read in the source: each such `const` up to
 * the next `;`, where a quote, backtick or slash is a doubt too (a string or
 * comment may hold the `;` or the block's `}`).
 */
function ambientConstInitializer(source: string, declarationFile: boolean): boolean {
  if (declarationFile) return constInitialized(source, 0, source.length);
  if (!source.includes("declare")) return false; // both patterns below start with it
  for (const m of source.matchAll(DECLARE_CONST)) if (initializerBefore(source, m.index + m[0].length)) return true;
  for (const m of source.matchAll(AMBIENT_BLOCK)) {
    const open = m.index + m[0].length - 1;
    const block = bracketed(source, open, Infinity);
    const end = block === undefined || /['"`/]/.test(block) ? source.length : open + block.length;
    if (constInitialized(source, open, end)) return true;
  }
  return false;
}

function constInitialized(source: string, from: number, to: number): boolean {
  CONST.lastIndex = from;
  for (let m = CONST.exec(source); m !== null && m.index < to; m = CONST.exec(source)) {
    if (initializerBefore(source, m.index + m[0].length)) return true;
  }
  return false;
}

/** Whether the text from `from` to the next `;` holds a `=` (not `==`, `!=`, `=>`), a quote, a backtick or a slash. */
function initializerBefore(source: string, from: number): boolean {
  const end = source.indexOf(";", from);
  return INITIALIZER_OR_DOUBT.test(source.slice(from, end === -1 ? source.length : end));
}

/**
 * An `import` or `export` that may start a statement inside a block, where
 * TypeScript's own `namespace`s may hold them and Babel refuses them
 * elsewhere. An indented one is doubted; one at the start of a line, after
 * the import region (which was read as a program), is doubted unless oxc
 * saw a top-level statement start there (`statements`; without them it is
 * taken for one, as in a formatted file). Words in comments are dismissed by
 * what precedes them (`//`, ` * `); `import(` and `import.meta` are
 * expressions. A doubt stands unless the brace map shows the word in a
 * comment or string, at the top level, or in namespaces only; without a
 * brace map (TSX), unless oxc's AST shows it in a comment, string, template
 * text or JSX text.
 */
function nestedModuleSyntax(source: string, braces: () => BraceMap | undefined, cut: number, statements: readonly number[] | undefined, inertByOxc: () => Inert | undefined): boolean {
  KEYWORD.lastIndex = 0;
  // With a brace map, a word that looks misplaced is fine in a comment or string, at the top level, or in namespaces only.
  const misplaced = (at: number): boolean => {
    const map = braces();
    if (!map) return !(inertByOxc()?.(at) ?? false);
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
      if (i === at - 1) {
        // At the start of a line: a top-level statement, unless oxc saw none start there.
        if (at < cut || statements === undefined || startsStatement(statements, at)) continue;
        if (misplaced(at)) return true;
        continue;
      }
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

/** Whether `at` is one of `starts` (ascending). */
function startsStatement(starts: readonly number[], at: number): boolean {
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = starts[mid]!;
    if (start === at) return true;
    if (start < at) low = mid + 1;
    else high = mid - 1;
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
  while (i < source.length && isSpaceCode(source.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether `text` (the source or its code text) may declare again, after the
 * import region (`cut`), a name that the region's imports bind (or a name
 * written with an escape). A declaration indented in `source` is in a block;
 * one on a line that can only be a comment does not count.
 */
function redeclaresImport(names: ReadonlySet<string>, text: string, source: string, cut: number): boolean {
  if (names.size === 0) return false;
  const rest = text.slice(cut);
  const restSource = source.slice(cut);
  const skip = (at: number): boolean => indented(restSource, at) || onPlainCommentLine(restSource, at);
  for (const [which, m] of wordMatches(rest, DECLARING, [DECLARED, DESTRUCTURING])) {
    if (which === 0) {
      const name = (m[1] ?? m[2])!;
      if ((names.has(name) || name.includes("\\")) && !skip(m.index)) return true;
      continue;
    }
    if (skip(m.index)) continue;
    const pattern = bracketed(rest, m.index + m[0].length - 1);
    if (pattern === undefined || /['"`/]/.test(pattern)) return true;
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
 * still counts against a `class` or `var` of the name. With a brace map
 * (`text` is then the code text), a `function` or `class` counts only against
 * one in the same braces (a nested one shadows it); a `var` is hoisted out of
 * blocks, so it counts against any. Lines that can only be comments do not
 * count (unless `skipCommentLines` is false: a cheaper first reading, which
 * finds every conflict the full one finds).
 */
function functionDeclaredTwice(text: string, map?: BraceMap, skipCommentLines = true): boolean {
  const bodies = new Set<string>();
  const signatures = new Set<string>();
  const classes = new Set<string>();
  /** Every name declared by `function` or `class`, in any scope; every `var`. */
  const lexical = new Set<string>();
  const vars = new Set<string>();
  for (const m of text.matchAll(FUNCTION_OR_CLASS)) {
    if (skipCommentLines && onPlainCommentLine(text, m.index)) continue;
    const name = (m[1] ?? m[2] ?? m[3])!;
    if (name.includes("\\")) return true;
    if (m[3] !== undefined) {
      if (lexical.has(name)) return true;
      vars.add(name);
      continue;
    }
    if (vars.has(name)) return true;
    lexical.add(name);
    const key = map ? `${enclosingBrace(map, m.index)?.open ?? -1} ${name}` : name;
    if (m[1] !== undefined) {
      if (classes.has(key)) return true;
      if (isSignature(text, m.index + m[0].length - 1)) {
        signatures.add(key);
        continue;
      }
      if (bodies.has(key)) return true;
      bodies.add(key);
    } else {
      if (bodies.has(key) || signatures.has(key)) return true;
      classes.add(key);
    }
  }
  // `var { f } = o;` declares f too.
  if (lexical.size === 0) return false;
  for (const pattern of destructured(text, /(?<![\w$.\\])var\s*[[{]/g)) {
    if (pattern === undefined || /['"`/]/.test(pattern)) return true;
    for (const id of pattern.matchAll(NAME)) if (lexical.has(id[0])) return true;
  }
  return false;
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
