/**
 * parse/gate-scan.ts: the textual readings the syntax gate relies on, each
 * shown both ways (what it may dismiss, and what it must keep as a doubt).
 * The differential test (syntax-gate.test.ts) holds the gate as a whole to
 * Babel's verdict; these pin each reading so that a change to one fails here.
 */
import { describe, expect, it } from "vitest";

import { braceMap } from "../../src/parse/braces.js";
import { ambientConstInCode, classBodyExtends, codeText, isSignature, onPlainCommentLine } from "../../src/parse/gate-scan.js";

function code(source: string): string {
  const map = braceMap(source);
  if (!map) throw new Error(`no brace map for ${JSON.stringify(source)}`);
  return codeText(source, map);
}

describe("codeText", () => {
  it("blanks comments, strings, template text and regexes to spaces, keeping offsets, line breaks and template expressions", () => {
    const source = 'a(/* x */ "s;", `t\n${b}u`, /r}/g); // c\nconst d = 1;\n';
    const text = code(source);
    expect(text).toHaveLength(source.length);
    expect(text).toBe("a(" + " ".repeat(7) + " " + " ".repeat(4) + ", `" + " \n${b}" + "  " + ", " + " ".repeat(5) + ");" + " ".repeat(5) + "\nconst d = 1;\n");
  });
});

describe("onPlainCommentLine", () => {
  const at = (text: string, word: string): boolean => onPlainCommentLine(text, text.indexOf(word));
  it("dismisses a word on a line that starts with // or * and holds nothing that could end a comment or text", () => {
    expect(at("/**\n * const a = 1;\n */\n", "const")).toBe(true);
    expect(at("x;\n  // let a = 1\n", "let")).toBe(true);
    expect(at("x;\n  * and a function f() here\n", "function")).toBe(true);
  });
  it("keeps a word after `*/`, `;`, a bracket, a quote or an angle bracket on that line, and on any other line", () => {
    for (const text of [
      "/*\n * x */ const a = 1;\n",
      "y = 2\n  * 3; const a = 1;\n",
      "x = <p>\n// t</p>; const a = 1;\n",
      'x = "a\\\n// b"; const a = 1;\n',
      "x = `\n// ${1} const a = 1`;\n",
      "const a = 1; // const\n",
      "  const a = 1;\n",
    ]) {
      expect(at(text, "const a"), JSON.stringify(text)).toBe(false);
    }
  });
});

describe("classBodyExtends", () => {
  const extendsAt = (source: string): boolean => classBodyExtends(source, braceMap(source)!, source.lastIndexOf("{ override"));
  it("reads the heritage clause back over calls, objects, type arguments and class expressions", () => {
    expect(extendsAt('class A extends S.Class<A>("A")({\n  b: S.String,\n}) { override m() {} }')).toBe(true);
    expect(extendsAt("@d({ a: 1 })\nexport class A<T extends B<() => void>> extends m(class {})<T>[0] { override m() {} }")).toBe(true);
    expect(extendsAt("const C = class extends B { override m() {} }")).toBe(true);
    expect(extendsAt('class A extends f(/* ) */ "(", `}${g({})}`, /[(]/) { override m() {} }')).toBe(true);
  });
  it("finds no extends where the class has none, or the brace is no class body", () => {
    for (const source of [
      "class A { override m() {} }",
      "class A<T extends B> { override m() {} }",
      "class A<F extends () => void, T extends B> { override m() {} }",
      "class A<T = { b: 1 }> { override m() {} }",
      "class A implements I<{ b: 1 }> { override m() {} }",
      "class B extends C {}\ninterface I { override m(): void }",
      "f(class extends C {});\nclass A { override m() {} }",
      "const D = class extends C {}\nclass A { override m() {} }",
      "type T = B<{ override m(): void }>",
      "class A extends class {} { override m() {} }",
      "class A /* extends B */ { override m() {} }",
      'class A<T extends "class B extends C"> { override m() {} }',
      "type T = X extends Y ? Z : W\nclass A { override m() {} }",
    ]) {
      expect(extendsAt(source), source).toBe(false);
    }
  });
});

describe("isSignature", () => {
  const signature = (source: string): boolean => isSignature(code(source), source.search(/[(<]/));
  it("finds a signature whose return type holds objects, arrows, conditionals and strings, or ends a line before a declaration", () => {
    for (const source of [
      'function f(a: S["k"]): { [K in keyof T]: T[K] };',
      "function f(a: number): O<{ a: 1 }>;",
      "function f(): () => { a: 1 };",
      "function f<T>(a: T): T extends { a: 1 } ? { b: 1 } : { c: 1 };",
      "function f(a: string): { b: 1 }\nexport function f(a: unknown) {}",
    ]) {
      expect(signature(source), source).toBe(true);
    }
  });
  it("takes a brace after a complete type, or anything unread, for a body", () => {
    for (const source of [
      "function f() {}",
      "function f(): { a: 1 } { return x; }",
      "function f(): Promise<{ a: 1 }> { return p; }",
      "function f(): () => void { return g; }",
      "function f<T>(): T extends { a: 1 } ? { b: 1 } : { c: 1 } { return x; }",
      "function f(): keyof { a: 1 };",
      "function f(a: string)\n  : void {}",
      "function f(): A |\n  B {}",
    ]) {
      expect(signature(source), source).toBe(false);
    }
  });
});

describe("ambientConstInCode", () => {
  it("sees an initialiser of an ambient const, whatever comments, strings and line breaks surround it", () => {
    for (const source of [
      "declare const x /* ; */ = f();",
      "declare const x: Array<number>= f();",
      "declare const x: number, y = f()\nconst z = 1",
      "declare const x:\n  number = f();",
      'declare namespace N {\n  const s: "}";\n  const x = f();\n}',
      "declare global {\n  const x: { a: 1 } = f();\n}",
    ]) {
      expect(ambientConstInCode(code(source), false), source).toBe(true);
    }
    expect(ambientConstInCode(code("export const x: number = f();"), true)).toBe(true);
  });
  it("dismisses examples in comments, const type parameters and a semicolon-free declaration's neighbours", () => {
    for (const source of [
      "/**\n * declare const x: number = f();\n */\nexport declare namespace N {\n  /** const y = f() */\n  export type T = 1;\n}",
      "declare namespace N {\n  function f<const G extends boolean = false>(g?: G): G;\n}",
      "declare const p: {\n  readonly a: string\n}\n\nconst t = 1",
      "declare const x: (a: number) => void;\nconst y = 1;",
    ]) {
      expect(ambientConstInCode(code(source), false), source).toBe(false);
    }
  });
});
