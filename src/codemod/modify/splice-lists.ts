/**
 * Argument and parameter lists edited as text (splice mode, see core.ts), in
 * the list's own style: a new item takes the separator its neighbours use,
 * so `f( a, b )` stays spaced and a list with one item per line stays so:
 *
 *   f(                 f(
 *     a,        →        a,
 *     b,                 b,
 *   )                    c,
 *                      )
 *
 * Only lists whose items are original nodes can be spliced; anything else
 * (an item a codemod made, a parameter list that has no parentheses yet)
 * sends the file through recast (`ctx.reprintNeeded`).
 */
import type { Node } from "@babel/types";

import type { FileContext } from "../model.js";
import type { Range } from "../positions.js";

/** Record the text edit that inserts `text` as item `index` of `list` (owned by `owner`, a call or a function). */
export function spliceInsert(ctx: FileContext, owner: Node, list: readonly Node[], index: number, text: string): void {
  if (ctx.ast.mode !== "splice") return;
  const source = ctx.ast.source;
  const ranges = list.map((item) => ctx.ast.index.rangeOf(item));
  if (ranges.some((r) => r === undefined)) return ctx.reprintNeeded("a list with an item the codemod made");
  const items = ranges as Range[];
  if (items.length === 0) {
    const close = emptyListEnd(ctx, owner);
    if (close === undefined) return ctx.reprintNeeded("an empty parameter list");
    return ctx.splice({ start: close, end: close }, text);
  }
  if (owner.type === "ArrowFunctionExpression" && source[items[0]!.start] !== "(" && !hasParenBefore(source, items[0]!.start)) {
    return ctx.reprintNeeded("an arrow function's parameter without parentheses");
  }
  const separator = separatorOf(source, items);
  if (index >= items.length) {
    const last = items[items.length - 1]!;
    ctx.splice({ start: last.end, end: last.end }, `${separator}${text}`);
  } else {
    const at = items[index]!.start;
    ctx.splice({ start: at, end: at }, `${text}${separator}`);
  }
}

/** Record the text edit that removes item `index` of `list` with one separator. */
export function spliceRemove(ctx: FileContext, list: readonly Node[], index: number): void {
  if (ctx.ast.mode !== "splice") return;
  const ranges = list.map((item) => ctx.ast.index.rangeOf(item));
  if (ranges.some((r) => r === undefined)) return ctx.reprintNeeded("a list with an item the codemod made");
  const items = ranges as Range[];
  const item = items[index]!;
  const next = items[index + 1];
  const previous = items[index - 1];
  // `f(a, b)` without a → `f(b)`; without b → `f(a)`; a trailing comma after the last item stays.
  const range = next ? { start: item.start, end: next.start } : previous ? { start: previous.end, end: item.end } : item;
  ctx.splice(range, "");
}

/** What separates the list's items: the text between the last two, else `, ` (or `,` and the line break before a lone item on its own line). */
function separatorOf(source: string, items: readonly Range[]): string {
  if (items.length >= 2) {
    const between = source.slice(items[items.length - 2]!.end, items[items.length - 1]!.start);
    if (/^\s*,\s*$/.test(between)) return between;
    return ", ";
  }
  const first = items[0]!;
  let i = first.start;
  while (i > 0 && /\s/.test(source[i - 1]!)) i--;
  const before = source.slice(i, first.start);
  return source[i - 1] === "(" && before.includes("\n") ? `,${before}` : ", ";
}

function hasParenBefore(source: string, at: number): boolean {
  let i = at;
  while (i > 0 && /\s/.test(source[i - 1]!)) i--;
  return source[i - 1] === "(";
}

/** The offset of the `)` closing an empty argument list (`f()`, `new F()`); undefined for functions and `new F`. */
function emptyListEnd(ctx: FileContext, owner: Node): number | undefined {
  if (owner.type !== "CallExpression" && owner.type !== "OptionalCallExpression" && owner.type !== "NewExpression") return undefined;
  const range = ctx.ast.index.rangeOf(owner);
  if (!range || ctx.ast.source[range.end - 1] !== ")") return undefined;
  let i = range.end - 1;
  while (i > range.start && /\s/.test(ctx.ast.source[i - 1]!)) i--;
  return ctx.ast.source[i - 1] === "(" ? range.end - 1 : undefined;
}
