/**
 * The differential check of the head proof (src/pipeline/fast-path.ts): it
 * may only say "sorted" when the full parse says "unchanged". The one allowed
 * exception is the documented contract: a syntax error after the import
 * region of a sorted file may go unreported. And an unsorted head's plan,
 * which processSource applies without planning again, must be the planner's
 * plan on Babel's parse of the same text.
 */
import fc from "fast-check";

import { planSort } from "../../src/imports/sort.js";
import { scanHead } from "../../src/parse/head.js";
import { type ParsedSource, parseSource } from "../../src/parse/parser.js";
import { importRegion } from "../../src/parse/region.js";
import { lineStarts } from "../../src/parse/text.js";
import { provablySorted, readHead } from "../../src/pipeline/fast-path.js";
import { processSource } from "../../src/pipeline/process-source.js";
import type { ResolvedConfig } from "../../src/types.js";
import { configArb } from "../fuzz/invariants.js";

import { testConfig } from "./config.js";
import { loadFixtures } from "./fixtures.js";
import { sortedFileArb, sourceFileArb } from "./generators.js";

export interface Sample {
  readonly source: string;
  readonly filepath: string;
  readonly config: ResolvedConfig;
  readonly name: string;
}

/** What the head proof said, and whether the full parse disagrees (a message) or not. */
export interface Verdict {
  readonly proved: boolean;
  readonly disagreement?: string;
}

export function judge(sample: Sample): Verdict {
  const { source, filepath, config } = sample;
  const plan = planDisagreement(sample);
  if (plan) return { proved: false, disagreement: plan };
  if (!provablySorted(source, filepath, config)) return { proved: false };
  const full = processSource(source, filepath, config, { fullParse: true });
  if (full.status === "unchanged") return { proved: true };
  if (full.status === "failed" && afterHead(source, filepath, full.diagnostic)) return { proved: true };
  const detail = full.status === "failed" ? `${full.diagnostic.code}: ${full.diagnostic.message}` : full.status;
  return { proved: true, disagreement: `the head proof says sorted, the full parse says ${detail}` };
}

/**
 * An unsorted head's plan (the edits processSource applies instead of
 * planning again) against the planner's plan on Babel's parse of the same
 * text: undefined when they agree, or when there is nothing to compare (the
 * head is not "unsorted", or Babel rejects that text, so processSource does
 * not use the head's plan either).
 */
export function planDisagreement({ source, filepath, config }: Sample): string | undefined {
  const head = readHead(source, filepath, config);
  if (head?.verdict !== "unsorted") return undefined;
  let parsed: ParsedSource;
  try {
    parsed = parseSource(source.slice(0, head.cut), filepath, { partial: true });
  } catch {
    return undefined;
  }
  if (parsed.fallback) return undefined;
  // Where the head says the file's imports end, oxc's module record must say the same (or report an error).
  if (head.importsEnd !== undefined) {
    const region = importRegion(source, filepath, true);
    if (region && (region.kind !== "ends" || region.end !== head.importsEnd)) {
      return `the head says the imports end at ${head.importsEnd}, oxc's module record says ${JSON.stringify(region)}`;
    }
  }
  const edits = planSort(parsed, config).edits;
  if (JSON.stringify(edits) === JSON.stringify(head.edits)) return undefined;
  return `the head's plan ${JSON.stringify(head.edits)} is not the planner's on Babel's parse ${JSON.stringify(edits)}`;
}

/** Whether the head says "unsorted" (and so carries a plan). */
export function headPlans({ source, filepath, config }: Sample): boolean {
  return readHead(source, filepath, config)?.verdict === "unsorted";
}

/** A syntax error (or too deep a nesting) located after the head's region: the documented exception. */
function afterHead(source: string, filepath: string, diagnostic: { code: string; line?: number; column?: number }): boolean {
  if (diagnostic.code === "too-complex") return true;
  if (diagnostic.code !== "syntax-error" || diagnostic.line === undefined) return false;
  const head = scanHead(source, /\.[cm]?tsx?$/.test(filepath));
  const offset = lineStarts(source)[diagnostic.line - 1]! + (diagnostic.column ?? 1) - 1;
  return head !== undefined && offset > head.end;
}

/** CRLF for every line break (`\n` → `\r\n`, existing `\r\n` kept). */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

/** Every fixture's input and expected output, LF and CRLF, each under its own options. */
export function fixtureSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const fixture of loadFixtures("fixtures/sort-imports")) {
    const config = testConfig(fixture.options);
    const texts = fixture.hasOutput ? [fixture.input, fixture.expected] : [fixture.input];
    for (const [i, text] of texts.entries()) {
      const role = i === 0 ? "input" : "output";
      samples.push({ source: text, filepath: fixture.filepath, config, name: `${fixture.name} (${role})` });
      if (!text.includes("\r")) samples.push({ source: toCrlf(text), filepath: fixture.filepath, config, name: `${fixture.name} (${role}, CRLF)` });
    }
  }
  return samples;
}

/**
 * Hand-written neighbours of sorted files that the full parse changes: a
 * proof that misreads the head or skips part of the tail says "sorted" on
 * one of them (the mutation check relies on them).
 */
export function edgeSamples(): Sample[] {
  const ts = "/p/src/edge.ts";
  const config = testConfig();
  const cases: [string, string, ResolvedConfig?][] = [
    ["imports after code", 'import a from "a";\nrun();\nimport c from "c";\nimport b from "b";\n'],
    ["imports after code, each after a block comment", 'import a from "a";\nrun();\n/* c */ import c from "c";\n/* b */ import b from "b";\n'],
    ["names to sort after code", 'import a from "a";\nconst t = 1;\nimport { c, b } from "c";\n'],
    ["re-exports after code", 'import a from "a";\nrun();\nexport { c } from "./c";\nexport { b } from "./b";\n'],
    ["export * after code", 'import a from "a";\nrun();\nexport * from "./c";\nexport * from "./b";\n'],
    ["re-exports after code, comments in the braces", 'import a from "a";\nrun();\nexport { /* c */ c } from "./c";\nexport { /* b */ b } from "./b";\n'],
    ["export * after code, comments after the word", 'import a from "a";\nrun();\nexport /* c */ * from "./c";\nexport /* b */ * from "./b";\n'],
    ["a type import first, types last", 'import type { A } from "a";\nimport { b } from "b";\nrun(b);\n', testConfig({ typeImports: "last" })],
    ["a value import first, types first", 'import { a } from "a";\nimport type { B } from "b";\nrun(a);\n', testConfig({ typeImports: "first" })],
  ];
  return cases.map(([name, source, c]) => ({ source, filepath: ts, config: c ?? config, name }));
}

/**
 * Generated samples: an arbitrary file, the same file once sorted by the full
 * path (so that the proof has sorted heads to try), and a file generated
 * sorted, each under a varied config.
 */
export function generatedSampleArb(): fc.Arbitrary<Sample[]> {
  const referenceConfig = fc.record({
    blankLinesBetweenGroups: fc.boolean(),
    typeImports: fc.constantFrom<"first" | "last" | "inline">("first", "last", "inline"),
  });
  return fc
    .tuple(sourceFileArb(), configArb, referenceConfig.chain((rc) => fc.tuple(fc.constant(rc), sortedFileArb(rc))))
    .map(([file, config, [rc, sorted]]) => {
      const out: Sample[] = [{ source: file.text, filepath: file.filepath, config, name: "generated" }];
      const full = processSource(file.text, file.filepath, config, { fullParse: true });
      if (full.status === "changed") out.push({ source: full.output, filepath: file.filepath, config, name: "generated, sorted" });
      const sortedConfig = testConfig({ blankLinesBetweenGroups: rc.blankLinesBetweenGroups, typeImports: rc.typeImports });
      out.push({ source: sorted.text, filepath: sorted.filepath, config: sortedConfig, name: "generated sorted" });
      return out;
    });
}
