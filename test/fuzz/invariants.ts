/**
 * The fuzz property: one generated file (every import form, comments in every
 * position, every barrier kind; LF, CRLF or mixed line breaks; with or without
 * a final newline and a BOM) under one config, sorted through the public
 * `sortSource` (which handles the BOM), and judged by the independent checker
 * (its own Babel parse, no code shared with the sorter):
 *
 *   1. the sorter does not fail on a valid file, and reports no diagnostic;
 *   2. the output parses;
 *   3. barriers are byte-identical and in the same order, and no import
 *      leaves its block (same movables between consecutive barriers, same
 *      sources before each barrier);
 *   4. comments, hashbang and directives are kept (and every non-white-space
 *      character);
 *   5. the BOM is kept, line breaks keep the file's style (CRLF stays CRLF,
 *      LF stays LF, a lone CR stays a lone CR; no kind of line break the
 *      input lacks), a final newline is kept or stays missing;
 *   6. a second run is a no-op.
 *
 * Failures print the exact input (JSON keeps \r and the BOM visible) and the
 * seed/path fast-check needs to replay it.
 */
import fc from "fast-check";

import { sortSource } from "../../src/index.js";
import type { ResolvedConfig } from "../../src/types.js";
import { testConfig } from "../helpers/config.js";
import { type GeneratedFile, sourceFileArb } from "../helpers/generators.js";
import { analyze, type CheckOptions, checkSortOutput, sourcesBeforeEachBarrier } from "../helpers/independent-check.js";

const BOM = "\uFEFF";

export interface FuzzCase {
  readonly file: GeneratedFile;
  readonly bom: boolean;
  readonly config: ResolvedConfig;
}

type Overrides = Partial<ResolvedConfig>;

/** The configs users write: defaults most of the time, every option sometimes. */
export const configArb: fc.Arbitrary<ResolvedConfig> = fc
  .record({
    blankLinesBetweenGroups: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    sortReexports: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
    sortSpecifiers: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
    typeImports: fc.constantFrom<ResolvedConfig["typeImports"]>("inline", "inline", "first", "last"),
    sideEffectModules: fc.constantFrom<readonly string[]>([], [], [], ["react"], ["lodash", "@scope/*"]),
    firstParty: fc.constantFrom<readonly string[]>([], [], ["a2"], ["@scope/*"]),
  })
  .map((overrides: Overrides) => testConfig(overrides));

export const defaultConfigArb: fc.Arbitrary<ResolvedConfig> = fc.constant(testConfig());

export function caseArb(config: fc.Arbitrary<ResolvedConfig>, options: { readonly maxItems?: number } = {}): fc.Arbitrary<FuzzCase> {
  return fc.record({
    file: sourceFileArb(options),
    bom: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
    config,
  });
}

/** What the checker needs of a config: which statements it makes barriers. */
function checkOptions(filepath: string, config: ResolvedConfig): CheckOptions {
  const modules = config.sideEffectModules;
  const matches = (source: string, pattern: string): boolean =>
    pattern.endsWith("*") ? source.startsWith(pattern.slice(0, -1)) : source === pattern || source.startsWith(`${pattern}/`);
  return {
    filepath,
    sortReexports: config.sortReexports,
    isSideEffectModule: (source) => modules.some((m) => matches(source, m)),
  };
}

/** Counts per run, printed at the end: proof of what the cases covered. */
export interface FuzzStats {
  cases: number;
  changed: number;
  bom: number;
  crlf: number;
  cr: number;
  mixed: number;
  noFinalNewline: number;
}

export function emptyStats(): FuzzStats {
  return { cases: 0, changed: 0, bom: 0, crlf: 0, cr: 0, mixed: 0, noFinalNewline: 0 };
}

/** Check one case; throws with a replayable report on the first broken invariant. */
export function checkCase({ file, bom, config }: FuzzCase, stats: FuzzStats): void {
  const input = (bom ? BOM : "") + file.text;
  const fail = (what: string, output?: string): never => {
    let out = `${what}\n--- input ${file.filepath} (eol ${file.eol}, final newline ${file.finalNewline}, bom ${bom}) (JSON) ---\n${JSON.stringify(input)}\n`;
    out += `--- config ---\n${JSON.stringify(config)}\n`;
    if (output !== undefined) out += `--- output (JSON) ---\n${JSON.stringify(output)}\n--- output (text) ---\n${output}\n`;
    throw new Error(out);
  };

  const first = sortSource(input, { filepath: file.filepath, config });
  if (first.diagnostics.length > 0) fail(`sorter reported: ${first.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ")}`);
  const output = first.code;

  // 5. BOM, line breaks, final newline.
  if (output.startsWith(BOM) !== bom) fail("BOM not kept", output);
  const text = bom ? output.slice(1) : output;
  const kinds = (s: string): Set<string> => new Set([...s.matchAll(/\r\n?|\n/g)].map((m) => m[0]));
  const before = kinds(file.text);
  for (const kind of kinds(text)) if (!before.has(kind)) fail(`a line break ${JSON.stringify(kind)} appeared that the input does not have`, output);
  const bareLf = (s: string): boolean => /(^|[^\r])\n/.test(s);
  if (/\r(?!\n)/.test(text) && !/\r(?!\n)/.test(file.text)) fail("a lone CR appeared", output);
  if (file.eol === "crlf" && bareLf(text)) fail("a CRLF file got a bare LF", output);
  if (file.eol === "lf" && text.includes("\r")) fail("an LF file got a CR", output);
  if (file.eol === "cr" && text.includes("\n")) fail("a CR-only file got an LF", output);
  const endsWithBreak = (s: string): boolean => /[\r\n]$/.test(s);
  if (endsWithBreak(text) !== endsWithBreak(file.text)) fail("final newline presence changed", output);

  // 1-4. The independent check (its own parse: the output parses, barriers, blocks, comments, characters).
  const options = checkOptions(file.filepath, config);
  const problems = checkSortOutput(file.text, text, options);
  if (problems.length > 0) fail(`independent check: ${problems.join("; ")}`, output);
  const beforeBarriers = JSON.stringify(sourcesBeforeEachBarrier(analyze(file.text, options)));
  const afterBarriers = JSON.stringify(sourcesBeforeEachBarrier(analyze(text, options)));
  if (beforeBarriers !== afterBarriers) fail("an import crossed a barrier", output);

  // 6. Idempotence.
  const second = sortSource(output, { filepath: file.filepath, config });
  if (second.changed || second.code !== output) fail(`second run changed the output:\n${JSON.stringify(second.code)}`, output);

  stats.cases++;
  if (first.changed) stats.changed++;
  if (bom) stats.bom++;
  if (file.eol === "crlf") stats.crlf++;
  if (file.eol === "cr") stats.cr++;
  if (file.eol === "mixed" || file.eol === "mixed-cr") stats.mixed++;
  if (!file.finalNewline) stats.noFinalNewline++;
}

/** fast-check parameters: SAFESORT_FUZZ_SEED replays a run (with the path fast-check prints). */
export function fuzzParameters(numRuns: number): fc.Parameters<[FuzzCase]> {
  const seed = process.env.SAFESORT_FUZZ_SEED === undefined ? undefined : Number(process.env.SAFESORT_FUZZ_SEED);
  return { numRuns, ...(seed === undefined ? {} : { seed }) };
}

/** Runs per fuzz file; SAFESORT_FUZZ_RUNS overrides (the CI total is the sum over the files). */
export function fuzzRuns(fallback: number): number {
  const runs = process.env.SAFESORT_FUZZ_RUNS;
  return runs === undefined ? fallback : Number(runs);
}
