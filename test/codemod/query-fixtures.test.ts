/**
 * Fixtures of queries written with the public API (fixtures/query/<case group>/),
 * through the harness users get (defineCodemodTest): the defects of issue
 * #11 and their refusals, one folder per codemod.
 */
import { fileURLToPath } from "node:url";

import type { Node } from "@babel/types";
import { describe, it } from "vitest";

import type { Query } from "../../src/codemod/query.js";
import type { Constraint } from "../../src/codemod/select/pattern-constraints.js";
import { defineCodemodTest } from "../../src/testing/index.js";

const CODEMODS: Record<string, (q: Query, args: Readonly<Record<string, unknown>>) => Query> = {
  "remove-argument": (q) => q.selectFunction("f").removeArgument(1),
  "rename-function": (q) => q.selectFunction("useTheme").rename("useAppTheme"),
  "add-argument": (q) =>
    q
      .selectFunction("f")
      .filter((m) => !lastIs(m.node, "undefined") && !lastIs(m.node, "signal"))
      .addArgument("undefined", { param: "signal" }),
  // A template with a metavariable: printed by recast, repaired where it added tokens around untouched code.
  "ensure-import": (q) => q.selectCall("console.warn").rename("logger.warn").ensureImport({ from: "./logger", name: "logger" }),
  // The helper in a modify callback: the local name it returns is the one to write.
  "ensure-import-local-name": (q) =>
    q.selectCall("console.warn").modify((m, b) => `${b.ensureImport({ from: "./logger", name: "logger" })}.warn(${(m.captures["arguments"] as Node[]).map((a) => m.text.slice(a.start! - m.node.start!, a.end! - m.node.start!)).join(", ")})`),
  "remove-import": (q) =>
    q.selectPattern("React.useState($$$A)").replace("useState($$$A)").ensureImport({ from: "react", name: "useState" }).removeImport({ from: "react", default: true }),
  // The pattern, its `where` constraints and the template come from each case's args.json.
  "pattern-where": patternFromArgs,
  "pattern-lists": patternFromArgs,
  // New nodes printed as the template was written (one line stays one line), in the file's own style.
  "template-style": patternFromArgs,
  // export … from and destructured require() move too; what cannot move fails the file with the reason.
  "move-to": (q) => q.selectImport("a", "x").moveTo("b"),
  // console.warn → logger.warn where `console` is the global and `logger` would not be captured by a local.
  "resolve-console": (q) =>
    q
      .selectPattern("console.warn($$$A)")
      .filter((m) => m.resolve()?.kind === "global" && m.scope.lookup("logger").kind === "global")
      .replace("logger.warn($$$A)")
      .ensureImport({ from: "./logger", name: "logger" }),
  // The inserted statement stays with the one it follows; the blank line after that one comes once, after the new one.
  "insert-after": (q) => q.selectCall("setup").insertAfter("check();").rename("configure"),
  // Before the anchor, with an edit of the anchor: one blank line; in a semicolon-free file, no `;` but the guards ASI needs.
  "insert-before": (q, args) => q.selectCall("setup").insertBefore(String(args["code"] ?? "check();")).rename("configure"),
  "add-argument-template": (q) => q.selectCall("g").filter((m) => (m.node as { arguments: unknown[] }).arguments.length < 2).addArgument("String($callee)"),
};

function patternFromArgs(q: Query, args: Readonly<Record<string, unknown>>): Query {
  return q.selectPattern(String(args["pattern"]), { where: args["where"] as Record<string, Constraint> | undefined }).replace(String(args["replace"]));
}

/** Is the last argument (or parameter) the identifier `name`? (Keeps the fixtures' codemods idempotent.) */
function lastIs(node: Node, name: string): boolean {
  const list = (node as { arguments?: Node[]; params?: Node[] }).arguments ?? (node as { params?: Node[] }).params ?? [];
  const last = list[list.length - 1];
  return last?.type === "Identifier" && last.name === name;
}

for (const [folder, codemod] of Object.entries(CODEMODS)) {
  defineCodemodTest({ codemod, fixtures: fileURLToPath(new URL(`../../fixtures/query/${folder}`, import.meta.url)), describe, it });
}
