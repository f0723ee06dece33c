/**
 * Sorting the names inside `{ … }` of one import or re-export, from the
 * original text (never reprinted).
 *
 * One line (`{ b, a as c }`): the names swap places; the separators between
 * them stay where they were. Any comment inside → left as is.
 *
 * Several lines, one name per line: each name moves with its own lines:
 *
 *   import {          ← kept: `{` and whatever follows on its line
 *     // about b      ┐ item: own-line comments above the name,
 *     b, // b         ┘       the name, its comma, the rest of its line
 *     a,              ] item
 *     // end          ← kept: lines after the last item, up to `}`
 *   } from "x";
 *
 * Commas are re-placed so that every item but the last has one, and the last
 * keeps the original trailing-comma style. Layouts that fit neither shape
 * (two names on one line of a multi-line list, a name on the line of `{`, a
 * comma on a line after its name) are left as they are.
 */
import type { Comment } from "@babel/types";

import { isSpaceCode } from "../parse/text.js";
import type { CommentIndex } from "../parse/trivia.js";

import type { MovableNode } from "./model.js";
import { compareNatural } from "./order.js";

interface Named {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

interface MultiLineItem {
  readonly lead: string;
  readonly body: string;
  readonly beforeComma: string;
  readonly afterComma: string;
}

/**
 * The statement's text, up to `end` (its node's end unless the sorter ends it
 * earlier: Movable.statementEnd), with its braced names sorted, or undefined
 * when nothing changes.
 */
export function sortSpecifiers(source: string, node: MovableNode, comments: CommentIndex, end = node.end!): string | undefined {
  const names = namedSpecifiers(node);
  if (names.length < 2) return undefined;
  const order = names.map((_, i) => i).sort((i, j) => compareNatural(names[i]!.name, names[j]!.name) || i - j);
  if (order.every((v, i) => v === i)) return undefined;

  const inside = comments.within(node.start!, node.end!);
  const open = skipBack(source, names[0]!.start, inside);
  const close = closingBrace(source, names[names.length - 1]!.end, inside);
  if (source[open] !== "{" || close === undefined) return undefined;

  const multiLine = /[\r\n]/.test(source.slice(open, close));
  const inner = multiLine
    ? sortMultiLine(source, names, order, open, close, inside)
    : sortOneLine(source, names, order, open, close, inside);
  if (inner === undefined) return undefined;
  return source.slice(node.start!, open + 1) + inner + source.slice(close, end);
}

function namedSpecifiers(node: MovableNode): Named[] {
  if (node.type === "ExportAllDeclaration") return [];
  const out: Named[] = [];
  for (const s of node.specifiers) {
    if (s.type === "ImportSpecifier") out.push({ start: s.start!, end: s.end!, name: nameOf(s.imported) });
    else if (s.type === "ExportSpecifier") out.push({ start: s.start!, end: s.end!, name: nameOf(s.local) });
  }
  return out;
}

function nameOf(node: { type: string; name?: string; value?: string }): string {
  return node.type === "StringLiteral" ? node.value! : node.name!;
}

function sortOneLine(source: string, names: Named[], order: number[], open: number, close: number, inside: Comment[]): string | undefined {
  if (inside.some((c) => c.start! > open && c.end! <= close)) return undefined;
  let out = source.slice(open + 1, names[0]!.start);
  order.forEach((from, to) => {
    out += source.slice(names[from]!.start, names[from]!.end);
    out += to < names.length - 1 ? source.slice(names[to]!.end, names[to + 1]!.start) : "";
  });
  return out + source.slice(names[names.length - 1]!.end, close);
}

function sortMultiLine(source: string, names: Named[], order: number[], open: number, close: number, inside: Comment[]): string | undefined {
  const headBreak = lineBreakAfter(source, open + 1, names[0]!.start, inside);
  if (headBreak === undefined) return undefined;
  const items: MultiLineItem[] = [];
  let leadStart = headBreak.after;
  let eol = headBreak.eol;
  let hadTrailingComma = false;
  let tailAt = close;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const limit = i + 1 < names.length ? names[i + 1]!.start : close;
    const comma = findOutside(source, ",", name.end, limit, inside);
    if (comma === undefined && i + 1 < names.length) return undefined;
    // `b /*b*/⏎ , a`: a comma on a later line than its name would leave that
    // line behind, white space only, where the name moved away.
    if (comma !== undefined && findOutside(source, "\r\n", name.end, comma, inside) !== undefined) return undefined;
    const afterCommaStart = comma === undefined ? name.end : comma + 1;
    const lineBreak = lineBreakAfter(source, afterCommaStart, limit, inside);
    if (lineBreak === undefined) return undefined;
    items.push({
      lead: source.slice(leadStart, name.start),
      body: source.slice(name.start, name.end),
      beforeComma: source.slice(name.end, comma ?? name.end),
      afterComma: source.slice(afterCommaStart, lineBreak.at),
    });
    if (i + 1 === names.length) {
      hadTrailingComma = comma !== undefined;
      tailAt = lineBreak.at;
    }
    leadStart = lineBreak.after;
    eol = i === 0 ? lineBreak.eol : eol;
  }
  let out = source.slice(open + 1, headBreak.after);
  order.forEach((from, to) => {
    const item = items[from]!;
    const last = to === names.length - 1;
    const comma = !last || hadTrailingComma ? "," : "";
    out += item.lead + item.body + item.beforeComma + comma + item.afterComma + (last ? "" : eol);
  });
  return out + source.slice(tailAt, close);
}

/** First line break in [from, to) outside comments: where it starts, where the next line starts, and its form. */
function lineBreakAfter(source: string, from: number, to: number, comments: Comment[]): { at: number; after: number; eol: string } | undefined {
  // "\r\n", a lone "\r" (classic Mac) or "\n": the parser counts each as one line break.
  const at = findOutside(source, "\r\n", from, to, comments);
  if (at === undefined) return undefined;
  const eol = source[at] === "\r" && source[at + 1] === "\n" ? "\r\n" : source[at]!;
  return { at, after: at + eol.length, eol };
}

/** The first offset in [from, to), outside comments, holding one of `chars`. */
function findOutside(source: string, chars: string, from: number, to: number, comments: Comment[]): number | undefined {
  for (let i = from; i < to; i++) {
    const comment = comments.find((c) => c.start! <= i && i < c.end!);
    if (comment) {
      i = comment.end! - 1;
      continue;
    }
    if (chars.includes(source[i]!)) return i;
  }
  return undefined;
}

/** Walk back from `offset` over white space and comments; the offset of the character found. */
function skipBack(source: string, offset: number, comments: Comment[]): number {
  let i = offset - 1;
  while (i >= 0) {
    const comment = comments.find((c) => c.start! <= i && i < c.end!);
    if (comment) i = comment.start! - 1;
    else if (isSpaceCode(source.charCodeAt(i))) i--;
    else break;
  }
  return i;
}

/** The `}` after the last name (white space, comments and one comma may stand between). */
function closingBrace(source: string, offset: number, comments: Comment[]): number | undefined {
  let sawComma = false;
  for (let i = offset; i < source.length; i++) {
    const comment = comments.find((c) => c.start! <= i && i < c.end!);
    if (comment) {
      i = comment.end! - 1;
      continue;
    }
    const ch = source[i]!;
    if (ch === "}") return i;
    if (ch === "," && !sawComma) sawComma = true;
    else if (!isSpaceCode(source.charCodeAt(i))) return undefined;
  }
  return undefined;
}
