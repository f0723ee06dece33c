/**
 * The parser facade: one call that turns a source text into the top-level
 * statements and comments the sorter needs. Plugins are chosen by extension:
 *
 *   .ts .mts .cts  → TypeScript (.d.ts: declaration mode)
 *   .tsx           → TypeScript + JSX
 *   .js .jsx .mjs .cjs → JSX, Flow when the file has an @flow pragma or only
 *                    parses as Flow; a .js/.cjs that is not a module (legacy
 *                    sloppy-mode script) is parsed as a script.
 */
import { createRequire } from "node:module";

import type { ParserOptions, ParserPlugin } from "@babel/parser";
import type { Comment, File, Statement } from "@babel/types";

import { ParseError } from "../errors.js";

import { codeFrame } from "./code-frame.js";
import { endsOnBoundary, lineEndAfter } from "./prefix.js";

/**
 * What the syntax gate and the verifier read of a parsed text: Babel's
 * parse (ParsedSource), or oxc's read into Babel's node types
 * (oxc-reading.ts, `reader: "oxc"`).
 */
export interface SourceReading {
  readonly source: string;
  readonly statements: readonly Statement[];
  /** All comments of the file, in source order. */
  readonly comments: readonly Comment[];
  /** End offset of the hashbang and directives (`"use client"`), 0 when none. */
  readonly prologueEnd: number;
  /** Read by oxc (oxc-reading.ts): only the import and re-export declarations in full, no early errors checked. */
  readonly reader?: "oxc";
  /**
   * An early error of the specification that the parse let through (see
   * `EARLY_ERRORS`); undefined when there is none in the parsed text. A file
   * that safesort will change must have none (process-source.ts).
   */
  readonly earlyError?: ParseError;
  /**
   * Parsed only by a later attempt of `attemptsFor` (Flow for a `.js` file
   * without the pragma, a legacy script): a part of the file alone may parse
   * with the first attempt, and differently (Flow's `importKind: "value"`),
   * so no import region is cut from it (`importRegionOf`).
   */
  readonly fallback?: true;
}

export interface ParsedSource extends SourceReading {
  readonly file: File;
}

/**
 * Babel is loaded on the first parse, not with this module: a run whose
 * files are all proved sorted from their heads (pipeline/fast-path.ts) never
 * loads a parser. Its CommonJS entry keeps parsing synchronous.
 */
let babelParse: typeof import("@babel/parser").parse | undefined;

function parse(source: string, options: ParserOptions): File {
  babelParse ??= (createRequire(import.meta.url)("@babel/parser") as typeof import("@babel/parser")).parse;
  return babelParse(source, options) as File;
}

const COMMON: ParserPlugin[] = [
  ["decorators", {}],
  "decoratorAutoAccessors",
  "explicitResourceManagement",
  "deprecatedImportAssert",
  "deferredImportEvaluation",
  "sourcePhaseImports",
];
const FLOW_PRAGMA = /@(no)?flow\b/;

type Dialect = "ts" | "tsx" | "dts" | "js";

export function dialectOf(filepath: string): Dialect {
  const lower = filepath.toLowerCase();
  if (/\.d\.[mc]?ts$/.test(lower)) return "dts";
  if (/\.[mc]?ts$/.test(lower)) return "ts";
  if (lower.endsWith(".tsx")) return "tsx";
  return "js";
}

/**
 * Parse only the import region when that is provably the same as parsing the
 * whole file (see prefix.ts); undefined when it is not, or when the region
 * itself has an error (the full parse then reports it).
 */
export function parseImportRegion(source: string, filepath: string, cut: number): ParsedSource | undefined {
  let parsed: ParsedSource;
  try {
    parsed = parseSource(source.slice(0, cut), filepath, { partial: true });
  } catch {
    return undefined;
  }
  if (!endsOnBoundary(source, parsed.statements, cut)) return undefined;
  // A binding declared again later is an error only the whole parse sees.
  return mayRedeclare(parsed, source.slice(cut), dialectOf(filepath) !== "js") ? undefined : parsed;
}

/**
 * The import region of a file already parsed whole: what `parseImportRegion`
 * would give (the statements and comments up to the end of the line of the
 * last import or re-export), without parsing it again; undefined when the
 * cut is not a hard statement boundary (prefix.ts `endsOnBoundary`) or a
 * `declare module "x" {}` after it holds imports the sorter sorts too. A
 * whole parse has already seen every redeclaration and early error.
 */
export function importRegionOf(whole: ParsedSource): ParsedSource | undefined {
  if (whole.fallback) return undefined;
  const { source, statements } = whole;
  let last = -1;
  for (let i = statements.length - 1; i >= 0 && last === -1; i--) {
    const s = statements[i]!;
    if (s.type === "ImportDeclaration" || s.type === "ExportAllDeclaration" || (s.type === "ExportNamedDeclaration" && s.source)) last = i;
  }
  if (last === -1) return undefined;
  const cut = lineEndAfter(source, statements[last]!.end!);
  if (cut === undefined) return undefined;
  const kept = statements.slice(0, last + 1);
  if (!endsOnBoundary(source, kept, cut)) return undefined;
  if (statements.slice(last + 1).some((s) => s.type === "TSModuleDeclaration")) return undefined;
  const comments = whole.comments.filter((c) => c.end! <= cut);
  return { source: source.slice(0, cut), statements: kept, comments, prologueEnd: whole.prologueEnd, file: whole.file };
}

/** The local names the imports (and `import x = require()`) of a parsed source bind. */
export function importedNames(parsed: SourceReading): Set<string> {
  const names = new Set<string>();
  for (const statement of parsed.statements) {
    if (statement.type === "ImportDeclaration") for (const s of statement.specifiers) names.add(s.local.name);
    if (statement.type === "TSImportEqualsDeclaration") names.add(statement.id.name);
  }
  return names;
}

/**
 * Whether `rest` may declare again a name that the prefix's imports bind.
 * `typescript`: Babel's typescript plugin never refuses an `interface`,
 * `type`, `namespace` or `module` of an imported name (they may merge with
 * it; test/parse/may-redeclare.test.ts tries every kind of import against each), so
 * those do not count.
 */
export function mayRedeclare(parsed: SourceReading, rest: string, typescript: boolean): boolean {
  const names = importedNames(parsed);
  if (names.size === 0) return false;
  const starts = lowerCaseLineStarts(rest);
  for (const m of lineStartMatches(rest, DECLARATION, starts)) if (names.has(m[2]!) && !(typescript && m[1] !== undefined)) return true;
  // `const { a } = …`: a destructuring pattern may bind any name it mentions.
  for (const m of lineStartMatches(rest, DESTRUCTURING, starts)) {
    const pattern = bracketed(rest, m.index + m[0].length - 1);
    if (pattern === undefined) return true;
    for (const id of pattern.matchAll(IDENTIFIER)) if (names.has(id[0])) return true;
  }
  return false;
}

// Declarations that start a line, unindented (after `export`, `export default`, `declare`,
// `async`, `abstract`): where a top-level one stands in any formatted file.
const LINE_START = "^(?:export\\s+(?:default\\s+)?)?(?:declare\\s+)?(?:async\\s+|abstract\\s+)?";
/** `m[1]`: a declaration that only merges with an import in TypeScript; `m[2]`: the name. */
const DECLARATION = new RegExp(`${LINE_START}(?:var|let|const|using|function\\s*\\*?|class|enum|import|(interface|type|namespace|module))\\s+([\\w$]+)`, "my");
const DESTRUCTURING = new RegExp(`${LINE_START}(?:var|let|const|using)\\s*[[{]`, "my");
const IDENTIFIER = /[\w$]+/g;

/**
 * The line starts of `text` that hold a lower-case letter, in order, found
 * with `indexOf`; undefined when a line may start after anything but a `\n`
 * (a `\r` alone, U+2028, U+2029).
 */
function lowerCaseLineStarts(text: string): number[] | undefined {
  if (text.includes("\u2028") || text.includes("\u2029")) return undefined;
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== 0x0a) return undefined;
  const starts: number[] = [];
  for (let start = 0; start < text.length; start = text.indexOf("\n", start) + 1 || text.length) {
    const c = text.charCodeAt(start);
    if (c >= 0x61 && c <= 0x7a) starts.push(start);
  }
  return starts;
}

/**
 * What `text.matchAll(pattern)` gives for a multiline pattern that can only
 * match at a line start and whose first character is a lower-case letter
 * (`pattern` is sticky): the pattern is tried only at the line starts that
 * hold one (`starts`, from `lowerCaseLineStarts`) rather than by the regex
 * engine at every position (without `starts`). A match goes on to its end,
 * as matchAll's does (a line start inside it is not tried: `\s+` may cross
 * lines).
 */
function* lineStartMatches(text: string, pattern: RegExp, starts: readonly number[] | undefined): Generator<RegExpExecArray> {
  if (!starts) {
    yield* text.matchAll(new RegExp(pattern.source, "gm"));
    return;
  }
  let next = 0;
  for (const start of starts) {
    if (start < next) continue;
    pattern.lastIndex = start;
    const m = pattern.exec(text);
    if (m) {
      next = start + m[0].length;
      yield m;
    }
  }
}

/** The text from the bracket at `open` to its match (by counting brackets), or undefined when it is not found nearby. */
function bracketed(text: string, open: number): string | undefined {
  let depth = 0;
  const limit = Math.min(text.length, open + 4000);
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === "{" || ch === "[" || ch === "(") depth++;
    else if ((ch === "}" || ch === "]" || ch === ")") && --depth === 0) return text.slice(open, i + 1);
  }
  return undefined;
}

/**
 * Early errors (ECMAScript's static semantics) that Babel checks only when
 * asked, by the `reasonCode` of the error it raises:
 *
 *   return;                 IllegalReturn          a module is never a function body
 *   super();  super.x       SuperNotAllowed, UnexpectedSuper   outside a class method
 *   new.target              UnexpectedNewTarget    outside a function
 *   export { undeclared }   ModuleExportUndefined  JavaScript only (below)
 *
 * Every other early error (a name declared twice, a duplicate export, a
 * label, strict-mode rules: modules are strict) Babel raises anyway.
 *
 * The parse is strict first; when it fails on one of these alone, the file is
 * parsed again leniently and the error is kept as `earlyError`, so explain,
 * `--check` on an already sorted file and the codemods still read the file,
 * while a file safesort would change is refused (exit 2, untouched).
 * Exceptions: Astro frontmatter (`Page.astro.ts`, see frameworks/astro.ts)
 * may `return Astro.redirect(…)` at its top level; in TypeScript, Babel
 * reads `export { a }` inside `declare module "m" { … }` as undeclared, so
 * undeclared exports are left to tsc there; a legacy script (no imports, never
 * sorted) keeps CommonJS's top-level `return`.
 */
const EARLY_ERRORS = new Set(["IllegalReturn", "SuperNotAllowed", "UnexpectedSuper", "UnexpectedNewTarget", "ModuleExportUndefined"]);
const ASTRO_FRONTMATTER = /\.astro\.ts$/i;

interface ParseOptions {
  /** Only a prefix of the file: an export may name a declaration after the cut. */
  readonly partial?: boolean;
  /** Keep Babel's token list on the file (`file.tokens`): the codemod verifiers read the output's tokens from this one parse. */
  readonly tokens?: boolean;
}

/** Parse a module. Throws ParseError (path:line:col + code frame) when it cannot be parsed. */
export function parseSource(source: string, filepath: string, options: ParseOptions = {}): ParsedSource {
  const attempts = attemptsFor(filepath, source);
  let firstError: unknown;
  for (const [index, attempt] of attempts.entries()) {
    const lenient = options.tokens ? { ...attempt, tokens: true } : attempt;
    let strictError: unknown;
    try {
      return toParsed(source, parse(source, strictOptions(lenient, filepath, options)), index);
    } catch (error) {
      if (!EARLY_ERRORS.has((error as { reasonCode?: string }).reasonCode ?? "")) {
        firstError ??= error;
        continue;
      }
      strictError = error;
    }
    try {
      return { ...toParsed(source, parse(source, lenient), index), earlyError: toParseError(strictError, source, filepath) as ParseError };
    } catch (error) {
      firstError ??= error;
    }
  }
  throw toParseError(firstError, source, filepath);
}

/** The lenient options of one attempt with every early error of EARLY_ERRORS that applies to the file turned on. */
function strictOptions(lenient: ParserOptions, filepath: string, options: ParseOptions): ParserOptions {
  if (lenient.sourceType === "script") return lenient;
  const typescript = (lenient.plugins ?? []).some((p) => p === "typescript" || (Array.isArray(p) && p[0] === "typescript"));
  return {
    ...lenient,
    allowReturnOutsideFunction: ASTRO_FRONTMATTER.test(filepath),
    allowSuperOutsideMethod: false,
    allowNewTargetOutsideFunction: false,
    allowUndeclaredExports: typescript || options.partial === true,
  };
}

/**
 * The parser options to try, in order, for a file: the plugin choice above.
 * Exported for the codemod engine, which parses through recast with the same
 * choice (and its own `tokens`/`createParenthesizedExpressions` overrides).
 */
export function parserAttempts(filepath: string, source: string): ParserOptions[] {
  return attemptsFor(filepath, source);
}

function attemptsFor(filepath: string, source: string): ParserOptions[] {
  const base: ParserOptions = {
    sourceType: "module",
    sourceFilename: filepath,
    allowReturnOutsideFunction: true,
    allowNewTargetOutsideFunction: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
    attachComment: false,
    errorRecovery: false,
    createParenthesizedExpressions: true,
  };
  const dialect = dialectOf(filepath);
  if (dialect === "ts") return [{ ...base, plugins: ["typescript", ...COMMON] }];
  if (dialect === "dts") return [{ ...base, plugins: [["typescript", { dts: true }], ...COMMON] }];
  if (dialect === "tsx") return [{ ...base, plugins: ["typescript", "jsx", ...COMMON] }];
  const jsx: ParserOptions = { ...base, plugins: ["jsx", ...COMMON] };
  const flow: ParserOptions = { ...base, plugins: [["flow", { all: true }], "jsx", ...COMMON] };
  const script: ParserOptions = { ...base, sourceType: "script", plugins: ["jsx"] };
  return FLOW_PRAGMA.test(source.slice(0, 4096)) ? [flow, jsx, script] : [jsx, flow, script];
}

function toParsed(source: string, file: File, attempt: number): ParsedSource {
  const program = file.program;
  let prologueEnd = program.interpreter?.end ?? 0;
  for (const directive of program.directives) prologueEnd = Math.max(prologueEnd, directive.end ?? 0);
  const parsed: ParsedSource = { source, statements: program.body, comments: file.comments ?? [], prologueEnd, file };
  return attempt === 0 ? parsed : { ...parsed, fallback: true };
}

interface BabelError {
  message: string;
  loc?: { line: number; column: number };
}

/** A Babel error as a ParseError (path:line:col, code frame); anything else unchanged. */
export function toParseError(error: unknown, source: string, filepath: string): Error {
  const e = error as BabelError;
  if (!e || typeof e.message !== "string" || !e.loc) return error instanceof Error ? error : new Error(String(error));
  const message = e.message.replace(/\s*\(\d+:\d+\)$/, "");
  const column = e.loc.column + 1;
  return new ParseError(message, filepath, e.loc.line, column, codeFrame(source, e.loc.line, column));
}
