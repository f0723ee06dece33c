/**
 * Property tests of the import sorter's pure core over generated whole files
 * (test/helpers/generators.ts), judged by a checker that shares no code with
 * the sorter (test/helpers/independent-check.ts).
 *
 * Runs per property: SAFESORT_FC_RUNS (default 300). Replay a failure with
 * SAFESORT_FC_SEED and SAFESORT_FC_PATH, the seed and path fast-check prints
 * (run only the failing property with `-t`).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { processSource } from "../../src/pipeline/process-source.js";
import type { ResolvedConfig } from "../../src/types.js";
import { testConfig } from "../helpers/config.js";
import {
  type GeneratedFile,
  generatorStats,
  permutedPairArb,
  type ReferenceConfig,
  sortedFileArb,
  sourceFileArb,
} from "../helpers/generators.js";
import {
  analyze,
  barriersOf,
  checkCommentAttachment,
  type CheckOptions,
  checkSortOutput,
  sourcesBeforeEachBarrier,
} from "../helpers/independent-check.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);
const SEED = process.env.SAFESORT_FC_SEED === undefined ? undefined : Number(process.env.SAFESORT_FC_SEED);
const PATH = process.env.SAFESORT_FC_PATH;
const params: fc.Parameters<unknown> = {
  numRuns: RUNS,
  ...(SEED === undefined ? {} : { seed: SEED }),
  ...(PATH === undefined ? {} : { path: PATH, endOnFailure: true }),
};

// ─── Configs ────────────────────────────────────────────────────────────────

type Overrides = Pick<
  ResolvedConfig,
  "blankLinesBetweenGroups" | "sortReexports" | "sortSpecifiers" | "typeImports" | "sideEffectModules" | "firstParty" | "groups"
>;

const overridesArb: fc.Arbitrary<Overrides> = fc.record({
  blankLinesBetweenGroups: fc.boolean(),
  sortReexports: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  sortSpecifiers: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  typeImports: fc.constantFrom<ResolvedConfig["typeImports"]>("inline", "inline", "first", "last"),
  sideEffectModules: fc.constantFrom<readonly string[]>([], [], [], ["react"], ["lodash"]),
  firstParty: fc.constantFrom<readonly string[]>([], [], ["a2"], ["@scope/*"]),
  groups: fc.constantFrom<ResolvedConfig["groups"]>(testConfig().groups, testConfig().groups, [
    { name: "react", categories: [], match: ["react", "React"] },
    ...testConfig().groups,
  ]),
});

/** What the checker needs of a config: which statements it makes barriers. */
function checkOptions(file: GeneratedFile, config: ResolvedConfig): CheckOptions {
  const modules = config.sideEffectModules;
  return {
    filepath: file.filepath,
    sortReexports: config.sortReexports,
    isSideEffectModule: (source) => modules.some((m) => source === m || source.startsWith(`${m}/`)),
  };
}

// ─── Running the core ───────────────────────────────────────────────────────

interface Sorted {
  readonly status: string;
  /** The text the file would hold afterwards (the input when unchanged). */
  readonly output: string;
}

function sort(text: string, filepath: string, config: ResolvedConfig): Sorted {
  const outcome = processSource(text, filepath, config);
  if (outcome.status === "failed") {
    throw new Error(report(`status "failed": ${outcome.diagnostic.message}`, text, filepath));
  }
  return { status: outcome.status, output: outcome.status === "changed" ? outcome.output : text };
}

/** A failure message that shows the exact bytes (JSON keeps \r visible) and the text as it reads. */
function report(what: string, input: string, filepath: string, output?: string): string {
  let out = `${what}\n--- input ${filepath} (JSON) ---\n${JSON.stringify(input)}\n--- input (text) ---\n${input}\n`;
  if (output !== undefined) out += `--- output (JSON) ---\n${JSON.stringify(output)}\n--- output (text) ---\n${output}\n`;
  return out;
}

const fileAndConfig = fc.tuple(sourceFileArb(), overridesArb).map(([file, overrides]) => ({ file, config: testConfig(overrides) }));

// ─── Properties ─────────────────────────────────────────────────────────────

describe("sorter properties over generated files", () => {
  it("(a) never fails on a valid file", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        sort(file.text, file.filepath, config);
      }),
      params,
    );
  });

  it("(b) the output passes the independent check", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const { output } = sort(file.text, file.filepath, config);
        const problems = checkSortOutput(file.text, output, checkOptions(file, config));
        if (problems.length > 0) throw new Error(report(`independent check: ${problems.join("; ")}`, file.text, file.filepath, output));
      }),
      params,
    );
  });

  it("(c) a second pass changes nothing (idempotence)", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const first = sort(file.text, file.filepath, config);
        const second = sort(first.output, file.filepath, config);
        if (second.output !== first.output) {
          throw new Error(report(`second pass changed the output:\n${JSON.stringify(second.output)}`, file.text, file.filepath, first.output));
        }
      }),
      params,
    );
  });

  it("(d) no import crosses a barrier", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const { output } = sort(file.text, file.filepath, config);
        const options = checkOptions(file, config);
        const before = analyze(file.text, options);
        const after = analyze(output, options);
        const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);
        if (!same(barriersOf(before), barriersOf(after)) || !same(sourcesBeforeEachBarrier(before), sourcesBeforeEachBarrier(after))) {
          throw new Error(report("an import crossed a barrier (sources before each barrier differ)", file.text, file.filepath, output));
        }
      }),
      params,
    );
  });

  it("(e) line endings follow the file: CRLF stays CRLF, LF stays LF, CR stays CR", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const { output } = sort(file.text, file.filepath, config);
        const bareLf = /(^|[^\r])\n/.test(output);
        const cr = output.includes("\r");
        const onlyCrlf = file.text.includes("\n") && !/(^|[^\r])\n/.test(file.text);
        const onlyLf = !file.text.includes("\r");
        if (onlyCrlf && bareLf) throw new Error(report("CRLF file got a bare LF", file.text, file.filepath, output));
        if (onlyLf && cr) throw new Error(report("LF file got a CR", file.text, file.filepath, output));
        const kinds = (s: string): Set<string> => new Set([...s.matchAll(/\r\n?|\n/g)].map((m) => m[0]));
        const before = kinds(file.text);
        const extra = [...kinds(output)].filter((k) => !before.has(k));
        if (extra.length > 0) throw new Error(report(`line breaks ${JSON.stringify(extra)} appeared (CR-only or mixed file)`, file.text, file.filepath, output));
      }),
      params,
    );
  });

  it("(f) a final newline is kept, a missing one stays missing", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const { output } = sort(file.text, file.filepath, config);
        if (/[\r\n]$/.test(output) !== /[\r\n]$/.test(file.text)) {
          throw new Error(report("final newline presence changed", file.text, file.filepath, output));
        }
      }),
      params,
    );
  });

  it("(g) an already-sorted file is byte-identical after a run (reference order, and the sorter's own output)", () => {
    const referenceConfig = fc.record<ReferenceConfig>({
      blankLinesBetweenGroups: fc.boolean(),
      typeImports: fc.constantFrom<ReferenceConfig["typeImports"]>("inline", "first", "last"),
    });
    fc.assert(
      fc.property(
        referenceConfig.chain((ref) => sortedFileArb(ref).map((file) => ({ file, ref }))),
        ({ file, ref }) => {
          const config = testConfig(ref);
          const first = sort(file.text, file.filepath, config);
          if (first.status !== "unchanged") {
            throw new Error(report(`a file in the documented order was changed (config ${JSON.stringify(ref)})`, file.text, file.filepath, first.output));
          }
        },
      ),
      params,
    );
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const first = sort(file.text, file.filepath, config);
        const again = processSource(first.output, file.filepath, config);
        if (again.status !== "unchanged") {
          throw new Error(report(`the sorter's output, sorted again, is "${again.status}"`, first.output, file.filepath, "output" in again ? again.output : undefined));
        }
      }),
      params,
    );
  });

  it("(h) permuting the imports of one block does not change the output", () => {
    fc.assert(
      fc.property(permutedPairArb(), overridesArb, (pair, overrides) => {
        // A side-effect module would be a barrier, cutting the block in two.
        const config = testConfig({ ...overrides, sideEffectModules: [] });
        const a = sort(pair.a.text, pair.a.filepath, config);
        const b = sort(pair.b.text, pair.b.filepath, config);
        if (a.output !== b.output) {
          throw new Error(
            report(
              `permutation ${JSON.stringify(pair.permutation)} sorts differently:\n--- other input ---\n${pair.b.text}\n--- other output ---\n${b.output}`,
              pair.a.text,
              pair.a.filepath,
              a.output,
            ),
          );
        }
      }),
      params,
    );
  });
});

describe("the import-region fast path", () => {
  it("(j) gives the same outcome as parsing the whole file", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const fast = processSource(file.text, file.filepath, config);
        const full = processSource(file.text, file.filepath, config, { fullParse: true });
        if (JSON.stringify(fast) !== JSON.stringify(full)) {
          throw new Error(report(`fast path ${JSON.stringify(fast)}\nfull parse ${JSON.stringify(full)}`, file.text, file.filepath));
        }
      }),
      params,
    );
  });
});

describe("comment ownership over generated files", () => {
  it("(i) comments travel with their import: leading, trailing and inside the braces", () => {
    fc.assert(
      fc.property(fileAndConfig, ({ file, config }) => {
        const { output } = sort(file.text, file.filepath, config);
        const problems = checkCommentAttachment(file.text, output, checkOptions(file, config));
        if (problems.length > 0) throw new Error(report(`comment ownership: ${problems.join("; ")}`, file.text, file.filepath, output));
      }),
      params,
    );
  });
});

/**
 * Core bugs the properties above found, as concrete cases (shrunk
 * counterexamples). A bug still open goes in a `describe("known core bugs")`
 * as `it.fails`, with its trigger kept out of the generators; these are fixed.
 */
describe("regressions found by the properties", () => {
  it("an import ended by ASI that would sort last does not swallow a following `;` statement", () => {
    // Was: the block became 'import a from "a";\nimport b from "b"\n;' where `;` ends `import b`, the empty
    // statement vanished, the verifier refused the output and a valid file was reported as an internal error.
    for (const input of [
      'import b from "b"\nimport a from "a";\n;\n',
      'export * from "b"\nexport * from "a";\n;\n',
      'import b from "b"\nimport a from "a";\n\n// c\n\n;\n',
    ]) {
      const outcome = processSource(input, "/project/src/asi.ts", testConfig());
      expect(outcome.status, JSON.stringify(outcome)).not.toBe("failed");
      const output = outcome.status === "changed" ? outcome.output : input;
      expect(checkSortOutput(input, output, { filepath: "/project/src/asi.ts" })).toEqual([]);
    }
  });

  it("a blank line between groups keeps its own line breaks in a mixed-line-ending file", () => {
    // Was: { status: "changed", output: 'import a from "node:fs";\n\nimport b from "./x";\r\n' }: the blank
    // line was rebuilt from the gap's first break, so an already-sorted file changed.
    const input = 'import a from "node:fs";\n\r\nimport b from "./x";\r\n';
    expect(processSource(input, "/project/src/mixed.ts", testConfig())).toEqual({ status: "unchanged" });
  });

  it("a skip directive between an import's own text and its `;` on a later line keeps the import in place", () => {
    // Was (seed -1896747426): the directive ended a multi-line block comment after `from "node:fs"`, on
    // neither the import's first, own-text nor `;` line, so the import moved above `import a` and its
    // `;` became the terminator of `import a`; the comments inside the statement became trailing ones.
    const input =
      '// c2\nimport a from "node:fs"\n  import * as a_1 from "node:fs" /*\n   * c3\n   */ // safesort: skip\n  ; // c4\n';
    expect(processSource(input, "/project/src/skip.ts", testConfig())).toEqual({ status: "unchanged" });
    const plain = input.replace(" // safesort: skip", "");
    const moved = processSource(plain, "/project/src/skip.ts", testConfig());
    expect(moved.status).toBe("changed");
  });
});

/**
 * Open core bugs, as concrete cases that fail today (`it.fails`); each turns
 * red once the core is fixed, as a reminder to make it a plain regression test.
 */
describe("fast path regressions", () => {
  it("a binding declared again after the import region is reported as the full parse reports it", () => {
    for (const input of [
      'import b from "b";\nimport a from "a";\nlet a = 1;\n',
      'import b from "b";\nimport a from "a";\nconst { x, a } = b;\n',
      'import b from "b";\nimport $a from "a";\nfunction $a() {}\n',
    ]) {
      const outcome = processSource(input, "/project/src/redeclared.ts", testConfig());
      expect(outcome.status, input).toBe("failed");
      expect(outcome.status === "failed" && outcome.diagnostic.code).toBe("syntax-error");
      expect(outcome).toEqual(processSource(input, "/project/src/redeclared.ts", testConfig(), { fullParse: true }));
    }
  });
});

describe("the generators", () => {
  afterAll(() => {
    const rate = generatorStats.generated === 0 ? 0 : generatorStats.rejected / generatorStats.generated;
    console.log(`generated ${generatorStats.generated} files, rejected ${generatorStats.rejected} (${(rate * 100).toFixed(2)}%)`);
  });

  it("produce files that parse: the validity filter throws away fewer than 5%", () => {
    fc.assert(
      fc.property(sourceFileArb(), () => true),
      { numRuns: Math.max(RUNS, 300) },
    );
    const rate = generatorStats.rejected / generatorStats.generated;
    const reasons = [...generatorStats.reasons].map(([r, n]) => `${n}× ${r}`).join("\n");
    expect(rate, `rejections:\n${reasons}\n\nsamples:\n${generatorStats.samples.join("\n----\n")}`).toBeLessThan(0.05);
  });
});
