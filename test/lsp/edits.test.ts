/** Minimal edits: exact edits for the shapes sorting produces, and a property test that they always rebuild the target. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { applyEdits } from "../../src/edit/apply.js";
import { minimalEdits } from "../../src/lsp/edits.js";

describe("minimalEdits", () => {
  it("is empty for equal texts", () => {
    expect(minimalEdits("a\nb\n", "a\nb\n")).toEqual([]);
  });

  it("a swap of two imports moves one line: a deletion and an insertion, nothing else", () => {
    const before = 'const x = 1;\nimport b from "b";\nimport a from "a";\n\nrun();\n';
    const after = 'const x = 1;\nimport a from "a";\nimport b from "b";\n\nrun();\n';
    expect(minimalEdits(before, after)).toEqual([
      { start: 13, end: 32, text: "" },
      { start: 51, end: 51, text: 'import b from "b";\n' },
    ]);
  });

  it("sorting the names inside braces replaces just those characters", () => {
    expect(minimalEdits('import { b, a } from "x";\r\n', 'import { a, b } from "x";\r\n')).toEqual([{ start: 9, end: 13, text: "a, b" }]);
  });

  it("lines replaced one for one are trimmed line by line; an edit never spans lines it leaves alone", () => {
    const before = "import { c, b } from 'x';\nimport z from 'z';\n";
    const after = "import { b, c } from 'x';\nimport y from 'z';\n";
    expect(minimalEdits(before, after)).toEqual([
      { start: 9, end: 13, text: "b, c" },
      { start: 33, end: 34, text: "y" },
    ]);
  });

  it("never cuts between \\r and \\n, nor inside a surrogate pair", () => {
    // The texts differ right after "\r" and right after a high surrogate: the edits start one unit earlier.
    expect(minimalEdits("a\r\nb", "a\rXb")).toEqual([{ start: 1, end: 3, text: "\rX" }]);
    expect(minimalEdits("x\uD83D\uDE80y", "x\uD83D\uDE00y")).toEqual([{ start: 1, end: 3, text: "\uD83D\uDE00" }]);
  });

  it("always rebuilds the target with sorted, non-overlapping edits that split no \\r\\n or surrogate pair", () => {
    const piece = fc.constantFrom("import a;", "import b;", "x", "", "é", "🚀", "\uD83D", "\r");
    const line = fc.tuple(fc.array(piece, { maxLength: 3 }), fc.constantFrom("\n", "\r\n", "")).map(([parts, end]) => parts.join("") + end);
    const text = fc.array(line, { maxLength: 8 }).map((lines) => lines.join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edits = minimalEdits(before, after);
        expect(applyEdits(before, edits)).toBe(after);
        for (const [i, edit] of edits.entries()) {
          if (i > 0) expect(edit.start).toBeGreaterThanOrEqual(edits[i - 1]!.end);
          for (const at of [edit.start, edit.end]) {
            const [prev, next] = [before.charCodeAt(at - 1), before.charCodeAt(at)];
            expect(prev === 13 && next === 10, `cut at ${at} splits \\r\\n`).toBe(false);
            expect(prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff, `cut at ${at} splits a pair`).toBe(false);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
