import { describe, expect, it } from "vitest";

import { escapeData, escapeProperty, formatGithub, workflowCommand } from "../../src/report/github.js";
import type { FileReport, Mode } from "../../src/report/model.js";
import type { RunReport } from "../../src/report/reporters.js";

function run(files: FileReport[], mode: Mode = "check"): RunReport {
  return { version: "0.1.0", command: "sort", mode, summary: { changed: 0, unchanged: 0, skipped: 0, failed: 0 }, files };
}

describe("workflow command escaping", () => {
  it("escapes %, CR and LF in the message", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
  });

  it("also escapes : and , in properties", () => {
    expect(escapeProperty("C:\\a,b%\n")).toBe("C%3A\\a%2Cb%25%0A");
  });

  it("leaves out properties without a value", () => {
    expect(workflowCommand("error", { file: "a.ts", line: undefined, col: 3 }, "x")).toBe("::error file=a.ts,col=3::x\n");
    expect(workflowCommand("warning", {}, "x")).toBe("::warning::x\n");
  });
});

describe("formatGithub", () => {
  it("warns on each file that would change, at the lines that change", () => {
    const files: FileReport[] = [
      { path: "src/a.ts", status: "changed", lines: { start: 3, end: 5 } },
      { path: "src/b.ts", status: "unchanged" },
      { path: "src/c.ts", status: "skipped", reason: "safesort: skip-file" },
    ];
    expect(formatGithub(run(files))).toBe("::warning file=src/a.ts,line=3,endLine=5::imports are not sorted\n");
  });

  it("errors on failures with line and column, without the location in the message", () => {
    const files: FileReport[] = [
      {
        path: "src/broken.ts",
        status: "failed",
        diagnostics: [{ code: "syntax-error", message: "Unexpected token, expected \",\" (1:12)", path: "src/broken.ts", line: 1, column: 12, frame: "> 1 | …" }],
      },
      { path: "src/x.ts", status: "failed", diagnostics: [{ code: "config-error", message: "groups[1]: expected a string", path: "safesort.config.json" }] },
      { path: "src/y.ts", status: "failed", diagnostics: [{ code: "config-error", message: "groups[1]: expected a string", path: "safesort.config.json" }] },
      { path: "src/z.ts", status: "failed", diagnostics: [{ code: "internal-error", message: "barrier 2 moved", path: "src/z.ts" }] },
    ];
    expect(formatGithub(run(files))).toBe(
      '::error file=src/broken.ts,line=1,col=12::syntax error: Unexpected token, expected "," (1:12)\n' +
        "::error file=safesort.config.json::groups[1]: expected a string\n" +
        "::error file=src/z.ts::internal error, refusing to write (barrier 2 moved)\n",
    );
  });

  it("escapes paths and messages", () => {
    const files: FileReport[] = [
      { path: "we,ird:name%.ts", status: "failed", diagnostics: [{ code: "unreadable", message: "line one\nline two", path: "we,ird:name%.ts" }] },
    ];
    expect(formatGithub(run(files))).toBe("::error file=we%2Cird%3Aname%25.ts::unreadable: line one%0Aline two\n");
  });

  it("in write mode, notes the files it sorted", () => {
    expect(formatGithub(run([{ path: "a.ts", status: "changed", lines: { start: 1, end: 2 } }], "write"))).toBe(
      "::notice file=a.ts,line=1,endLine=2::imports sorted\n",
    );
  });

  it("prints nothing when nothing is to report", () => {
    expect(formatGithub(run([{ path: "a.ts", status: "unchanged" }]))).toBe("");
  });
});
