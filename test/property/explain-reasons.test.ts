/**
 * `safesort explain` tells the truth about barriers: every reason it gives is
 * checked against facts derived here, from a separate parse, without the
 * sorter's block rules:
 *
 *   "shares a line with another statement"        another statement stands on its first or last line
 *   "shares a line with a comment it does not own" no other statement there, but a comment is
 *   "a comment above it shares a line with another comment"  above it, one comment ends where another starts
 *   "side-effect import"                          an import that binds nothing
 *   "statement (…)"                               not an import or re-export at all
 *
 * and the explanation is the planner's: its barriers are exactly the units
 * planSort cuts (issue #16: two block comments before an import were
 * reported as "another statement").
 */
import { parse, type ParserPlugin } from "@babel/parser";
import type { Comment, Statement } from "@babel/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { explainSource, type Explanation } from "../../src/imports/explain.js";
import { planSort } from "../../src/imports/sort.js";
import { parseSource } from "../../src/parse/parser.js";
import { lineOf, lineStarts } from "../../src/parse/text.js";
import { testConfig } from "../helpers/config.js";
import { sourceFileArb } from "../helpers/generators.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);
const SEED = process.env.SAFESORT_FC_SEED === undefined ? undefined : Number(process.env.SAFESORT_FC_SEED);
const params: fc.Parameters<unknown> = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
const config = testConfig();

interface Facts {
  /** Every statement, top level and inside `declare module` bodies, with its lines. */
  readonly statements: { node: Statement; first: number; last: number; parent: Statement | undefined }[];
  readonly comments: readonly Comment[];
}

/** The independent parse: Babel directly, TypeScript (+ JSX for .tsx). */
function factsOf(text: string, filepath: string): Facts {
  const plugins: ParserPlugin[] = filepath.endsWith(".tsx") ? ["typescript", "jsx"] : ["typescript"];
  const file = parse(text, { sourceType: "module", plugins, allowUndeclaredExports: true, allowReturnOutsideFunction: true });
  const starts = lineStarts(text);
  const statements: Facts["statements"] = [];
  const visit = (list: readonly Statement[], parent: Statement | undefined): void => {
    for (const node of list) {
      statements.push({ node, first: lineOf(starts, node.start!), last: lineOf(starts, node.end! - 1), parent });
      if (node.type === "TSModuleDeclaration" && node.body?.type === "TSModuleBlock") visit(node.body.body, node);
    }
  };
  visit(file.program.body, undefined);
  return { statements, comments: file.comments ?? [] };
}

/** Problems with the explanation's barrier reasons, as readable strings. */
function checkReasons(text: string, filepath: string, explanation: Explanation): string[] {
  const facts = factsOf(text, filepath);
  const starts = lineStarts(text);
  const problems: string[] = [];
  for (const barrier of explanation.barriers) {
    const own = facts.statements.find((s) => s.first === barrier.line && text.slice(s.node.start!).startsWith(barrier.text.replace(/…$/, "")));
    const say = (what: string) => problems.push(`line ${barrier.line} "${barrier.reason}": ${what}`);
    if (barrier.reason.startsWith("shares a line")) {
      if (!own) {
        say("no statement found there");
        continue;
      }
      const others = facts.statements.filter(
        (s) => s !== own && s.node !== own.parent && s.parent === own.parent && (s.last === own.first || s.first === own.last),
      );
      const comments = facts.comments.filter(
        (c) =>
          (lineOf(starts, c.end! - 1) === own.first && c.end! <= own.node.start!) || (lineOf(starts, c.start!) === own.last && c.start! >= own.node.end!),
      );
      if (barrier.reason === "shares a line with another statement" && others.length === 0) say("no other statement on its first or last line");
      if (barrier.reason === "shares a line with a comment it does not own" && (others.length > 0 || comments.length === 0)) {
        say(others.length > 0 ? "another statement is there" : "no comment there");
      }
    } else if (barrier.reason === "a comment above it shares a line with another comment") {
      // Some line above it where one comment ends and another starts.
      const first = own ? own.first : barrier.line;
      const meet = facts.comments.some((c) => lineOf(starts, c.end! - 1) < first && facts.comments.some((d) => d !== c && d.start! >= c.end! && lineOf(starts, d.start!) === lineOf(starts, c.end! - 1)));
      if (!meet) say("no two comments meet on a line above it");
    } else if (barrier.reason === "side-effect import") {
      if (own?.node.type !== "ImportDeclaration" || own.node.specifiers.length > 0) say("not an import without bindings");
    } else if (barrier.reason.startsWith("its `;` leads the next line")) {
      // Semicolon-free style: its `;` is the first thing on a later line.
      const end = own ? own.node.end! - 1 : -1;
      const lineStart = Math.max(text.lastIndexOf("\n", end), text.lastIndexOf("\r", end)) + 1;
      if (!own || text[end] !== ";" || own.last === own.first || !/^[ \t]*$/.test(text.slice(lineStart, end))) say("its `;` does not lead a later line");
    } else if (barrier.reason.startsWith("statement (")) {
      const movable = own && /^(?:Import|ExportAll)Declaration$|^ExportNamedDeclaration$/.test(own.node.type) && "source" in own.node && own.node.source;
      if (!own || movable) say("not an ordinary statement");
    }
  }
  return problems;
}

/** The planner's own barriers, as explain would print them. */
function plannedBarriers(text: string, filepath: string): [number, string][] {
  const parsed = parseSource(text, filepath);
  const starts = lineStarts(text);
  return planSort(parsed, config)
    .units.filter((u) => u.type === "barrier")
    .map((u) => [lineOf(starts, u.start), u.type === "barrier" ? u.reason : ""]);
}

/** Imports with comments and statements on their lines, in the shapes that used to be misreported. */
const LINE_PREFIXES = ["", "/*1*/ ", "/*1*/ /*2*/", "/*1*/ /*2*/ /*3*/ ", "x(); ", "x(); /*1*/ ", "/* a\n b */ /*2*/ ", "/*! keep */ /*2*/ "];
const LINE_SUFFIXES = ["", " // t", " /*t*/", "; y()", " /*t*/; y()", "; /*t*/ /*u*/"];
const sharedLineFileArb = fc
  .array(fc.record({ prefix: fc.constantFrom(...LINE_PREFIXES), suffix: fc.constantFrom(...LINE_SUFFIXES), name: fc.constantFrom("a", "b", "c", "d") }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((lines) => {
    const body = lines.map(({ prefix, suffix, name }, i) => `${prefix}import ${name}${i} from "${name}"${suffix.startsWith(";") ? "" : ";"}${suffix}`);
    return `import z from "z";\n${body.join("\n")}\n`;
  });

describe("explain's barrier reasons", () => {
  it("are true of generated files, and are the planner's own", () => {
    fc.assert(
      fc.property(sourceFileArb({ maxItems: 8 }), (file) => {
        const explanation = explainSource(file.text, file.filepath, config);
        expect(checkReasons(file.text, file.filepath, explanation)).toEqual([]);
        expect(explanation.barriers.map((b) => [b.line, b.reason])).toEqual(plannedBarriers(file.text, file.filepath));
      }),
      params,
    );
  });

  it("are true of imports sharing their lines with comments and statements", () => {
    let shared = 0;
    fc.assert(
      fc.property(sharedLineFileArb, (text) => {
        const explanation = explainSource(text, "/p/a.ts", config);
        shared += explanation.barriers.filter((b) => b.reason.startsWith("shares a line")).length;
        expect(checkReasons(text, "/p/a.ts", explanation)).toEqual([]);
        expect(explanation.barriers.map((b) => [b.line, b.reason])).toEqual(plannedBarriers(text, "/p/a.ts"));
      }),
      params,
    );
    if (SEED === undefined) expect(shared).toBeGreaterThan(RUNS / 4);
  });

  it("two block comments before an import on its line travel with it, as one does (issue #16)", () => {
    for (const comments of ["/*1*/ ", "/*1*/ /*2*/", "/*1*/ /*2*/ /*3*/ "]) {
      const text = `import z from "z";\n${comments}import def from "x";\nimport a from "a";\n`;
      const explanation = explainSource(text, "/p/a.ts", config);
      expect(explanation.barriers).toEqual([]);
      expect(explanation.blocks.map((b) => b.imports.map((i) => `${i.line}:${i.source}`))).toEqual([["3:a", "2:x", "1:z"]]);
    }
  });

  it("semicolon-free style: the imports above a leading `;` form a block, the guarded statement is the barrier (issue #16)", () => {
    const text = 'import b from "b"\nimport a from "a"\n;[a, b].forEach(run)\n';
    const explanation = explainSource(text, "/p/a.js", config);
    expect(explanation.barriers.map((b) => [b.line, b.reason])).toEqual([[3, "statement (call [a, b].forEach(…))"]]);
    expect(explanation.blocks.map((b) => [b.startLine, b.endLine, b.changed])).toEqual([[1, 2, true]]);
    const mixed = 'import c from "c";\nimport b from "b"\nimport a from "a"\n;[a, b, c].forEach(run)\n';
    expect(explainSource(mixed, "/p/a.js", config).barriers.map((b) => [b.line, b.reason])).toEqual([
      [3, "its `;` leads the next line, and imports of its block end with their own `;`"],
      [4, "statement (call [a, b, c].forEach(…))"],
    ]);
  });

  it("name a comment it cannot own, not a statement, when only a comment shares the line", () => {
    // The license comment stays on top; the comment after it on its line cannot travel without it.
    const text = '/*! keep */ /*2*/ import def from "x";\nimport a from "a";\n';
    expect(explainSource(text, "/p/a.ts", config).barriers.map((b) => [b.line, b.reason])).toEqual([[1, "shares a line with a comment it does not own"]]);
    // The file's first comment stays on top; the line comment after it is the import's, and cannot leave that line.
    const above = '/*\n * header\n */ // note\nimport type a from "node:fs";\nimport b from "b";\n';
    expect(explainSource(above, "/p/a.ts", config).barriers.map((b) => [b.line, b.reason])).toEqual([[4, "a comment above it shares a line with another comment"]]);
    const withCode = 'import z from "z";\nx(); /*1*/ /*2*/ import def from "x";\nimport a from "a";\n';
    expect(explainSource(withCode, "/p/a.ts", config).barriers.map((b) => [b.line, b.reason])).toEqual([
      [2, "statement (call x(…))"],
      [2, "shares a line with another statement"],
    ]);
  });
});
