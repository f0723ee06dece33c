/**
 * Bad bytes through the real binary: files that are not text, not UTF-8,
 * huge, import-heavy or nested deeper than the parser's stack. Each is
 * handled (sorted, and the result checked independently) or reported, within
 * a bounded time and peak RSS measured on the child process, and never
 * written wrongly: a file that is reported keeps its exact bytes.
 *
 * Bounds are generous multiples of what this 2-core machine measures (printed
 * with each run), so a slower CI machine passes and a regression by an order
 * of magnitude does not.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MAX_SOURCE_BYTES } from "../../src/files/read.js";
import { type BinResult, runBin } from "../helpers/bin.js";
import { checkSortOutput } from "../helpers/independent-check.js";
import { makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

const UNSORTED = 'import b from "b";\nimport a from "a";\n';
const SORTED = 'import a from "a";\nimport b from "b";\n';

let root: string;
beforeAll(async () => {
  root = await makeTempDir("bad-bytes");
});
afterAll(async () => {
  await removeTree(root);
});

/** Write one file in its own directory, run `safesort` on it (write mode), return the run and the bytes after. */
async function sortOne(name: string, content: string | Buffer, args: string[] = []): Promise<BinResult & { after: Buffer }> {
  const dir = name.replace(/\W/g, "_");
  await writeTree(root, { [`${dir}/${name}`]: content });
  const result = await runBin(["--no-cache", ...args, dir], { cwd: root, measure: true });
  console.log(`bad-bytes: ${name} (${Buffer.byteLength(content)} bytes): exit ${result.code}, ${Math.round(result.ms)} ms, peak RSS ${result.maxRssMb} MB`);
  return { ...result, after: await readFile(join(root, dir, name)) };
}

/** Bounds for a run on one small bad file: start-up dominates (~0.3-1 s, ~100 MB here). */
function expectSmallRun(result: BinResult): void {
  expect(result.ms).toBeLessThan(15_000);
  expect(result.maxRssMb).toBeLessThan(400);
}

describe("files that are not UTF-8 text are reported and never written", () => {
  it("a binary file named .js (PNG bytes)", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), Buffer.alloc(4096, 7)]);
    const result = await sortOne("image.js", png);
    expect(result.stderr).toBe("image_js/image.js:3:1: binary file: contains a NUL byte\n");
    expect(result.code).toBe(2);
    expect(result.after.equals(png)).toBe(true);
    expectSmallRun(result);
  });

  it("invalid UTF-8 (a Latin-1 byte in a comment)", async () => {
    const bytes = Buffer.concat([Buffer.from(UNSORTED + "// caf"), Buffer.from([0xe9]), Buffer.from("\nexport {};\n")]);
    const result = await sortOne("latin1.ts", bytes);
    expect(result.stderr).toBe("latin1_ts/latin1.ts:3:7: invalid encoding: invalid UTF-8 (byte 0xE9); save the file as UTF-8\n");
    expect(result.code).toBe(2);
    expect(result.after.equals(bytes)).toBe(true);
    expectSmallRun(result);
  });

  it("UTF-16 LE with a byte order mark", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UNSORTED, "utf16le")]);
    const result = await sortOne("utf16.ts", bytes);
    expect(result.stderr).toBe(
      "utf16_ts/utf16.ts:1:1: invalid encoding: UTF-16 is not supported (the file starts with a UTF-16 LE byte order mark); save it as UTF-8\n",
    );
    expect(result.code).toBe(2);
    expect(result.after.equals(bytes)).toBe(true);
    expectSmallRun(result);
  });

  it("NUL bytes inside otherwise valid source", async () => {
    const bytes = Buffer.from(UNSORTED + 'export const s = "a\u0000b";\n', "utf8");
    const result = await sortOne("nul.ts", bytes);
    expect(result.stderr).toBe("nul_ts/nul.ts:3:20: binary file: contains a NUL byte\n");
    expect(result.code).toBe(2);
    expect(result.after.equals(bytes)).toBe(true);
    expectSmallRun(result);
  });
});

/** A valid module of about `bytes` bytes: unsorted imports, then distinct exports. */
function bigModule(bytes: number): string {
  const parts = [UNSORTED];
  let size = UNSORTED.length;
  for (let i = 0; size < bytes; i++) {
    const line = `export const v${i} = [a, b, ${i}, "some string", { key: ${i} }];\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join("");
}

describe("large inputs are handled or reported within bounded time and memory", () => {
  it("a 10 MB generated file is skipped without being read whole (over the 4 MB limit)", async () => {
    const text = bigModule(10 * 1024 * 1024);
    const result = await sortOne("huge.js", text);
    expect(result.stderr).toBe("huge_js/huge.js: skipped (file too large: 10 MB, the limit is 4 MB)\n");
    expect(result.stdout).toBe("0 files sorted, 0 unchanged, 1 skipped\n");
    expect(result.code).toBe(0);
    expect(result.after.toString("utf8")).toBe(text);
    expectSmallRun(result);
  });

  it("a file just under the limit is sorted (the costliest file safesort will parse)", async () => {
    const text = bigModule(MAX_SOURCE_BYTES - 64 * 1024);
    const result = await sortOne("large.js", text);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const after = result.after.toString("utf8");
    expect(after).toBe(SORTED + text.slice(UNSORTED.length));
    // Measured here: ~2-4 s and ~300-650 MB (one parse of a 4 MB file costs ~300 MB).
    expect(result.ms).toBeLessThan(45_000);
    expect(result.maxRssMb).toBeLessThan(1_500);
  });

  it("a file with 5,000 imports is sorted, and the result passes the independent check", async () => {
    const lines: string[] = [];
    for (let i = 5000; i > 0; i--) {
      const form = i % 4;
      if (form === 0) lines.push(`import d${i} from "pkg-${i}";`);
      else if (form === 1) lines.push(`import { n${i}, m${i} as k${i} } from "./rel-${i}";`);
      else if (form === 2) lines.push(`import * as ns${i} from "node:mod${i}"; // trailing ${i}`);
      else lines.push(`// above ${i}\nimport type { T${i} } from "../types-${i}";`);
    }
    const text = lines.join("\n") + "\nexport {};\n";
    const result = await sortOne("imports.ts", text);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const after = result.after.toString("utf8");
    expect(after).not.toBe(text);
    expect(checkSortOutput(text, after, { filepath: "imports.ts" })).toEqual([]);
    expect(result.ms).toBeLessThan(30_000);
    expect(result.maxRssMb).toBeLessThan(800);
    // A second run changes nothing.
    const again = await runBin(["--no-cache", "--check", "imports_ts"], { cwd: root });
    expect(again.code).toBe(0);
  });
});

describe("nesting deeper than the parser's stack is a clean failure, never a crash", () => {
  const deepParens = "const x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + ";\n";
  const deepArrays = "const y = " + "[".repeat(5000) + "]".repeat(5000) + ";\n";

  it.each([
    ["parens.js", deepParens],
    ["arrays.ts", deepArrays],
  ])("5,000 nested levels before the imports (%s): reported as too complex, no stack trace, untouched", async (name, deep) => {
    const text = deep + UNSORTED;
    const result = await sortOne(`deep-${name}`, text);
    const dir = `deep_${name.replace(/\W/g, "_")}`;
    expect(result.stderr).toBe(`${dir}/deep-${name}: too complex: nested too deeply to parse (the parser ran out of stack); left untouched\n`);
    expect(result.code).toBe(2);
    expect(result.after.toString("utf8")).toBe(text);
    expectSmallRun(result);
  });

  it("in worker threads too (a run large enough to start the pool)", async () => {
    const tree: Record<string, string> = { "pool/deep.js": deepParens + UNSORTED };
    for (let i = 0; i < 60; i++) tree[`pool/f${String(i).padStart(2, "0")}.ts`] = UNSORTED;
    await writeTree(root, tree);
    const result = await runBin(["--no-cache", "--jobs", "2", "pool"], { cwd: root });
    expect(result.stderr).toBe("pool/deep.js: too complex: nested too deeply to parse (the parser ran out of stack); left untouched\n");
    expect(result.stdout).toBe("60 files sorted, 0 unchanged, 1 failed\n");
    expect(result.code).toBe(2);
    expect(await readFile(join(root, "pool/deep.js"), "utf8")).toBe(deepParens + UNSORTED);
  });

  /**
   * The import-region fast path asks oxc (native code) for the module record;
   * deep nesting overflows its native stack with a SIGSEGV that kills the
   * process (oxc-project/oxc#24375), so a pre-scan sends such files to Babel.
   * These shapes crashed safesort before that guard.
   */
  const shapes: Record<string, (n: number) => string> = {
    parens: (n) => "x = " + "(".repeat(n) + "1" + ")".repeat(n),
    ternaries: (n) => "x = " + "a ? b : ".repeat(n) + "c",
    arrows: (n) => "x = " + "() => ".repeat(n) + "1",
    "else-ifs": (n) => "if (a) {} " + "else if (a) {} ".repeat(n),
    templates: (n) => "x = " + "`${".repeat(n) + "1" + "}`".repeat(n),
    generics: (n) => "type T = " + "Array<".repeat(n) + "1" + ">".repeat(n),
    assignments: (n) => "x = " + "a = ".repeat(n) + "1",
    labels: (n) => Array.from({ length: n }, (_, i) => `l${i}: `).join("") + "x",
    ifs: (n) => "if (a) ".repeat(n) + "x",
    whiles: (n) => "while (a) ".repeat(n) + "x",
    news: (n) => "x = " + "new ".repeat(n) + "A",
    spreads: (n) => "x = " + "[...".repeat(n) + "a" + "]".repeat(n),
  };

  it("10,000-deep shapes after the imports never crash the process, in-process or in workers", async () => {
    const tree: Record<string, string> = {};
    for (const [name, shape] of Object.entries(shapes)) tree[`shapes/${name}.ts`] = UNSORTED + shape(10_000) + ";\n";
    await writeTree(root, tree);
    const inProcess = await runBin(["--no-cache", "--jobs", "1", "shapes"], { cwd: root });
    for (let i = 0; i < 60; i++) tree[`shapes/pad${String(i).padStart(2, "0")}.ts`] = UNSORTED;
    await writeTree(root, tree);
    const pooled = await runBin(["--no-cache", "--jobs", "2", "shapes"], { cwd: root });
    for (const result of [inProcess, pooled]) {
      expect(result.signal, result.stderr).toBe(null);
      expect(result.stderr).not.toMatch(/internal error|Segmentation|RangeError/);
      for (const line of result.stderr.split("\n").filter(Boolean)) expect(line).toMatch(/: too complex: nested too deeply to parse/);
    }
    // Each file is sorted, or reported and untouched; never anything else.
    for (const [path, text] of Object.entries(tree)) {
      const after = await readFile(join(root, path), "utf8");
      if (after !== text) expect(after, path).toBe(SORTED + text.slice(UNSORTED.length));
    }
  });

  // 200, not 300: Node 22 and 24 give Babel less stack than Node 20 (300 levels
  // run out there, 250 do not), and this must hold on every supported Node.
  it("nesting that both parsers handle on every supported Node (200 levels) does not stop the imports from being sorted; the rest stays byte for byte", async () => {
    const rest = "export const y = " + "[".repeat(200) + "]".repeat(200) + ";\n";
    const result = await sortOne("nested-200.ts", UNSORTED + rest);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.after.toString("utf8")).toBe(SORTED + rest);
    expectSmallRun(result);
  });

  it("nesting only oxc handles (500 levels) after the imports: oxc checks the whole file (the syntax gate), Babel only the imports, so it is sorted", async () => {
    const rest = "export const y = " + "[".repeat(500) + "]".repeat(500) + ";\n";
    const result = await sortOne("nested-500.ts", UNSORTED + rest);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.after.toString("utf8")).toBe(SORTED + rest);
    expectSmallRun(result);
  });

  it("the same nesting with an error oxc finds: parsed whole by Babel, too complex, untouched", async () => {
    const rest = "export const y = " + "[".repeat(500) + "]".repeat(500) + ";\nlet z;\nlet z;\n";
    const result = await sortOne("nested-500.ts", UNSORTED + rest);
    expect(result.stderr).toBe("nested_500_ts/nested-500.ts: too complex: nested too deeply to parse (the parser ran out of stack); left untouched\n");
    expect(result.code).toBe(2);
    expect(result.after.toString("utf8")).toBe(UNSORTED + rest);
    expectSmallRun(result);
  });
});
