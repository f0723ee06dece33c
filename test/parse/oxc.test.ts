/**
 * parse/oxc.ts calls oxc-parser's binding directly, reading only its errors
 * and module record. It must answer exactly what the package's own
 * `parseSync` answers, and the AST JSON it leaves in native memory must be
 * released by `releaseNativeMemory()` (and bounded without it).
 */
import { fileURLToPath } from "node:url";

import { parseSync } from "oxc-parser";
import { describe, expect, it } from "vitest";

import { nativeMemoryDue, parseModuleRecord, parseModuleRecordAsync, releaseNativeMemory, type Transport } from "../../src/parse/oxc.js";
import { loadFixtures } from "../helpers/fixtures.js";
import { RAW_TRANSFER } from "../helpers/raw-transfer.js";

const OPTIONS = { sourceType: "module", showSemanticErrors: true } as const;

function langOf(path: string): "ts" | "tsx" | "jsx" {
  return /\.[cm]?ts$/.test(path) ? "ts" : /\.tsx$/.test(path) ? "tsx" : "jsx";
}

/** The package's own answer, reduced to what oxc.ts reads: error messages, import spans (binding or not), spans of declarations exporting from another module. */
function expected(path: string, text: string, options: typeof OPTIONS & { lang: "ts" | "tsx" | "jsx" }): unknown {
  const { errors, module } = parseSync(path, text, options);
  return {
    errors: errors.map((e) => e.message),
    imports: module.staticImports.map((i) => ({ start: i.start, end: i.end, binds: i.entries.length > 0 })),
    reexports: module.staticExports.filter((e) => e.entries.some((x) => x.moduleRequest)).map((e) => ({ start: e.start, end: e.end })),
  };
}

describe("oxc module record without the AST", () => {
  const inputs: { path: string; text: string }[] = loadFixtures(fileURLToPath(new URL("../../fixtures/sort-imports", import.meta.url))).map((f) => ({ path: f.filepath, text: f.input }));
  inputs.push(
    { path: "/x.ts", text: 'import a from "a";\nconst a = 1;\n' },
    { path: "/x.js", text: "import {\n" },
    { path: "/x.tsx", text: 'export { x } from "x";\nexport const y = <div />;\n' },
    { path: "/x.js", text: 'return 1;\nimport b from "b";\n' },
    { path: "/x.js", text: 'import "side";\nimport { a } from "./a";\nexport { a };\nexport const b = "é€😀";\nexport * from "c";\n' },
  );

  for (const transport of ["json", "raw"] as Transport[]) {
    it(`gives the package's errors and module record, on every fixture and on broken code (${transport} transport)`, async () => {
      let withErrors = 0;
      for (const { path, text } of inputs) {
        const options = { ...OPTIONS, lang: langOf(path) };
        const mine = parseModuleRecord(path, text, options, transport);
        const later = await parseModuleRecordAsync(path, text, options, transport);
        if (transport === "raw" && !RAW_TRANSFER) {
          expect(mine, path).toBeNull();
          expect(later, path).toBeNull();
          continue;
        }
        expect(mine, path).toEqual(expected(path, text, options));
        expect(later, path).toEqual(mine);
        // Asked for the errors alone: the same errors, no record read.
        expect(await parseModuleRecordAsync(path, text, options, transport, { record: false }), path).toEqual({ errors: mine!.errors, imports: [], reexports: [] });
        if (mine!.errors.length > 0) withErrors++;
      }
      expect(inputs.length).toBeGreaterThan(50);
      if (transport === "json" || RAW_TRANSFER) expect(withErrors).toBeGreaterThanOrEqual(3);
    });
  }

  it("answers parses started at once each with its own file's answer (several run together, each in its own buffer)", async () => {
    const options = { ...OPTIONS, lang: "ts" as const };
    const texts = Array.from({ length: 24 }, (_, i) =>
      i % 5 === 4 ? `import a${i} from "a${i}";\nconst x = ;\n` : `${Array.from({ length: i + 1 }, (_, j) => `import { x${j} } from "x";\n`).join("")}export const y${i} = [${"1, ".repeat(i * 500)}];\nexport * from "z${i}";\n`,
    );
    const all = await Promise.all(texts.map((text, i) => parseModuleRecordAsync(`/x${i}.ts`, text, options)));
    all.forEach((answer, i) => expect(answer, `file ${i}`).toEqual(expected(`/x${i}.ts`, texts[i]!, options)));
    expect(all.filter((a) => a!.errors.length > 0)).toHaveLength(4);
  });

  it.runIf(RAW_TRANSFER)("reads where top-level statements start, in UTF-16 offsets, when asked (a decorated export at its `export`)", async () => {
    const options = { ...OPTIONS, lang: "ts" as const };
    const text = 'import a from "a";\nconst s = "é€😀";\nif (a) {\n  f();\n}\n@dec()\nexport class C {}\nexport { s };\n';
    const want = [0, 19, 37, text.indexOf("export class"), text.indexOf("export {")];
    expect(parseModuleRecord("/x.ts", text, options, undefined, { statements: true })?.statements).toEqual(want);
    expect((await parseModuleRecordAsync("/x.ts", text, options, undefined, { record: false, statements: true }))?.statements).toEqual(want);
    expect(parseModuleRecord("/x.ts", text, options)?.statements).toBeUndefined();
    // The JSON transport has no AST to read them from.
    expect(parseModuleRecord("/x.ts", text, options, "json", { statements: true })?.statements).toBeUndefined();
  });

  it("a file with thousands of imports takes the JSON transport (raw transfer's arena would overflow and abort the process)", async () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `import { a${i}, b${i} as c${i} } from "pkg-${"x".repeat(40)}-${i}";`).join("\n") + "\nexport {};\n";
    const options = { ...OPTIONS, lang: "ts" as const };
    const want = expected("/x.ts", text, options);
    expect(parseModuleRecord("/x.ts", text, options)).toEqual(want);
    expect(await parseModuleRecordAsync("/x.ts", text, options)).toEqual(want);
  });

  it("takes raw transfer by default where the running Node has it", async () => {
    const options = { ...OPTIONS, lang: "ts" as const };
    const source = `import a from "a";\nexport const x = [${"1, ".repeat(20_000)}];\n`;
    await releaseNativeMemory();
    parseModuleRecord("/x.ts", source, options);
    // The JSON transport counts what it leaves in native memory; raw transfer leaves nothing.
    expect(nativeMemoryDue()).toBe(false);
    for (let i = 0; i < 30; i++) parseModuleRecord("/x.ts", source, options);
    expect(nativeMemoryDue()).toBe(!RAW_TRANSFER);
  });

  it("loads the JSON binding with mimalloc's purge delay set for the load only", () => {
    parseModuleRecord("/x.ts", 'import a from "a";\n', { ...OPTIONS, lang: "ts" }, "json");
    // A child process (git, a formatter) must not inherit it.
    expect(process.env["MIMALLOC_PURGE_DELAY"]).toBeUndefined();
  });

  it("asks for a release once enough JSON may be held, and a release clears it", async () => {
    await releaseNativeMemory();
    expect(nativeMemoryDue()).toBe(false);
    const source = `import a from "a";\nexport const x = [${"1, ".repeat(20_000)}];\n`;
    let parses = 0;
    while (!nativeMemoryDue()) {
      parseModuleRecord("/x.ts", source, { ...OPTIONS, lang: "ts" }, "json");
      parses++;
      expect(parses).toBeLessThan(1_000);
    }
    // About a million characters of source between releases (oxc.ts RELEASE_AT).
    expect(parses * source.length).toBeGreaterThanOrEqual(1_000_000);
    expect((parses - 1) * source.length).toBeLessThan(1_000_000);
    await releaseNativeMemory();
    expect(nativeMemoryDue()).toBe(false);
  });

  it("keeps the memory held bounded when nobody releases: RSS stays far below what the JSON of every parse would take", async () => {
    await releaseNativeMemory();
    // 16 MB of source, eight times oxc.ts MAX_PENDING: were the JSON of every parse held
    // (about 25 bytes per character of this source), RSS would grow by ~400 MB.
    const source = Array.from({ length: 5_000 }, (_, i) => `export function f${i}(a, b) {\n  return g(a, b * ${i});\n}\n`).join("");
    const before = process.memoryUsage().rss;
    for (let i = 0; i < Math.ceil(16_000_000 / source.length); i++) parseModuleRecord("/x.ts", source, { ...OPTIONS, lang: "ts" }, "json");
    const grown = process.memoryUsage().rss - before;
    await releaseNativeMemory();
    // Measured: 40 MB with the bound, 470 MB without it.
    expect(grown).toBeLessThan(150_000_000);
  });
});
