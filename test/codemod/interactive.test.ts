/**
 * `interactive()`: hunks and the y/n/a/d/q/e/? loop, driven by scripted
 * answers through an injected ReviewIo.
 */
import { describe, expect, it } from "vitest";

import { lineReader } from "../../src/cli/prompt.js";
import { applyHunks, computeHunks, formatHunk } from "../../src/codemod/verify/hunks.js";
import { reviewFile, type ReviewIo } from "../../src/pipeline/review.js";

/** Fourteen lines; lines 2 and 12 change (far enough apart for two hunks). */
const BEFORE = Array.from({ length: 14 }, (_, i) => `line ${i + 1}\n`).join("");
const AFTER = BEFORE.replace("line 2\n", "LINE 2\n").replace("line 12\n", "LINE 12\n");

function scripted(answers: string[], edited?: (text: string) => string): ReviewIo & { output: string; edits: string[] } {
  const io = {
    output: "",
    edits: [] as string[],
    color: false,
    write(text: string) {
      io.output += text;
    },
    readLine: async () => answers.shift() ?? null,
    edit: async (text: string) => {
      io.edits.push(text);
      return edited ? edited(text) : text;
    },
  };
  return io;
}

describe("hunks", () => {
  it("cuts a change into hunks with three lines of context and rebuilds any choice", () => {
    const hunks = computeHunks(BEFORE, AFTER);
    expect(hunks.map(formatHunk)).toEqual([
      "@@ -1,5 +1,5 @@\n line 1\n-line 2\n+LINE 2\n line 3\n line 4\n line 5\n",
      "@@ -9,6 +9,6 @@\n line 9\n line 10\n line 11\n-line 12\n+LINE 12\n line 13\n line 14\n",
    ]);
    expect(applyHunks(BEFORE, hunks, hunks.map((h) => h.newLines))).toBe(AFTER);
    expect(applyHunks(BEFORE, hunks, hunks.map((h) => h.oldLines))).toBe(BEFORE);
    expect(applyHunks(BEFORE, hunks, [hunks[0]!.newLines, hunks[1]!.oldLines])).toBe(BEFORE.replace("line 2\n", "LINE 2\n"));
  });

  it("keeps CRLF and a missing final newline", () => {
    const before = "a\r\nb\r\nc";
    const after = "a\r\nB\r\nc";
    const hunks = computeHunks(before, after);
    expect(applyHunks(before, hunks, hunks.map((h) => h.newLines))).toBe(after);
  });
});

describe("reviewFile", () => {
  it("y applies a hunk, n (and Enter) skips one", async () => {
    expect((await reviewFile("a.ts", BEFORE, AFTER, scripted(["y", ""]))).text).toBe(BEFORE.replace("line 2\n", "LINE 2\n"));
    expect((await reviewFile("a.ts", BEFORE, AFTER, scripted(["n", "y"]))).text).toBe(BEFORE.replace("line 12", "LINE 12"));
  });

  it("a applies the rest of the file, d skips it", async () => {
    const all = scripted(["a"]);
    expect(await reviewFile("a.ts", BEFORE, AFTER, all)).toMatchObject({ text: AFTER, quit: false, choices: ["applied", "applied"] });
    expect(all.output.match(/Apply this hunk/g)).toHaveLength(1);
    expect(await reviewFile("a.ts", BEFORE, AFTER, scripted(["d"]))).toMatchObject({ text: undefined, quit: false });
  });

  it("q quits, keeping what was accepted; end of input quits too", async () => {
    expect(await reviewFile("a.ts", BEFORE, AFTER, scripted(["y", "q"]))).toMatchObject({ text: BEFORE.replace("line 2\n", "LINE 2\n"), quit: true, choices: ["applied", "skipped"] });
    expect(await reviewFile("a.ts", BEFORE, AFTER, scripted([]))).toMatchObject({ text: undefined, quit: true });
  });

  it("? prints help and asks again; the prompt names the file and the hunk", async () => {
    const io = scripted(["?", "y", "n"]);
    await reviewFile("src/a.ts", BEFORE, AFTER, io);
    expect(io.output).toContain("(1/2) Apply this hunk to src/a.ts [y,n,a,d,q,e,?]? ");
    expect(io.output).toContain("e - edit this hunk in your editor\n");
    expect(io.output.match(/\(1\/2\) Apply/g)).toHaveLength(2);
  });

  it("e edits the hunk: ' ' and '+' lines are kept, '-' and '#' lines dropped", async () => {
    const io = scripted(["e", "n"], (text) => text.replace("+LINE 2", "+Line two"));
    const review = await reviewFile("a.ts", BEFORE, AFTER, io);
    expect(io.edits[0]).toMatch(/^ line 1\n-line 2\n\+LINE 2\n line 3\n/);
    expect(review.text).toBe(BEFORE.replace("line 2\n", "Line two\n"));
  });
});

describe("lineReader", () => {
  it("reads lines across chunks, CRLF and a last line without a newline", async () => {
    const read = lineReader(["y\r\nn", "\na", "ll"].map((s) => Buffer.from(s)));
    expect([await read(), await read(), await read(), await read()]).toEqual(["y", "n", "all", null]);
  });
});
