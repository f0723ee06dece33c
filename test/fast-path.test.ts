/**
 * The import-region fast path (oxc module record + Babel on a prefix) must
 * decide exactly what the full parse decides: same status, same output.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { importRegionOf, type ParsedSource, parseImportRegion, parseSource } from "../src/parse/parser.js";
import { lineEndAfter, mayDeclare } from "../src/parse/prefix.js";
import { importRegion } from "../src/parse/region.js";
import { processSource } from "../src/pipeline/process-source.js";

import { testConfig } from "./helpers/config.js";
import { loadFixtures } from "./helpers/fixtures.js";
import { sourceFileArb } from "./helpers/generators.js";

const config = testConfig();
const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

function expectSameDecision(source: string, filepath: string): void {
  const fast = processSource(source, filepath, config);
  const full = processSource(source, filepath, config, { fullParse: true });
  expect(fast.status).toBe(full.status);
  if (fast.status === "changed" && full.status === "changed") expect(fast.output).toBe(full.output);
}

describe("fast path agrees with the full parse", () => {
  it.each([
    ["trailing comment after the last import", 'import b from "b";\nimport a from "a"; // a\nconst x = 1;\n'],
    ["block comment after the last import", 'import b from "b";\nimport a from "a"; /* a\n */ const x = 1;\n'],
    ["no semicolons", "import b from 'b'\nimport a from 'a'\nconst x = a + b\n"],
    ["attributes on the next line", 'import b from "b";\nimport a from "./a.json"\n  with { type: "json" };\nfoo();\n'],
    ["empty statement after an ASI import", 'import c from "c"\nimport b from "b"\nimport a from "a";\n;[a, b, c].forEach(f)\n'],
    // A line comment ends at a lone CR (or U+2028) too: the `;` after it is the next token.
    ["empty statement after a line comment ended by a lone CR", 'import c from "c"\nimport b from "b"\nimport a from "a";\n// note\r;[a, b, c].forEach(f)\n'],
    ["empty statement after a line comment ended by U+2028", 'import c from "c"\nimport b from "b"\nimport a from "a";\n// note\u2028;[a, b, c].forEach(f)\n'],
    ["imports in JSDoc below the region", '/** @import { X } from "x" */\nimport b from "b";\nimport a from "a";\n/**\n * import { y } from "y";\n */\nexport function f() {}\n'],
    ["a re-export at the end", 'import b from "b";\nimport a from "a";\nexport const x = 1;\nexport { z, y } from "./z";\n'],
    ["declare module", 'import b from "b";\ndeclare module "m" {\n  import d from "d";\n  import c from "c";\n}\n'],
    ["syntax error after the imports", 'import b from "b";\nimport a from "a";\nconst = 1;\n'],
    ["only side-effect imports", 'import "b";\nimport "a";\nrun();\n'],
    ["dynamic import only", "const a = await import('a');\nexport default a;\n"],
    ["last import on the last line", 'import b from "b";\nimport a from "a";'],
    ["code on the same line after the last import", 'import b from "b";\nimport a from "a"; run();\n'],
    // The head runs on to the end of the file; the region ends at the last import's line (its plan is reused, oxc reads the region).
    ["imports up to the end of the file", 'import b from "b";\nimport a from "a";\n'],
    ["a source-map comment after the last re-export", 'export * from "./b";\nexport * from "./a";\n//# sourceMappingURL=index.js.map'],
    ["a comment line after the last import, then the end", 'import b from "b";\nimport a from "a";\n// the end\n'],
    ["a trailing comment on the last import, at the end", 'import b from "b";\nimport a from "a"; // a\n'],
  ])("%s", (_name, source) => {
    expectSameDecision(source, "/project/src/file.ts");
  });

  it("Flow types in a .js file without the pragma: sorted (the region alone would parse as JSX, differently, so it is not cut)", () => {
    const source = 'import b from "b";\nimport a from "a";\nexport function f(x: number): number {\n  return x;\n}\n';
    expectSameDecision(source, "/project/src/file.js");
    expect(processSource(source, "/project/src/file.js", config).status).toBe("changed");
  });

  it("on every fixture", () => {
    const fixtures = loadFixtures("fixtures/sort-imports");
    expect(fixtures.length).toBeGreaterThan(60);
    for (const fixture of fixtures) expectSameDecision(fixture.input, fixture.filepath);
  });

  it("on generated files", () => {
    fc.assert(
      fc.property(sourceFileArb(), (file) => expectSameDecision(file.text, file.filepath)),
      { numRuns: RUNS },
    );
  });
});

describe("the region finders", () => {
  it("mayDeclare is false only when no declaration can exist", () => {
    expect(mayDeclare("const a = import('a');\nimport.meta.url;\nexport const b = 1;\nexport default 2;\n")).toBe(false);
    expect(mayDeclare("export { a };\n")).toBe(true);
    expect(mayDeclare("export type { A } from './a';\n")).toBe(true);
    expect(mayDeclare("export * from './a';\n")).toBe(true);
    expect(mayDeclare("import a from 'a';\n")).toBe(true);
    expect(mayDeclare("import /* x */ a from 'a';\n")).toBe(true);
  });

  it("importRegionOf a whole parse is the import-region parse, on every fixture (LF and CRLF)", () => {
    const shape = (p: ParsedSource) => ({
      source: p.source,
      prologueEnd: p.prologueEnd,
      statements: p.statements.map((s) => [s.type, s.start, s.end]),
      comments: p.comments.map((c) => [c.type, c.value, c.start, c.end]),
    });
    let derived = 0;
    for (const fixture of loadFixtures("fixtures/sort-imports")) {
      for (const input of [fixture.input, fixture.input.replaceAll("\n", "\r\n")]) {
        let whole: ParsedSource;
        try {
          whole = parseSource(input, fixture.filepath);
        } catch {
          continue;
        }
        const region = importRegion(input, fixture.filepath);
        const cut = region?.kind === "ends" ? lineEndAfter(input, region.end) : undefined;
        const parsed = cut === undefined ? undefined : parseImportRegion(input, fixture.filepath, cut);
        const mine = importRegionOf(whole);
        // Derived only where the region parse is taken too, and then the same.
        if (!parsed || !mine) continue;
        derived++;
        expect(shape(mine), fixture.name).toEqual(shape(parsed));
      }
    }
    expect(derived).toBeGreaterThan(60);
  });

  it("importRegionOf gives up where the cut is not a hard boundary or a declare module follows", () => {
    const region = (text: string, file = "/x.ts") => importRegionOf(parseSource(text, file))?.source;
    expect(region('import b from "b";\nimport a from "a";\nrun();\n')).toBe('import b from "b";\nimport a from "a";');
    expect(region('import b from "b";\nimport a from "a"; run();\n')).toBeUndefined();
    expect(region('import b from "b";\nimport a from "a"\n;[a].map(b);\n')).toBeUndefined();
    expect(region('import b from "b"\nimport a from "a";\n// note\r;[a].map(b);\n')).toBeUndefined();
    expect(region('import b from "b";\nimport a from "a";')).toBeUndefined();
    expect(region('import b from "b";\ndeclare module "m" {\n  import a from "a";\n}\n')).toBeUndefined();
    expect(region("const x = 1;\n")).toBeUndefined();
  });

  it("importRegion gives the end of the last import or re-export, or says there is none", () => {
    const source = 'import a from "a";\nimport "side";\nexport { b } from "./b";\nconst c = 1;\nexport { c };\n';
    expect(importRegion(source, "/x.ts")).toEqual({ kind: "ends", end: source.indexOf("\nconst") });
    expect(importRegion('import "side";\nrun();\n', "/x.ts")).toEqual({ kind: "empty" });
    expect(importRegion("import {\n", "/x.ts")).toBeUndefined();
    expect(importRegion('declare module "m" { import a from "a"; }\n', "/x.d.ts")).toBeUndefined();
  });

  describe("declare module and declare global blocks (their imports are not in oxc's module record)", () => {
    const IMPORTS = 'import b from "b";\nimport a from "a";\n';
    const end = IMPORTS.length - 1;
    // What the region ends at, and that the sorter says the same with the region as with a whole parse.
    const regionOf = (source: string, file = "/x.ts") => {
      const config = testConfig();
      expect(processSource(source, file, config), file).toEqual(processSource(source, file, config, { fullParse: true }));
      const region = importRegion(source, file, true);
      return region?.kind === "ends" ? region.end : region?.kind;
    };

    it("reads past a block that holds no import or re-export (TypeScript: braces.ts finds its end)", () => {
      expect(regionOf(`${IMPORTS}declare module "../Schema.ts" {\n  namespace Annotations {\n    interface A { b: "}" }\n  }\n}\nexport const x = 1;\nexport default x;\n`)).toBe(end);
      expect(regionOf(`${IMPORTS}declare global {\n  interface Window { x: 1 }\n}\nexport { c } from "c";\n`)).toBe(IMPORTS.length + 'declare global {\n  interface Window { x: 1 }\n}\nexport { c } from "c";'.length);
      expect(regionOf(`${IMPORTS}declare module "m";\nexport function f() {}\n`)).toBe(end);
      expect(regionOf(`${IMPORTS}declare module N.M {\n  export const y: 1;\n}\nexport const x = 1;\n`)).toBe(end);
    });

    it("takes the words in a comment or a string for no block", () => {
      expect(regionOf(`${IMPORTS}/** Commands that declare global flags */\nexport const x = 1;\n`)).toBe(end);
      expect(regionOf(`${IMPORTS}const s = "declare module m {";\nexport const x = 1;\n`)).toBe(end);
    });

    it("gives up on a block that may hold an import or re-export, and on what braces.ts does not read", () => {
      expect(regionOf(`${IMPORTS}declare module "m" {\n  const a: "}";\n  import d from "d";\n}\n`)).toBeUndefined();
      expect(regionOf(`${IMPORTS}declare module "m" {\n  export * from "n";\n}\nexport const x = 1;\n`)).toBeUndefined();
      expect(regionOf(`${IMPORTS}declare module "m" {\n  import x = require("x");\n}\n`)).toBeUndefined();
      // A comment before the block's brace: not read as a module's name (a re-export follows, so the question is asked).
      expect(regionOf(`${IMPORTS}declare module "m" /* { */ {\n  interface A {}\n}\nexport { c } from "c";\n`)).toBeUndefined();
      // TSX: JSX text is not code to braces.ts.
      expect(regionOf(`${IMPORTS}declare global {\n  interface W {}\n}\nexport { c } from "c";\nexport const x = <p>{"}"}</p>;\n`, "/x.tsx")).toBeUndefined();
    });
  });
});
