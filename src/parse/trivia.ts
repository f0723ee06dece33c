/**
 * Comment ownership: which comments travel with an import when it moves, and
 * which never move.
 *
 *   #!/usr/bin/env node       ← hashbang and directives: not statements, stay
 *   // Copyright 2024 Acme    ← the file's first comment: pinned (stays first)
 *   /// <reference types="x"/>← file-level comment: pinned, with all above it
 *   // @ts-expect-error       ← belongs to the next line: travels with `b`
 *   import b from "b"; // b   ← trailing: starts on the statement's last line
 *                             ← a blank line detaches what is above it
 *   // section                ← detached when followed by a blank line
 *   /* eslint-disable x *\/    ← range marker: never owned, splits blocks
 *
 *   - Leading: consecutive comments that each start on their own line (or
 *     after another such comment on it: `/⁎1⁎/ /⁎2⁎/ import …`), with at
 *     most one line break between a comment and what follows it, stopping at a
 *     range marker (which no import owns: it is a barrier, see blocks.ts).
 *   - Trailing: comments that start on the line the statement ends on.
 *   - Pinned header (`pinnedHeaderLength`): among the leading comments of the
 *     file's first statement, those that mean something for the whole file.
 *
 * `commentRole` is the vocabulary: what one comment means for the code around
 * it, from its text alone. The verifier reads the same vocabulary (a fact
 * about a comment, like "this is an import"), never the blocks cut from it.
 */
import type { Comment } from "@babel/types";

import { countNewlines, isBlank, LINE_BREAK, startOfLine } from "./text.js";

/**
 * - `file`: means something for the whole file, and only where it is (a
 *   pragma is read from the file's leading comments, a triple-slash directive
 *   only before the first statement, a license header is where people look).
 * - `next-line`: applies to the line below it (suppressions), so it travels.
 * - `range-start` / `range-end`: open or close a region of lines (lint
 *   suppressions, coverage exclusions, editor folds); imports never cross one.
 * - `plain`: anything else.
 */
export type CommentRole = "file" | "next-line" | "range-start" | "range-end" | "plain";

/** A tool directive must open the comment: `// eslint-disable …`, `/** @jsx h *\/`, `/* #region x *\/`. */
const OPENS = String.raw`^[\s*]*`;

/** Directives that apply to the line below the comment. Checked before ranges (`eslint-disable-next-line` ≠ `eslint-disable`). */
const NEXT_LINE = new RegExp(
  OPENS +
    "(?:" +
    [
      String.raw`@ts-(?:expect-error|ignore)\b`, // TypeScript: suppress the next line's error
      String.raw`(?:eslint|oxlint)-disable-(?:next-)?line\b`, // ESLint / oxlint, one line
      String.raw`tslint:disable-(?:next-)?line\b`,
      String.raw`prettier-ignore\s*$`, // Prettier: leave the next node as written
      String.raw`biome-ignore(?![-\w])`, // Biome: suppress on the next line (not -all/-start/-end)
      String.raw`deno-(?:lint|fmt)-ignore(?![-\w])`,
      String.raw`dprint-ignore(?![-\w])`,
      String.raw`(?:istanbul|c8|v8) ignore (?:next|if|else)\b`, // coverage: the next node
      String.raw`node:coverage ignore next\b`,
      String.raw`cspell:disable-(?:next-)?line\b`,
      String.raw`noinspection\b`, // JetBrains: the next statement
      String.raw`safesort:\s*skip(?!-file)\b`, // ours: the import below is a barrier
    ].join("|") +
    ")",
);

/** Openers of a range that an opposite marker (or the end of the file) closes. */
const RANGE_START = new RegExp(
  OPENS +
    "(?:" +
    [
      String.raw`(?:eslint|oxlint)-disable(?![-\w])`, // `/* eslint-disable rule */` … `/* eslint-enable */`
      String.raw`tslint:disable(?![-:\w])`,
      String.raw`(?:biome|prettier|deno-fmt|dprint)-ignore-start\b`,
      String.raw`(?:istanbul|c8|v8) ignore start\b`, // coverage ranges (c8/v8 `start`/`stop`)
      String.raw`node:coverage disable\b`,
      String.raw`jshint ignore:start\b`,
      String.raw`cspell:disable(?![-\w])`,
      String.raw`@formatter:off\b`, // JetBrains formatter
      String.raw`#?region\b`, // VS Code `//#region x`, JetBrains `//region x`
      String.raw`<editor-fold\b`, // NetBeans / JetBrains folds
    ].join("|") +
    ")",
);

const RANGE_END = new RegExp(
  OPENS +
    "(?:" +
    [
      String.raw`(?:eslint|oxlint)-enable(?![-\w])`,
      String.raw`tslint:enable(?![-:\w])`,
      String.raw`(?:biome|prettier|deno-fmt|dprint)-ignore-end\b`,
      String.raw`(?:istanbul|c8|v8) ignore stop\b`,
      String.raw`node:coverage enable\b`,
      String.raw`jshint ignore:end\b`,
      String.raw`cspell:enable\b`,
      String.raw`@formatter:on\b`,
      String.raw`#?endregion\b`,
      String.raw`</editor-fold\b`,
    ].join("|") +
    ")",
);

/** Tags for the whole file, wherever they stand in the comment (a tag inside a JSDoc block, a license line). */
const FILE_TAG = new RegExp(
  [
    // Pragmas read by compilers, bundlers, test runners and formatters from the file's leading comments.
    String.raw`@(?:jsx|jsxFrag|jsxImportSource|jsxRuntime)\b`,
    String.raw`@refresh\b`,
    String.raw`@(?:no)?flow\b`,
    String.raw`@ts-(?:no)?check\b`,
    String.raw`@ts-self-types\b`,
    String.raw`@(?:jest|vitest)-environment\b`,
    String.raw`@(?:format|prettier|noformat|generated|nolint)\b`,
    // File-level documentation and legal headers.
    String.raw`@(?:fileoverview|file|overview|module|packageDocumentation|license|preserve|copyright)\b`,
    String.raw`SPDX-License-Identifier\b`,
    String.raw`\b[Cc]opyright\b.*(?:\([Cc]\)|©|\d{4})`,
    String.raw`\bCOPYRIGHT\b`,
  ].join("|"),
);

/** Whole-file tool comments, recognised only when they open the comment. */
const FILE_DIRECTIVE = new RegExp(
  "^(?:" +
    [
      String.raw`\s*!`, // `/*! … */`: minifiers keep it, as a license
      String.raw`[\s*]*(?:eslint-env|globals?|exported|jshint|jslint)\s`, // ESLint/JSHint file configuration
      String.raw`[\s*]*eslint\s+[\w@/-]+\s*:`, // `/* eslint no-console: off */`
      String.raw`[\s*]*(?:biome-ignore-all|deno-lint-ignore-file|deno-fmt-ignore-file|dprint-ignore-file)\b`,
      String.raw`[\s*]*(?:istanbul|c8|v8) ignore file\b`,
      String.raw`[\s*]*safesort:\s*skip-file\b`,
    ].join("|") +
    ")",
);

/** `/// <reference types="…"/>`, `/// <amd-module name="…"/>`, `/// <amd-dependency …/>`: the value after `//` starts with `/`. */
const TRIPLE_SLASH = /^\/\s*<[A-Za-z-]+\b/;

/** What a comment means for the code around it (see CommentRole); checked in this order. */
export function commentRole(comment: Comment): CommentRole {
  const text = comment.value;
  if (comment.type === "CommentLine" && TRIPLE_SLASH.test(text)) return "file";
  if (NEXT_LINE.test(text)) return "next-line";
  if (RANGE_END.test(text)) return "range-end";
  if (RANGE_START.test(text)) return "range-start";
  if (FILE_TAG.test(text) || FILE_DIRECTIVE.test(text)) return "file";
  return "plain";
}

export function isRangeMarker(comment: Comment): boolean {
  const role = commentRole(comment);
  return role === "range-start" || role === "range-end";
}

/** A comment that would change what the file means if an import carried it to the top (or away from it). */
export function isPinnedComment(comment: Comment): boolean {
  return commentRole(comment) === "file";
}

/** Comments sorted by start; finds those inside [from, to) quickly. */
export class CommentIndex {
  private readonly matching = new Map<RegExp, boolean>();

  constructor(readonly comments: readonly Comment[]) {}

  /** Whether any comment's text matches `pattern` (a pattern without the `g` or `y` flag; the answer is kept). */
  anyMatches(pattern: RegExp): boolean {
    let found = this.matching.get(pattern);
    if (found === undefined) this.matching.set(pattern, (found = this.comments.some((c) => pattern.test(c.value))));
    return found;
  }

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

  /** Comments overlapping [from, to). */
  touching(from: number, to: number): Comment[] {
    const out: Comment[] = [];
    for (let i = Math.max(0, this.firstAtOrAfter(from) - 1); i < this.comments.length; i++) {
      const c = this.comments[i]!;
      if (c.start! >= to) break;
      if (c.end! > from) out.push(c);
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
 * Returned in source order. A range marker is never owned, nor anything above it.
 */
export function leadingComments(source: string, candidates: readonly Comment[], start: number): Comment[] {
  const owned: Comment[] = [];
  // `/*1*/ /*2*/ import …`: comments after another one on its line wait here
  // until the line's first comment proves to start the line.
  let sameLine: Comment[] = [];
  let attachPoint = start;
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!;
    const between = source.slice(c.end!, attachPoint);
    if (!isBlank(between.replace(LINE_BREAK, "")) || countNewlines(source, c.end!, attachPoint) > 1) break;
    if (isRangeMarker(c)) break;
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
  return owned;
}

/**
 * How many of `leading` (the owned leading comments of the file's first
 * statement, in source order) stay where they are when that statement moves;
 * the rest travel with it. `fileStart`: the first of them is the file's first
 * comment (nothing but a hashbang, directives and white space before it).
 *
 *   // Acme widgets, (c) 2024     ┐ the file's first comment, and the `//`
 *   // All rights reserved.       ┘ lines that continue it: stay
 *   /// <reference types="vite/client" />   file-level: stays, with all above
 *   // @ts-expect-error: untyped  ┐ travel with the import
 *   import x from "x";            ┘
 *
 * Stays: everything up to the last `file` comment, and the file's first
 * comment with the line comments continuing it on the next lines, unless it
 * belongs to the next line (`next-line`: `@ts-expect-error`, `@ts-ignore`,
 * `eslint-disable-next-line`, `prettier-ignore`, `biome-ignore`,
 * `safesort: skip`, …), which always travels with its import. Comments
 * followed by a blank line are not owned at all, so they stay too.
 */
export function pinnedHeaderLength(source: string, leading: readonly Comment[], fileStart: boolean): number {
  let pinned = 0;
  leading.forEach((c, i) => {
    if (commentRole(c) === "file") pinned = i + 1;
  });
  if (fileStart && leading.length > 0 && commentRole(leading[0]!) !== "next-line") {
    let k = 1;
    while (k < leading.length && continuesLineComment(source, leading[k - 1]!, leading[k]!)) k++;
    pinned = Math.max(pinned, k);
  }
  return pinned;
}

/** `b` is a `//` comment on the line right after the `//` comment `a`, and does not belong to the next line. */
function continuesLineComment(source: string, a: Comment, b: Comment): boolean {
  return a.type === "CommentLine" && b.type === "CommentLine" && countNewlines(source, a.end!, b.start!) === 1 && commentRole(b) === "plain";
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
