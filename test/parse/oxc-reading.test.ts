/**
 * oxc's reading (parse/oxc-reading.ts) gives the syntax gate and the
 * verifier the very facts Babel's parse gives them: the top-level statements
 * (type, span, lines; `declare module "m"` bodies too), every comment (kind,
 * text, span, lines), the end of the prologue, the verifier's own entries
 * (which statements may move, and what each imports or exports), the names
 * the imports bind, the specifiers' spans and the planner's plan. Equal facts mean equal verdicts, whichever parser read a
 * file: on every fixture, on generated files, and on the cases below.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { planSort } from "../../src/imports/sort.js";
import { readImportRegion, readWithOxc } from "../../src/parse/oxc-reading.js";
import { importedNames, parseSource, type SourceReading } from "../../src/parse/parser.js";
import { lineEndAfter } from "../../src/parse/prefix.js";
import { importRegion } from "../../src/parse/region.js";
import type { ResolvedConfig } from "../../src/types.js";
import { readEntries } from "../../src/verify/statements.js";
import { testConfig } from "../helpers/config.js";
import { loadFixtures } from "../helpers/fixtures.js";
import { sourceFileArb } from "../helpers/generators.js";
import { RAW_TRANSFER } from "../helpers/raw-transfer.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

/** Everything the gate and the verifier read of a reading, as one comparable value. */
function facts(r: SourceReading, config: ResolvedConfig): unknown {
  const statements: unknown[] = [];
  const walk = (list: SourceReading["statements"]): void => {
    for (const s of list) {
      statements.push([s.type, s.start, s.end, s.loc!.start.line, s.loc!.end.line]);
      if (s.type === "TSModuleDeclaration" && s.id.type === "StringLiteral" && s.body?.type === "TSModuleBlock") walk(s.body.body);
    }
  };
  walk(r.statements);
  // Of the imports and re-exports (a local `export { a }` is never moved: oxc's reading leaves its names out).
  const specifiers = r.statements.flatMap((s) => ("specifiers" in s && "source" in s && s.source ? (s.specifiers ?? []).map((x) => [s.start, x.type, x.start, x.end]) : []));
  return {
    specifiers,
    // The planner's plan on this reading (where the head scanner did not plan the region, it plans on oxc's).
    plan: planSort(r, config).edits,
    statements,
    comments: r.comments.map((c) => [c.type, c.value, c.start, c.end, c.loc!.start.line, c.loc!.end.line]),
    prologueEnd: r.prologueEnd,
    entries: readEntries(r.statements, r.comments, config),
    names: [...importedNames(r)].sort(),
  };
}

/** Asserts oxc reads `text` as Babel parses it; false when Babel takes it otherwise (Flow, a legacy script, an error). */
function expectSameFacts(text: string, filepath: string, config: ResolvedConfig): boolean {
  let babel: SourceReading;
  try {
    babel = parseSource(text, filepath, { partial: true });
  } catch {
    expect(readWithOxc(text, filepath)?.ok, `oxc reads what Babel refuses:\n${text}`).not.toBe(true);
    return false;
  }
  if (babel.fallback || babel.earlyError || /@flow\b/.test(text)) return false;
  const oxc = readWithOxc(text, filepath);
  expect(oxc?.ok, `${filepath}\n${text}`).toBe(true);
  if (!oxc?.ok) return false;
  expect(oxc.reading.reader).toBe("oxc");
  expect(facts(oxc.reading, config), `${filepath}\n${text}`).toEqual(facts(babel, config));
  return true;
}

describe.runIf(RAW_TRANSFER)("oxc reads what Babel parses, fact for fact", () => {
  const config = testConfig({ sortReexports: true });

  it("on every fixture, input and expected output", () => {
    const fixtures = loadFixtures("fixtures/sort-imports");
    let compared = 0;
    for (const fixture of fixtures) {
      const cfg = testConfig({ ...fixture.options, sortReexports: true });
      for (const text of [fixture.input, fixture.expected]) if (expectSameFacts(text, fixture.filepath, cfg)) compared++;
    }
    // All but the Flow fixtures and the legacy script.
    expect(compared).toBeGreaterThan(fixtures.length * 2 - 12);
  });

  it("on generated files", () => {
    let compared = 0;
    fc.assert(
      fc.property(sourceFileArb(), (file) => {
        if (expectSameFacts(file.text, file.filepath, config)) compared++;
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 2);
  });

  it.each([
    ["a hashbang, directives and comments before the imports", 'a.js', '#!/usr/bin/env node\n/* a */\n"use client";\n// b\n\'use strict\'\n/** c */\nimport b from "b";\nimport a from "a";\n'],
    ["directives alone", "a.js", '"use client";\n"use strict";\n'],
    ["a directive on the line of an import", "a.ts", '"use client"; import b from "b";\nimport a from "a";\n'],
    ["no statement, comments only", "a.ts", "// a\n/* b */\n"],
    ["decorated exports", "a.ts", '@D()\nexport class A {}\n@E export default class B {}\nexport @F class C {}\nimport x from "x";\n'],
    ["a decorated class that is not exported", "a.ts", 'import b from "b";\n@D()\nclass A {}\nimport a from "a";\n'],
    ["every kind of re-export", "a.ts", 'export * from "a";\nexport * as ns from "b";\nexport { c, d as e } from "c";\nexport type { F } from "f";\nexport { type G, "h-i" as j } from "g";\nexport {} from "k";\nexport type * from "l";\nexport { m };\nconst m = 1;\n'],
    ["every kind of import", "a.ts", 'import a, { b as c, type d, "e-f" as g } from "a";\nimport * as ns from "ns";\nimport type T from "t";\nimport type { U } from "u";\nimport "side";\nimport {} from "empty";\nimport j from "./data.json" with { type: "json" };\nimport k = require("k");\nexport import L = N.L;\n'],
    ["import phases", "a.js", 'import defer * as a from "a";\nimport source b from "b";\nimport c from "c";\n'],
    ["imports in JavaScript (no kinds)", "a.jsx", 'import a, { b } from "a";\nexport * as c from "c";\nexport { d } from "d";\n'],
    ["declare module, declare global, namespaces", "a.d.ts", 'declare module "m" {\n  import type { B } from "./b";\n  import type { A } from "./a";\n  export const x: A & B;\n}\ndeclare module "n";\ndeclare global {\n  interface W {}\n}\nnamespace N.M {\n  export const y = 1;\n}\nimport type { C } from "./c";\n'],
    ["non-ASCII text before and between imports", "a.ts", '// é ✓ 🎉\nimport b from "b"; /* ü */\nconst s = "日本";\nimport a from "a";\n'],
    ["CR-only, CRLF and U+2028 line breaks", "a.ts", 'import b from "b";\r// c\rimport a from "a";\r\n/* x\u2028y */\nimport c from "c";\n'],
    ["U+2028 and U+2029 without a CR", "a.ts", 'import b from "b";\n/* x\u2028y */\nimport a from "a"; /* \u2029 */\nimport c from "c";\n'],
    ["semicolon-free imports and a leading `;`", "a.ts", 'import b from "b"\nimport a from "a"\n;[a, b].forEach(run)\n'],
    ["skip comments", "a.ts", 'import b from "b"; // safesort: skip\n/* safesort: skip */ import a from "a";\nimport c from "c";\n'],
  ])("%s", (_name, file, text) => {
    expect(expectSameFacts(text, `/p/src/${file}`, config)).toBe(true);
  });

  it("says where it cannot read: a syntax error, a text nested too deeply", () => {
    expect(readWithOxc('import a from "a"\nimport { from "b";\n', "/p/a.ts")).toMatchObject({ ok: false, message: expect.any(String) });
    expect(readWithOxc(`import a from "a";\nx = ${"(".repeat(2000)}1${")".repeat(2000)};\n`, "/p/a.ts")).toBeUndefined();
  });
});

describe.runIf(RAW_TRANSFER)("the import region read by oxc", () => {
  const source = 'import b from "b";\nimport a from "a";\nexport const c = 1;\n';
  const cut = source.indexOf("\nexport");

  it("is the text up to the cut, read as Babel parses it", () => {
    const region = readImportRegion(source, "/p/a.ts", cut);
    expect(region?.source).toBe(source.slice(0, cut));
    expect(facts(region!, testConfig())).toEqual(facts(parseSource(source.slice(0, cut), "/p/a.ts", { partial: true }), testConfig()));
  });

  it("is null where the region alone would not read as the whole file does (parser.ts parseImportRegion's conditions)", () => {
    // A name the imports bind, declared again after the cut.
    const redeclared = 'import b from "b";\nimport a from "a";\nconst a = 1;\n';
    expect(readImportRegion(redeclared, "/p/a.ts", redeclared.indexOf("\nconst"))).toBeNull();
    // An import without `;`, followed by a line that continues it.
    const continued = 'import b from "b"\nimport a from "a"\n;[a, b].forEach(run)\n';
    expect(readImportRegion(continued, "/p/a.ts", continued.indexOf("\n;"))).toBeNull();
  });

  it("is undefined where oxc finds an error in it (the caller asks Babel)", () => {
    const broken = 'import b from "b";\nimport { a from "a";\nrun();\n';
    expect(readImportRegion(broken, "/p/a.ts", broken.indexOf("\nrun"))).toBeUndefined();
  });
});

describe.runIf(RAW_TRANSFER)("the import region read out of the whole file's parse (region.ts, the gate's parse)", () => {
  const config = testConfig({ sortReexports: true });

  /** The region importRegion gives with its reading, against the region read alone at the same cut; false when there is none to compare. */
  function expectSameRegion(text: string, filepath: string): boolean {
    const region = importRegion(text, filepath, true);
    if (region?.kind !== "ends") return false;
    const cut = lineEndAfter(text, region.end);
    if (cut === undefined) return false;
    const alone = readImportRegion(text, filepath, cut);
    if (!region.reading) return false;
    expect(region.reading.cut).toBe(cut);
    const whole = region.reading.value;
    if (whole === null || alone == null) {
      expect(whole, `${filepath}\n${text}`).toBe(alone === undefined ? whole : alone);
      return alone !== undefined;
    }
    expect(whole.source).toBe(alone.source);
    expect(facts(whole, config), `${filepath}\n${text}`).toEqual(facts(alone, config));
    return true;
  }

  it("gives what reading the region alone gives, on every fixture and on generated files", () => {
    let compared = 0;
    const fixtures = loadFixtures("fixtures/sort-imports");
    for (const fixture of fixtures) for (const text of [fixture.input, fixture.expected]) if (expectSameRegion(text, fixture.filepath)) compared++;
    expect(compared).toBeGreaterThan(fixtures.length);
    let generated = 0;
    fc.assert(
      fc.property(sourceFileArb(), (file) => {
        if (expectSameRegion(file.text, file.filepath)) generated++;
      }),
      { numRuns: RUNS },
    );
    expect(generated).toBeGreaterThan(RUNS / 4);
  });

  it("is left out where a comment or a statement runs across the cut (the region is then read alone)", () => {
    // The cut is the end of the last import's line: inside the comment, inside the call.
    for (const text of ['import b from "b"; /* a comment\nthat goes on */\nrun();\n', 'import b from "b"; run(\n  1,\n);\n']) {
      const region = importRegion(text, "/p/a.ts", true);
      expect(region, text).toMatchObject({ kind: "ends" });
      expect(region, text).not.toHaveProperty("reading");
      expect(readImportRegion(text, "/p/a.ts", lineEndAfter(text, text.indexOf(";") + 1)!), text).toBeUndefined();
    }
  });

  it("is null under readImportRegion's conditions (a name declared again, an import continued on the next line)", () => {
    expect(importRegion('import b from "b";\nimport a from "a";\nlet a = 1;\n', "/p/a.js", true)).toBeUndefined(); // oxc's own error in JavaScript
    expect(importRegion('import b from "b";\nimport a from "a";\nclass a {}\n', "/p/a.ts", true)).toMatchObject({ reading: { value: null } });
    expect(importRegion('import b from "b"\nimport a from "a"\n;[a, b].forEach(run)\n', "/p/a.ts", true)).toMatchObject({ reading: { value: null } });
  });
});
