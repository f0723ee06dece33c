import { describe, expect, it } from "vitest";

import { colorizeDiff } from "../../src/report/diff-color.js";
import { formatJson } from "../../src/report/json.js";
import type { FileReport } from "../../src/report/model.js";
import { codeWords, formatDiagnostic, formatExplanation, formatReport, formatSummary } from "../../src/report/text.js";

const plain = { quiet: false, color: false };

describe("formatDiagnostic", () => {
  it("prints path:line:col: code words: message, then the frame", () => {
    const text = formatDiagnostic({
      code: "syntax-error",
      message: "Unexpected token",
      path: "src/a.ts",
      line: 3,
      column: 7,
      frame: "> 3 | import { a from 'a';\n    |       ^",
    });
    expect(text).toBe("src/a.ts:3:7: syntax error: Unexpected token\n> 3 | import { a from 'a';\n    |       ^\n");
  });

  it("words an internal error as a refusal to write, whether or not the core already did", () => {
    expect(formatDiagnostic({ code: "internal-error", message: "barrier 2 moved", path: "a.ts" })).toBe(
      "a.ts: internal error, refusing to write (barrier 2 moved)\n",
    );
    expect(formatDiagnostic({ code: "internal-error", message: "internal error, refusing to write (comment lost)", path: "a.ts" })).toBe(
      "a.ts: internal error, refusing to write (comment lost)\n",
    );
  });

  it("keeps the stack of an internal error (a bug) but not of known errors", () => {
    const text = formatDiagnostic({ code: "internal-error", message: "boom", path: "a.ts", stack: "Error: boom\n    at x (y.js:1:1)" });
    expect(text).toBe("a.ts: internal error, refusing to write (boom)\nError: boom\n    at x (y.js:1:1)\n");
    expect(formatDiagnostic({ code: "not-found", message: "no such file", path: "b.ts", stack: "S" })).toBe("b.ts: not found: no such file\n");
  });

  it("prints a config error as file: keyPath: message (with a location when known)", () => {
    expect(formatDiagnostic({ code: "config-error", message: "groups: expected an array", path: "safesort.config.json" })).toBe(
      "safesort.config.json: groups: expected an array\n",
    );
    expect(formatDiagnostic({ code: "config-error", message: "invalid JSON: x", path: "c.json", line: 2, column: 5 })).toBe("c.json:2:5: invalid JSON: x\n");
  });

  it("turns every code into words", () => {
    expect(codeWords("changed-on-disk")).toBe("changed on disk");
  });
});

describe("formatSummary", () => {
  it("counts with singular and plural", () => {
    expect(formatSummary({ changed: 3, unchanged: 412, skipped: 0, failed: 1 }, "write")).toBe("3 files sorted, 412 unchanged, 1 failed\n");
    expect(formatSummary({ changed: 1, unchanged: 0, skipped: 0, failed: 0 }, "write")).toBe("1 file sorted, 0 unchanged\n");
    expect(formatSummary({ changed: 0, unchanged: 2, skipped: 0, failed: 0 }, "write")).toBe("0 files sorted, 2 unchanged\n");
  });

  it("includes skipped only when there are some, and says 'would be' when nothing is written", () => {
    expect(formatSummary({ changed: 2, unchanged: 1, skipped: 1, failed: 0 }, "check")).toBe("2 files would be sorted, 1 unchanged, 1 skipped\n");
    expect(formatSummary({ changed: 1, unchanged: 0, skipped: 0, failed: 0 }, "diff")).toBe("1 file would be sorted, 0 unchanged\n");
  });
});

describe("formatReport", () => {
  const changed: FileReport = { path: "src/a.ts", status: "changed", diff: "--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,1 +1,1 @@\n-x\n+y\n" };

  it("lists a file that would change in check mode, and nothing in write mode", () => {
    expect(formatReport(changed, "check", plain)).toEqual({ stdout: "src/a.ts\n", stderr: "" });
    expect(formatReport(changed, "write", plain)).toEqual({ stdout: "", stderr: "" });
    expect(formatReport(changed, "check", { quiet: true, color: false })).toEqual({ stdout: "", stderr: "" });
  });

  it("prints the diff in diff mode, colored only when asked", () => {
    expect(formatReport(changed, "diff", plain).stdout).toBe(changed.diff);
    expect(formatReport(changed, "diff", { quiet: false, color: true }).stdout).toContain("\u001b[31m-x\u001b[0m");
  });

  it("prints failures even when quiet, skipped files only when not", () => {
    const failed: FileReport = { path: "a.ts", status: "failed", diagnostics: [{ code: "unreadable", message: "EACCES", path: "a.ts" }] };
    expect(formatReport(failed, "write", { quiet: true, color: false })).toEqual({ stdout: "", stderr: "a.ts: unreadable: EACCES\n" });
    const skipped: FileReport = { path: "g.ts", status: "skipped", reason: "safesort: skip-file" };
    expect(formatReport(skipped, "write", plain).stderr).toBe("g.ts: skipped (safesort: skip-file)\n");
    expect(formatReport(skipped, "write", { quiet: true, color: false }).stderr).toBe("");
  });
});

describe("colorizeDiff", () => {
  it("colors headers, hunks, additions and removals, and leaves context plain", () => {
    const colored = colorizeDiff("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n same\n-old\n+new\n");
    expect(colored).toBe(
      "\u001b[1m--- a/x\u001b[0m\n\u001b[1m+++ b/x\u001b[0m\n\u001b[36m@@ -1,2 +1,2 @@\u001b[0m\n same\n\u001b[31m-old\u001b[0m\n\u001b[32m+new\u001b[0m\n",
    );
  });
});

describe("formatJson", () => {
  it("is one parseable document with schemaVersion, version, command, mode, summary and files (no undefined keys)", () => {
    const text = formatJson({
      version: "1.2.3",
      command: "sort",
      mode: "check",
      summary: { changed: 1, unchanged: 1, skipped: 0, failed: 0 },
      files: [
        { path: "a.ts", status: "changed" },
        { path: "b.ts", status: "unchanged" },
      ],
    });
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 2,
      version: "1.2.3",
      command: "sort",
      mode: "check",
      summary: { changed: 1, unchanged: 1, skipped: 0, failed: 0 },
      files: [
        { path: "a.ts", status: "changed" },
        { path: "b.ts", status: "unchanged" },
      ],
    });
  });
});

describe("formatExplanation", () => {
  it("lists blocks and barriers in source order, with each import's line, group and key", () => {
    const text = formatExplanation("src/a.ts", {
      blocks: [
        {
          kind: "imports",
          startLine: 3,
          endLine: 4,
          changed: true,
          imports: [
            { line: 3, source: "b", group: "third-party", key: 'group 2 · "b"' },
            { line: 4, source: "./a", group: "sibling", key: 'group 5 · "./a"' },
          ],
        },
        { kind: "reexports", startLine: 7, endLine: 7, changed: false, imports: [{ line: 7, source: "./x", group: "sibling", key: "k" }] },
      ],
      barriers: [
        { line: 1, endLine: 1, reason: "directive", text: '"use client";' },
        { line: 5, endLine: 6, reason: "side-effect import", text: 'import "./polyfill";' },
      ],
    });
    expect(text).toBe(
      [
        "src/a.ts: 2 blocks, 2 barriers",
        'line 1: barrier (directive): "use client";',
        "lines 3-4: imports block, would change",
        '  line 3: third-party  group 2 · "b"',
        '  line 4: sibling      group 5 · "./a"',
        'lines 5-6: barrier (side-effect import): import "./polyfill";',
        "line 7: re-exports block, already sorted",
        "  line 7: sibling  k",
        "",
      ].join("\n"),
    );
  });
});
