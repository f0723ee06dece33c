/**
 * `dump()`: what a selector matched, to help write one. Per match: where it
 * is, its role and node type, its text (first line), and its captures.
 *
 *   src/a.ts:3:10: import ImportSpecifier `debounce`  ← selectImport("lodash", "debounce")
 *       $specifier ImportSpecifier `debounce`
 */
import type { Node } from "@babel/types";

import type { Capture, FileContext, Found } from "./model.js";

export function formatDump(description: string, found: readonly Found[], ctx: FileContext): string {
  const lines: string[] = [];
  for (const f of found) {
    const match = ctx.toMatch(f);
    lines.push(`${match.file}:${match.line}:${match.column}: ${match.role} ${match.node.type} ${quote(match.text)}  ← ${description}`);
    for (const [name, value] of Object.entries(f.captures)) lines.push(`    $${name} ${describeCapture(value, ctx)}`);
  }
  return lines.map((line) => line + "\n").join("");
}

function describeCapture(value: Capture, ctx: FileContext): string {
  if (Array.isArray(value)) {
    const items = value as readonly Node[];
    return `[${items.map((node) => `${node.type} ${quote(ctx.ast.index.textOf(node) ?? "")}`).join(", ")}]`;
  }
  const node = value as Node;
  return `${node.type} ${quote(ctx.ast.index.textOf(node) ?? "")}`;
}

/** The first line of a node's text, shortened, in backquotes. */
function quote(text: string): string {
  const first = text.split(/\r?\n/)[0] ?? "";
  const short = first.length > 60 ? `${first.slice(0, 57)}...` : first;
  return `\`${short}${first !== text && short === first ? " …" : ""}\``;
}
