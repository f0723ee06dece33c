import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { importedNames, mayRedeclare, type ParsedSource, parseSource } from "../../src/parse/parser.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

/** The first implementation (the regexes tried by the engine at every position of `rest`), kept as the oracle. */
function oracle(parsed: ParsedSource, rest: string): boolean {
  const LINE_START = "^(?:export\\s+(?:default\\s+)?)?(?:declare\\s+)?(?:async\\s+|abstract\\s+)?";
  const declaration = new RegExp(`${LINE_START}(?:var|let|const|using|function\\s*\\*?|class|enum|interface|type|namespace|module|import)\\s+([\\w$]+)`, "gm");
  const destructuring = new RegExp(`${LINE_START}(?:var|let|const|using)\\s*[[{]`, "gm");
  const bracketed = (text: string, open: number): string | undefined => {
    let depth = 0;
    for (let i = open; i < Math.min(text.length, open + 4000); i++) {
      const ch = text[i];
      if (ch === "{" || ch === "[" || ch === "(") depth++;
      else if ((ch === "}" || ch === "]" || ch === ")") && --depth === 0) return text.slice(open, i + 1);
    }
    return undefined;
  };
  const names = importedNames(parsed);
  if (names.size === 0) return false;
  for (const m of rest.matchAll(declaration)) if (names.has(m[1]!)) return true;
  for (const m of rest.matchAll(destructuring)) {
    const pattern = bracketed(rest, m.index + m[0].length - 1);
    if (pattern === undefined) return true;
    for (const id of pattern.matchAll(/[\w$]+/g)) if (names.has(id[0])) return true;
  }
  return false;
}

const prefix = parseSource('import a, { b as c } from "m";\nimport * as $d from "n";\nimport type T from "t";\n', "/x.ts", { partial: true });
const none = parseSource('import "side-effect";\n', "/x.ts", { partial: true });

/** Pieces of declarations: keywords and their prefixes, the imported names and others, every kind of line break and space. */
const PIECES = [
  "export", "default", "declare", "async", "abstract", "var", "let", "const", "using", "function", "function*", "class", "enum",
  "interface", "type", "namespace", "module", "import", "a", "c", "$d", "T", "b", "x", "ab", "Const", "_a", "{", "}", "[", "]",
  "(", ")", "{ a }", "[c]", "{ x: c }", "=", ";", ".", "/*", "*/", "//", '"', " ", "  ", "\t", "\n", "\n", "\n", "\r\n", "\r",
  "\u2028", "\u2029", "\u00a0", "\ufeff", "export default ", "export declare ", "async function ", "abstract class ", "declare const ",
];
const rest = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join("")),
  fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(" ", "\n", "", "\t")), { maxLength: 30 }).map((parts) => parts.flat().join("")),
);

describe("mayRedeclare", () => {
  it("equals the first implementation on random and adversarial texts", () => {
    fc.assert(
      fc.property(rest, fc.boolean(), (text, withNames) => {
        const parsed = withNames ? prefix : none;
        expect(mayRedeclare(parsed, text)).toBe(oracle(parsed, text));
      }),
      { numRuns: RUNS * 20 },
    );
  });

  it("finds a declaration of an imported name at a line start, after any line break", () => {
    expect(mayRedeclare(prefix, "\nrun();\nexport const a = 1;\n")).toBe(true);
    expect(mayRedeclare(prefix, "\r\nexport default async function c() {}\r\n")).toBe(true);
    expect(mayRedeclare(prefix, "x;\rlet $d;")).toBe(true);
    expect(mayRedeclare(prefix, "x;\u2028class T {}")).toBe(true);
    expect(mayRedeclare(prefix, "\nconst { x: c } = o;\n")).toBe(true);
    expect(mayRedeclare(prefix, "\nabstract class T {}\n")).toBe(true);
  });

  it("leaves out indented declarations, other names and a declaration inside a match", () => {
    expect(mayRedeclare(prefix, "\nfunction f() {\n  const a = 1;\n}\nconst ab = 2;\n")).toBe(false);
    // `let\nvar a`: the match is `let\nvar` (a `let` named `var`), which goes on past the second line's start.
    expect(mayRedeclare(prefix, "let\nvar a")).toBe(false);
    expect(mayRedeclare(none, "const a = 1;\n")).toBe(false);
  });
});
