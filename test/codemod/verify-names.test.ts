/**
 * The meaning verifier (src/codemod/verify/verify-names.ts): each guarantee refuses
 * a render that breaks it (mutation tests, fed hand-made outputs) and
 * accepts the correct render. The defects it was built for are fixtures
 * (query-fixtures.test.ts).
 */
import { describe, expect, it } from "vitest";

import type { Query } from "../../src/codemod/query.js";
import type { ImportIntent } from "../../src/codemod/verify/import-intents.js";
import { checkNames } from "../../src/codemod/verify/verify-names.js";

import { apply, outcome } from "./helpers.js";

/** The range of the `nth` occurrence of `text` in `source`. */
function range(source: string, text: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = source.indexOf(text, at + 1);
  if (at === -1) throw new Error(`${text} not in source`);
  return { start: at, end: at + text.length };
}

function check(source: string, output: string, edits: { edited?: string[]; inserted?: string[]; intents?: ImportIntent[]; copies?: string[] } = {}) {
  return checkNames({
    source,
    output,
    filepath: "a.ts",
    edited: (edits.edited ?? []).map((t) => range(source, t)),
    inserted: (edits.inserted ?? []).map((t) => range(source, t)),
    intents: edits.intents ?? [],
    copies: (edits.copies ?? []).map((t) => range(source, t)),
  });
}

describe("guarantee 1: untouched code keeps its tokens", () => {
  const source = "export const E = create((_super) => function Impl(info) {\n  _super(this);\n  g(info);\n});\n";
  it("refuses parentheses a printer added around code the codemod did not edit", () => {
    const output = "export const E = create((_super) => (function Impl(info) {\n  _super(this);\n  g(info, 1);\n}));\n";
    expect(check(source, output, { inserted: ["g(info)"] })).toMatchObject({
      ok: false,
      line: 1,
      column: 37,
      message: "codemod changed code it did not edit: `(` added",
    });
  });
  it("accepts the same edit without them", () => {
    const output = "export const E = create((_super) => function Impl(info) {\n  _super(this);\n  g(info, 1);\n});\n";
    expect(check(source, output, { inserted: ["g(info)"] })).toEqual({ ok: true });
  });
  it("accepts a removed statement that the alignment reads as starting inside the next one (equal tokens slide)", () => {
    // `import a from "a"; import` aligns as `a from "a"; import` removed after the first `import`: the same deletion.
    const source = 'import a from "a";\nimport b from "b";\nb();\n';
    expect(check(source, 'import b from "b";\nb();\n', { edited: ['import a from "a";'] })).toEqual({ ok: true });
  });
  it("refuses a removed statement that no sliding puts inside the edits", () => {
    const source = 'import a from "a";\nimport b from "b";\nb();\n';
    expect(check(source, 'import a from "a";\nb();\n', { edited: ['import a from "a";'] })).toMatchObject({ ok: false, line: 2, message: "codemod changed code it did not edit: `import` removed or rewritten" });
  });
  it("refuses a token removed outside the edited ranges", () => {
    expect(check("a(1);\nb(2);\n", "a(1);\nb();\n", { edited: ["1"] })).toMatchObject({ ok: false, line: 2, message: "codemod changed code it did not edit: `2` removed or rewritten" });
  });
});

describe("guarantee 1 for statements: an untouched statement stays a statement of its own", () => {
  // The same tokens, another parse: in a semicolon-free file the inserted line continues the one above (ASI).
  const source = "setup(options)\nrun()\n";
  it("refuses an inserted line that joins the statement above it", () => {
    expect(check(source, "setup(options)\n[a].forEach(f)\nrun()\n", { inserted: ["setup(options)"] })).toEqual({
      ok: false,
      line: 1,
      column: 1,
      offset: 0,
      message: "codemod changed code it did not edit: the statement `setup(options)` is no longer a statement of its own (the next line continues it)",
    });
  });
  it("accepts it with the guard a semicolon-free file writes", () => {
    expect(check(source, "setup(options)\n;[a].forEach(f)\nrun()\n", { inserted: ["setup(options)"] })).toEqual({ ok: true });
  });
});

describe("guarantee 2: a kept reference keeps its meaning", () => {
  it("refuses a declaration renamed into an existing binding of its scope (the function now overwrites the parameter)", () => {
    const source = "function m(b) {\n  use(b);\n  function c() {}\n}\n";
    const output = "function m(b) {\n  use(b);\n  function b() {}\n}\n";
    expect(check(source, output, { edited: ["c() {}"] })).toMatchObject({
      ok: false,
      line: 1,
      column: 12,
      message: "codemod changed what b refers to (was the param b at 1:12, now one binding with a declaration the codemod wrote)",
    });
    expect(check(source, output.replace("function b", "function d"), { edited: ["c() {}"] })).toEqual({ ok: true });
  });
  it("refuses a reference left unresolved by a removed parameter", () => {
    const source = "function f(a, repeat) {\n  if (repeat) return a;\n}\n";
    expect(check(source, "function f(a) {\n  if (repeat) return a;\n}\n", { edited: [", repeat"] })).toMatchObject({
      ok: false,
      line: 2,
      column: 7,
      message: "codemod changed what repeat refers to (was the param repeat at 1:15, now unresolved (a global))",
    });
  });
  it("refuses a reference captured by a declaration the codemod renamed", () => {
    const source = "let a = 1;\nfunction f() {\n  let b = 2;\n  return a + b;\n}\n";
    const output = "let a = 1;\nfunction f() {\n  let a = 2;\n  return a + a;\n}\n";
    expect(check(source, output, { edited: ["b = 2", "b;"] })).toMatchObject({ ok: false, line: 4, column: 10, message: expect.stringContaining("codemod changed what a refers to (was the let a at 1:5, now the let a at 3:7)") });
  });
  it("accepts an imported name moved to another import (same binding, same scope)", () => {
    const source = 'import { a, b } from "m";\nuse(a, b);\n';
    const output = 'import { b } from "m";\nimport { a } from "n";\nuse(a, b);\n';
    expect(check(source, output, { edited: ["a, "], inserted: ['import { a, b } from "m";'], intents: [{ module: "n", name: "*" }] })).toEqual({ ok: true });
  });
});

describe("guarantee 3: an introduced name means what the codemod meant", () => {
  const source = "const logger = 5;\nconsole.warn(1);\n";
  it("refuses a new name that resolves to an existing local", () => {
    expect(check(source, "const logger = 5;\nlogger.warn(1);\n", { edited: ["console"] })).toMatchObject({
      ok: false,
      line: 2,
      column: 1,
      message: "codemod changed what logger refers to (was the global logger, as the codemod wrote it, now the const logger at 1:7)",
    });
  });
  it("accepts it when the local is an import the codemod said it uses", () => {
    const withImport = 'import { logger } from "./log";\nconsole.warn(1);\n';
    const output = 'import { logger } from "./log";\nlogger.warn(1);\n';
    expect(check(withImport, output, { edited: ["console"] })).toMatchObject({ ok: false });
    expect(check(withImport, output, { edited: ["console"], intents: [{ module: "./log", name: "logger" }] })).toEqual({ ok: true });
  });
  it("accepts a captured node moved by a template (it means what it meant)", () => {
    const swapped = "const a = 1, b = 2;\nf(a, b);\n";
    expect(check(swapped, "const a = 1, b = 2;\nf(b, a);\n", { edited: ["a, b)"] })).toEqual({ ok: true });
  });

  describe("a capture used again while the original stays (insertAfter with $$$arguments)", () => {
    const source = "function main(options) {\n  setup(options);\n  run();\n}\n";
    const copied = "function main(options) {\n  setup(options);\n  check(options);\n  run();\n}\n";
    it("accepts the copy: it means what the captured reference meant", () => {
      expect(check(source, copied, { inserted: ["setup(options);"], copies: ["options);"] })).toEqual({ ok: true });
    });
    it("refuses it when the verifier is not told of the copy", () => {
      expect(check(source, copied, { inserted: ["setup(options);"] })).toMatchObject({ ok: false, message: expect.stringContaining("codemod changed what options refers to") });
    });
    it("allows one reference per use: the template's own free name `options` next to the copy is refused", () => {
      const twice = "function main(options) {\n  setup(options);\n  check(options, options);\n  run();\n}\n";
      expect(check(source, twice, { inserted: ["setup(options);"], copies: ["options);"] })).toMatchObject({
        ok: false,
        message: "codemod changed what options refers to (was the global options, as the codemod wrote it, now the param options at 1:15)",
      });
    });
    it("through the query: selectCall(…).insertAfter(\"check($$$arguments);\") is written, and a free `options` in the template still refused", () => {
      expect(apply((q) => q.selectCall("setup").insertAfter("check($$$arguments);"), source)).toBe(copied);
      const refused = outcome((q) => q.selectCall("setup").insertAfter("check($$$arguments, options);"), source);
      expect(refused).toMatchObject({ status: "failed", diagnostic: { message: expect.stringContaining("codemod changed what options refers to") } });
    });
  });
});

describe("guarantee 3: a capture a template placed inside a binding it declares keeps its meaning", () => {
  // The template's own parameter is a declaration the codemod wrote; a copy of the captured `value` inside it would refer to it.
  const source = "export function main(value) {\n  run(value);\n}\n";
  const shadowed = "export function main(value) {\n  run(value, (value) => value);\n}\n";
  it("refuses the copy that now refers to the template's parameter", () => {
    expect(check(source, shadowed, { edited: ["run(value)"], copies: ["value);", "value);"] })).toEqual({
      ok: false,
      line: 2,
      column: 7,
      offset: source.indexOf("value);"),
      declaration: source.indexOf("value"),
      message: "codemod changed what value refers to (was the param value at 1:22, now the param value at 2:15)",
    });
  });
  it("accepts the same template when the copy stays outside the parameter's function", () => {
    expect(check(source, "export function main(value) {\n  run((value) => value, value);\n}\n", { edited: ["run(value)"], copies: ["value);"] })).toEqual({ ok: true });
  });
  it("accepts the copies when the template's parameter has another name", () => {
    expect(check(source, "export function main(value) {\n  run(value, (v) => value);\n}\n", { edited: ["run(value)"], copies: ["value);", "value);"] })).toEqual({ ok: true });
  });
  it("refuses it where the original stays (insertAfter copying the anchor's arguments into a function with that parameter)", () => {
    const anchored = "function main(value) {\n  setup(value);\n}\n";
    const output = "function main(value) {\n  setup(value);\n  check(function (value) { f(value); });\n}\n";
    expect(check(anchored, output, { inserted: ["setup(value);"], copies: ["value);"] })).toMatchObject({
      ok: false,
      message: "codemod changed what value refers to (was the param value at 1:15, now the param value at 3:19)",
    });
  });
  it("through the query: replace(\"run($X, (value) => $X)\") is refused, replace(\"run((value) => value, $X)\") written", () => {
    const refused = outcome((q) => q.selectPattern("run($X)").replace("run($X, (value) => $X)"), source);
    expect(refused).toMatchObject({ status: "failed", diagnostic: { line: 2, column: 7, message: "codemod changed what value refers to (was the param value at 1:22, now the param value at 2:15)" } });
    expect(apply((q) => q.selectPattern("run($X)").replace("run((value) => value, $X)"), source)).toBe("export function main(value) {\n  run((value) => value, value);\n}\n");
  });
});

describe("guarantee 4: no import invented for another module", () => {
  const source = 'import { useTheme } from "@mui/material/styles";\nuseTheme();\n';
  const output = 'import { useAppTheme } from "@mui/material/styles";\nuseAppTheme();\n';
  const relative = (m: string) => m.startsWith(".");
  it("refuses a renamed specifier of a module the codemod was not asked about", () => {
    expect(check(source, output, { edited: ["useTheme }", "useTheme()"], intents: [{ module: relative, name: "useAppTheme" }] })).toMatchObject({
      ok: false,
      line: 1,
      column: 10,
      message: 'codemod makes an import of `useAppTheme` from "@mui/material/styles" it did not ask for (it changed imports of other modules)',
    });
  });
  it("accepts it for the module it was asked about", () => {
    expect(check(source, output, { edited: ["useTheme }", "useTheme()"], intents: [{ module: "@mui/material/styles", name: "useAppTheme" }] })).toEqual({ ok: true });
  });
});

describe("scope-aware selectCall", () => {
  const run = (build: (q: Query) => Query, source: string) => apply(build, source, "a.js");
  it("matches the global only; a parameter of the same name is another object", () => {
    expect(run((q) => q.selectCall("console.warn").rename("logger.warn"), "function g(console) { console.warn(1) }\nconsole.warn(2);\n")).toBe(
      "function g(console) { console.warn(1) }\nlogger.warn(2);\n",
    );
  });
  it("bySpelling keeps the old match", () => {
    expect(run((q) => q.selectCall("console.warn", { bySpelling: true }).rename("logger.warn"), "function g(console) { console.warn(1) }\n")).toBe(
      "function g(console) { logger.warn(1) }\n",
    );
  });
  it("from: follows the import under any local name", () => {
    const source = 'import * as R from "react";\nimport { debounce as d } from "lodash";\nR.useState(0);\nd(f);\nuseState(1);\n';
    const found = (callee: string, from: string) => outcome((q) => q.selectCall(callee, { from }), source).matches;
    expect(found("React.useState", "react")).toBe(1);
    expect(found("debounce", "lodash")).toBe(1);
    expect(found("debounce", "underscore")).toBe(0);
  });
  it("a rename whose new root is a local is refused, with where and why", () => {
    const result = outcome((q) => q.selectCall("console.warn").rename("logger.warn"), "const logger = 5;\nconsole.warn(1);\n", "a.js");
    expect(result).toMatchObject({ status: "failed", diagnostic: { path: "a.js", line: 2, column: 1, message: expect.stringContaining("codemod changed what logger refers to") } });
  });
});

describe("the verifier can be turned off (verifyNames: false), and is on by default", () => {
  it("lets the unsafe edit through only when off", async () => {
    const { Query } = await import("../../src/codemod/query.js");
    const { CONFIG } = await import("./helpers.js");
    const source = "function f(a, repeat) {\n  if (repeat) return a;\n}\nf(1, 2);\n";
    const on = new Query([]).selectFunction("f").removeArgument(1).applyToSource(source, "a.js", CONFIG);
    const off = new Query([], { verifyNames: false }).selectFunction("f").removeArgument(1).applyToSource(source, "a.js", CONFIG);
    expect(on.status).toBe("failed");
    expect(off.status).toBe("changed");
  });
});
