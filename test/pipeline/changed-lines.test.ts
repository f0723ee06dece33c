import { describe, expect, it } from "vitest";

import { changedLines } from "../../src/pipeline/changed-lines.js";

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
});
