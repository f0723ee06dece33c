/**
 * `$$$X` in every list position (metavariables.ts): what it captures in
 * patterns, zero items included, and how a template splices it back.
 * Outputs are compared whole, through both printers (helpers.apply).
 */
import type { Node } from "@babel/types";
import { describe, expect, it } from "vitest";

import { Query } from "../../src/codemod/query.js";

import { apply, CONFIG } from "./helpers.js";

/** Each match's text and the texts of its list captures: `text | NAME=[a, b]`. */
function lists(code: string, source: string, file = "a.tsx"): string[] {
  const seen: string[] = [];
  const result = new Query([])
    .selectPattern(code)
    .filter((m) => {
      const parts = Object.entries(m.captures)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => `${k}=[${(v as readonly Node[]).map((n) => source.slice(n.start!, n.end!)).join(", ")}]`);
      seen.push([m.text, ...parts].join(" | "));
      return false;
    })
    .applyToSource(source, file, CONFIG);
  if (result.status === "failed") throw new Error(result.diagnostic.message);
  return seen;
}

describe("$$$X in object literals", () => {
  const source = "f({ a: 1, b: 2, c, ...d });\nf({ a: 1 });\nf({ b: 2, a: 1 });\n";

  it("captures the other properties (shorthand and spread included), or none", () => {
    expect(lists("f({ a: 1, $$$REST })", source)).toEqual(["f({ a: 1, b: 2, c, ...d }) | REST=[b: 2, c, ...d]", "f({ a: 1 }) | REST=[]"]);
    expect(lists("f({ $$$BEFORE, a: 1 })", source)).toEqual(["f({ a: 1 }) | BEFORE=[]", "f({ b: 2, a: 1 }) | BEFORE=[b: 2]"]);
  });

  it("works in object patterns too", () => {
    expect(lists("const { a, $$$REST } = $_", "const { a, b, c: [d] } = o;\n{\n  const { a } = p;\n}\n")).toEqual([
      "const { a, b, c: [d] } = o; | REST=[b, c: [d]]",
      "const { a } = p; | REST=[]",
    ]);
  });

  it("is spliced back by a one-line template as one line, with the captured properties' own text", () => {
    const source = "f({ a: 1, b: 2, c });\nf({ a: 1 });\n";
    expect(apply((q) => q.selectPattern("f({ a: 1, $$$REST })").replace("g({ $$$REST, a: 2 })"), source)).toBe("g({ b: 2, c, a: 2 });\ng({ a: 2 });\n");
  });

  it("is spliced as nodes by a multi-line template (recast prints the new object, one property a line)", () => {
    const source = "f({ a: 1, b: 2 });\n";
    expect(apply((q) => q.selectPattern("f({ a: 1, $$$REST })").replace("g({\n  $$$REST,\n  a: 2,\n})"), source)).toMatch(/^g\(\{\n {2}b: 2,\n {2}a: 2,?\n\}\);\n$/);
  });

  it("`{ $X }` is still a shorthand property whose name is captured", () => {
    expect(lists("f({ $X })", "f({ a });\nf({ a: 1 });\n")).toEqual(["f({ a })"]);
  });
});

describe("$$$X in arrays, parameters, JSX attributes, class members, import specifiers", () => {
  it("array elements", () => {
    expect(lists("[first, $$$REST]", "x = [first, 2, 3];\ny = [first];\nz = [other];\n")).toEqual(["[first, 2, 3] | REST=[2, 3]", "[first] | REST=[]"]);
  });

  it("function parameters (a named function pattern means the declaration)", () => {
    const source = "function g(a, b, c) {}\nfunction h(a) {}\nconst k = function (a, b) {};\nconst l = (a, ...b) => a;\n";
    expect(lists("function $F(a, $$$P) {}", source)).toEqual(["function g(a, b, c) {} | P=[b, c]", "function h(a) {} | P=[]"]);
    expect(lists("(function (a, $$$P) {})", source)).toEqual(["function (a, b) {} | P=[b]"]);
    expect(lists("(a, $$$P) => a", source)).toEqual(["(a, ...b) => a | P=[...b]"]);
  });

  it("JSX attributes", () => {
    const source = 'x = <Button kind="a" size={2} {...rest} />;\ny = <Button kind="b" />;\n';
    expect(lists("<Button kind={$K} $$$ATTRS />", source)).toEqual(['<Button kind="a" size={2} {...rest} /> | ATTRS=[size={2}, {...rest}]', '<Button kind="b" /> | ATTRS=[]']);
    expect(apply((q) => q.selectPattern("<Button kind={$_} $$$ATTRS />").replace("<Button $$$ATTRS />"), source, "a.tsx")).toBe(
      "x = <Button size={2} {...rest} />;\ny = <Button />;\n",
    );
  });

  it("class members", () => {
    expect(lists("class $C { $$$MEMBERS }", "class A { x = 1; y() {} }\nclass B {}\n", "a.ts")).toEqual(["class A { x = 1; y() {} } | MEMBERS=[x = 1;, y() {}]", "class B {} | MEMBERS=[]"]);
  });

  it("import specifiers (the whole list, a default one included); `$$$` alone is not captured", () => {
    const source = 'import { a, b as c } from "m";\nimport d from "m";\nimport { e } from "n";\n';
    expect(lists('import { $$$S } from "m"', source, "a.ts")).toEqual(['import { a, b as c } from "m"; | S=[a, b as c]', 'import d from "m"; | S=[d]']);
    expect(lists('import { $$$ } from "m"', source, "a.ts")).toEqual(['import { a, b as c } from "m";', 'import d from "m";']);
  });
});
