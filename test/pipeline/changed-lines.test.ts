import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { changedLines } from "../../src/pipeline/changed-lines.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

describe("changedLines", () => {
  it("is undefined for equal texts", () => {
    expect(changedLines("a\nb\n", "a\nb\n")).toBeUndefined();
  });

  it("bounds the lines that differ, in the original", () => {
    const before = "// header\nimport c from 'c';\nimport a from 'a';\nimport b from 'b';\nrun();\n";
    const after = "// header\nimport a from 'a';\nimport b from 'b';\nimport c from 'c';\nrun();\n";
    expect(changedLines(before, after)).toEqual({ start: 2, end: 4 });
  });

  it("points at the first line that moves even when the block's first line stays", () => {
    const before = "import a from 'a';\nimport c from 'c';\nimport b from 'b';\n";
    const after = "import a from 'a';\nimport b from 'b';\nimport c from 'c';\n";
    expect(changedLines(before, after)).toEqual({ start: 2, end: 3 });
  });

  it("handles CRLF, a missing final newline and changes on the last line", () => {
    expect(changedLines("import b from 'b';\r\nimport a from 'a';", "import a from 'a';\r\nimport b from 'b';")).toEqual({ start: 1, end: 2 });
  });

  it("gives a one-line range when lines are only removed (a collapsed blank line)", () => {
    expect(changedLines("import a from 'a';\n\n\nimport b from 'b';\n", "import a from 'a';\n\nimport b from 'b';\n")).toEqual({ start: 3, end: 3 });
  });

  it("equals the first implementation (whole texts split into lines) on random and adversarial pairs", () => {
    const line = fc.constantFrom("", "a", "b", "ab", "\r", "a\r", "import a from 'a';", "x".repeat(70), "y".repeat(200));
    const lines = fc.array(line, { maxLength: 40 });
    // Texts that share long starts and ends (the chunked comparison's steps), or that differ anywhere, or are near-empty.
    const pair = fc.oneof(
      fc.tuple(lines, lines, lines, lines).map(([common, x, y, end]) => [[...common, ...x, ...end].join("\n"), [...common, ...y, ...end].join("\n")] as const),
      fc.tuple(lines, fc.nat(), fc.nat()).map(([ls, i, j]) => {
        const moved = [...ls];
        if (moved.length > 1) {
          const [m] = moved.splice(i % moved.length, 1);
          moved.splice(j % (moved.length + 1), 0, m!);
        }
        return [ls.join("\n"), moved.join("\n")] as const;
      }),
      fc.tuple(fc.string({ unit: fc.constantFrom("a", "b", "\n", "\r"), maxLength: 300 }), fc.string({ unit: fc.constantFrom("a", "b", "\n", "\r"), maxLength: 300 })),
      fc.tuple(fc.string({ unit: fc.constantFrom("a", "\n"), maxLength: 2000 }), fc.nat(), fc.constantFrom("", "\n", "a", "b\n", "\n\n")).map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return [text, text.slice(0, i) + insert + text.slice(i)] as const;
      }),
    );
    fc.assert(
      fc.property(pair, fc.boolean(), ([a, b], swap) => {
        const [before, after] = swap ? [b, a] : [a, b];
        expect(changedLines(before, after)).toEqual(oracle(before, after));
      }),
      { numRuns: RUNS * 20 },
    );
  });
});

/** The first implementation, kept as the oracle: both texts split into lines, compared from each end. */
function oracle(before: string, after: string): { start: number; end: number } | undefined {
  if (before === after) return undefined;
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const start = Math.min(head + 1, a.length);
  return { start, end: Math.max(start, a.length - tail) };
}
