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
import { braceMap, isInert } from "./braces.js";
import { type OxcOptions, type OxcResult, parseModuleRecord, parseModuleRecordAsync } from "./oxc.js";
import { dialectOf } from "./parser.js";
import { mayDeclare } from "./prefix.js";

/** `declare module "m"`, `declare module N.M`, `declare global` (then the block, or `;` for a shorthand module). */
const DECLARE_BLOCK = /\bdeclare\s+(?:module|global)\b/g;
/** What may stand between the words above and the block's `{`: the module's name, or nothing. */
const BLOCK_NAME = /^\s*(?:"[^"\n\\]*"|'[^'\n\\]*'|[\w$]+(?:\s*\.\s*[\w$]+)*)?\s*$/;

/**
 * Whether a `declare module`/`declare global` block may hold imports or
 * re-exports (they are not in the module record). JavaScript has no such
 * blocks (oxc reports an error for one). In TypeScript without JSX, where
 * braces.ts reads the file, each block's own text is what counts: words in
 * comments and strings are not blocks, and the exports after a block are in
 * the record. Otherwise (TSX, a text braces.ts does not read for sure, a
 * block it cannot find), any import or re-export keyword after the first
 * such words counts.
 */
function importsInDeclareBlocks(source: string, filepath: string): boolean {
  const at = source.search(DECLARE_BLOCK);
  if (at === -1 || !mayDeclare(source.slice(at))) return false;
  const dialect = dialectOf(filepath);
  if (dialect === "js") return false;
  const map = dialect === "tsx" ? undefined : braceMap(source);
  if (!map) return true;
  DECLARE_BLOCK.lastIndex = at;
  for (let m = DECLARE_BLOCK.exec(source); m !== null; m = DECLARE_BLOCK.exec(source)) {
    if (isInert(map, m.index)) continue;
    const after = m.index + m[0].length;
    const block = map.braces.find((b) => b.open >= after);
    const name = source.slice(after, block?.open ?? source.length);
    // A shorthand `declare module "m";` has no block.
    if (/^\s*(?:"[^"\n\\]*"|'[^'\n\\]*')\s*;/.test(name)) continue;
    if (!block || !BLOCK_NAME.test(name) || mayDeclare(source.slice(block.open + 1, block.close))) return true;
  }
  return false;
}

/**
 * `statements`: where the file's top-level statements start, for the syntax
 * gate's check of `import`/`export` inside blocks (gate.ts), read for a
 * TypeScript file when `semantic` (JavaScript's are oxc's own errors), and
 * only where raw transfer gives them.
 */
export type Region = { readonly kind: "empty" } | { readonly kind: "ends"; readonly end: number; readonly statements?: readonly number[] };

/**
 * `empty`: no import with bindings and no re-export at top level (nothing to
 * sort). `ends`: the offset just past the last import or re-export.
 * `semantic`: oxc's semantic checks too (early errors: a name declared twice,
 * …), so that a region means the whole file has no error oxc knows of
 * (the syntax gate, gate.ts).
 */
export function importRegion(source: string, filepath: string, semantic = false, knownEnd?: number): Region | undefined {
  const request = regionRequest(source, filepath, semantic);
  if (!request) return undefined;
  const statements = semantic && request.lang !== "jsx";
  try {
    if (knownEnd === undefined) return regionOf(parseModuleRecord(filepath, source, request, undefined, { statements }));
    return knownRegion(parseModuleRecord(filepath, source, request, undefined, { record: false, statements }), knownEnd);
  } catch {
    return undefined;
  }
}

/**
 * importRegion, with oxc's parse on a thread of libuv's pool: the same
 * answer. `knownEnd`: the caller has proved where the last import or
 * re-export ends, and that one binds a name or re-exports (the head scanner
 * and the tail proof: pipeline/fast-path.ts); oxc is asked for its errors
 * alone, and the region ends there when it reports none.
 */
export async function importRegionAsync(source: string, filepath: string, semantic = false, knownEnd?: number): Promise<Region | undefined> {
  const request = regionRequest(source, filepath, semantic);
  if (!request) return undefined;
  const statements = semantic && request.lang !== "jsx";
  try {
    if (knownEnd === undefined) return regionOf(await parseModuleRecordAsync(filepath, source, request, undefined, { statements }));
    return knownRegion(await parseModuleRecordAsync(filepath, source, request, undefined, { record: false, statements }), knownEnd);
  } catch {
    return undefined;
  }
}

/** oxc's options for this file, or undefined when its answer would not be certain (declare blocks) or its parse not safe (nesting). */
function regionRequest(source: string, filepath: string, semantic: boolean): OxcOptions | undefined {
  if (importsInDeclareBlocks(source, filepath)) return undefined;
  if (tooDeepToParse(source)) return undefined;
  const dialect = dialectOf(filepath);
  return { lang: dialect === "js" ? "jsx" : dialect, sourceType: "module", showSemanticErrors: semantic };
}

/** The region a caller proved (`knownEnd`), when oxc found no error. */
function knownRegion(result: OxcResult | null, knownEnd: number): Region | undefined {
  return result && result.errors.length === 0 ? withStatements({ kind: "ends", end: knownEnd }, result) : undefined;
}

function withStatements(region: Region & { kind: "ends" }, result: OxcResult): Region {
  return result.statements ? { ...region, statements: result.statements } : region;
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
  return movable ? withStatements({ kind: "ends", end }, result) : { kind: "empty" };
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
export const NESTING_LIMIT = 1000;

/**
 * Whether oxc's parse of `text` may go too deep (nestingBound over the
 * limit). A text no longer than the limit never is: each step of the bound
 * takes at least one ASCII character of its own (a bracket, `?`, `:`, `<`,
 * `=`, a keyword), so the bound is at most the text's length; no pass over
 * it then (most import regions and their sorted renders).
 */
export function tooDeepToParse(text: string): boolean {
  return text.length > NESTING_LIMIT && nestingBound(text) > NESTING_LIMIT;
}

/**
 * A cheap upper bound of how deep a parser may recurse on `source`: the
 * bracket depth (`(`, `[`, `{`, `${`) plus the longest chain of nesting
 * tokens (`?`, `:`, `<`, `=`, `=>` and the words `else`, `new`, `if`,
 * `while`, `for`, `do`, `with`) not separated by `;` or `,`. One linear pass
 * over the text, strings and comments included: an over-estimate only costs
 * the fast path (semicolon-less files with long runs of type annotations,
 * ~1% of large files, take the full parse).
 *
 * A word is a run of ASCII letters, digits, `_` and `$`; one of the keywords
 * counts only as a whole run (`iffy`, `Xif`, `a$if` do not).
 *
 * The pass reads the text's UTF-8 bytes (every token above is ASCII, and a
 * character outside ASCII is a run of bytes ≥ 0x80 that, like the character,
 * is none of them and ends a word: the same bound). It runs on whole files,
 * on import regions (slices of them) and on the sorter's outputs (strings
 * built by concatenation), and V8's optimized code for a loop over a string
 * slows down about threefold for every string once it has seen all three
 * kinds (measured on the benchmark corpus's files to sort: 97 ms a pass, 285 ms
 * after a few sliced and concatenated strings; on bytes 96 ms either way,
 * encoding included).
 */
export function nestingBound(source: string): number {
  const longest = source.length * 3;
  let bytes = scratch;
  if (bytes.length < longest) {
    bytes = new Uint8Array(longest);
    if (longest <= KEEP_SCRATCH) scratch = bytes;
  }
  return nestingBoundOfBytes(bytes, ENCODER.encodeInto(source, bytes).written);
}

const ENCODER = new TextEncoder();
/** The largest buffer kept for the next call (a larger text gets one of its own). */
const KEEP_SCRATCH = 1 << 20;
let scratch = new Uint8Array(64 * 1024);

function nestingBoundOfBytes(bytes: Uint8Array, n: number): number {
  let depth = 0;
  let chain = 0;
  let max = 0;
  let i = 0;
  while (i < n) {
    const kind = CLASS[bytes[i]!]!;
    if (kind === OTHER) {
      i++;
      continue;
    }
    if (kind >= WORD) {
      // a word: skip it, counting the nesting keywords
      const start = i;
      do i++;
      while (i < n && CLASS[bytes[i]!]! >= WORD);
      if (kind === LOWER && i - start <= 5 && isNestingWord(bytes, start, i - start) && depth + ++chain > max) max = depth + chain;
      continue;
    }
    if (kind === OPEN) {
      if (++depth + chain > max) max = depth + chain;
    } else if (kind === CLOSE) depth = depth > 0 ? depth - 1 : 0;
    else if (kind === SEPARATOR) chain = 0;
    else if (kind === NESTS || (kind === QUESTION ? questionNests(bytes, i, n) : equalsNests(bytes, i, n))) {
      if (depth + ++chain > max) max = depth + chain;
    }
    i++;
  }
  return max;
}

/** `?`, but not `?.` (optional chaining) or `??`. */
function questionNests(bytes: Uint8Array, at: number, n: number): boolean {
  const next = at + 1 < n ? bytes[at + 1]! : 0;
  return next !== 0x2e && next !== 0x3f;
}

/** `=` and `=>`, not `==`, `!=`, `<=`, `>=`. */
function equalsNests(bytes: Uint8Array, at: number, n: number): boolean {
  const prev = at > 0 ? bytes[at - 1]! : 0;
  const next = at + 1 < n ? bytes[at + 1]! : 0;
  return next === 0x3e || (next !== 0x3d && prev !== 0x3d && prev !== 0x21 && prev !== 0x3c && prev !== 0x3e);
}

const OTHER = 0;
const OPEN = 1;
const CLOSE = 2;
const SEPARATOR = 3;
const QUESTION = 4;
/** `<` and `:`. */
const NESTS = 5;
const EQUALS = 6;
/** Word characters: an upper-case letter, digit, `_` or `$`; a lower-case letter (a word that starts with one may be a keyword). */
const WORD = 7;
const LOWER = 8;

/** The class of every byte (all but ASCII are OTHER). */
const CLASS = (() => {
  const table = new Uint8Array(0x100);
  const set = (chars: string, kind: number): void => {
    for (const ch of chars) table[ch.charCodeAt(0)] = kind;
  };
  set("([{", OPEN);
  set(")]}", CLOSE);
  set(";,", SEPARATOR);
  set("?", QUESTION);
  set("<:", NESTS);
  set("=", EQUALS);
  set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$", WORD);
  set("abcdefghijklmnopqrstuvwxyz", LOWER);
  return table;
})();

/** Whether the `length` bytes at `at` are one of `else`, `new`, `if`, `while`, `for`, `do`, `with`. */
function isNestingWord(bytes: Uint8Array, at: number, length: number): boolean {
  const c = bytes[at];
  const d = bytes[at + 1];
  switch (length) {
    case 2:
      return (c === 0x69 && d === 0x66) || (c === 0x64 && d === 0x6f); // if do
    case 3:
      return (c === 0x6e && d === 0x65 && bytes[at + 2] === 0x77) || (c === 0x66 && d === 0x6f && bytes[at + 2] === 0x72); // new for
    case 4:
      return c === 0x65 ? d === 0x6c && bytes[at + 2] === 0x73 && bytes[at + 3] === 0x65 : c === 0x77 && d === 0x69 && bytes[at + 2] === 0x74 && bytes[at + 3] === 0x68; // else with
    case 5:
      return c === 0x77 && d === 0x68 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x6c && bytes[at + 4] === 0x65; // while
    default:
      return false;
  }
}
