/**
 * Guarantee 1, for statements: an untouched statement stays a statement of
 * its own. Tokens alone cannot tell — the same tokens parse as one statement
 * or two depending on line breaks and semicolons (ASI):
 *
 *   setup(options)            setup(options)
 *   run()                     [a].forEach(f)     inserted: now `setup(options)[a].forEach(f)`
 *                             run()
 *
 * Every statement of the input (in a statement list) with no hunk inside it
 * must be a statement of the output spanning the same kept tokens, read from
 * the two parses alone.
 */
import type { Node } from "@babel/types";

import { forEachChildNode, isStatementList } from "../ast.js";

import type { Alignment, Tokenized } from "./tokens.js";

export interface StatementProblem {
  readonly offset: number;
  readonly message: string;
}

export function statementJoined(source: string, before: Tokenized, after: Tokenized, alignment: Alignment): StatementProblem | undefined {
  const spans = new Set<string>();
  for (const s of statementsOf(after.file)) {
    const first = after.atOffset.get(s.start!);
    const last = lastTokenOf(after, s.end!);
    if (first !== undefined && last !== undefined) spans.add(`${first}:${last}`);
  }
  for (const s of statementsOf(before.file)) {
    const first = before.atOffset.get(s.start!);
    const last = lastTokenOf(before, s.end!);
    if (first === undefined || last === undefined) continue;
    let untouched = true;
    for (let k = first; k <= last && untouched; k++) untouched = alignment.toOutput[k]! >= 0 && (k === first || alignment.toOutput[k]! === alignment.toOutput[k - 1]! + 1);
    const end = alignment.toOutput[last]!;
    // A `;` may end it now (a semicolon-free file's guard before an inserted statement: `prepare()\n;[a].forEach(f)`).
    const ended = (e: number) => spans.has(`${alignment.toOutput[first]!}:${e}`);
    if (!untouched || ended(end) || (after.tokens[end + 1]?.key === ";\u0000" && ended(end + 1))) continue;
    const text = source.slice(s.start!, s.end!);
    return { offset: s.start!, message: `codemod changed code it did not edit: the statement \`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\` is no longer a statement of its own (the next line continues it)` };
  }
  return undefined;
}

/** The statements of every statement list (program, blocks, switch cases), outermost first. */
function statementsOf(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (node: Node) => {
    forEachChildNode(node, (child, key, listed) => {
      if (listed && isStatementList(node, key)) out.push(child);
      visit(child);
    });
  };
  visit(root);
  return out;
}

/** The index of the last token ending at `end` (a statement's end). */
function lastTokenOf(side: Tokenized, end: number): number | undefined {
  let lo = 0;
  let hi = side.tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = side.tokens[mid]!;
    if (t.end === end) return mid;
    if (t.end < end) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
