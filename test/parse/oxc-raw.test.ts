/**
 * parse/oxc-raw.ts drives oxc-parser's raw transfer itself (on Node 20 too).
 * Its answers are compared with the package's in oxc.test.ts; here: parses
 * that overlap each take their own buffer, and a system that refuses the
 * buffer's 6 GiB address range gets the JSON transport, not a crash.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { parseSync } from "oxc-parser";
import { afterAll, describe, expect, it } from "vitest";

import { loadRawTransfer } from "../../src/parse/oxc-raw.js";
import { REPO } from "../helpers/bin.js";
import { RAW_TRANSFER } from "../helpers/raw-transfer.js";

const OPTIONS = { lang: "ts", sourceType: "module", showSemanticErrors: true } as const;

function messages(errors: ArrayLike<{ message: string }>): string[] {
  return Array.from(errors, (e) => e.message);
}

describe.runIf(RAW_TRANSFER)("oxc raw transfer, driven by safesort", () => {
  it("gives overlapping parses their own buffers: a sync parse while an async one runs, and results read after both", async () => {
    const raw = loadRawTransfer();
    expect(raw).not.toBeNull();
    const big = `import { a } from "a";\nexport const x = [${"a, ".repeat(50_000)}];\n`;
    const broken = 'import b from "b";\nconst y = ;\nexport { b };\n';
    const pending = raw!.parse("/big.ts", big, OPTIONS);
    const now = raw!.parseSyncLazy("/broken.ts", broken, OPTIONS);
    const later = await pending;
    const nowErrors = messages(now.errors);
    expect(nowErrors).toEqual(messages(parseSync("/broken.ts", broken, OPTIONS).errors));
    expect(nowErrors.length).toBeGreaterThan(0);
    expect(Array.from(later.module.staticImports, (i) => [i.start, i.end])).toEqual(parseSync("/big.ts", big, OPTIONS).module.staticImports.map((i) => [i.start, i.end]));
    expect(messages(later.errors)).toEqual([]);
    now.dispose();
    later.dispose();
    // Disposed buffers are reused: another parse answers as before.
    const again = raw!.parseSyncLazy("/broken.ts", broken, OPTIONS);
    expect(messages(again.errors)).toEqual(nowErrors);
    again.dispose();
  });
});

describe.runIf(process.platform === "linux")("oxc raw transfer where the address space is limited", () => {
  const dir = mkdtempSync(join(tmpdir(), "safesort-oxc-raw-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the JSON transport: the CLI still sorts, and still reports a syntax error after the imports (`ulimit -v` 2 GB)", () => {
    writeFileSync(join(dir, "a.ts"), 'import b from "b";\nimport a from "a";\nexport const x = a + b;\n');
    writeFileSync(join(dir, "broken.ts"), 'import b from "b";\nimport a from "a";\nexport const x = a + b;\nconst y = ;\n');
    const cli = join(REPO, "bin", "safesort.js");
    const run = (limit: string) =>
      spawnSync("bash", ["-c", `${limit}exec "$0" "$@"`, process.execPath, cli, "a.ts", "broken.ts"], { cwd: dir, encoding: "utf8" });
    const limited = run("ulimit -v 2000000; ");
    expect(limited.stderr).toContain("broken.ts:4:");
    expect(limited.status).toBe(2);
    expect(readFileSync(join(dir, "a.ts"), "utf8")).toBe('import a from "a";\nimport b from "b";\nexport const x = a + b;\n');
    expect(readFileSync(join(dir, "broken.ts"), "utf8")).toContain('import b from "b";\nimport a from "a";\n');
    // oxc itself answers there, by the JSON transport (which counts what it leaves in native memory), not only Babel's whole parse.
    const probe = [
      `import { parseModuleRecord, nativeMemoryDue } from ${JSON.stringify(pathToFileURL(join(REPO, "dist", "src", "parse", "oxc.js")).href)};`,
      'const source = `import a from "a";\\nexport const x = [${"1, ".repeat(20_000)}];\\n`;',
      'const options = { lang: "ts", sourceType: "module", showSemanticErrors: true };',
      'let imports = 0;',
      "for (let i = 0; i < 30; i++) imports += parseModuleRecord('/x.ts', source, options).imports.length;",
      "console.log(imports, nativeMemoryDue());",
    ].join("\n");
    const answers = (limit: string) =>
      spawnSync("bash", ["-c", `${limit}exec "$0" --input-type=module -e "$1"`, process.execPath, probe], { cwd: dir, encoding: "utf8" }).stdout.trim();
    expect(answers("ulimit -v 2000000; ")).toBe("30 true");
    expect(answers("")).toBe(`30 ${!RAW_TRANSFER}`);
    // The same files without the limit: the same report.
    writeFileSync(join(dir, "a.ts"), 'import b from "b";\nimport a from "a";\nexport const x = a + b;\n');
    const free = run("");
    expect(free.stderr).toBe(limited.stderr);
    expect(free.status).toBe(2);
  });
});
