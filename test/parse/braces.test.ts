/**
 * parse/braces.ts pairs the braces of code (comments, strings, templates and
 * regexes skipped) and gives up where the text is not read for sure.
 */
import { describe, expect, it } from "vitest";

import { braceMap, enclosingBrace, isInert } from "../../src/parse/braces.js";

function headings(source: string): string[] | undefined {
  return braceMap(source)?.braces.map((b) => `${b.heading.trim()}|${source.slice(b.open, b.close + 1)}`);
}

describe("braceMap", () => {
  it("pairs code braces with their headings, whatever comments, strings, templates and regexes hold", () => {
    const source = 'namespace N /* { */ {\n  const s = "}{";\n  const t = `}${ { a: "{" } }{`;\n  const r = /[{}]/g; // }\n  function f() {}\n}\n';
    expect(headings(source)).toEqual([
      `namespace N|${source.slice(source.indexOf("{", 20), source.lastIndexOf("}") + 1)}`,
      '|{ a: "{" }',
      "function f()|{}",
    ]);
    const map = braceMap(source)!;
    expect(isInert(map, source.indexOf('"}{"') + 1)).toBe(true);
    expect(isInert(map, source.indexOf("[{}]"))).toBe(true);
    expect(isInert(map, source.indexOf("function"))).toBe(false);
    expect(enclosingBrace(map, source.indexOf("function"))?.heading.trim()).toBe("namespace N");
    expect(enclosingBrace(map, 0)).toBeUndefined();
  });

  it("reads a slash after a name, a number, `)` or `]` as a division, after an operator or a keyword as a regex", () => {
    expect(headings("const a = b / 2 / c;\nconst d = (e) / f;\nif (g) {}\n")).toEqual(["if (g)|{}"]);
    expect(headings("function f() {\n  return /}/.test(x);\n}\n")).toEqual(["function f()|{\n  return /}/.test(x);\n}"]);
    expect(headings("x = y ? /{/ : z;\n")).toEqual([]);
  });

  it("gives up where it cannot tell: a slash after `}`, a string or regex broken by a line, unterminated text, unbalanced braces", () => {
    for (const source of ["if (a) {}\n/x/.test(b);\n", 'const s = "a\nb";\n', "const r = /a\nb/;\n", "/* open", "const t = `a${b", "{\n", "}\n"]) {
      expect(braceMap(source), JSON.stringify(source)).toBeUndefined();
    }
  });
  it("reads to the very end of the text: a last `/`, regex flags, line breaks of every kind, nested templates", () => {
    expect(braceMap("a /")).toEqual({ braces: [], inert: [] });
    for (const source of ["a = `x$", "a = `x${", "'a\\"]) expect(braceMap(source), JSON.stringify(source)).toBeUndefined();
    expect(braceMap("x = /a/gimsuyd.test(b);\n{}")?.inert).toEqual([[4, 14]]);
    expect(headings("// c\r{ }")).toEqual(["|{ }"]);
    expect(headings("x = y\u2028{}")).toEqual(["x = y|{}"]);
    expect(braceMap("f(`a${`b${c}`}`) {}")?.inert).toEqual([[3, 4], [7, 8], [12, 13], [14, 15]]);
  });
});
