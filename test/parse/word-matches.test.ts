import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { bracketsBeforeQuestion, wordMatches } from "../../src/parse/word-matches.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

// The syntax gate's patterns (gate.ts): the redeclared imports' (searched with wordMatches), global as they were
// searched before; and two whose matches may hold a keyword that starts another (a match goes on to its end).
const ID = "[\\p{ID_Start}$_\\\\][\\p{ID_Continue}$\\\\\\u200c\\u200d]*";
const FUNCTION = "function(?![\\p{ID_Continue}$\\\\\\u200c\\u200d])\\s*\\*?\\s*";
const DECLARED = `(?<![\\w$.\\\\])(?:(?:(?:var|let|const|class|enum|namespace|module)\\s+|${FUNCTION})(?=(${ID}))|using\\s+(?=(${ID})(?![\\p{ID_Continue}$\\\\\\u200c\\u200d])(?![ \\t]*[\\p{ID_Start}$_\\\\])))`;
const DESTRUCTURING = "(?<![\\w$.\\\\])(?:var|let|const|using)\\s*[[{]";
const FUNCTION_OR_CLASS = `(?<![\\w$.\\\\])(?:${FUNCTION}(${ID})\\s*[(<]|class\\s+(${ID})\\s*(?:[{<]|extends\\b|implements\\b)|var\\s+(${ID})\\s*[=;,:])`;
const KEYWORD = "(?<![\\w$.\\\\])(?:import|export)(?![\\w$\\\\\\u200c\\u200d\\p{ID_Continue}])";

const PATTERNS: readonly (readonly [string, string, string])[] = [
  ["declared and destructuring", "var|let|const|class|enum|namespace|module|function|using", `${DECLARED}\n${DESTRUCTURING}`],
  ["function, class or var", "function|class|var", FUNCTION_OR_CLASS],
  ["import or export", "import|export", KEYWORD],
];

/** Words, their look-arounds' neighbours, names (escaped, non-ASCII), and the brackets and signs after them. */
const PIECES = [
  "var", "let", "const", "class", "enum", "namespace", "module", "function", "function*", "using", "import", "export", "extends",
  "implements", "a", "b1", "$", "_x", "\\u0061", "é", "\u0130", "\u200c", "\u{1d49c}", ".", "\\", " ", "  ", "\t", "\n", "\u00a0",
  "\u2028", "(", "<", "{", "[", "=", ";", ",", ":", "}", "]", "?", "*", "x.", "$var", "varlet", "classvar",
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join("")),
  fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(" ", "", "\n")), { maxLength: 30 }).map((parts) => parts.flat().join("")),
);

/** Unicode mode for the patterns with `\p{…}` classes, as in gate.ts. */
const flags = (pattern: string, flag: string): string => (pattern.includes("\\p{") ? `u${flag}` : flag);

/** matchAll of each pattern, as [which, offset, text, groups…], interleaved by offset as wordMatches gives them. */
function expected(source: string, patterns: readonly string[]): unknown[] {
  const all = patterns.flatMap((pattern, which) =>
    [...source.matchAll(new RegExp(pattern, flags(pattern, "g")))].map((m) => [which, m.index, ...m] as const),
  );
  return all.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
}

describe("wordMatches", () => {
  for (const [name, words, patterns] of PATTERNS) {
    it(`gives matchAll's matches: ${name}`, () => {
      const sources = patterns.split("\n");
      const sticky = sources.map((p) => new RegExp(p, flags(p, "y")));
      fc.assert(
        fc.property(text, (source) => {
          const got = [...wordMatches(source, new RegExp(words, "g"), sticky)].map(([which, m]) => [which, m.index, ...m]);
          expect(got).toEqual(expected(source, sources));
        }),
        { numRuns: RUNS * 10 },
      );
    });
  }

  it("goes on from the end of a match, as matchAll does (a match inside another is not one)", () => {
    const pattern = new RegExp(FUNCTION_OR_CLASS, "uy");
    const source = "class function extends (x); var implements = 1;";
    const got = [...wordMatches(source, /function|class|var/g, [pattern])].map(([, m]) => m.index);
    expect(got).toEqual([...source.matchAll(new RegExp(FUNCTION_OR_CLASS, "gu"))].map((m) => m.index));
    expect(got).toEqual([0, 28]);
  });
});

describe("bracketsBeforeQuestion", () => {
  const OPTIONAL = "[}\\]]\\s*\\?\\s*[:,)=]";
  const pieces = fc.constantFrom("}", "]", "?", " ", "\n", "\u00a0", "\u2028", "\ufeff", "\u200b", ":", ",", ")", "=", "a", "{", "?.", "??");
  it("gives the offsets of matchAll's matches", () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const source = parts.join("");
        const got = [...bracketsBeforeQuestion(source, new RegExp(OPTIONAL, "y"))];
        expect(got).toEqual([...source.matchAll(new RegExp(OPTIONAL, "g"))].map((m) => m.index));
      }),
      { numRuns: RUNS * 10 },
    );
  });
});
