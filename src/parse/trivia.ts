/**
 * Comment ownership. Which comments travel with a statement when it moves:
 *
 *   // @flow                  ← pinned header (pragma, license): stays on top
 *   // about b                ← leading: own line, no blank line before `b`
 *   import b from "b"; // b   ← trailing: starts on the statement's last line
 *                             ← a blank line detaches what is above it
 *   // section                ← detached when followed by a blank line
 *
 *   - Leading: consecutive comments that each start on their own line (or
 *     after another such comment on it: `/⁎1⁎/ /⁎2⁎/ import …`), with at
 *     most one line break between a comment and what follows it.
 *   - Trailing: comments that start on the line the statement ends on.
 *   - Pinned: for the first statement of a file, a leading comment that is a
 *     pragma or header (@flow, @jsx, @license, /*! …, copyright, eslint-disable,
 *     @ts-check, …) stays in place, together with everything above it.
 */
import type { Comment } from "@babel/types";

import { countNewlines, isBlank, startOfLine } from "./text.js";

const PINNED =
  /@(?:no)?flow\b|@jsx|@license|@preserve|@format|@prettier|@ts-(?:no)?check\b|@(?:jest|vitest)-environment|\bcopyright\b.*(?:\(c\)|©|\d{4})|eslint-disable(?!-(?:next-)?line)|^\s*!|safesort:\s*skip-file/i;

export function isPinnedComment(comment: Comment): boolean {
  return PINNED.test(comment.value);
}

/** Comments sorted by start; finds those inside [from, to) quickly. */
export class CommentIndex {
  constructor(readonly comments: readonly Comment[]) {}

  /** Comments lying entirely in [from, to). */
  within(from: number, to: number): Comment[] {
    const out: Comment[] = [];
    for (let i = this.firstAtOrAfter(from); i < this.comments.length; i++) {
      const c = this.comments[i]!;
      if (c.start! >= to) break;
      if (c.end! <= to) out.push(c);
    }
    return out;
  }

  private firstAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid]!.start! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Leading comments owned by a statement starting at `start`, chosen among
 * `candidates` (the comments between the previous statement and this one).
 * Returned in source order.
 */
export function leadingComments(source: string, candidates: readonly Comment[], start: number, pinHeader: boolean): Comment[] {
  const owned: Comment[] = [];
  // `/*1*/ /*2*/ import …`: comments after another one on its line wait here
  // until the line's first comment proves to start the line.
  let sameLine: Comment[] = [];
  let attachPoint = start;
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!;
    const between = source.slice(c.end!, attachPoint);
    if (!isBlank(between.replace(/\r?\n/, "")) || countNewlines(source, c.end!, attachPoint) > 1) break;
    const lineStart = startOfLine(source, c.start!);
    if (isBlank(source.slice(lineStart, c.start!))) {
      owned.unshift(c, ...sameLine);
      sameLine = [];
    } else {
      const prev = candidates[i - 1];
      if (prev === undefined || prev.end! <= lineStart || !isBlank(source.slice(prev.end!, c.start!))) break;
      sameLine.unshift(c);
    }
    attachPoint = c.start!;
  }
  if (pinHeader) {
    const lastPinned = findLastIndex(owned, isPinnedComment);
    if (lastPinned !== -1) owned.splice(0, lastPinned + 1);
  }
  return owned;
}

/** Trailing comments: a chain of comments starting on the line where the statement ends. */
export function trailingComments(source: string, candidates: readonly Comment[], end: number): Comment[] {
  const owned: Comment[] = [];
  let from = end;
  for (const c of candidates) {
    if (c.start! < from) continue;
    if (!isBlank(source.slice(from, c.start!))) break;
    owned.push(c);
    from = c.end!;
  }
  return owned;
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}
