/**
 * The pure core for one file: `(source, path, config) → outcome`. Parse once,
 * plan the sort, splice, verify. Never throws: a syntax error is a `failed`
 * outcome with its location, a verification failure is an internal error and
 * nothing is written. A file that would change must have no syntax or early
 * error (`return` at the top level, a name declared twice, …) anywhere: else
 * it fails with that error's location. Either oxc found none in the whole file
 * (the syntax gate, parse/gate.ts) and its import region alone is read (by
 * oxc, or by Babel where oxc cannot), or Babel parses it whole.
 */
import { applyEdits, type Edit } from "../edit/apply.js";
import { SafesortError } from "../errors.js";
import { frameworkLocator, processFrameworkSource } from "../frameworks/index.js";
import { planSort } from "../imports/sort.js";
import { oxcMayMissAnError } from "../parse/gate.js";
import { readImportRegion, readWithOxc } from "../parse/oxc-reading.js";
import { importRegionOf, type ParsedSource, parseImportRegion, parseSource, type SourceReading } from "../parse/parser.js";
import { lineEndAfter, mayDeclare } from "../parse/prefix.js";
import { importRegion, type Region } from "../parse/region.js";
import type { ResolvedConfig, SourceOutcome } from "../types.js";
import { verifyOutput } from "../verify/verify.js";

import { type HeadReading, readHead } from "./fast-path.js";

/** Options of the core: a parse already made, and hooks for tests (e.g. break the render on purpose to prove the verifier refuses it). */
export interface CoreInternals {
  /**
   * A whole-file parse of this very text made by a caller that had to parse
   * it anyway (the codemod verifier parses its output): the sorter plans on
   * it instead of parsing again. Ignored unless its text is the source's.
   * The sorter's own verifier still parses its render independently.
   */
  readonly parsed?: ParsedSource;
  readonly afterRender?: (output: string) => string;
  /**
   * Always parse the whole file: no proof from the head alone, no
   * import-region parse (`--strict`; tests compare it with the fast paths).
   */
  readonly fullParse?: boolean;
  /**
   * `readHead(source, filepath, config)` computed ahead by the caller (a run
   * reads the head before it waits for oxc: process-file.ts); used as the
   * head proof would be, unless `fullParse`. Present, even when undefined, it
   * replaces that call.
   */
  readonly head?: HeadReading | undefined;
  /**
   * `importRegion(source, filepath, true)` computed ahead by the caller (a
   * run parses it off the main thread: process-file.ts). Present, even when
   * undefined, it replaces that call.
   */
  readonly region?: Region | undefined;
  /**
   * The verifier reads the input and the output with oxc (oxc-reading.ts),
   * as it does on the fast path, whatever parsed the input: for tests that
   * break the render (`afterRender`), which take the whole parse.
   */
  readonly verifyWithOxc?: boolean;
}

const SKIP_FILE = /safesort:\s*skip-file\b/;
/** Flow files take Babel's whole parse: oxc reads them as plain JavaScript. */
const FLOW_PRAGMA = /@(?:no)?flow\b/;

/**
 * The parser (and the verifier's re-parse) recurse once per nesting level;
 * a few thousand nested brackets exhaust the stack. Not a bug in safesort and
 * not a syntax error: a known limit, reported without a stack.
 */
const TOO_DEEP = "nested too deeply to parse (the parser ran out of stack); left untouched";

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /maximum call stack size exceeded/i.test(error.message);
}

export function processSource(source: string, filepath: string, config: ResolvedConfig, internals: CoreInternals = {}): SourceOutcome {
  // Framework files (.vue, .svelte, .astro): this same core, once per script block.
  const locate = frameworkLocator(filepath);
  if (locate) return processFrameworkSource(source, filepath, locate, (text, path) => processSource(text, path, config, { ...internals, parsed: undefined }));
  try {
    const planned = planSource(source, filepath, config, internals);
    if ("outcome" in planned) return planned.outcome;
    const { first, parsed, edits } = planned;
    if (edits.length === 0 && !internals.afterRender) return { status: "unchanged" };
    // A file that will be written must be valid as a whole, early errors included
    // (parser.ts EARLY_ERRORS): oxc found no error in all of it (the gate), or Babel parses all of it.
    const gated = planned.oxcClean && first.source !== source && !first.earlyError && !oxcMayMissAnError(source, filepath, first, planned.statements);
    const whole = first.source === source || gated ? first : parseSource(source, filepath);
    if (whole.earlyError) throw whole.earlyError;
    // Sort and verify the parsed text (the import region, or all of it); the rest follows byte for byte.
    const text = parsed.source;
    let sorted = applyEdits(text, edits);
    if (internals.afterRender) sorted = internals.afterRender(sorted);
    const output = sorted + source.slice(text.length);
    if (output === source) return { status: "unchanged" };
    const problem = verifyOutput({ parsed: internals.verifyWithOxc ? oxcReadingOf(parsed, filepath) : parsed }, sorted, filepath, config, source.slice(text.length));
    if (problem) {
      return {
        status: "failed",
        diagnostic: { code: "internal-error", message: `internal error, refusing to write (${problem})`, path: filepath },
      };
    }
    return { status: "changed", output };
  } catch (error) {
    if (error instanceof SafesortError) return { status: "failed", diagnostic: error.toDiagnostic() };
    if (isStackOverflow(error)) return { status: "failed", diagnostic: { code: "too-complex", message: TOO_DEEP, path: filepath } };
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      status: "failed",
      diagnostic: { code: "internal-error", message: `internal error, refusing to write (${e.message})`, path: filepath, stack: e.stack },
    };
  }
}

/** `parsed` read again by oxc (the `verifyWithOxc` test hook). */
function oxcReadingOf(parsed: SourceReading, filepath: string): SourceReading {
  if (parsed.reader === "oxc") return parsed;
  const read = readWithOxc(parsed.source, filepath);
  if (!read?.ok) throw new Error(`verifyWithOxc: oxc cannot read this input${read ? `: ${read.message}` : ""}`);
  return read.reading;
}

/**
 * Whether `processSource(source, filepath, config)` would say "unchanged",
 * without what it does only for a file it changes: when the plan moves
 * something, the answer is no, with no whole-file parse for early errors,
 * no render and no verification (a codemod asks this of every file it
 * changes, to keep sorted files sorted). Any doubt defers to processSource.
 */
export function importsSorted(source: string, filepath: string, config: ResolvedConfig): boolean {
  if (frameworkLocator(filepath)) return processSource(source, filepath, config).status === "unchanged";
  try {
    const planned = planSource(source, filepath, config, {});
    if ("outcome" in planned) return planned.outcome.status === "unchanged";
    const { parsed, edits } = planned;
    if (edits.length === 0) return true;
    // Edits that render the same text (none known) leave the verdict to the whole path.
    if (applyEdits(parsed.source, edits) === parsed.source) return processSource(source, filepath, config).status === "unchanged";
    return false;
  } catch {
    // A syntax error or a file too deep to parse: processSource fails it, which is not "unchanged".
    return false;
  }
}

/**
 * The plan of one script (the edits of `parsed.source`), or the outcome
 * decided before one was needed. `oxcClean`: `first` is the import region,
 * from a file in which oxc, its semantic checks on, found no error (the
 * syntax gate's first half).
 */
type Planned =
  | { readonly outcome: SourceOutcome }
  | {
      readonly first: SourceReading;
      readonly parsed: SourceReading;
      readonly edits: readonly Edit[];
      readonly oxcClean: boolean;
      /** Where oxc saw the file's top-level statements start, when it read them (region.ts). */
      readonly statements: readonly number[] | undefined;
    };

/**
 * The route to a plan, shared by processSource and importsSorted: the head
 * proof, the import-region parse or the whole parse, skip-file. Throws what
 * the parser throws.
 */
function planSource(source: string, filepath: string, config: ResolvedConfig, internals: CoreInternals): Planned {
  // Keywords cannot be written with escapes: no `import`/`export` that could
  // start a declaration means nothing to sort.
  if (!mayDeclare(source)) return { outcome: { status: "unchanged" } };
  const fast = !internals.fullParse && !internals.afterRender;
  const head = !fast ? undefined : "head" in internals ? internals.head : readHead(source, filepath, config);
  // Provably sorted from its head: no parser at all (a syntax error further down goes unreported).
  if (head?.verdict === "sorted") return { outcome: { status: "unchanged" } };
  // (`includes` first: a plain search, far cheaper than the regex over the whole text.)
  const skipFile = source.includes("safesort:") && SKIP_FILE.test(source);
  const given = internals.parsed?.source === source ? internals.parsed : undefined;
  // The import region, from oxc's module record (its semantic checks on: for a
  // file that will change, that parse is the syntax gate), read alone (parseRegion).
  const oxc = fast && !skipFile && !given ? ("region" in internals ? internals.region : importRegion(source, filepath, true)) : undefined;
  const flow = FLOW_PRAGMA.test(source.slice(0, 4096));
  const region = oxc ? parseRegion(source, filepath, oxc, flow) : undefined;
  if (region === "empty") return { outcome: { status: "unchanged" } };
  const first = given ?? region ?? parseSource(source, filepath);
  if (skipFile && first.comments.some((c) => SKIP_FILE.test(c.value))) {
    return { outcome: { status: "skipped", reason: "safesort: skip-file" } };
  }
  // Parsed whole: plan, render and verify its import region alone when it has a
  // clear end (as the region parse would have given), the rest following byte for byte.
  const parsed = fast && first.reader !== "oxc" && first.source === source ? (importRegionOf(babelParse(first)) ?? first) : first;
  // The head's plan is the planner's on the head scanner's reading of this same text
  // (its cut is where the region parse cut): no second plan. The verifier reads
  // input and output with one parser (oxc there, else Babel), not the head scanner.
  const reuse = head?.verdict === "unsorted" && first === region && !first.fallback && plansRegion(head, parsed.source.length);
  const edits = reuse ? head.edits : planSort(parsed, config).edits;
  const statements = oxc?.kind === "ends" ? oxc.statements : undefined;
  return { first, parsed, edits, oxcClean: region !== undefined && !flow, statements };
}

/**
 * The import region (oxc's `region`, semantic checks on) parsed alone when
 * that is provably equivalent (see parse/prefix.ts), "empty" when there is
 * nothing to sort, undefined when the whole file must be parsed. oxc reads
 * it (oxc-reading.ts), and the verifier then reads the output with oxc too.
 * The planner plans on that reading where the head scanner did not plan this
 * very region (plansRegion): oxc's reading gives it Babel's statements,
 * specifiers and comments, and test/parse/oxc-reading.test.ts holds its plan
 * equal to the plan on Babel's parse. Babel reads the region for a Flow file
 * or where oxc cannot read it.
 */
function parseRegion(source: string, filepath: string, region: Region | undefined, flow: boolean): SourceReading | "empty" | undefined {
  if (!region) return undefined;
  if (region.kind === "empty") return "empty";
  const cut = lineEndAfter(source, region.end);
  if (cut === undefined) return undefined;
  if (!flow) {
    // Read out of the gate's own parse where it could be; else the region alone.
    const read = region.reading?.cut === cut ? region.reading.value : readImportRegion(source, filepath, cut);
    if (read !== undefined) return read ?? undefined;
  }
  return parseImportRegion(source, filepath, cut);
}

/**
 * Whether the head scanner's plan is the plan of the region `[0, cut)`: it
 * read the same text, up to the cut or on to the end of the file (a line
 * break or a comment after the last import, which the region leaves to the
 * rest) with every edit inside the region.
 */
function plansRegion(head: Extract<HeadReading, { verdict: "unsorted" }>, cut: number): boolean {
  return head.cut === cut || (head.cut > cut && head.edits.every((edit) => edit.end <= cut));
}

/** Babel's parse of the whole file, for importRegionOf (a region oxc read is never cut again). */
function babelParse(parsed: SourceReading): ParsedSource {
  if (!("file" in parsed)) throw new Error("internal error: a region read by oxc reached the planner");
  return parsed as ParsedSource;
}
