/**
 * The syntax gate (src/parse/gate.ts): a file safesort changes is checked
 * whole by oxc (semantic errors on) instead of Babel, and Babel parses only
 * its import region. Differential: for every case below (after two unsorted
 * imports, so the file would change), Babel's whole strict parse is the
 * reference. Where Babel refuses the file, safesort must refuse it (exit 2,
 * syntax error); where Babel accepts it, safesort must sort it, whatever oxc
 * says (oxc's stricter verdicts take Babel's whole parse). The only
 * exceptions are the known gaps, listed below: a list that fails once a gap
 * closes. A gate that trusted oxc alone fails this test (the TypeScript cases
 * oxc leaves to the type checker).
 */
import { describe, expect, it } from "vitest";

import { oxcMayMissAnError } from "../../src/parse/gate.js";
import { parseImportRegion, parseSource } from "../../src/parse/parser.js";
import { lineEndAfter } from "../../src/parse/prefix.js";
import { importRegion } from "../../src/parse/region.js";
import { processSource } from "../../src/pipeline/process-source.js";
import { testConfig } from "../helpers/config.js";
import { loadFixtures } from "../helpers/fixtures.js";

const config = testConfig();
const IMPORTS = 'import b from "b";\nimport a from "a";\n';

/** Bodies after the imports: early errors of JavaScript and TypeScript, TypeScript-only errors, redeclarations, and valid code near them. */
const CASES: Record<string, string> = {
  "let declared twice": "let x = 1;\nlet x = 2;\n",
  "an import declared again by const": "const a = 1;\n",
  "an import declared again by function": "function a() {}\n",
  "an import declared again by class": "class b {}\n",
  "an import declared again by enum": "enum a { A }\n",
  "an import declared again by var": "var a;\n",
  "an import declared again by destructuring": "const { a } = o;\n",
  "an import declared again after code on its line": "f(); let a = 1;\n",
  "an import shadowed in a block (valid)": "function f() {\n  const a = 1;\n  return a;\n}\n",
  "an import declared again with an escape": "const \\u0061 = 1;\n",
  "function declared twice": "function f() {}\nfunction f() {}\n",
  "function declared twice in a block": "{\n  function f() {}\n  function f() {}\n}\n",
  "async and plain function of one name": "async function f() {}\nfunction f() {}\n",
  "generator and var of one name": "function* f() {}\nvar f;\n",
  "class and function of one name": "class C {}\nfunction C() {}\n",
  "function and var destructuring of one name": "function f() {}\nvar { f } = o;\n",
  "overloads (valid TypeScript)": "function f(a: string): void;\nfunction f(a: unknown) {}\n",
  "generic overloads (valid TypeScript)": "export function f<T>(a: T): T;\nexport function f<T extends () => void>(a: T, b: number): T;\nexport function f(a: unknown) {\n  return a;\n}\n",
  "overloads, then a second body": "function f(a: string): void;\nfunction f(a: unknown) {}\nfunction f(b: unknown) {}\n",
  "an overload signature and a class of one name": "function f(a: string): void;\nclass f {}\n",
  "an overload signature and a var of one name": "function f(a: string): void;\nvar f = 1;\n",
  "an overload returning an object type, then two bodies": "function f(): { a: 1 };\nfunction f() {}\nfunction f() {}\n",
  "a body whose default holds `);`": 'function f(a = ");") {}\nfunction f() {}\n',
  "a body whose return type is on the next line": "function f(a: string)\n  : void {}\nfunction f() {}\n",
  "semicolon-free overloads (valid TypeScript)": "export function f(a: { readonly b: string }): string\n/** the other */\nexport function f(a: number): number\nexport function f(a: unknown): unknown {\n  return a\n}\n",
  "semicolon-free overloads, then a second body": "function f(a: string): void\nfunction f(a: unknown) {}\nfunction f(b: unknown) {}\n",
  "a return type continued on the next line, then two bodies": "function f(a: string): A |\n  B {}\nfunction f() {}\n",
  "a union return type split before a comment, then two bodies": "function f(a: string): A\n  // or\n  | B {}\nfunction f() {}\n",
  "class declared twice": "class A {}\nclass A {}\n",
  "duplicate export": "export const c = 1;\nexport { c };\n",
  "duplicate default export": "export default 1;\nexport default 2;\n",
  "undeclared export": "export { missing };\n",
  "return at the top level": "return;\n",
  "super call outside a class": "super();\n",
  "super property outside a method": "const z = super.x;\n",
  "new.target outside a function": "new.target;\n",
  "await in a plain function": "function f() { await x; }\n",
  "yield in a plain function": "function f() { yield x; }\n",
  "legacy octal": "const x = 010;\n",
  "delete of a name": "delete x;\n",
  "assignment to eval": "eval = 1;\n",
  "duplicate parameter": "function f(a, a) {}\n",
  "with statement": "with (a) {}\n",
  "html comment": "<!-- x\n",
  "reserved word as a name": "const implements = 1;\n",
  "duplicate __proto__": "({ __proto__: 1, __proto__: 2 });\n",
  "label used twice": "l: l: ;\n",
  "break outside a loop": "break;\n",
  "undefined label": "x: while (1) { break y; }\n",
  "duplicate constructor": "class A { constructor() {} constructor() {} }\n",
  "duplicate private name": "class A { #x; #x; }\n",
  "undeclared private name": "class A { m() { this.#x; } }\n",
  "import in a function": "function f() {\n  import c from 'c';\n}\n",
  "export in a function": "function f() {\n  export const c = 1;\n}\n",
  "import in a function, at the start of a line": "function f() {\nimport c from 'c';\n}\n",
  "export in a block, at the start of a line": "if (a) {\nexport const c = 1;\n}\n",
  "export in a block, at the start of a line, after text outside ASCII": 'const s = "é€😀";\nif (a) {\nexport const c = 1;\n}\n',
  "exports at the start of lines, decorated and after text outside ASCII (valid)": 'const s = "é€😀";\n@dec()\nexport class C {}\nexport const c = s;\n',
  "exports in an unindented namespace and declare module (valid TypeScript)": 'namespace N {\nexport const c = 1;\n}\ndeclare module "m" {\nexport const d: number;\n}\n',
  "import at the start of a line in a template and a comment (valid)": 'const t = `\nimport x from "x";\n`;\n/*\nexport const y = 1;\n*/\n',
  "export in a block, one line": "if (a) { export default 1; }\n",
  "export in a namespace (valid TypeScript)": "namespace N {\n  export const c = 1;\n}\n",
  "override outside a subclass": "class A { override m() {} }\n",
  "override in a subclass (valid TypeScript)": "class A extends B { override m() {} }\n",
  "override with generics, no extends": "class A<T extends B> { override m() {} }\n",
  "exports in nested namespaces, a declare global and a declare module (valid TypeScript)":
    'export declare namespace N.M {\n  /** a } in a comment */\n  export interface I { a: "}" }\n  namespace O {\n    export type T = `}${string}`;\n    export const c: 1;\n  }\n}\ndeclare global {\n  export interface Window { x: 1 }\n}\ndeclare module "m" {\n  export const d: 1;\n}\n',
  "exports in a namespace after a regex and a division (valid TypeScript)": "namespace N {\n  export const r = /[}/]{2}/g;\n  export const h = (1 + 2) / 3;\n  export const q = '/' + r.lastIndex / 2;\n  export function f() {\n    return /{/;\n  }\n}\n",
  "export in a function in a namespace": "namespace N {\n  export function f() {\n    export const c = 1;\n  }\n}\n",
  "export in a block in a namespace": "namespace N {\n  if (a) {\n    export const c = 1;\n  }\n}\n",
  "export after a string holding a brace, in a function": "function f() {\n  const s = \"}\";\n  export const c = 1;\n}\n",
  "export after a regex holding a brace, in a function": "function f() {\n  const r = /}/;\n  export const c = 1;\n}\n",
  "export after a template holding a brace, in a function": "function f() {\n  const t = `}${`{`}`;\n  export const c = 1;\n}\n",
  "export on the line of a function's brace": "function f() { export const c = 1; }\n",
  "override in subclasses with type arguments and comments (valid TypeScript)":
    "export class A<T> extends B<T> implements C {\n  // override\n  override m(): void {}\n  protected override readonly n = 1;\n}\nconst D = class extends E { override m() {} };\n",
  "override in a class nested in a subclass's method": "class A extends B {\n  m() {\n    return class {\n      override n() {}\n    };\n  }\n}\n",
  "override after a subclass, in a class without extends": "class A extends B {}\nclass C {\n  override m() {}\n}\n",
  "optional binding pattern": "function f({ c }?) {}\n",
  "optional array pattern with a type": "function f(x, [c]?: T) {}\n",
  "optional computed property (valid TypeScript)": "interface I {\n  readonly [k]?: number;\n}\n",
  "ambient const with a call": "declare const x = f();\n",
  "ambient const in a namespace": "declare namespace N {\n  const x = f();\n}\n",
  "ambient const with a literal (valid TypeScript)": "declare const x = 1;\n",
  "abstract method with a body": "abstract class A { abstract m() {} }\n",
  "abstract method in a plain class": "class A { abstract m(): void; }\n",
  "readonly method": "class A { readonly m() {} }\n",
  "declare function with a body": "declare function f() {}\n",
  "duplicate modifier": "class A { public public x; }\n",
  "accessibility on an index signature": "class A { public [k: string]: any; }\n",
  "empty type arguments": "f<>();\n",
  "parameter property outside a constructor": "function f(public x) {}\n",
  "type-only import of default and names": "import type X, { Y } from 'y';\n",
  "optional element before a required one": "type T = [a?, b];\n",
  "setter with a rest parameter": "class A { set x(...v) {} }\n",
  "definite assignment with an initializer": "let x!: number = 1;\n",
  "required parameter after an optional one": "function f(a?, b) {}\n",
  "export assignment next to other exports": "export = a;\nexport const c = 1;\n",
  "parameter default in an interface method": "interface I { m(c = 1): void }\n",
  "parameter default in a function type": "type F = (c = 1) => void;\n",
  "JSX in a .ts file": "const x = <div />;\n",
  // Words in comments, strings and templates are not declarations; code around them still is.
  "an import's name in a JSDoc example (valid)": "/**\n * const { a } = b;\n * let a = 1;\n */\nexport const x = 1;\n",
  "an import's name in a string and a template (valid)": 'export const s = "let a = 1; function b() {}";\nexport const t = `${s} let a = 1;\n * const b = 2;`;\n',
  "an import's name after using, in a sentence (valid)": 'it("renders using a prop", () => {});\n',
  "a name that starts with function (valid)": "export const x = functiona;\n",
  "an import's name declared in a namespace (valid TypeScript)": "namespace N {\n  export const a = 1;\n}\n",
  "an import declared again after a comment on its line": "/* c */ const a = 1;\n",
  "an import declared again after a block comment ends on its line": "/*\n * x */ const a = 1;\n",
  "an import declared again after a regex holding a quote": "const r = /'/; const a = 1;\n",
  "an import declared again after a template with an expression": "const t = `${c}`; let a = 1;\n",
  "an import declared again on a line that starts with a product": "const y = 2\n  * 3; const a = 1;\n",
  "an import declared again by using": "using a = f();\n",
  "an import declared again after `as const` ends the line before": "export const m = [1] as const\nlet a = 1\n",
  "an import declared again after `as const` and a comment": "export const m = [1] as const\n/* c */ let a = 1;\n",
  "an import declared again by a const enum": "const enum a {\n  A,\n}\n",
  "ambient const in a JSDoc example, and a namespace of types (valid)":
    "/**\n * declare const x: number = f();\n */\nexport declare namespace N {\n  /** const y = f() */\n  export type T = 1;\n}\n",
  "const type parameters with defaults in an ambient namespace (valid)": "declare namespace N {\n  function f<const G extends boolean = false>(g?: G): G;\n}\n",
  "a semicolon-free ambient const, then a const with an initializer (valid)": "declare const p: {\n  readonly a: string\n}\n\nconst t = 1\n",
  "ambient const with a call after a comment": "declare const x /* : */ = f();\n",
  "ambient const with a call after a generic type": "declare const x: Array<number>= f();\n",
  "a second semicolon-free ambient const with a call": "declare const x: number, y = f()\nconst z = 1\n",
  "ambient const with a call after a comment holding a semicolon": "declare const x /* ; */ = f();\n",
  "a destructured import after a default holding a brace": 'const { c = "}", a } = o;\n',
  "a function and a destructured var after a default holding a brace": 'function f() {}\nvar { c = "}", f } = o;\n',
  "override in a class whose heading comments on extends": "class A /* extends B */ {\n  override m() {}\n}\n",
  "override in a class whose type parameters hold an arrow and extends": "class A<F extends () => void, T extends B> {\n  override m() {}\n}\n",
  "ambient const with a call in a namespace, after a type holding a brace": 'declare namespace N {\n  type S = "}";\n  const x = f();\n}\n',
  "ambient const with a call after a line break in its type": "declare const x:\n  number = f();\n",
  "override in a class after a semicolon-free conditional type": "type T = X extends Y ? Z : W\nclass A {\n  override m() {}\n}\n",
  "ambient const with a call in a namespace, after a string holding a brace": 'declare namespace N {\n  const s: "}";\n  const x = f();\n}\n',
  "override in a subclass whose heritage calls with an object (valid)":
    'export class A extends S.Class<A>("A")({\n  b: S.String,\n}) {\n  override toString() {\n    return "";\n  }\n}\n',
  "override in a subclass of a mixin of a class expression (valid)": "class A extends m(class {}) {\n  override n() {}\n}\n",
  "override as a name, in a string and in a comment (valid)":
    'class A {\n  override?: number;\n  m() {\n    return this.override + "override this";\n  }\n}\n// override m() {}\n',
  "override in a class whose type parameter defaults to an object": "class A<T = { b: 1 }> {\n  override m() {}\n}\n",
  "override in a class implementing a generic object type": "class A implements I<{ b: 1 }> {\n  override m() {}\n}\n",
  "override in an interface after a subclass": "class B extends C {}\ninterface I {\n  override m(): void;\n}\n",
  "override in a class after a call holding a subclass": "f(class extends C {});\nclass A {\n  override m() {}\n}\n",
  "override in a class after a semicolon-free subclass expression": "const D = class extends C {}\nclass A {\n  override m() {}\n}\n",
  // In TSX braces.ts does not read the file: oxc's AST tells words in strings, templates and JSX text from code.
  "an import at the start of a line in a template, override in a string, a class without extends (valid)":
    "export const code = `\nimport { a } from 'react-admin';\nexport const List = () => null;\n`;\nit('should allow to override the default', () => {});\nclass K {}\n",
  "export and override in JSX text and an attribute (valid JSX)": 'class K {}\nexport const v = (\n  <p title="override m() {}">\nexport const c = 1;\n    override this\n  </p>\n);\n',
  "an import at the start of a line in a template after text outside ASCII (valid)": 'const s = "é€😀é€😀é€😀";\nconst t = `\nimport x from "x";\n`;\n',
  "export in a function after a template holding an import": "const t = `\nimport x from 'x';\n`;\nfunction f() {\nexport const c = 1;\n}\n",
  "override outside a subclass after one in a string": 'const s = "override";\nclass A {\n  override m() {}\n}\n',
  "a function's name in comments (valid)": "function f() {}\n// function f() {}\n/* function f() {} */\n",
  "functions of one name in different scopes (valid)":
    "function g() {\n  function loop() {}\n  return loop;\n}\nfunction h() {\n  function loop() {}\n  return loop;\n}\nfunction f() {\n  function f() {}\n}\nnamespace N {\n  export function f() {}\n}\n",
  "a function in a template expression and one at the top level (valid)": "const t = `${(() => {\n  function f() {}\n  return f;\n})()}`;\nfunction f() {}\n",
  "function declared twice in a block after a nested one": "function g() {\n  {\n    function f() {}\n  }\n}\n{\n  function f() {}\n  function f() {}\n}\n",
  "function declared twice in a namespace": "namespace N {\n  function f() {}\n  function f() {}\n}\n",
  "a function and a var of one name in a block": "function f() {}\n{\n  var f;\n}\n",
  "a block function and a var in a nested block": "{\n  function f() {}\n  {\n    var f;\n  }\n}\n",
  "overloads returning object types, with string-keyed parameter types (valid TypeScript)":
    'export function f(a: S["k"]): { [K in keyof T]: T[K] };\nexport function f(a: number): O<{ a: 1 }>;\nexport function f(): () => { a: 1 };\nexport function f(a?: unknown): unknown {\n  return a;\n}\n',
  "a body after an object return type, then another body": "function f(): { a: 1 } {\n  return { a: 1 };\n}\nfunction f() {}\n",
  "a body after a generic return type holding an object, then another body": "function f(): Promise<{ a: 1 }> {\n  return p;\n}\nfunction f() {}\n",
  "a body after a conditional return type, then another body": "function f<T>(): T extends { a: 1 } ? { b: 1 } : { c: 1 } {\n  return x;\n}\nfunction f() {}\n",
  "a body after an arrow return type, then another body": "function f(): () => void {\n  return g;\n}\nfunction f() {}\n",
  "valid code": "export function f(x: number): number {\n  return x + a + b;\n}\n",
};

/**
 * Known gaps: Babel refuses these, oxc (0.159) accepts them and no textual
 * guard of gate.ts catches them, so safesort sorts the file. Each is an
 * error a type checker reports too. Keyed `case name (file)`.
 */
const GAPS = new Set(["parameter default in an interface method (a.ts)", "parameter default in a function type (a.ts)", "parameter default in an interface method (a.tsx)", "parameter default in a function type (a.tsx)"]);

function babelRefuses(text: string, file: string): boolean {
  try {
    return parseSource(text, file).earlyError !== undefined;
  } catch {
    return true;
  }
}

describe("the syntax gate refuses what Babel's whole parse refuses, and only that", () => {
  const seen = new Set<string>();
  for (const [name, body] of Object.entries(CASES)) {
    for (const file of ["a.js", "a.ts", "a.tsx"]) {
      const key = `${name} (${file})`;
      it(key, () => {
        const text = IMPORTS + body;
        const refused = babelRefuses(text, file);
        const outcome = processSource(text, file, config);
        if (GAPS.has(key)) {
          seen.add(key);
          expect(refused).toBe(true);
          expect(outcome.status).toBe("changed");
          return;
        }
        if (refused) expect(outcome).toMatchObject({ status: "failed", diagnostic: { code: "syntax-error" } });
        else expect(outcome.status).toBe("changed");
        // The same decision as the whole parse (--strict), diagnostic included.
        expect(outcome).toEqual(processSource(text, file, config, { fullParse: true }));
      });
    }
  }
  it("every known gap is still a gap", () => {
    expect([...seen].sort()).toEqual([...GAPS].sort());
  });
});

describe("the gate is taken where it may be", () => {
  /** Whether a file would skip Babel's whole parse: oxc clean, the import region parsed alone, no guard raised. */
  function gated(text: string, file: string): boolean {
    const region = importRegion(text, file, true);
    if (region?.kind !== "ends") return false;
    const cut = lineEndAfter(text, region.end);
    const parsed = cut === undefined ? undefined : parseImportRegion(text, file, cut);
    return parsed !== undefined && !oxcMayMissAnError(text, file, parsed, region.statements);
  }

  it("for valid code in every dialect, and for no case Babel refuses in TypeScript", () => {
    for (const file of ["a.js", "a.ts", "a.tsx"]) expect(gated(IMPORTS + "export const x = 1;\n", file), file).toBe(true);
    expect(gated(IMPORTS + "export declare const x: number;\n", "a.d.ts")).toBe(true);
    // Overload signatures are not a function declared twice.
    for (const name of [
      "overloads (valid TypeScript)",
      "generic overloads (valid TypeScript)",
      "semicolon-free overloads (valid TypeScript)",
      "export in a namespace (valid TypeScript)",
      "exports in nested namespaces, a declare global and a declare module (valid TypeScript)",
      "exports in a namespace after a regex and a division (valid TypeScript)",
      "exports in an unindented namespace and declare module (valid TypeScript)",
      "override in a subclass (valid TypeScript)",
      "override in subclasses with type arguments and comments (valid TypeScript)",
      ...Object.keys(CASES).filter((name) => name.endsWith("(valid)")),
      "overloads returning object types, with string-keyed parameter types (valid TypeScript)",
    ]) expect(gated(IMPORTS + CASES[name]!, "a.ts"), name).toBe(true);
    // In TSX (no brace map), lines that can only be comments, and `using` in a sentence, do not count either.
    for (const name of [
      "an import's name in a JSDoc example (valid)",
      "an import's name after using, in a sentence (valid)",
      "a name that starts with function (valid)",
      // oxc's AST shows these words in a template, a string or JSX text.
      "import at the start of a line in a template and a comment (valid)",
      "an import at the start of a line in a template, override in a string, a class without extends (valid)",
      "export and override in JSX text and an attribute (valid JSX)",
      "an import at the start of a line in a template after text outside ASCII (valid)",
    ]) {
      expect(gated(IMPORTS + CASES[name]!, "a.tsx"), name).toBe(true);
    }
    for (const [name, body] of Object.entries(CASES)) {
      const text = IMPORTS + body;
      if (babelRefuses(text, "a.ts") && !GAPS.has(`${name} (a.ts)`)) expect(gated(text, "a.ts"), name).toBe(false);
    }
  });

  it("on most sort-imports fixtures that change", () => {
    let changed = 0;
    let taken = 0;
    for (const fixture of loadFixtures("fixtures/sort-imports")) {
      if (processSource(fixture.input, fixture.filepath, config).status !== "changed") continue;
      changed++;
      if (gated(fixture.input, fixture.filepath)) taken++;
    }
    expect(taken).toBeGreaterThan(changed / 2);
  });

  it("oxc's semantic errors keep a region from being found (the file is parsed whole)", () => {
    expect(importRegion(`${IMPORTS}let x;\nlet x;\n`, "a.js", true)).toBeUndefined();
    expect(importRegion(`${IMPORTS}let x;\nlet x;\n`, "a.js")).toMatchObject({ kind: "ends" });
  });
});
