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
import { tooDeepToParse } from "./nesting.js";
import type { RawResult } from "./oxc-raw.js";
import { readRegionOfWhole } from "./oxc-reading.js";
import { type OxcOptions, type OxcResult, parseModuleRecord, parseModuleRecordAsync, type Reading } from "./oxc.js";
import { dialectOf, type SourceReading } from "./parser.js";
import { lineEndAfter, mayDeclare } from "./prefix.js";

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
export type Region =
  | { readonly kind: "empty" }
  | {
      readonly kind: "ends";
      readonly end: number;
      readonly statements?: readonly number[];
      /**
       * The import region (up to `cut`, the end of the line where it ends)
       * read out of this same parse, as oxc-reading.ts readImportRegion
       * reads it alone (null: its conditions fail); where raw transfer gave
       * the parse, and no statement or comment runs across the cut.
       */
      readonly reading?: { readonly cut: number; readonly value: SourceReading | null };
    };

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
  const reading = regionReading(source, filepath, semantic, request, knownEnd);
  try {
    return reading.region(parseModuleRecord(filepath, source, request, undefined, reading));
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
  const reading = regionReading(source, filepath, semantic, request, knownEnd);
  try {
    return reading.region(await parseModuleRecordAsync(filepath, source, request, undefined, reading));
  } catch {
    return undefined;
  }
}

/**
 * What to read of oxc's parse for the region (the module record unless the
 * end is known; the statements' starts for the gate), and the region from
 * what was read. With the semantic checks on (the parse of a file that will
 * change), the import region itself is read out of the same AST, before its
 * buffer goes back, so that the planner and the verifier need no parse of
 * the region alone (Region `reading`).
 */
function regionReading(source: string, filepath: string, semantic: boolean, request: OxcOptions, knownEnd: number | undefined): Reading & { region(result: OxcResult | null): Region | undefined } {
  const regionFrom = (result: OxcResult | null): Region | undefined => (knownEnd === undefined ? regionOf(result) : knownRegion(result, knownEnd));
  let read: Region | undefined;
  return {
    record: knownEnd === undefined,
    statements: semantic && request.lang !== "jsx",
    whole: semantic ? (raw, result) => void (read = withReading(regionFrom(result), raw, source, filepath)) : undefined,
    region: (result) => read ?? regionFrom(result),
  };
}

/** `region` with the import region read out of the whole file's AST (oxc-reading.ts readRegionOfWhole), where that reads it. */
function withReading(region: Region | undefined, raw: RawResult, source: string, filepath: string): Region | undefined {
  if (region?.kind !== "ends") return region;
  const cut = lineEndAfter(source, region.end);
  if (cut === undefined) return region;
  try {
    const value = readRegionOfWhole(raw, source, filepath, cut);
    return value === undefined ? region : { ...region, reading: { cut, value } };
  } catch {
    // What the reading throws (a bug) is thrown again where the region is read alone.
    return region;
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
