import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { importedNames, mayRedeclare, type ParsedSource, parseSource } from "../../src/parse/parser.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

/** The first implementation (the regexes tried by the engine at every position of `rest`), kept as the oracle. */
function oracle(parsed: ParsedSource, rest: string, typescript: boolean): boolean {
  const LINE_START = "^(?:export\\s+(?:default\\s+)?)?(?:declare\\s+)?(?:async\\s+|abstract\\s+)?";
  const declaration = new RegExp(`${LINE_START}(?:var|let|const|using|function\\s*\\*?|class|enum|(interface|type|namespace|module)|import)\\s+([\\w$]+)`, "gm");
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
  for (const m of rest.matchAll(declaration)) if (names.has(m[2]!) && !(typescript && m[1] !== undefined)) return true;
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
      fc.property(rest, fc.boolean(), fc.boolean(), (text, withNames, typescript) => {
        const parsed = withNames ? prefix : none;
        expect(mayRedeclare(parsed, text, typescript)).toBe(oracle(parsed, text, typescript));
      }),
      { numRuns: RUNS * 20 },
    );
  });

  it("finds a declaration of an imported name at a line start, after any line break", () => {
    expect(mayRedeclare(prefix, "\nrun();\nexport const a = 1;\n", true)).toBe(true);
    expect(mayRedeclare(prefix, "\r\nexport default async function c() {}\r\n", true)).toBe(true);
    expect(mayRedeclare(prefix, "x;\rlet $d;", true)).toBe(true);
    expect(mayRedeclare(prefix, "x;\u2028class T {}", true)).toBe(true);
    expect(mayRedeclare(prefix, "\nconst { x: c } = o;\n", true)).toBe(true);
    expect(mayRedeclare(prefix, "\nabstract class T {}\n", true)).toBe(true);
  });

  it("leaves out indented declarations, other names and a declaration inside a match", () => {
    expect(mayRedeclare(prefix, "\nfunction f() {\n  const a = 1;\n}\nconst ab = 2;\n", true)).toBe(false);
    // `let\nvar a`: the match is `let\nvar` (a `let` named `var`), which goes on past the second line's start.
    expect(mayRedeclare(prefix, "let\nvar a", true)).toBe(false);
    expect(mayRedeclare(none, "const a = 1;\n", true)).toBe(false);
  });

  it("in TypeScript, leaves out an interface, type, namespace or module of an imported name (they merge; Babel accepts them)", () => {
    for (const rest of ["\ninterface T {}\n", "\nexport type a = 1;\n", "\nnamespace c {}\n", "\ndeclare module $d {}\n", "\nexport interface c<X> {}\n"]) {
      expect(mayRedeclare(prefix, rest, true)).toBe(false);
      expect(mayRedeclare(prefix, rest, false)).toBe(true);
    }
    // The rest still count: Babel refuses them.
    for (const rest of ["\nenum T {}\n", "\nclass a {}\n", "\nconst c = 1;\n", "\nfunction $d() {}\n", "\nimport a = require(\"x\");\n"]) {
      expect(mayRedeclare(prefix, rest, true)).toBe(true);
    }
  });

  it("Babel's typescript plugin accepts an interface, type, namespace or module of every kind of imported name (what the rule above rests on)", () => {
    const imports = ['import { A } from "x";', 'import type { A } from "x";', 'import { type A } from "x";', 'import A from "x";', 'import type A from "x";', 'import * as A from "x";', 'import type * as A from "x";', 'import A = require("x");', "import A = B.C;"];
    const declarations = ["interface A {}", "export interface A<T> extends B {}", "declare interface A {}", "type A = 1;", "export type A<T> = T;", "namespace A { export const x = 1; }", "declare namespace A {}", "module A {}", "declare module A {}"];
    for (const filepath of ["/x.ts", "/x.tsx", "/x.d.ts"]) {
      for (const i of imports) {
        for (const d of declarations) {
          const source = `${i}\n${d}\n`;
          expect(() => parseSource(source, filepath), `${filepath}: ${source}`).not.toThrow();
          expect(mayRedeclare(parseSource(i, filepath), `\n${d}\n`, true)).toBe(false);
        }
        // The same import with a class, a let or an import-equals of the name after it is refused (Babel's rules differ by kind of import): the check is not empty.
        const refused = ["class A {}", "let A;", 'import A = require("y");'].filter((d) => {
          try {
            parseSource(`${i}\n${d}\n`, filepath);
            return false;
          } catch (error) {
            return /already been declared/.test(String(error));
          }
        });
        expect(refused.length, `${filepath}: ${i}`).toBeGreaterThan(0);
      }
    }
  });
});
