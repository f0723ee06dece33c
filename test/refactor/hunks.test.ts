import { describe, expect, it } from "vitest";

import { applyHunks, formatHunk, hunksOf } from "../../src/refactor/hunks.js";

const lines = (n: number, eol: string) => Array.from({ length: n }, (_, i) => `line ${i}`).join(eol) + eol;

describe("hunks of a planned change", () => {
  for (const eol of ["\n", "\r\n"]) {
    it(`any subset of hunks applies to the original (${JSON.stringify(eol)})`, () => {
      const original = lines(30, eol);
      const edits = [(s: string) => s.replace("line 2" + eol, "LINE 2" + eol), (s: string) => s.replace("line 15", "LINE 15"), (s: string) => s.replace("line 29" + eol, "")];
      const output = edits.reduce((text, edit) => edit(text), original);
      const patch = hunksOf({ original, output });
      expect(patch.hunks).toHaveLength(3);
      for (const subset of [[], [0], [1], [2], [0, 2], [0, 1, 2]]) {
        const expected = subset.reduce((text, i) => edits[i]!(text), original);
        expect(applyHunks(original, patch, subset.map((i) => patch.hunks[i]!))).toBe(expected);
      }
    });
  }

  it("prints a hunk as in a unified diff", () => {
    const patch = hunksOf({ original: "a\nb\nc\n", output: "a\nB\nc\n" });
    expect(formatHunk(patch.hunks[0]!)).toBe("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  });
});
