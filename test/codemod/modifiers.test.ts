import type { Node } from "@babel/types";
/**
 * Modifiers other than rename: replace (templates with captures), remove,
 * insert, the argument modifiers, modify, moveTo; and selectPattern's
 * metavariables. Outputs are compared whole, byte for byte.
 */
import { describe, expect, it } from "vitest";

import { Query } from "../../src/codemod/query.js";

import { apply, CONFIG, outcome } from "./helpers.js";

describe("selectPattern + replace", () => {
  it("captures single nodes and reuses their original text", () => {
    const source = "setTimeout(() => {\n  tick( /* keep */ 1);\n}, 100);\n";
    expect(apply((q) => q.selectPattern("setTimeout($FN, $MS)").replace("schedule($MS, $FN)"), source)).toBe(
      "schedule(100, () => {\n  tick( /* keep */ 1);\n});\n",
    );
  });

  it("captures lists with $$$ and splices them into lists", () => {
    const source = "log(a, b, c);\nlog();\n";
    expect(apply((q) => q.selectPattern("log($FIRST, $$$REST)").replace("console.log($FIRST, [$$$REST])"), source)).toBe(
      "console.log(a, [b, c]);\nlog();\n",
    );
  });

  it("needs a repeated metavariable to match equal nodes; $_ matches anything", () => {
    const source = "a === a;\na === b;\nx.y === x.y;\n";
    expect(apply((q) => q.selectPattern("$X === $X").replace("isSame($X)"), source)).toBe("isSame(a);\na === b;\nisSame(x.y);\n");
    expect(apply((q) => q.selectPattern("$_ === b").replace("true"), source)).toBe("a === a;\ntrue;\nx.y === x.y;\n");
  });

  it("matches regardless of quotes and layout", () => {
    expect(apply((q) => q.selectPattern('require("x")').replace("load('x')"), "const a = require('x');\nconst b = require(\n  \"x\"\n);\n")).toBe(
      "const a = load('x');\nconst b = load('x');\n",
    );
  });

  it("replaces nested matches inside out", () => {
    expect(apply((q) => q.selectPattern("wrap($X)").replace("box($X)"), "wrap(wrap(1));\n")).toBe("box(box(1));\n");
  });

  it("replaces a statement pattern, with one or several statements", () => {
    const source = "function f() {\n  if (debug) log(x);\n  run();\n}\n";
    expect(apply((q) => q.selectPattern("if (debug) $S").replace("$S"), source)).toBe("function f() {\n  log(x);\n  run();\n}\n");
    expect(apply((q) => q.selectPattern("run();").replace("before();\nrun();"), source)).toBe(
      "function f() {\n  if (debug) log(x);\n  before();\n  run();\n}\n",
    );
  });

  it("fails the file on a template using an unknown capture, naming the captures it has", () => {
    const result = outcome((q) => q.selectPattern("f($A)").replace("g($B)"), "f(1);\n");
    expect(result.status === "failed" && result.diagnostic).toMatchObject({
      code: "codemod-error",
      message: "the template uses $B, but the match has no such capture (captures: $A)",
    });
  });

  it("rejects a pattern that is only a metavariable", () => {
    const result = outcome((q) => q.selectPattern("$X").replace("1"), "f(1);\n");
    expect(result.status === "failed" && result.diagnostic.message).toBe('a pattern needs more than a metavariable: "$X"');
  });
});

describe("remove", () => {
  it("removes a statement with its own comments, keeping a detached one", () => {
    const source = "// Header.\n\n// about the call\nsetup(); // trailing\nrun();\n";
    expect(apply((q) => q.selectCall("setup").remove(), source)).toBe("// Header.\n\nrun();\n");
  });

  it("removes a specifier, and the import with its last one", () => {
    const source = 'import { a, b } from "m";\nimport { c } from "n";\nuse(b);\n';
    expect(apply((q) => q.selectImport("m", "a").filter((m) => m.role === "import").remove(), source)).toBe('import { b } from "m";\nimport { c } from "n";\nuse(b);\n');
    expect(apply((q) => q.selectImport("n", "c").filter((m) => m.role === "import").remove(), source)).toBe('import { a, b } from "m";\nuse(b);\n');
  });

  it("removes arguments, JSX attributes and declarators", () => {
    expect(apply((q) => q.select("NumericLiteral", (n) => (n as { value: number }).value === 2).remove(), "f(1, 2, 3);\n")).toBe("f(1, 3);\n");
    expect(apply((q) => q.selectJsxAttribute("Button", "legacy").remove(), "const b = <Button legacy primary />;\n", "a.tsx")).toBe(
      "const b = <Button primary />;\n",
    );
    expect(apply((q) => q.selectVar("unused").isDef().remove(), "const used = 1, unused = 2;\nconst unused2 = 3;\n")).toBe(
      "const used = 1;\nconst unused2 = 3;\n",
    );
  });

  it("refuses what cannot go on its own", () => {
    const result = outcome((q) => q.selectVar("a").filter((m) => m.role === "reference").remove(), "let a;\nconst b = a + 1;\n");
    expect(result.status === "failed" && result.diagnostic.message).toBe("cannot remove let a here (a Identifier in BinaryExpression.left)");
  });
});

describe("insertBefore / insertAfter", () => {
  it("inserts statements next to the statement holding the match, indented like it", () => {
    const source = "function main() {\n  start();\n}\n";
    expect(apply((q) => q.selectCall("start").insertBefore("init();").insertAfter("log('started');"), source)).toBe(
      "function main() {\n  init();\n  start();\n  log('started');\n}\n",
    );
  });

  it("keeps an inserted statement with its anchor when a blank line followed or preceded it (the blank line once)", () => {
    const source = "function main() {\n  setup();\n\n  start();\n}\n";
    expect(apply((q) => q.selectCall("setup").insertAfter("check();"), source)).toBe("function main() {\n  setup();\n  check();\n\n  start();\n}\n");
    expect(apply((q) => q.selectCall("start").insertBefore("init();"), source)).toBe("function main() {\n  setup();\n\n  init();\n  start();\n}\n");
    expect(apply((q) => q.selectCall("start").insertBefore("init()"), "setup()\n\nstart()\n")).toBe("setup()\n\ninit()\nstart()\n");
  });

  it("puts a statement inserted before the file's first statement on its own line", () => {
    expect(apply((q) => q.selectCall("f").insertBefore("g(1);"), "f(x);\n\nkeep(1);\n")).toBe("g(1);\nf(x);\n\nkeep(1);\n");
    expect(apply((q) => q.selectCall("f").insertBefore("g(1);"), "f(x);\r\n")).toBe("g(1);\r\nf(x);\r\n");
  });

  it("inserts class members next to a member", () => {
    const source = "class A {\n  run() {}\n}\n";
    expect(apply((q) => q.selectMethod("run").isDef().insertAfter("stop() {}"), source)).toBe("class A {\n  run() {}\n  stop() {}\n}\n");
  });

  it("lets the sorter place an inserted import", () => {
    const source = 'import { z } from "zod";\n\nconsole.log(z);\n';
    expect(apply((q) => q.selectCall("console.log").insertBefore('import { log } from "./log";').replace("log($$$arguments)"), source)).toBe(
      'import { z } from "zod";\n\nimport { log } from "./log";\n\nlog(z);\n',
    );
  });
});

describe("argument modifiers", () => {
  const source = "function fetchData(url, options) {}\nfetchData('/a', {});\nfetchData('/b');\n";

  it("addArgument adds at call sites and a parameter at the definition", () => {
    expect(apply((q) => q.selectFunction("fetchData").addArgument("undefined", { param: "signal" }), source)).toBe(
      "function fetchData(url, options, signal) {}\nfetchData('/a', {}, undefined);\nfetchData('/b', undefined);\n",
    );
    expect(apply((q) => q.selectCall("fetchData", { bySpelling: true }).addArgument("ctx", { at: 0 }), source)).toBe(
      "function fetchData(url, options) {}\nfetchData(ctx, '/a', {});\nfetchData(ctx, '/b');\n",
    );
  });

  it("removeArgument by index or parameter name, where it was passed", () => {
    const expected = "function fetchData(url) {}\nfetchData('/a');\nfetchData('/b');\n";
    expect(apply((q) => q.selectFunction("fetchData").removeArgument("options"), source)).toBe(expected);
    expect(apply((q) => q.selectFunction("fetchData").removeArgument(1), source)).toBe(expected);
  });

  it("resolves names after earlier edits of the same call", () => {
    const three = "function f(a, b, c) {}\nf(1, 2, 3);\n";
    expect(apply((q) => q.selectFunction("f").removeArgument("a").removeArgument("c"), three)).toBe("function f(b) {}\nf(2);\n");
    expect(apply((q) => q.selectFunction("f").addArgument("0", { at: 0, param: "z" }).removeArgument("b"), three)).toBe(
      "function f(z, a, c) {}\nf(0, 1, 3);\n",
    );
  });

  it("modifyArgument wraps the old argument ($ARG) or rewrites the parameter", () => {
    expect(apply((q) => q.selectFunction("fetchData").isCall().modifyArgument(0, "api($ARG)"), source)).toBe(
      "function fetchData(url, options) {}\nfetchData(api('/a'), {});\nfetchData(api('/b'));\n",
    );
    expect(apply((q) => q.selectFunction("fetchData").isDef().modifyArgument("options", "options = {}"), source)).toBe(
      "function fetchData(url, options = {}) {}\nfetchData('/a', {});\nfetchData('/b');\n",
    );
  });

  it("fails a file where a parameter name cannot be resolved (the definition is elsewhere)", () => {
    const result = outcome((q) => q.selectFunction("fetchData").removeArgument("options"), 'import { fetchData } from "./api";\nfetchData(1, 2);\n');
    expect(result.status === "failed" && result.diagnostic.message).toBe(
      'removeArgument("options"): the definition of import { fetchData } is not in this file, so the parameter\'s position is unknown; pass its index instead',
    );
  });
});

describe("modify", () => {
  it("can mutate the node, return a node, or return a template", () => {
    expect(
      apply(
        (q) =>
          q.select("NumericLiteral").modify((m) => {
            (m.node as { value: number }).value *= 2;
          }),
        "const a = 2;\n",
      ),
    ).toBe("const a = 4;\n");
    expect(apply((q) => q.select("NumericLiteral").modify((_m, { b }) => b.stringLiteral("two") as unknown as Node), "const a = 2;\n")).toBe(
      'const a = "two";\n',
    );
    expect(apply((q) => q.selectCall("f").modify((m) => `g(${m.text.length})`), "f(1, 2);\n")).toBe("g(7);\n");
  });

  it("fails the file with the callback's stack when it throws, and leaves the others", () => {
    const result = outcome(
      (q) =>
        q.selectCall("f").modify(() => {
          throw new TypeError("nope");
        }),
      "f();\n",
    );
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.diagnostic).toMatchObject({ code: "codemod-error", message: "modify() threw: nope", path: "a.ts" });
    expect(result.diagnostic.stack).toMatch(/^TypeError: nope\n\s+at .*modifiers\.test\.ts/);
  });
});

describe("moveTo", () => {
  it("moves a name to another module's import, or a new one the sorter places in a sorted file", () => {
    const source = 'import { c } from "new";\nimport { a, b } from "old";\nuse(a, b, c);\n';
    expect(apply((q) => q.selectImport("old", "a").moveTo("new"), source)).toBe('import { a, c } from "new";\nimport { b } from "old";\nuse(a, b, c);\n');
    expect(apply((q) => q.selectImport("old", "a").moveTo("fresh"), source)).toBe(
      'import { a } from "fresh";\nimport { c } from "new";\nimport { b } from "old";\nuse(a, b, c);\n',
    );
  });

  it("in a file in its own order: untouched imports stay, the new one goes to the end of the first import block", () => {
    const source = 'import { a, b } from "old";\nimport { d, c } from "new";\nuse(a, b, c, d);\n';
    expect(apply((q) => q.selectImport("old", "a").moveTo("new"), source)).toBe('import { b } from "old";\nimport { d, c, a } from "new";\nuse(a, b, c, d);\n');
    expect(apply((q) => q.selectImport("old", "a").moveTo("fresh"), source)).toBe(
      'import { b } from "old";\nimport { d, c } from "new";\nimport { a } from "fresh";\nuse(a, b, c, d);\n',
    );
  });

  it("sorts the whole file only when asked (sortImports: true / --sort-imports), and never with false", () => {
    const source = 'import { z } from "z";\nimport { a, b } from "old";\nuse(a, b, z);\n';
    const moved = (sortImports: boolean | undefined) => {
      const result = new Query([], { sortImports }).selectImport("old", "a").moveTo("fresh").applyToSource(source, "a.ts", CONFIG);
      return result.status === "changed" ? result.output : result.status;
    };
    expect(moved(undefined)).toBe('import { z } from "z";\nimport { b } from "old";\nimport { a } from "fresh";\nuse(a, b, z);\n');
    expect(moved(true)).toBe('import { a } from "fresh";\nimport { b } from "old";\nimport { z } from "z";\nuse(a, b, z);\n');
    expect(moved(false)).toBe(moved(undefined));
    const sorted = 'import { a, b } from "old";\nimport { z } from "z";\nuse(a, b, z);\n';
    const result = new Query([], { sortImports: false }).selectImport("old", "a").moveTo("fresh").applyToSource(sorted, "a.ts", CONFIG);
    expect(result.status === "changed" && result.output).toBe('import { b } from "old";\nimport { z } from "z";\nimport { a } from "fresh";\nuse(a, b, z);\n');
  });
});
