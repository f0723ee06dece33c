import type { Node } from "@babel/types";
/**
 * Selectors and filters: what each finds (role, position, captures), and
 * `dump()`'s description of it.
 */
import { describe, expect, expectTypeOf, it } from "vitest";

import { applyCodemod } from "../../src/codemod/core.js";
import type { Match } from "../../src/codemod/model.js";
import { Query } from "../../src/codemod/query.js";

import { CONFIG, outcome } from "./helpers.js";

/** Every match a query's first selector (and filters) keeps, as `role@line:column`. */
function matches(build: (q: Query) => Query, source: string, file = "a.ts"): string[] {
  const seen: string[] = [];
  const q = build(new Query([])).filter((m) => {
    seen.push(`${m.role}@${m.line}:${m.column}`);
    return false;
  });
  const result = q.applyToSource(source, file, CONFIG);
  if (result.status === "failed") throw new Error(result.diagnostic.message);
  return seen;
}

describe("selectImport", () => {
  it("finds every place naming the module (imports, re-exports, import(), require, import types)", () => {
    const source = 'import a from "m";\nexport * from "m";\nconst b = require("m");\nconst c = import("m");\ntype T = import("m").T;\nimport d from "mm";\n';
    expect(matches((q) => q.selectImport("m"), source)).toEqual(["import@1:1", "import@2:1", "import@3:11", "import@4:11", "import@5:10"]);
  });

  it("does not take a local function called require for require()", () => {
    expect(matches((q) => q.selectImport("m"), 'function f(require) { return require("m"); }\n')).toEqual([]);
  });

  it("with a name: the specifier, then each use of its local binding (calls as calls)", () => {
    const source = 'import { a, b } from "m";\na();\nconst x = a;\nfunction f(a) { a(); }\n';
    expect(matches((q) => q.selectImport("m", "a"), source)).toEqual(["import@1:10", "call@2:1", "reference@3:11"]);
  });

  it("finds default and namespace imports by `default` and `*`", () => {
    const source = 'import def, * as ns from "m";\ndef(ns);\n';
    expect(matches((q) => q.selectImport("m", "default"), source)).toEqual(["import@1:8", "call@2:1"]);
    expect(matches((q) => q.selectImport("m", "*"), source)).toEqual(["import@1:13", "reference@2:5"]);
  });
});

describe("selectImport by RegExp or predicate", () => {
  const source = 'import a from "lodash";\nimport { debounce } from "lodash/debounce";\nimport b from "lodash-es";\nconst c = require("lodash/fp");\ndebounce(a);\n';
  it("a RegExp matches every module it accepts (a global flag keeps no state between files or tests)", () => {
    expect(matches((q) => q.selectImport(/^lodash(\/|$)/g), source)).toEqual(["import@1:1", "import@2:1", "import@4:11"]);
  });
  it("a predicate, with a name: the specifier and the uses of its binding", () => {
    expect(matches((q) => q.selectImport((m) => m.startsWith("lodash/"), "debounce"), source)).toEqual(["import@2:10", "call@5:1"]);
  });
  it("renames through a RegExp keep each import's own module in the verifier's intents", () => {
    const out = new Query([]).selectImport(/^lodash\//, "debounce").rename("throttle").applyToSource(source, "a.ts", CONFIG);
    expect(out).toMatchObject({ status: "changed", output: source.replace("{ debounce }", "{ throttle }").replace("debounce(a)", "throttle(a)") });
  });
});

describe("selectCall", () => {
  it("matches callees by their dotted spelling, optional and computed forms included", () => {
    const source = 'console.log(1);\nconsole?.log(2);\nconsole["log"](3);\nlog(4);\nconsole.log.call(5);\nnew console.log();\n';
    expect(matches((q) => q.selectCall("console.log"), source)).toEqual(["call@1:1", "call@2:1", "call@3:1"]);
    expect(matches((q) => q.selectCall("log"), source)).toEqual(["call@4:1"]);
  });

  it("captures the callee and the arguments", () => {
    let captured: string[] = [];
    new Query([])
      .selectCall("f")
      .filter((m) => {
        captured = [(m.captures["callee"] as Node).type, ...(m.captures["arguments"] as readonly Node[]).map((n) => n.type)];
        return false;
      })
      .applyToSource("f(1, a, ...b);\n", "a.ts", CONFIG);
    expect(captured).toEqual(["Identifier", "NumericLiteral", "Identifier", "SpreadElement"]);
  });
});

describe("selectFunction, selectClass, isCall, isDef", () => {
  const source = "function load(a) {}\nload(1);\nconst f = load;\nconst g = () => load(2);\n";

  it("finds the definition, its calls and its other references", () => {
    expect(matches((q) => q.selectFunction("load"), source)).toEqual(["def@1:1", "call@2:1", "reference@3:11", "call@4:17"]);
  });

  it("isCall keeps calls, isDef definitions", () => {
    expect(matches((q) => q.selectFunction("load").isCall(), source)).toEqual(["call@2:1", "call@4:17"]);
    expect(matches((q) => q.selectFunction("load").isDef(), source)).toEqual(["def@1:1"]);
  });

  it("finds a class's declaration, extends and new", () => {
    const classes = "class A {}\nclass B extends A {}\nnew A();\n";
    expect(matches((q) => q.selectClass("A"), classes)).toEqual(["def@1:1", "reference@2:17", "call@3:1"]);
  });
});

describe("selectVar", () => {
  it("finds each binding of the name with its references, and global uses", () => {
    const source = "let a = 1;\nfunction f(a) { return a; }\na;\nb;\n";
    expect(matches((q) => q.selectVar("a"), source)).toEqual(["def@1:5", "reference@3:1", "def@2:12", "reference@2:24"]);
    expect(matches((q) => q.selectVar("b"), source)).toEqual(["reference@4:1"]);
  });

  it("tells the bindings apart in filters", () => {
    const seen: string[] = [];
    new Query([])
      .selectVar("a")
      .filter((m) => {
        seen.push(`${m.binding?.kind}@${m.binding?.line}:${m.binding?.column}`);
        return false;
      })
      .applyToSource("let a = 1;\nfunction f(a) { return a; }\n", "a.ts", CONFIG);
    expect(seen).toEqual(["let@1:5", "param@2:12", "param@2:12"]);
  });
});

describe("selectMethod, inClass", () => {
  const source = "class A { run() {} }\nclass B { run() {} other() { this.run(); } }\nx.run();\n";

  it("finds methods and member calls by name", () => {
    expect(matches((q) => q.selectMethod("run"), source)).toEqual(["def@1:11", "def@2:11", "call@2:30", "call@3:1"]);
  });

  it("inClass keeps matches inside the named class", () => {
    expect(matches((q) => q.selectMethod("run").inClass("B"), source)).toEqual(["def@2:11", "call@2:30"]);
  });
});

describe("JSX selectors", () => {
  const source = 'const a = <Button kind="x"><Icon kind="y" /></Button>;\nconst b = <UI.Button kind="z" />;\n';

  it("selectJsxElement matches the element name as written", () => {
    expect(matches((q) => q.selectJsxElement("Button"), source, "a.tsx")).toEqual(["node@1:11"]);
    expect(matches((q) => q.selectJsxElement("UI.Button"), source, "a.tsx")).toEqual(["node@2:11"]);
  });

  it("selectJsxAttribute matches the attribute on that element, or any with *", () => {
    expect(matches((q) => q.selectJsxAttribute("Button", "kind"), source, "a.tsx")).toEqual(["node@1:19"]);
    expect(matches((q) => q.selectJsxAttribute("*", "kind"), source, "a.tsx")).toEqual(["node@1:19", "node@1:34", "node@2:22"]);
  });
});

describe("select and inFiles", () => {
  it("select finds nodes of a type, narrowed by a predicate", () => {
    const source = "const a = 1, b = 'x', c = 2;\n";
    expect(matches((q) => q.select("NumericLiteral"), source)).toEqual(["node@1:11", "node@1:27"]);
    expect(matches((q) => q.select("NumericLiteral", (n) => (n as { value: number }).value > 1), source)).toEqual(["node@1:27"]);
  });

  it("inFiles narrows by path glob; a glob without / matches the base name", () => {
    const q = (glob: string) => (query: Query) => query.selectCall("f").inFiles(glob);
    expect(matches(q("src/**/*.ts"), "f();\n", "src/deep/a.ts")).toEqual(["call@1:1"]);
    expect(matches(q("src/**/*.ts"), "f();\n", "lib/a.ts")).toEqual([]);
    expect(matches(q("*.test.ts"), "f();\n", "src/a.test.ts")).toEqual(["call@1:1"]);
  });
});

describe("dump()", () => {
  it("describes each match with its role, type, text and captures, and changes nothing", () => {
    const plan = new Query([]).selectCall("f").rename("g").plan(true);
    const result = applyCodemod('import x from "m";\nf(x, 2);\n', "a.ts", "a.ts", plan, CONFIG);
    expect(result.status).toBe("unchanged");
    expect(result.dump).toBe(
      [
        'a.ts:2:1: call CallExpression `f(x, 2)`  ← selectCall("f")',
        "    $callee Identifier `f`",
        "    $arguments [Identifier `x`, NumericLiteral `2`]",
        "",
      ].join("\n"),
    );
  });
});

describe("typed captures", () => {
  it("selectPattern's metavariables type the captures", () => {
    new Query([]).selectPattern("setTimeout($FN, $$$REST)").filter((m) => {
      expectTypeOf(m.captures.FN).toEqualTypeOf<Node>();
      expectTypeOf(m.captures.REST).toEqualTypeOf<readonly Node[]>();
      return true;
    });
    expectTypeOf<Match["role"]>().toEqualTypeOf<"import" | "def" | "call" | "reference" | "node">();
  });

  it("counts matches after filters", () => {
    const result = outcome((q) => q.selectCall("f").filter((m) => m.line > 1).rename("g"), "f();\nf();\n");
    expect(result).toMatchObject({ status: "changed", matches: 1, output: "f();\ng();\n" });
  });
});
