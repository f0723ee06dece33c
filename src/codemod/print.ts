/**
 * Repairs of recast's reprint outside what a codemod edited. When recast
 * reprints a statement because something inside it changed, it may add
 * tokens the original did not have around code the codemod never touched:
 *
 *   create((_super) => function Impl() { g(x) })     the codemod edits g(x)
 *   create((_super) => (function Impl() { g(x, y) }))   recast: parentheses
 *
 *   return a ? b : c                                 semicolon-free file
 *   return a ? b : c;                                recast: a semicolon
 *
 *   "use client";;                                   recast, inserting an import after a directive
 *   import { x } from "m";                           recast's new statement in a semicolon-free file
 *
 * A run of added tokens that are only `(`, `)` and `;`, at a place no edit
 * touches, is taken out again (parentheses only when they balance).
 *
 * Recast also reflows a list it reprints (`f(\n  a,\n  b\n)` → `f(a, b, c)`):
 * between two tokens kept from the input, the white space of the input
 * comes back (when neither side has a comment there), and so does the white
 * space before the first kept token after an insertion:
 *
 *   f(\n  a,\n  b\n)   →   f(\n  a,\n  b, c\n)
 *
 * The result is then verified like any output (verify-names.ts): whatever
 * this cannot repair is refused there.
 */
import type { Range } from "./positions.js";
import { bracketSpacing } from "./print-spacing.js";
import { alignTokens, type Hunk, type Token, tokenize } from "./verify/tokens.js";

const STRAY = new Set(["(\u0000", ")\u0000", ";\u0000"]);
const OPENING = new Set(["(\u0000", "[\u0000", "{\u0000"]);
const CLOSING = new Set([")\u0000", "]\u0000", "}\u0000"]);

/** The printed text without the stray tokens recast added outside `allowed` (input ranges the codemod edited or inserted into). */
export function dropStrayTokens(source: string, printed: string, filepath: string, edited: readonly Range[], inserted: readonly Range[]): string {
  const allowed = [...edited, ...inserted];
  if (printed === source) return printed;
  let before: readonly Token[];
  let after: readonly Token[];
  try {
    before = tokenize(source, filepath).tokens;
    after = tokenize(printed, filepath).tokens;
  } catch {
    return printed; // the verifier reports what does not parse
  }
  const alignment = alignTokens(before, after);
  const parens: Token[] = [];
  const semicolons: Token[] = [];
  for (const hunk of alignment.hunks) {
    // A `;` added right after a kept `;` is an empty statement recast made (`"use client";;` before an inserted import).
    const first = after[hunk.outStart];
    const previous = alignment.toInput[hunk.outStart - 1] ?? -1;
    if (first?.key === ";\u0000" && previous >= 0 && before[previous]!.key === ";\u0000") semicolons.push(first);
    if (hunk.inStart !== hunk.inEnd) continue; // only pure additions
    const gapStart = hunk.inStart > 0 ? before[hunk.inStart - 1]!.end : 0;
    const gapEnd = hunk.inStart < before.length ? before[hunk.inStart]!.start : source.length;
    if (allowed.some((r) => r.start <= gapEnd && gapStart <= r.end)) continue;
    const added = after.slice(hunk.outStart, hunk.outEnd);
    if (!added.every((t) => STRAY.has(t.key))) continue;
    for (const t of added) (t.key === ";\u0000" ? semicolons : parens).push(t);
  }
  const free = semicolonFree(source, before);
  if (free) {
    // Statements a codemod added end like the file's own: no `;` at the end of a line (asiGuards puts one where ASI needs it).
    after.forEach((t, j) => {
      if (t.key === ";\u0000" && alignment.toInput[j]! < 0 && /^[ \t]*(?:\r?\n|\r|$)/.test(printed.slice(t.end))) semicolons.push(t);
    });
  }
  const opened = parens.filter((t) => t.key === "(\u0000").length;
  const dropped = new Set([...semicolons, ...(opened * 2 === parens.length ? parens : [])]);
  const edits: { start: number; end: number; text: string }[] = [...dropped].map((t) => ({ start: t.start, end: t.end, text: "" }));
  if (free) edits.push(...asiGuards(printed, after, alignment, dropped));
  const replaced = (start: number, end: number) => edited.some((r) => r.start < end && start < r.end);
  // White space between kept tokens; an insertion into brackets takes the input's white space inside them
  // on its bracket's side: `f( a )` + b → `f( a, b )`, `f( a )` + z first → `f( z, a )`.
  for (let j = 1; j < after.length; j++) {
    let i = alignment.toInput[j]!;
    const p = alignment.toInput[j - 1]!;
    const previousKept = i > 0 && p === i - 1;
    const afterInsertion = i > 0 && p === -1 && alignment.toOutput[i - 1]! >= 0 && CLOSING.has(before[i]!.key);
    const beforeInsertion = i === -1 && p >= 0 && p + 1 < before.length && alignment.toOutput[p + 1]! >= 0 && OPENING.has(before[p]!.key);
    if (beforeInsertion) i = p + 1;
    if ((!previousKept && !afterInsertion && !beforeInsertion) || dropped.has(after[j - 1]!)) continue;
    if (replaced(before[i - 1]!.start, before[i]!.end)) continue; // inside a node the codemod replaced, kept tokens may be coincidences
    const was = source.slice(before[i - 1]!.end, before[i]!.start);
    const is = printed.slice(after[j - 1]!.end, after[j]!.start);
    if (was !== is && sameButSpace(was, is)) edits.push({ start: after[j - 1]!.end, end: after[j]!.start, text: was });
  }
  // Before the first token: a header comment keeps its blank line when recast reprints the first statement.
  if (after.length > 0 && before.length > 0 && alignment.toInput[0] === 0 && !replaced(0, before[0]!.end)) {
    const was = source.slice(0, before[0]!.start);
    const is = printed.slice(0, after[0]!.start);
    if (was !== is && sameButSpace(was, is)) edits.push({ start: 0, end: after[0]!.start, text: was });
  }
  edits.push(...importInsertionSpacing(source, printed, before, after, alignment), ...firstImportBlockSpacing(source, printed, after, alignment));
  for (const e of [...statementInsertionSpacing(source, printed, before, after, alignment, inserted), ...bracketSpacing(source, printed, before, after, alignment, edited)]) {
    if (!edits.some((o) => o.start < e.end && e.start < o.end)) edits.push(e);
  }
  edits.sort((a, b) => b.start - a.start);
  let out = printed;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A file written without semicolons: it has statements, and no `;` ends a line. */
function semicolonFree(source: string, tokens: readonly Token[]): boolean {
  if (!/\n/.test(source)) return false;
  return !tokens.some((t) => t.key === ";\u0000" && /^[ \t]*(?:\r?\n|\r|$)/.test(source.slice(t.end, t.end + 200)));
}

/** Tokens a line may not start with in a semicolon-free file without joining the line above (`(`, `[`, `` ` ``, `+`, `-`, a regular expression). */
const HAZARD = /^(?:\(|\[|`|\+\/-|regexp|\/)\u0000/;
/** Tokens that may end an expression statement: the line after continues it when it starts with a hazard. */
const ENDS_EXPRESSION = /^(?:\)|\]|\}|`|name|string|num|bigint|regexp|privateName|this|super|null|true|false|\+\+\/--)\u0000/;

/**
 * The `;` guards of a semicolon-free file, as Prettier's `semi: false` writes
 * them: at the start of a line that begins with a hazard and would otherwise
 * continue the line above, where added code meets other code (an inserted
 * statement, or the statement after it). Without them the parser joins the
 * two lines into one statement:
 *
 *   setup(options)                       setup(options)
 *   [a].forEach(f)     insertAfter  →    ;[a].forEach(f)
 */
function asiGuards(printed: string, after: readonly Token[], alignment: ReturnType<typeof alignTokens>, dropped: ReadonlySet<Token>): { start: number; end: number; text: string }[] {
  const guards: { start: number; end: number; text: string }[] = [];
  for (let j = 1; j < after.length; j++) {
    const t = after[j]!;
    if (!HAZARD.test(t.key) || !/[\r\n]/.test(printed.slice(after[j - 1]!.end, t.start))) continue;
    let k = j - 1;
    while (k >= 0 && dropped.has(after[k]!)) k--;
    // The file's own lines, and added code as its author wrote it, stay; a `;` dropped here, or a seam between the two, needs a guard.
    if (k === j - 1 && alignment.toInput[j]! < 0 === alignment.toInput[k]! < 0) continue;
    if (k >= 0 && ENDS_EXPRESSION.test(after[k]!.key)) guards.push({ start: t.start, end: t.start, text: ";" });
  }
  return guards;
}

/** Two gaps between tokens holding the same comments, in other white space (recast re-lays comments it reprints). */
function sameButSpace(was: string, is: string): boolean {
  return was.replace(/\s+/g, "") === is.replace(/\s+/g, "");
}

/**
 * An import inserted after the last import of a block belongs to the block:
 * recast leaves the blank line that ended the block before it, so it moves
 * after it.
 *
 *   import a from "a";                import a from "a";
 *                                     import { b } from "./b";
 *   import { b } from "./b";    →
 *   run();                            run();
 */
function importInsertionSpacing(source: string, printed: string, before: readonly Token[], after: readonly Token[], alignment: ReturnType<typeof alignTokens>): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const hunk of alignment.hunks) {
    if (hunk.inStart === 0 || hunk.outStart === 0 || hunk.outStart === hunk.outEnd) continue;
    const first = after[hunk.outStart]!;
    const previous = after[hunk.outStart - 1]!;
    if (printed.slice(first.start, first.end) !== "import" || !endsAnImport(source, before[hunk.inStart - 1]!)) continue;
    // The inserted import ends at its module string (and its `;`); the hunk may go on with an edit right after it.
    let end = hunk.outStart;
    while (end < hunk.outEnd && !after[end]!.key.startsWith("string\u0000")) end++;
    if (after[end + 1]?.key === ";\u0000") end++;
    const last = after[end];
    const next = after[end + 1];
    if (end >= hunk.outEnd || !last || !next) continue;
    const gapBefore = printed.slice(previous.end, first.start);
    const gapAfter = printed.slice(last.end, next.start);
    const blank = /^[ \t]*(\r?\n|\r)[ \t]*(?:\r?\n|\r)\s*$/.exec(gapBefore);
    if (!blank) continue;
    edits.push({ start: previous.end, end: first.start, text: blank[1]! });
    if (/^[ \t]*(\r?\n|\r)[ \t]*$/.test(gapAfter)) edits.push({ start: last.end, end: next.start, text: gapBefore });
  }
  return edits;
}

/**
 * A statement inserted next to one that a blank line separated from its
 * neighbour: recast repeats the blank line on both sides of the new one.
 * The new statement stays with the statement it was inserted next to, and
 * the blank line comes once, on the other side.
 *
 *   f(x);                  f(x);
 *                          g(1);       insertAfter("g(1);") on f(x)
 *   keep();        →
 *                          keep();
 */
function statementInsertionSpacing(source: string, printed: string, before: readonly Token[], after: readonly Token[], alignment: ReturnType<typeof alignTokens>, inserted: readonly Range[]): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  const blank = /^[ \t]*(\r?\n|\r)[ \t]*(?:\r?\n|\r)\s*?([ \t]*)$/;
  const within = (t: Token) => inserted.some((r) => r.start <= t.start && t.end <= r.end);
  const spacingAt = (inAt: number, outStart: number, outEnd: number): { start: number; end: number; text: string } | undefined => {
    if (inAt === 0 || inAt >= before.length || outStart === 0 || outEnd >= after.length) return undefined;
    const first = after[outStart]!;
    if (printed.slice(first.start, first.end) === "import") return undefined; // importInsertionSpacing
    const previous = before[inAt - 1]!;
    const next = before[inAt]!;
    if (!blank.test(source.slice(previous.end, next.start))) return undefined;
    const gapBefore = { start: after[outStart - 1]!.end, end: first.start };
    const gapAfter = { start: after[outEnd - 1]!.end, end: after[outEnd]!.start };
    const was = blank.exec(printed.slice(gapBefore.start, gapBefore.end));
    const is = blank.exec(printed.slice(gapAfter.start, gapAfter.end));
    if (!was || !is) return undefined;
    if (within(previous)) return { ...gapBefore, text: was[1]! + was[2]! };
    if (within(next)) return { ...gapAfter, text: is[1]! + is[2]! };
    return undefined;
  };
  for (const hunk of alignment.hunks.map((h) => insertionIn(h, before, after))) {
    if (!hunk) continue;
    // Inserted before the file's first statement: recast joins the two on one line (`g(1);f(x);`).
    const next = after[hunk.outEnd];
    if (hunk.inStart === 0 && hunk.outStart === 0 && hunk.outEnd > 0 && next && within(before[0]!)) {
      const gap = { start: after[hunk.outEnd - 1]!.end, end: next.start };
      if (/^[ \t]*$/.test(printed.slice(gap.start, gap.end)) && /^[;}]\u0000/.test(after[hunk.outEnd - 1]!.key)) edits.push({ ...gap, text: /\r\n/.test(source) ? "\r\n" : "\n" });
      continue;
    }
    // A pure insertion may be aligned anywhere along a run of equal tokens (`) ; start ( ) ;` for `start ( ) ;`): try each place.
    let shift = 0;
    while (hunk.outStart + shift > 0 && hunk.inStart + shift > 0 && after[hunk.outStart + shift - 1]!.key === after[hunk.outEnd + shift - 1]!.key) shift--;
    for (; hunk.outEnd + shift <= after.length; shift++) {
      const edit = spacingAt(hunk.inStart + shift, hunk.outStart + shift, hunk.outEnd + shift);
      if (edit) {
        edits.push(edit);
        break;
      }
      if (hunk.outEnd + shift >= after.length || after[hunk.outStart + shift]!.key !== after[hunk.outEnd + shift]!.key) break;
    }
  }
  return edits;
}

/**
 * The pure insertion a hunk holds: the hunk itself when it removes nothing;
 * an insertion next to an edit of the same statement, where the edit keeps
 * the kinds of the tokens it changes (a rename: `setup` → `check ( ) ;
 * configure`), the insertion before (or after) the edited tokens.
 */
function insertionIn(hunk: Hunk, before: readonly Token[], after: readonly Token[]): Hunk | undefined {
  const removed = hunk.inEnd - hunk.inStart;
  if (removed === 0) return hunk;
  if (hunk.outEnd - hunk.outStart <= removed) return undefined;
  const like = (i: number, j: number) => kindOf(before[i]!) === kindOf(after[j]!);
  const range = (offset: number) => Array.from({ length: removed }, (_, k) => like(hunk.inStart + k, offset + k)).every(Boolean);
  if (range(hunk.outEnd - removed)) return { inStart: hunk.inStart, inEnd: hunk.inStart, outStart: hunk.outStart, outEnd: hunk.outEnd - removed };
  if (range(hunk.outStart)) return { inStart: hunk.inEnd, inEnd: hunk.inEnd, outStart: hunk.outStart + removed, outEnd: hunk.outEnd };
  return undefined;
}

/** A token's kind: its key without the value, for names and literals; the whole key for punctuation and keywords. */
function kindOf(token: Token): string {
  const kind = token.key.slice(0, token.key.indexOf("\u0000"));
  return /^(?:name|string|num|bigint|decimal|regexp|template|jsxName|jsxText|privateName)$/.test(kind) ? kind : token.key;
}

/**
 * Imports added to a file that had none form its import block: one blank
 * line separates them from the code below (as the sorter, Prettier-formatted
 * code and import sorters leave it), where recast puts them right above it.
 *
 *                                  import { logger } from "./logger";
 *   logger.warn("top");     →
 *                                  logger.warn("top");
 */
function firstImportBlockSpacing(source: string, printed: string, after: readonly Token[], alignment: ReturnType<typeof alignTokens>): { start: number; end: number; text: string }[] {
  if (/^[ \t]*import\b(?![ \t]*[(.])/m.test(source)) return [];
  const text = (t: Token | undefined) => (t ? printed.slice(t.start, t.end) : "");
  for (const hunk of alignment.hunks) {
    let end = hunk.outStart;
    if (text(after[end]) !== "import") continue;
    // The run of added imports: each ends at its module string (and its `;`).
    while (end < hunk.outEnd && text(after[end]) === "import") {
      while (end < hunk.outEnd && !after[end]!.key.startsWith("string\u0000")) end++;
      end++;
      if (after[end]?.key === ";\u0000" && end < hunk.outEnd) end++;
    }
    const last = after[end - 1];
    const next = after[end];
    if (!last || !next || end > hunk.outEnd) continue;
    const gap = /^[ \t]*(\r?\n|\r)([ \t]*)$/.exec(printed.slice(last.end, next.start));
    if (gap) return [{ start: last.end, end: next.start, text: gap[1]! + gap[1]! + gap[2]! }];
  }
  return [];
}

/** Does the input token end an import statement (`import a from "a";`, `} from "./b"`)? */
function endsAnImport(source: string, token: Token): boolean {
  const lineStart = Math.max(source.lastIndexOf("\n", token.start - 1), source.lastIndexOf("\r", token.start - 1)) + 1;
  return /^\s*(?:import\b|\}\s*from\b)/.test(source.slice(lineStart, token.end));
}
