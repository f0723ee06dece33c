/**
 * The verifier's line-break kinds (src/verify/comments.ts): the kinds of
 * `\r\n`, `\r` and `\n` a text holds, as a regex reads them, whether the
 * text takes the search without a `\r` or the regex.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { checkLineBreaks, lineBreakKinds } from "../src/verify/comments.js";

/** The definition: every match of `\r\n?|\n`. */
const kindsByRegex = (text: string): string[] => [...new Set([...text.matchAll(/\r\n?|\n/g)].map((m) => m[0]))].sort();

describe("lineBreakKinds", () => {
  it("is the set of `\\r\\n`, `\\r` and `\\n` in the text, for any text", () => {
    const text = fc.array(fc.constantFrom("a", " ", "\r", "\n", "\r\n", "\u2028", "é"), { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect([...lineBreakKinds(t)].sort()).toEqual(kindsByRegex(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("tells each kind apart, and a text without any", () => {
    expect([...lineBreakKinds("a\nb\n")]).toEqual(["\n"]);
    expect([...lineBreakKinds("a\r\nb")]).toEqual(["\r\n"]);
    expect([...lineBreakKinds("a\rb")]).toEqual(["\r"]);
    expect([...lineBreakKinds("a\r\n\rb\n")].sort()).toEqual(["\n", "\r", "\r\n"]);
    expect(lineBreakKinds("a\u2028b").size).toBe(0);
    expect(checkLineBreaks(new Set(["\n"]), "a\r\nb", "in the file")).toMatch(/line break "\\r\\n" appeared in the file/);
    expect(checkLineBreaks(new Set(["\n"]), "a\nb", "in the file")).toBeUndefined();
  });
});
