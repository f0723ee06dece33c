/**
 * Where the import region ends, from oxc-parser's module record: the exact
 * end of the last top-level import or re-export, without building a JS AST.
 * oxc is a native parser, a few times faster than a full Babel parse; we
 * use only its module record (which lists every top-level import and export
 * declaration), never its AST, so Babel stays the one parser that the sorter
 * and the verifier read.
 *
 * Undefined whenever the answer is not certain: oxc missing on this platform,
 * oxc reporting errors (Flow files, syntax errors: the full Babel parse
 * reports them), or `declare module` blocks (their imports are not in the
 * module record).
 */
import { type OxcOptions, type OxcResult, parseModuleRecord, parseModuleRecordAsync } from "./oxc.js";
import { dialectOf } from "./parser.js";
import { mayDeclare } from "./prefix.js";

/**
 * Whether a `declare module`/`declare global` block may hold imports (they
 * are not in the module record): an import or re-export keyword somewhere
 * after the first such block.
 */
function importsInDeclareBlocks(source: string): boolean {
  const at = source.search(/\bdeclare\s+(?:module|global)\b/);
  return at !== -1 && mayDeclare(source.slice(at));
}

export type Region = { readonly kind: "empty" } | { readonly kind: "ends"; readonly end: number };

/**
 * `empty`: no import with bindings and no re-export at top level (nothing to
 * sort). `ends`: the offset just past the last import or re-export.
 * `semantic`: oxc's semantic checks too (early errors: a name declared twice,
 * …), so that a region means the whole file has no error oxc knows of
 * (the syntax gate, gate.ts).
 */
export function importRegion(source: string, filepath: string, semantic = false): Region | undefined {
  const request = regionRequest(source, filepath, semantic);
  if (!request) return undefined;
  try {
    return regionOf(parseModuleRecord(filepath, source, request));
  } catch {
    return undefined;
  }
}

/** importRegion, with oxc's parse on a thread of libuv's pool: the same answer. */
export async function importRegionAsync(source: string, filepath: string, semantic = false): Promise<Region | undefined> {
  const request = regionRequest(source, filepath, semantic);
  if (!request) return undefined;
  try {
    return regionOf(await parseModuleRecordAsync(filepath, source, request));
  } catch {
    return undefined;
  }
}

/** oxc's options for this file, or undefined when its answer would not be certain (declare blocks) or its parse not safe (nesting). */
function regionRequest(source: string, filepath: string, semantic: boolean): OxcOptions | undefined {
  if (importsInDeclareBlocks(source)) return undefined;
  if (nestingBound(source) > NESTING_LIMIT) return undefined;
  const dialect = dialectOf(filepath);
  return { lang: dialect === "js" ? "jsx" : dialect, sourceType: "module", showSemanticErrors: semantic };
}

function regionOf(result: OxcResult | null): Region | undefined {
  if (!result || result.errors.length > 0) return undefined;
  let end = -1;
  let movable = false;
  for (const item of result.imports) {
    end = Math.max(end, item.end);
    movable ||= item.binds;
  }
  for (const item of result.reexports) {
    end = Math.max(end, item.end);
    movable = true;
  }
  return movable ? { kind: "ends", end } : { kind: "empty" };
}

/**
 * oxc's parser recurses natively once per nesting level with no depth guard:
 * too deep an input overflows the native stack, a SIGSEGV that no try/catch
 * stops and that kills the whole process, writes in flight included
 * (oxc-project/oxc#24375). Measured with oxc-parser 0.159 in a worker thread
 * (4 MB stack): 3,000 nested parentheses crash it, and so do 5,000-long
 * chains of `a = `, `a: `, `if (a) `, `while (a) `; `new ` at 10,000. The
 * main thread (8 MB) goes about twice as deep. Babel, in JS, fails cleanly
 * instead (a RangeError, reported as too complex). So above this bound the
 * fast path is not taken.
 */
const NESTING_LIMIT = 1000;

/** Keywords that nest what follows them (statements or expressions). */
const NESTING_WORDS = new Set(["else", "new", "if", "while", "for", "do", "with"]);

/**
 * A cheap upper bound of how deep a parser may recurse on `source`: the
 * bracket depth (`(`, `[`, `{`, `${`) plus the longest chain of nesting
 * tokens (`?`, `:`, `<`, `=`, `=>` and the words above) not separated by `;`
 * or `,`. One linear pass over the text, strings and comments included: an
 * over-estimate only costs the fast path (semicolon-less files with long
 * runs of type annotations, ~1% of large files, take the full parse).
 */
function nestingBound(source: string): number {
  let depth = 0;
  let chain = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++; // ( [ {
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = depth > 0 ? depth - 1 : 0; // ) ] }
    else if (c === 0x3b || c === 0x2c) chain = 0; // ; ,
    else if (c === 0x3f) {
      // `?`, but not `?.` (optional chaining) or `??`
      const next = source.charCodeAt(i + 1);
      if (next !== 0x2e && next !== 0x3f) chain++;
    } else if (c === 0x3c || c === 0x3a) chain++; // < :
    else if (c === 0x3d) {
      // `=` and `=>`, not `==`, `!=`, `<=`, `>=`
      const prev = source.charCodeAt(i - 1);
      const next = source.charCodeAt(i + 1);
      if (next === 0x3e || (next !== 0x3d && prev !== 0x3d && prev !== 0x21 && prev !== 0x3c && prev !== 0x3e)) chain++;
    } else if (c >= 0x61 && c <= 0x7a) {
      // a lower-case word: skip it, counting the nesting keywords
      const end = wordEnd(source, i);
      if (end - i <= 5 && !isWordChar(source.charCodeAt(i - 1)) && NESTING_WORDS.has(source.slice(i, end))) chain++;
      i = end - 1;
    } else continue;
    if (depth + chain > max) max = depth + chain;
  }
  return max;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24;
}

function wordEnd(source: string, from: number): number {
  let i = from;
  while (i < source.length && isWordChar(source.charCodeAt(i))) i++;
  return i;
}
