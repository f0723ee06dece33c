/**
 * The per-file core (src/codemod/core.ts): the text pre-filter, one parse
 * for all transforms, verification before write, the import sorter after a
 * codemod changed imports, and failures as values.
 */
import { describe, expect, it } from "vitest";

import { applyCodemod } from "../../src/codemod/core.js";
import { Query } from "../../src/codemod/query.js";

import { apply, CONFIG, outcome } from "./helpers.js";

describe("text pre-filter", () => {
  it("does not parse a file without the selector's text (a syntax error there goes unnoticed)", () => {
    expect(outcome((q) => q.selectImport("lodash").rename("lodash-es"), "this is not { javascript\n")).toEqual({ status: "unchanged", matches: 0 });
  });

  it("parses a file with an escape, which could spell the name", () => {
    const result = outcome((q) => q.selectVar("abc").rename("x"), "const \\u0061bc = 1;\nuse(abc);\n");
    expect(result).toMatchObject({ status: "changed", output: "const x = 1;\nuse(x);\n" });
  });

  it("skips transforms a file cannot match and runs the others on one parse", () => {
    const q = new Query([]).selectImport("absent").rename("x").selectCall("f").rename("g").selectCall("g").addArgument("1");
    const result = q.applyToSource("f();\n", "a.ts", CONFIG);
    // The third transform sees the second's edit: one tree, in order.
    expect(result).toMatchObject({ status: "changed", output: "g(1);\n", matches: 2 });
  });
});

describe("failures are values", () => {
  it("reports a syntax error with its location", () => {
    const result = outcome((q) => q.selectCall("f").rename("g"), "f(;\n");
    expect(result.status === "failed" && result.diagnostic).toMatchObject({ code: "syntax-error", line: 1, column: 3 });
  });

  it("refuses output that does not parse", () => {
    const result = outcome(
      (q) =>
        q.selectCall("f").modify((m) => {
          Object.assign(m.node, { type: "Identifier", name: "a b" });
        }),
      "f();\n",
    );
    expect(result.status === "failed" && result.diagnostic).toMatchObject({ code: "internal-error" });
    expect(result.status === "failed" && result.diagnostic.message).toMatch(/^internal error, refusing to write \(the output does not parse at 1:2: /);
  });

  it("refuses output with an early error the sorter would refuse (new.target outside a function)", () => {
    const result = outcome((q) => q.selectCall("f").modify(() => "new.target"), "import a from \"a\";\nf();\n");
    expect(result.status === "failed" && result.diagnostic.message).toMatch(/^internal error, refusing to write \(the output has an early error at 2:1: /);
    // The same edit inside a function is valid, and written.
    expect(outcome((q) => q.selectCall("f").modify(() => "new.target"), "function g() {\n  f();\n}\n")).toMatchObject({ status: "changed", output: "function g() {\n  new.target;\n}\n" });
  });

  it("refuses output that lost a comment outside the edited nodes", () => {
    const result = outcome(
      (q) =>
        q.selectCall("f").modify((m) => {
          (m.path.parent!.node as { comments?: unknown[] }).comments = [];
          return "g()";
        }),
      "// keep me\nf();\n",
    );
    expect(result.status === "failed" && result.diagnostic.message).toBe('internal error, refusing to write (the comment "// keep me" at 1:1 would be lost)');
  });

  it("allows a comment inside a replaced node to go with it", () => {
    expect(apply((q) => q.selectCall("f").replace("g()"), "f(/* gone */ 1);\n")).toBe("g();\n");
  });

  it("honours safesort: skip-file", () => {
    expect(outcome((q) => q.selectCall("f").rename("g"), "// safesort: skip-file\nf();\n")).toEqual({ status: "skipped", reason: "safesort: skip-file", matches: 0 });
  });
});

describe("imports after a codemod", () => {
  const source = 'import { b } from "b";\nimport { z } from "z";\n\nb(z);\n';

  it("sorts them when the codemod changed them", () => {
    expect(apply((q) => q.selectImport("z").rename("a"), source)).toBe('import { z } from "a";\nimport { b } from "b";\n\nb(z);\n');
  });

  it("leaves them when told not to sort", () => {
    const result = new Query([], { sortImports: false }).selectImport("z").rename("a").applyToSource(source, "a.ts", CONFIG);
    expect(result).toMatchObject({ status: "changed", output: 'import { b } from "b";\nimport { z } from "a";\n\nb(z);\n' });
  });

  it("leaves an unsorted file's imports alone when the codemod did not touch them", () => {
    const unsorted = 'import { z } from "z";\nimport { b } from "b";\n\nf(b, z);\n';
    expect(apply((q) => q.selectCall("f").rename("g"), unsorted)).toBe('import { z } from "z";\nimport { b } from "b";\n\ng(b, z);\n');
  });
});

describe("layout", () => {
  it("keeps CRLF, tabs and a missing final newline around a recast edit", () => {
    const source = "function f() {\r\n\tif (a) {\r\n\t\tlog(a, b);\r\n\t}\r\n}";
    expect(apply((q) => q.selectPattern("log($A, $B)").replace("log({ a: $A, b: $B })"), source)).toBe(
      "function f() {\r\n\tif (a) {\r\n\t\tlog({ a: a, b: b });\r\n\t}\r\n}",
    );
  });

  it("indents inserted statements like their neighbours in a tab-indented file", () => {
    const source = "function f() {\n\tif (a) {\n\t\trun();\n\t}\n}\n";
    expect(apply((q) => q.selectCall("run").insertAfter("if (b) {\n  stop();\n}"), source)).toBe(
      "function f() {\n\tif (a) {\n\t\trun();\n\t\tif (b) {\n\t\t\tstop();\n\t\t}\n\t}\n}\n",
    );
  });
});

describe("dump", () => {
  it("parses in splice mode and reports without changing", () => {
    const plan = new Query([]).selectImport("m").plan(true);
    expect(applyCodemod('import a from "m";\n', "a.ts", "a.ts", plan, CONFIG)).toEqual({
      status: "unchanged",
      matches: 1,
      dump: 'a.ts:1:1: import ImportDeclaration `import a from "m";`  ← selectImport("m")\n    $source StringLiteral `"m"`\n',
    });
  });
});
