import type { Node } from "@babel/types";
/**
 * Scope analysis (src/codemod/scope/scope.ts): which declaration each identifier
 * refers to. Positions are `line:column`, 1-based, of the identifier.
 */
import { describe, expect, it } from "vitest";

import { parseForSplice } from "../../src/codemod/parse.js";
import { analyzeScopes, type Binding } from "../../src/codemod/scope/scope.js";

function analyze(source: string, file = "a.tsx") {
  return analyzeScopes(parseForSplice(source, file).file);
}

function at(node: Node): string {
  return `${node.loc!.start.line}:${node.loc!.start.column + 1}`;
}

/** The bindings named `name`, in declaration order: where each is declared and where it is referenced. */
function bindingsNamed(source: string, name: string, file?: string): { kind: string; declared: string[]; refs: string[] }[] {
  return analyze(source, file)
    .bindings.filter((b: Binding) => b.name === name)
    .map((b) => ({ kind: b.kind, declared: b.declarations.map((d) => at(d.node)), refs: b.references.map((r) => at(r.path.node)) }));
}

function globals(source: string, name: string, file?: string): string[] {
  return analyze(source, file)
    .globals(name)
    .map((r) => at(r.path.node));
}

describe("declarations and hoisting", () => {
  it("resolves a function called before its declaration", () => {
    expect(bindingsNamed("f();\nfunction f() {}\n", "f")).toEqual([{ kind: "function", declared: ["2:10"], refs: ["1:1"] }]);
  });

  it("hoists var out of blocks to the function, not out of the function", () => {
    const source = "function g() {\n  if (x) { var v = 1; }\n  return v;\n}\nv;\n";
    expect(bindingsNamed(source, "v")).toEqual([{ kind: "var", declared: ["2:16"], refs: ["3:10"] }]);
    expect(globals(source, "v")).toEqual(["5:1"]);
  });

  it("keeps let, const and class in their block", () => {
    const source = "{ let b = 1; b; }\nb;\n{ class C {} new C(); }\nC;\n";
    expect(bindingsNamed(source, "b")).toEqual([{ kind: "let", declared: ["1:7"], refs: ["1:14"] }]);
    expect(globals(source, "b")).toEqual(["2:1"]);
    expect(bindingsNamed(source, "C")).toEqual([{ kind: "class", declared: ["3:9"], refs: ["3:18"] }]);
    expect(globals(source, "C")).toEqual(["4:1"]);
  });

  it("scopes a for head's let to the loop", () => {
    const source = "for (let i = 0; i < 3; i++) { i; }\ni;\n";
    expect(bindingsNamed(source, "i")[0]!.refs).toEqual(["1:17", "1:24", "1:31"]);
    expect(globals(source, "i")).toEqual(["2:1"]);
  });

  it("merges redeclarations of one var into one binding", () => {
    expect(bindingsNamed("var a = 1;\nvar a = 2;\na;\n", "a")).toEqual([{ kind: "var", declared: ["1:5", "2:5"], refs: ["3:1"] }]);
  });

  it("declares imports at module scope, visible in nested functions", () => {
    const source = 'import def, { a as b } from "m";\nimport * as ns from "n";\nfunction f() { return [def, b, ns]; }\n';
    expect(bindingsNamed(source, "b")).toEqual([{ kind: "import", declared: ["1:20"], refs: ["3:29"] }]);
    expect(bindingsNamed(source, "a")).toEqual([]);
    expect(bindingsNamed(source, "ns")[0]!.refs).toEqual(["3:32"]);
  });

  it("gives arguments and undeclared names no binding (globals)", () => {
    expect(globals("function f() { return arguments; }\nwindow.x;\n", "arguments")).toEqual(["1:23"]);
    expect(globals("function f() { return arguments; }\nwindow.x;\n", "window")).toEqual(["2:1"]);
  });
});

describe("shadowing", () => {
  it("a parameter shadows the module's binding", () => {
    const source = "const a = 1;\nfunction f(a) { return a; }\na;\n";
    expect(bindingsNamed(source, "a")).toEqual([
      { kind: "const", declared: ["1:7"], refs: ["3:1"] },
      { kind: "param", declared: ["2:12"], refs: ["2:24"] },
    ]);
  });

  it("a catch parameter is local to the catch clause", () => {
    const source = "try {} catch (err) { err; }\nerr;\n";
    expect(bindingsNamed(source, "err")).toEqual([{ kind: "catch", declared: ["1:15"], refs: ["1:22"] }]);
    expect(globals(source, "err")).toEqual(["2:1"]);
  });

  it("a class expression's name is visible inside the class only", () => {
    const source = "const K = class Inner { m() { return Inner; } };\nInner;\n";
    expect(bindingsNamed(source, "Inner")).toEqual([{ kind: "class", declared: ["1:17"], refs: ["1:38"] }]);
    expect(globals(source, "Inner")).toEqual(["2:1"]);
  });

  it("a named function expression's name is visible inside it only", () => {
    const source = "const g = function inner() { return inner; };\ninner;\n";
    expect(bindingsNamed(source, "inner")[0]!.refs).toEqual(["1:37"]);
    expect(globals(source, "inner")).toEqual(["2:1"]);
  });

  it("a default parameter sees the outer binding, a computed method key the class's scope", () => {
    const source = "const d = 1;\nfunction f(x = d) {}\nconst k = 'x';\nclass A { [k](k) { return k; } }\n";
    expect(bindingsNamed(source, "d")[0]!.refs).toEqual(["2:16"]);
    expect(bindingsNamed(source, "k")).toEqual([
      { kind: "const", declared: ["3:7"], refs: ["4:12"] },
      { kind: "param", declared: ["4:15"], refs: ["4:27"] },
    ]);
  });
});

describe("destructuring and properties", () => {
  it("declares every identifier of a pattern, not its keys", () => {
    const source = "const { a, b: [c, ...d], e = a, ...rest } = obj;\n";
    for (const name of ["a", "c", "d", "e", "rest"]) expect(bindingsNamed(source, name).length, name).toBe(1);
    expect(bindingsNamed(source, "b")).toEqual([]);
    expect(bindingsNamed(source, "a")[0]!.refs).toEqual(["1:30"]);
  });

  it("counts a shorthand property's value as a reference, keys and member properties not", () => {
    const source = "const a = 1;\nconst o = { a, b: a, [a]: 1, a() {} };\no.a;\no[a];\n";
    expect(bindingsNamed(source, "a")[0]!.refs).toEqual(["2:13", "2:19", "2:23", "4:3"]);
  });

  it("counts assignment targets as references", () => {
    const source = "let x, y;\n[x, y] = [y, x];\n({ x } = { x: y });\n";
    expect(bindingsNamed(source, "x")[0]!.refs).toEqual(["2:2", "2:14", "3:4"]);
  });

  it("ignores labels", () => {
    expect(globals("outer: for (;;) { break outer; }\n", "outer")).toEqual([]);
  });

  it("counts an export list's local names, not a re-export's", () => {
    const source = 'const x = 1;\nexport { x, x as y };\nexport { x as z } from "m";\n';
    expect(bindingsNamed(source, "x")[0]!.refs).toEqual(["2:10", "2:13"]);
  });
});

describe("JSX", () => {
  it("refers to components by capitalized or member names, never to intrinsic elements or attribute names", () => {
    const source = "const Foo = 1, div = 2, title = 3;\nconst el = <Foo title={title}><Foo.Bar /><div /></Foo>;\n";
    expect(bindingsNamed(source, "Foo")[0]!.refs).toEqual(["2:13", "2:32", "2:51"]);
    expect(bindingsNamed(source, "div")[0]!.refs).toEqual([]);
    expect(bindingsNamed(source, "title")[0]!.refs).toEqual(["2:24"]);
  });
});

describe("TypeScript", () => {
  it("keeps types and values in separate name spaces", () => {
    const source = "type T = { a: 1 };\nconst T = 1;\nlet v: T = T;\n";
    expect(bindingsNamed(source, "T", "a.ts")).toEqual([
      { kind: "type", declared: ["1:6"], refs: ["3:8"] },
      { kind: "const", declared: ["2:7"], refs: ["3:12"] },
    ]);
  });

  it("lets type parameters shadow imports", () => {
    const source = 'import { T } from "m";\nfunction f<T>(x: T): T { return x; }\nlet y: T;\n';
    expect(bindingsNamed(source, "T", "a.ts")[0]).toEqual({ kind: "import", declared: ["1:10"], refs: ["3:8"] });
  });

  it("treats `typeof x` as a value reference", () => {
    expect(bindingsNamed("const v = 1;\ntype X = typeof v;\n", "v", "a.ts")[0]!.refs).toEqual(["2:17"]);
  });

  it("does not count function-type parameters or property signatures as references", () => {
    const source = 'import { debounce } from "lodash";\ntype F = (debounce: number) => void;\ninterface I { debounce: string; debounce2(debounce: 1): void }\n';
    expect(bindingsNamed(source, "debounce", "a.ts")[0]!.refs).toEqual([]);
  });

  it("merges a class and an interface of one name; resolves heritage clauses", () => {
    const source = "interface A { x: 1 }\nclass A {}\nclass B extends A implements A {}\n";
    expect(bindingsNamed(source, "A", "a.ts")).toEqual([{ kind: "type", declared: ["1:11", "2:7"], refs: ["3:17", "3:30"] }]);
  });

  it("resolves the left end of a qualified name", () => {
    const source = 'import * as ns from "m";\nlet v: ns.Inner.T;\n';
    expect(bindingsNamed(source, "ns", "a.ts")[0]!.refs).toEqual(["2:8"]);
  });

  it("scopes namespace members to the namespace", () => {
    const source = "namespace N { export const inner = 1; inner; }\ninner;\n";
    expect(bindingsNamed(source, "inner", "a.ts")[0]!.refs).toEqual(["1:39"]);
    expect(globals(source, "inner", "a.ts")).toEqual(["2:1"]);
  });
});
