/**
 * Scope-aware `rename()`: every occurrence of the binding and nothing else,
 * shorthand properties and export lists kept right, and a refusal (the file
 * fails, nothing is written) when the new name would change what a name
 * refers to. Each case runs with splice mode and with recast; both agree.
 */
import { describe, expect, it } from "vitest";

import { apply, outcome } from "./helpers.js";

describe("selectVar(name).rename(newName)", () => {
  it("renames one binding and its references, not a shadowing one (filtered by where it is declared)", () => {
    const source = "let count = 0;\nfunction inc(count) { return count + 1; }\ncount = inc(count);\n";
    expect(apply((q) => q.selectVar("count").filter((m) => m.binding?.line === 1).rename("total"), source)).toBe(
      "let total = 0;\nfunction inc(count) { return count + 1; }\ntotal = inc(total);\n",
    );
  });

  it("renames every binding of the name when not filtered, each on its own", () => {
    const source = "let count = 0;\nfunction inc(count) { return count + 1; }\ncount = inc(count);\n";
    expect(apply((q) => q.selectVar("count").rename("total"), source)).toBe(
      "let total = 0;\nfunction inc(total) { return total + 1; }\ntotal = inc(total);\n",
    );
  });

  it("expands shorthand properties and patterns, keeping the key", () => {
    const source = "const a = 1;\nconst o = { a };\nconst { a: x } = o;\nfunction f({ a, b = a }) { return a; }\n";
    expect(apply((q) => q.selectVar("a").filter((m) => m.line <= 2).rename("alpha"), source)).toBe(
      "const alpha = 1;\nconst o = { a: alpha };\nconst { a: x } = o;\nfunction f({ a, b = a }) { return a; }\n",
    );
    expect(apply((q) => q.selectVar("a").filter((m) => m.line === 4).rename("alpha"), source)).toBe(
      "const a = 1;\nconst o = { a };\nconst { a: x } = o;\nfunction f({ a: alpha, b = alpha }) { return alpha; }\n",
    );
  });

  it("keeps a shorthand pattern's default", () => {
    expect(apply((q) => q.selectVar("a").rename("b"), "const { a = 1 } = o;\nuse(a);\n")).toBe("const { a: b = 1 } = o;\nuse(b);\n");
  });

  it("keeps the exported name of an export list", () => {
    expect(apply((q) => q.selectVar("a").rename("b"), "const a = 1;\nexport { a };\nexport { a as c };\n")).toBe(
      "const b = 1;\nexport { b as a };\nexport { b as c };\n",
    );
  });

  it("renames JSX uses of a component binding, opening and closing tags", () => {
    const source = "const Box = () => null;\nexport const el = <Box><Box.Inner /></Box>;\n";
    expect(apply((q) => q.selectVar("Box").rename("Panel"), source, "a.tsx")).toBe(
      "const Panel = () => null;\nexport const el = <Panel><Panel.Inner /></Panel>;\n",
    );
  });

  it("renames type-position references of a type, and keeps a value of the same name", () => {
    const source = "type Id = string;\nconst Id = 1;\nlet a: Id = String(Id);\n";
    expect(apply((q) => q.selectVar("Id").filter((m) => m.binding?.kind === "type").rename("Key"), source)).toBe(
      "type Key = string;\nconst Id = 1;\nlet a: Key = String(Id);\n",
    );
  });

  it("renames a parameter whose identifier spans a type annotation", () => {
    expect(apply((q) => q.selectVar("x").rename("y"), "function f(x?: number, z = x) { return x; }\n")).toBe(
      "function f(y?: number, z = y) { return y; }\n",
    );
  });

  it("refuses a name already declared in the same scope", () => {
    const result = outcome((q) => q.selectVar("a").rename("b"), "let a = 1;\nlet b = 2;\n");
    expect(result.status).toBe("failed");
    expect(result.status === "failed" && result.diagnostic).toMatchObject({
      code: "codemod-error",
      message: "cannot rename `a` to `b`: `b` is already declared in the same scope at 2:5",
      line: 1,
      column: 5,
    });
  });

  it("refuses a rename whose reference an inner declaration would capture", () => {
    const result = outcome((q) => q.selectVar("a").rename("b"), "let a = 1;\nfunction f() { let b = 2; return a; }\n");
    expect(result.status === "failed" && result.diagnostic.message).toBe(
      "cannot rename `a` to `b`: a reference at 2:34 would then mean the `b` declared at 2:20",
    );
  });

  it("refuses a rename that would capture a reference to an outer or global name", () => {
    const result = outcome((q) => q.selectVar("a").rename("window"), "function f() { let a = 1; return window.x + a; }\n");
    expect(result.status === "failed" && result.diagnostic.message).toBe(
      "cannot rename `a` to `window`: the `window` at 1:34 would then mean the renamed `a`",
    );
  });

  it("refuses invalid names and parameter properties", () => {
    expect(outcome((q) => q.selectVar("a").rename("class"), "let a;\n")).toMatchObject({ status: "failed" });
    const property = outcome((q) => q.selectVar("a").rename("b"), "class C { constructor(private a: number) { use(a); } }\n");
    expect(property.status === "failed" && property.diagnostic.message).toContain("it is a parameter property");
  });
});

describe("selectFunction / selectClass / selectMethod rename", () => {
  it("renames a function's declaration, calls and other references", () => {
    const source = "function load() {}\nload();\nconst f = load;\nfunction other(load) { load(); }\n";
    expect(apply((q) => q.selectFunction("load").rename("fetchAll"), source)).toBe(
      "function fetchAll() {}\nfetchAll();\nconst f = fetchAll;\nfunction other(load) { load(); }\n",
    );
  });

  it("renames an arrow function bound to the name and the import of it in another file", () => {
    expect(apply((q) => q.selectFunction("load").rename("fetchAll"), "export const load = async () => 1;\nawait load();\n")).toBe(
      "export const fetchAll = async () => 1;\nawait fetchAll();\n",
    );
    expect(apply((q) => q.selectFunction("load").rename("fetchAll"), 'import { load } from "./api";\nload();\n')).toBe(
      'import { fetchAll } from "./api";\nfetchAll();\n',
    );
    expect(apply((q) => q.selectFunction("load").rename("fetchAll"), 'import { load as get } from "./api";\nget();\n')).toBe(
      'import { fetchAll as get } from "./api";\nget();\n',
    );
  });

  it("renames a class's declaration, extends and new sites", () => {
    const source = "class Store {}\nclass Sub extends Store {}\nconst s: Store = new Store();\n";
    expect(apply((q) => q.selectClass("Store").rename("Repo"), source)).toBe(
      "class Repo {}\nclass Sub extends Repo {}\nconst s: Repo = new Repo();\n",
    );
  });

  it("renames methods by name: class, object and interface methods, and member calls", () => {
    const source = "class A { run() {} #run() {} go() { this.#run(); } }\nconst o = { run() {}, run2: () => 1 };\ninterface I { run(): void }\na.run(); o?.run();\n";
    expect(apply((q) => q.selectMethod("run").rename("start"), source)).toBe(
      "class A { start() {} #run() {} go() { this.#run(); } }\nconst o = { start() {}, run2: () => 1 };\ninterface I { start(): void }\na.start(); o?.start();\n",
    );
    expect(apply((q) => q.selectMethod("#run").rename("go"), source)).toContain("#go() {} go() { this.#go(); }");
  });
});
