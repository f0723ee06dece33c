/**
 * `selectPattern(code, { where })`: constraints on what single metavariables
 * capture (kind, regex, pattern, inside, has, not, any), checked while
 * matching; and the errors a wrong `where` gives when the query is built.
 */
import type { Node } from "@babel/types";
import { describe, expect, expectTypeOf, it } from "vitest";

import { Query } from "../../src/codemod/query.js";
import type { Constraint } from "../../src/codemod/select/pattern-constraints.js";

import { apply, CONFIG, outcome } from "./helpers.js";

/** The text of each match (and its captures' texts) a pattern with `where` finds. */
function found(code: string, where: Readonly<Record<string, Constraint>>, source: string, file = "a.ts"): string[] {
  const seen: string[] = [];
  const result = new Query([])
    .selectPattern(code, { where })
    .filter((m) => {
      seen.push(m.text);
      return false;
    })
    .applyToSource(source, file, CONFIG);
  if (result.status === "failed") throw new Error(result.diagnostic.message);
  return seen;
}

describe("where: kind", () => {
  const source = "a.indexOf(x) !== -1;\nthis.items.indexOf(x) !== -1;\nf().indexOf(1) !== -1;\n";

  it("keeps captures of that Babel node type", () => {
    expect(found("$A.indexOf($B) !== -1", { A: { kind: "Identifier" } }, source)).toEqual(["a.indexOf(x) !== -1"]);
  });

  it("takes a list (any of them) and ast-types aliases such as Expression and Literal", () => {
    expect(found("$A.indexOf($B) !== -1", { A: { kind: ["Identifier", "CallExpression"] } }, source)).toEqual(["a.indexOf(x) !== -1", "f().indexOf(1) !== -1"]);
    expect(found("$A.indexOf($B) !== -1", { B: { kind: "Literal" } }, source)).toEqual(["f().indexOf(1) !== -1"]);
    expect(found("$A.indexOf($B) !== -1", { A: { kind: "Expression" } }, source)).toHaveLength(3);
  });
});

describe("where: regex", () => {
  const source = "a.indexOf('x') !== -1;\na.indexOf(\"y\") !== -1;\na.indexOf(1) !== -1;\na.indexOf(`t`) !== -1;\n";

  it("is searched in the capture's source text; a string is compiled as a RegExp", () => {
    expect(found("$A.indexOf($B) !== -1", { B: { regex: /^["']/ } }, source)).toEqual(["a.indexOf('x') !== -1", 'a.indexOf("y") !== -1']);
    expect(found("$A.indexOf($B) !== -1", { B: { regex: "^\\d+$" } }, source)).toEqual(["a.indexOf(1) !== -1"]);
  });

  it("a global RegExp keeps no lastIndex between captures", () => {
    expect(found("$A.indexOf($B) !== -1", { B: { regex: /['"]/g } }, source)).toHaveLength(2);
  });

  it("combines with not (every key of a constraint must hold)", () => {
    const where = { B: { regex: /^["'`]/, not: { kind: "TemplateLiteral" } } } as const;
    expect(found("$A.indexOf($B) !== -1", where, source)).toEqual(["a.indexOf('x') !== -1", 'a.indexOf("y") !== -1']);
  });
});

describe("where: pattern, inside, has, not, any", () => {
  it("pattern: the capture itself matches a pattern (its metavariables are its own)", () => {
    expect(found("log($X)", { X: { pattern: "$A + $A" } }, "log(a + a);\nlog(a + b);\n")).toEqual(["log(a + a)"]);
  });

  it("inside: some ancestor matches, however far up", () => {
    const source = "function t() { if (x) { log(a); } }\nlog(b);\nconst f = () => log(c);\n";
    expect(found("log($X)", { X: { inside: "function $F() { $$$ }" } }, source)).toEqual(["log(a)"]);
    expect(found("log($X)", { X: { inside: { kind: "Function" } } }, source)).toEqual(["log(a)", "log(c)"]);
    expect(found("log($X)", { X: { not: { inside: { kind: "Function" } } } }, source)).toEqual(["log(b)"]);
  });

  it("has: some descendant matches, at any depth; the capture itself does not count", () => {
    const source = "log(a + 1);\nlog(b);\nlog(c(await d));\nlog(2);\n";
    expect(found("log($X)", { X: { has: { kind: "NumericLiteral" } } }, source)).toEqual(["log(a + 1)"]);
    expect(found("log($X)", { X: { has: "await $_" } }, source)).toEqual(["log(c(await d))"]);
  });

  it("a bare string is a pattern, also under not and any", () => {
    const source = "use(a.b);\nuse(c[0]);\nuse(d);\n";
    expect(found("use($X)", { X: { not: "$_.$_" } }, source)).toEqual(["use(c[0])", "use(d)"]);
    expect(found("use($X)", { X: { any: ["$_.b", { kind: "Identifier" }] } }, source)).toEqual(["use(a.b)", "use(d)"]);
  });

  it("is checked while matching: a list before the metavariable gives up items until it holds", () => {
    expect(found("f($$$A, $B, $$$C)", { B: { kind: "StringLiteral" } }, "f(1, 2, 'x', 3);\nf(1, 2);\n")).toEqual(["f(1, 2, 'x', 3)"]);
  });

  it("a repeated metavariable is constrained where it first binds and must then be equal", () => {
    expect(found("$X === $X", { X: { kind: "MemberExpression" } }, "a === a;\na.b === a.b;\na.b === a.c;\n")).toEqual(["a.b === a.b"]);
  });

  it("drives a migration: indexOf(…) !== -1 → includes(…) for string searches only", () => {
    const source = "if (name.indexOf('-') !== -1) split(name);\nif (list.indexOf(item) !== -1) drop(item);\n";
    const migrate = (q: Query) => q.selectPattern("$A.indexOf($B) !== -1", { where: { B: { kind: "StringLiteral" } } }).replace("$A.includes($B)");
    expect(apply(migrate, source)).toBe("if (name.includes('-')) split(name);\nif (list.indexOf(item) !== -1) drop(item);\n");
  });
});

describe("where: errors when the query is built", () => {
  const build = (code: string, where: unknown) => () => new Query([]).selectPattern(code, { where: where as Record<string, Constraint> });

  it("an unknown metavariable name, naming those the pattern has", () => {
    expect(build("$A.indexOf($B)", { C: { kind: "Identifier" } })).toThrow('selectPattern("$A.indexOf($B)"): where.C: the pattern has no metavariable $C (it has $A, $B)');
  });

  it("a list metavariable, and $_", () => {
    expect(build("f($$$ARGS)", { ARGS: { kind: "Identifier" } })).toThrow("where.ARGS: $$$ARGS is a list; constraints apply to single metavariables ($ARGS), as in ast-grep");
    expect(build("f($_)", { _: { kind: "Identifier" } })).toThrow("where._: $_ captures nothing, so it takes no constraint; name it ($X) to constrain it");
  });

  it("an unknown key, an empty constraint, a wrong kind or regex, naming the constraint's path", () => {
    expect(build("f($A)", { A: { knd: "Identifier" } })).toThrow("where.A: unknown key knd (a constraint has kind, regex, pattern, inside, has, not, any)");
    expect(build("f($A)", { A: {} })).toThrow("where.A: an empty constraint matches everything");
    expect(build("f($A)", { A: { not: { kind: "Identifer" } } })).toThrow('where.A.not.kind: unknown node kind "Identifer" (a Babel node type such as "Identifier"');
    expect(build("f($A)", { A: { kind: [] } })).toThrow("where.A.kind: kind is a node type or a non-empty list of them, got a list");
    expect(build("f($A)", { A: { regex: "(" } })).toThrow("where.A.regex: invalid regex: Invalid regular expression");
    expect(build("f($A)", { A: { inside: 3 } })).toThrow("where.A.inside: a constraint is an object ({ kind, regex, pattern, inside, has, not, any }) or a pattern string, got 3");
    expect(build("f($A)", { A: { any: [] } })).toThrow("where.A.any: any is a non-empty list of constraints, got a list");
    expect(build("f($A)", [])).toThrow("`where` must be an object of constraints by metavariable name");
  });

  it("a constraint's pattern that does not parse fails the file, naming where it is", () => {
    const result = outcome((q) => q.selectPattern("f($A)", { where: { A: { inside: "function (" } } }).remove(), "f(1);\n");
    expect(result.status === "failed" && result.diagnostic.message).toMatch(/^selectPattern\("f\(\$A\)"\): where\.A\.inside: the pattern "function \(" does not parse/);
  });

  it("types where's keys from the pattern: single metavariables only", () => {
    expectTypeOf(new Query([]).selectPattern).parameter(1).not.toBeAny();
    // @ts-expect-error C is not a metavariable of the pattern
    void (() => new Query([]).selectPattern("$A.indexOf($B)", { where: { C: { kind: "Identifier" } } }));
    // @ts-expect-error ARGS is a list
    void (() => new Query([]).selectPattern("f($$$ARGS)", { where: { ARGS: { kind: "Identifier" } } }));
    // @ts-expect-error not a node kind
    void (() => new Query([]).selectPattern("f($A)", { where: { A: { kind: "Identifer" } } }));
    new Query([]).selectPattern("f($A, $$$REST)", { where: { A: { kind: ["Identifier", "Expression"], not: "$_.$_" } } }).filter((m) => {
      expectTypeOf(m.captures.A).toEqualTypeOf<Node>();
      return true;
    });
  });
});
