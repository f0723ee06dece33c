/**
 * `match.scope.lookup(name)` and `match.resolve()`: what a name refers to
 * where a match sits, through shadowing (parameters, blocks, catch clauses,
 * class names, hoisting, imports against locals of the same name).
 */
import { describe, expect, expectTypeOf, it } from "vitest";

import type { Match } from "../../src/codemod/model.js";
import { Query } from "../../src/codemod/query.js";
import type { Resolution } from "../../src/index.js";

import { CONFIG } from "./helpers.js";

/** `kind@line:column` (or `global`), plus ` from module#imported` for an import. */
function show(r: Resolution | undefined): string {
  if (!r) return "none";
  if (r.kind === "global") return "global";
  const origin = r.import ? ` from ${r.import.module}#${r.import.imported}${r.import.typeOnly ? " (type)" : ""}` : "";
  return `${r.kind}@${r.line}:${r.column}${origin}`;
}

/** For each match of `build`'s query, `what(match)`. */
function each<T>(build: (q: Query) => Query, source: string, what: (m: Match) => T, file = "a.ts"): T[] {
  const seen: T[] = [];
  const result = build(new Query([]))
    .filter((m) => {
      seen.push(what(m));
      return false;
    })
    .applyToSource(source, file, CONFIG);
  if (result.status === "failed") throw new Error(result.diagnostic.message);
  return seen;
}

const lookupAtCalls = (name: string, source: string, file = "a.ts") => each((q) => q.selectCall("probe"), source, (m) => show(m.scope.lookup(name)), file);

describe("match.scope.lookup(name)", () => {
  it("an import, a parameter that shadows it, a block-scoped const that shadows it, a global", () => {
    const source = [
      'import { log } from "./logger";',
      "probe();",
      "function f(log) {",
      "  probe();",
      "  {",
      "    const log = 1;",
      "    probe();",
      "  }",
      "  probe();",
      "}",
    ].join("\n");
    expect(lookupAtCalls("log", source)).toEqual(["import@1:10 from ./logger#log", "param@3:12", "const@6:11", "param@3:12"]);
    expect(lookupAtCalls("console", source)).toEqual(["global", "global", "global", "global"]);
  });

  it("a catch clause's parameter only inside the clause", () => {
    const source = "const e = 0;\ntry {\n  probe();\n} catch (e) {\n  probe();\n}\nprobe();\n";
    expect(lookupAtCalls("e", source)).toEqual(["const@1:7", "catch@4:10", "const@1:7"]);
  });

  it("hoisting: a function declaration and a var are visible before they appear, in their own function", () => {
    const source = "probe();\nfunction later() {}\nfunction g() {\n  probe();\n  if (x) {\n    var v = 1;\n  }\n}\n";
    expect(lookupAtCalls("later", source)).toEqual(["function@2:10", "function@2:10"]);
    expect(lookupAtCalls("v", source)).toEqual(["global", "var@6:9"]);
  });

  it("a class expression's name inside the class only; a class declaration's everywhere", () => {
    const source = "class A {\n  m() { probe(); }\n}\nconst B = class Inner {\n  m() { probe(); }\n};\nprobe();\n";
    expect(lookupAtCalls("A", source)).toEqual(["class@1:7", "class@1:7", "class@1:7"]);
    expect(lookupAtCalls("Inner", source)).toEqual(["global", "class@4:17", "global"]);
  });

  it("a function's own parameters are not in scope at the function itself (its position is outside)", () => {
    const seen = each((q) => q.selectFunction("f").isDef(), "const a = 0;\nfunction f(a) {}\n", (m) => show(m.scope.lookup("a")));
    expect(seen).toEqual(["const@1:7"]);
  });

  it("values and types are separate name spaces ({ type: true })", () => {
    const source = "type T = number;\nconst T = 1;\nprobe();\n";
    expect(each((q) => q.selectCall("probe"), source, (m) => [show(m.scope.lookup("T")), show(m.scope.lookup("T", { type: true }))])).toEqual([["const@2:7", "type@1:6"]]);
  });

  it("gives the declaring node of each kind", () => {
    const source = [
      'import def, * as ns from "m";',
      "const { a } = o;",
      "function f(x = 1, { y }) {",
      "  try { probe(); } catch (err) { probe(); }",
      "}",
    ].join("\n");
    const types = (m: Match) => ["def", "ns", "a", "x", "y", "f", "err"].map((n) => m.scope.lookup(n).declaration?.type ?? "-").join(" ");
    expect(each((q) => q.selectCall("probe"), source, types)).toEqual([
      "ImportDefaultSpecifier ImportNamespaceSpecifier VariableDeclarator AssignmentPattern ObjectPattern FunctionDeclaration -",
      "ImportDefaultSpecifier ImportNamespaceSpecifier VariableDeclarator AssignmentPattern ObjectPattern FunctionDeclaration CatchClause",
    ]);
  });

  it("imports: default, namespace, aliased, type-only, import = require()", () => {
    const source = 'import def, * as ns from "m";\nimport { a as b, type T } from "n";\nimport type U from "u";\nimport r = require("r");\nprobe();\n';
    const origins = each((q) => q.selectCall("probe"), source, (m) => ["def", "ns", "b", "T", "U", "r"].map((n) => show(m.scope.lookup(n, { type: n === "T" || n === "U" }))));
    expect(origins).toEqual([["import@1:8 from m#default", "import@1:18 from m#*", "import@2:15 from n#a", "import@2:23 from n#T (type)", "import@3:13 from u#default (type)", "import@4:8 from r#*"]]);
  });
});

describe("match.resolve()", () => {
  const source = [
    'import { warn } from "./log";',
    "warn(1);",
    "console.warn(2);",
    "function f(console) {",
    "  console.warn(3);",
    "  warn.call(null);",
    "}",
    "const o = { warn: 1 };",
  ].join("\n");

  it("resolves a call's callee to its root: an import, a global, a shadowing parameter", () => {
    expect(each((q) => q.selectPattern("$_($$$)"), source, (m) => `${m.text.split("(")[0]} → ${show(m.resolve())}`)).toEqual([
      "warn → import@1:10 from ./log#warn",
      "console.warn → global",
      "console.warn → param@4:12",
      "warn.call → import@1:10 from ./log#warn",
    ]);
  });

  it("resolves identifiers that refer or declare; a property key or a member's property is no reference", () => {
    const seen = each((q) => q.select("Identifier", (n) => (n as { name: string }).name === "warn"), source, (m) => show(m.resolve()));
    // import { warn }'s imported name (no reference) and its local; warn(1); the properties of console.warn (twice); warn.call's object; { warn: 1 }'s key
    const imported = "import@1:10 from ./log#warn";
    expect(seen).toEqual(["none", imported, imported, "none", "none", imported, "none"]);
  });

  it("resolves JSX element names and type references; a lower-case tag is no reference", () => {
    const tsx = 'import { Button } from "ui";\nimport type { Props } from "ui";\nconst a = <Button />;\nconst b = <div />;\nlet p: Props;\n';
    expect(each((q) => q.select("JSXElement"), tsx, (m) => show(m.resolve()), "a.tsx")).toEqual(["import@1:10 from ui#Button", "none"]);
    expect(each((q) => q.select("TSTypeReference"), tsx, (m) => show(m.resolve()), "a.tsx")).toEqual(["import@2:15 from ui#Props (type)"]);
  });

  it("is typed in the public API", () => {
    expectTypeOf<Match["resolve"]>().returns.toEqualTypeOf<Resolution | undefined>();
    expectTypeOf<Resolution["kind"]>().toEqualTypeOf<"var" | "let" | "const" | "using" | "function" | "class" | "param" | "catch" | "import" | "type" | "enum" | "namespace" | "global">();
  });

  it("drives a migration: console.warn → logger.warn only where console is the global", () => {
    const result = new Query([])
      .selectPattern("console.warn($$$A)")
      .filter((m) => m.resolve()?.kind === "global" && m.scope.lookup("logger").kind === "global")
      .replace("logger.warn($$$A)")
      .applyToSource("console.warn(1);\nfunction f(console) { console.warn(2); }\nfunction g(logger) { console.warn(3); }\n", "a.ts", CONFIG);
    expect(result).toMatchObject({ status: "changed", output: "logger.warn(1);\nfunction f(console) { console.warn(2); }\nfunction g(logger) { console.warn(3); }\n" });
  });
});
