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
import { alignTokens, type Token, tokenize } from "./tokens.js";

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
    if (hunk.inStart !== hunk.inEnd) continue; // only pure additions
    const gapStart = hunk.inStart > 0 ? before[hunk.inStart - 1]!.end : 0;
    const gapEnd = hunk.inStart < before.length ? before[hunk.inStart]!.start : source.length;
    if (allowed.some((r) => r.start <= gapEnd && gapStart <= r.end)) continue;
    const added = after.slice(hunk.outStart, hunk.outEnd);
    if (!added.every((t) => STRAY.has(t.key))) continue;
    for (const t of added) (t.key === ";\u0000" ? semicolons : parens).push(t);
  }
  const opened = parens.filter((t) => t.key === "(\u0000").length;
  const dropped = new Set([...semicolons, ...(opened * 2 === parens.length ? parens : [])]);
  const edits: { start: number; end: number; text: string }[] = [...dropped].map((t) => ({ start: t.start, end: t.end, text: "" }));
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
    if (was !== is && /^\s*$/.test(was) && /^\s*$/.test(is)) {
      edits.push({ start: after[j - 1]!.end, end: after[j]!.start, text: was });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = printed;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
