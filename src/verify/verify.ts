/**
 * Verify before write. The output is parsed again and compared with the
 * input; anything beyond "imports moved among themselves, with their
 * comments" is a bug in safesort, and the file must not be written. Every
 * fact is derived here from the two parses (statements.ts says what may
 * move, from the language and the config); nothing reuses the sorter's
 * blocks, barriers or comment ownership. One parser reads both: Babel, or
 * oxc where the fast path read the input with it (parse/oxc-reading.ts,
 * whose facts are Babel's: test/parse/oxc-reading.test.ts):
 *
 *   1. the output parses;
 *   2. every fixed statement (anything not a movable import or re-export) is
 *      byte-identical, and they come in the same order;
 *   3. between two consecutive fixed statements: the same multiset of
 *      movables (source, kind, bindings, attributes), the same comments;
 *   4. in each stretch, as many movables end without `;`, with their own
 *      `;`, and with a `;` leading a later line (semicolon-free style), and
 *      as many share a line with the statement before them (terminators.ts);
 *   5. the text outside the span where movables and their own-line comments
 *      stand is byte-identical (white space, detached comments, the rest);
 *   6. every comment is still there;
 *   7. the file header (hashbang, directives, pinned comments) is unchanged
 *      and still before the first statement; no file-level comment arrived;
 *   8. range markers are kept and enclose the same imports;
 *   9. no kind of line break appears where the input had none of that kind
 *      (an LF in a CRLF or CR-only file, a lone CR in an LF file);
 *  10. when only the import region was parsed and the rest of the file
 *      follows it byte for byte, the region's last import or re-export ends
 *      where the re-parse says in the whole output too: one without its own
 *      `;` is not followed by a `;` or `with` (which would join it). The
 *      rest's first token is read here, by a scan of its own.
 *
 *   // header                 ┐
 *                             │ outside: byte-identical (5), header (7)
 *   import "./polyfill";      ┘ fixed (2)
 *   // about b                ┐
 *   import b from "b";        │ span of stretch 1: same movables and
 *   import a from "a"; // a   ┘ comments, any order (3)
 *   run();                    fixed (2)
 */
import type { Comment } from "@babel/types";

import { SafesortError } from "../errors.js";
import { readWithOxc } from "../parse/oxc-reading.js";
import { parseSource, type SourceReading } from "../parse/parser.js";
import { endOfLine, startOfLine } from "../parse/text.js";
import { CommentIndex } from "../parse/trivia.js";
import type { ResolvedConfig } from "../types.js";

import { checkHeader, checkLineBreaks, checkRanges, commentTexts, lineBreakKinds } from "./comments.js";
import { type Entry, readEntries, type Stretch, stretchesOf } from "./statements.js";
import { compareLayouts, layoutOf } from "./terminators.js";

interface Reading {
  readonly parsed: SourceReading;
  readonly entries: readonly Entry[];
  readonly stretches: readonly Stretch[];
  /** Per stretch: [start, end) of the span its movables stand in, or undefined when it has none. */
  readonly spans: readonly ({ start: number; end: number } | undefined)[];
  readonly comments: CommentIndex;
}

/**
 * Undefined when `output` is a safe rewrite of `before.parsed`, else why not.
 * `rest`: the text that follows both in the file, when they are its import
 * region only (see fact 10).
 */
export function verifyOutput(before: { readonly parsed: SourceReading }, output: string, filepath: string, config: ResolvedConfig, rest = ""): string | undefined {
  const parsed = reread(before.parsed, output, filepath);
  if (typeof parsed === "string") return parsed;
  const x = read(before.parsed, config);
  const y = read(parsed, config);
  return (
    compareFixed(x, y) ??
    compareStretches(x, y) ??
    compareLayout(x, y) ??
    compareOutside(x, y) ??
    compareComments(x.parsed.comments, y.parsed.comments) ??
    checkHeader(x.parsed, y.parsed) ??
    checkRanges(x.parsed, x.entries, y.parsed, y.entries) ??
    compareLineBreaks(x, y) ??
    checkSeam(x.parsed, rest, "input") ??
    checkSeam(y.parsed, rest, "output")
  );
}

/** The output read by the parser that read the input (Babel, or oxc: oxc-reading.ts), or why it cannot be. */
function reread(input: SourceReading, output: string, filepath: string): SourceReading | string {
  if (input.reader === "oxc") {
    const read = readWithOxc(output, filepath);
    if (!read) return "oxc, which read the input, cannot read the output";
    return read.ok ? read.reading : `output does not parse: ${read.message}`;
  }
  try {
    return parseSource(output, filepath);
  } catch (error) {
    const where = error instanceof SafesortError ? ` at ${error.line}:${error.column}` : "";
    return `output does not parse${where}: ${(error as Error).message}`;
  }
}

/** Spaces, line breaks and comments at the start of a text (a line comment ends at any line terminator). */
const LEADING_TRIVIA = /^(?:[\s\uFEFF]|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*/;

/** Fact 10: the last statement of a region, if it ends without `;`, is not continued by what follows the region. */
function checkSeam(region: SourceReading, rest: string, side: "input" | "output"): string | undefined {
  if (rest === "") return undefined;
  const last = region.statements[region.statements.length - 1];
  if (!last || region.source[last.end! - 1] === ";") return undefined;
  const after = region.source.slice(last.end!) + rest;
  const next = after.slice(LEADING_TRIVIA.exec(after)![0].length);
  if (next.startsWith(";") || /^with\b/.test(next)) {
    const line = region.source.slice(last.start!, last.end!).split(/\r\n?|\n/)[0];
    return `in the ${side}, the last statement of the import region (${JSON.stringify(line)}) would take the \`${next.startsWith(";") ? ";" : "with"}\` that follows the region`;
  }
  return undefined;
}

function read(parsed: SourceReading, config: ResolvedConfig): Reading {
  const comments = new CommentIndex(parsed.comments);
  const entries = readEntries(parsed.statements, parsed.comments, config);
  const stretches = stretchesOf(entries, 0, parsed.source.length);
  const spans = stretches.map((s) => spanOf(parsed.source, comments, s));
  return { parsed, entries, stretches, spans, comments };
}

/**
 * Where a stretch's movables stand: from the start of the line of the chain
 * of comments directly before the first one (each followed by white space
 * with at most one line break) to the end of the line the last one ends on
 * (comments starting on that line included), within the stretch. Whatever
 * the sorter owns or leaves, the text before the first chunk is the same in
 * input and output, so this chain leaves the span at the same place in both.
 */
function spanOf(source: string, comments: CommentIndex, stretch: Stretch): { start: number; end: number } | undefined {
  const first = stretch.movables[0];
  const last = stretch.movables[stretch.movables.length - 1];
  if (!first || !last) return undefined;
  let attach = first.start;
  const above = comments.within(stretch.from, first.start);
  for (let i = above.length - 1; i >= 0; i--) {
    const c = above[i]!;
    if (!/^[ \t]*(?:\r\n?|\n)?[ \t]*$/.test(source.slice(c.end!, attach))) break;
    attach = c.start!;
  }
  let end = last.end;
  for (;;) {
    const lineEnd = endOfLine(source, end);
    const spill = comments.touching(end, lineEnd).find((c) => c.end! > lineEnd);
    if (!spill) {
      end = lineEnd;
      break;
    }
    end = spill.end!;
  }
  return { start: Math.max(stretch.from, startOfLine(source, attach)), end: Math.min(stretch.to, end) };
}

function compareLayout(x: Reading, y: Reading): string | undefined {
  for (let k = 0; k < x.stretches.length; k++) {
    const problem = compareLayouts(layoutOf(x.parsed.source, x.stretches[k]!), layoutOf(y.parsed.source, y.stretches[k]!), k);
    if (problem) return problem;
  }
  return undefined;
}

function slice(r: Reading, range: { start: number; end: number }): string {
  return r.parsed.source.slice(range.start, range.end);
}

function compareFixed(x: Reading, y: Reading): string | undefined {
  const fixed = (r: Reading): Entry[] => r.entries.filter((e) => e.type === "fixed");
  const a = fixed(x);
  const b = fixed(y);
  if (a.length !== b.length) return `${a.length} fixed statements before, ${b.length} after`;
  const i = a.findIndex((e, k) => slice(x, e) !== slice(y, b[k]!));
  return i === -1 ? undefined : `a fixed statement changed or moved: ${JSON.stringify(slice(x, a[i]!).slice(0, 60))}`;
}

function compareStretches(x: Reading, y: Reading): string | undefined {
  for (let k = 0; k < x.stretches.length; k++) {
    const a = x.stretches[k]!.movables.map((m) => m.signature).sort();
    const b = y.stretches[k]!.movables.map((m) => m.signature).sort();
    if (a.length !== b.length || a.some((s, i) => s !== b[i])) {
      return `the imports between fixed statements ${k} and ${k + 1} changed (${a.length} before, ${b.length} after)`;
    }
    const comments = (r: Reading): string[] => {
      const span = r.spans[k];
      return span ? commentTexts(r.comments.within(span.start, span.end)) : [];
    };
    if (comments(x).join("\u0000") !== comments(y).join("\u0000")) return `a comment left the imports between fixed statements ${k} and ${k + 1}`;
  }
  return undefined;
}

function outside(r: Reading): string {
  const source = r.parsed.source;
  let out = "";
  let at = 0;
  for (const span of r.spans) {
    if (!span) continue;
    out += `${source.slice(at, span.start)}\u0000`;
    at = span.end;
  }
  return out + source.slice(at);
}

function compareOutside(x: Reading, y: Reading): string | undefined {
  const a = outside(x);
  const b = outside(y);
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `text outside the imports changed near ${JSON.stringify(a.slice(Math.max(0, i - 20), i + 20))}`;
}

function compareComments(before: readonly Comment[], after: readonly Comment[]): string | undefined {
  const a = commentTexts(before);
  const b = commentTexts(after);
  if (a.length !== b.length) return `${a.length} comments before, ${b.length} after`;
  const i = a.findIndex((c, k) => c !== b[k]);
  return i === -1 ? undefined : `comment changed: ${JSON.stringify(a[i]!.slice(0, 60))}`;
}

/** Per span: no kind of line break the input's span lacks (the file's kinds when the span had a single line). */
function compareLineBreaks(x: Reading, y: Reading): string | undefined {
  const file = lineBreakKinds(x.parsed.source);
  const whole = checkLineBreaks(file, y.parsed.source, "in the file");
  if (whole) return whole;
  for (let k = 0; k < x.spans.length; k++) {
    const a = x.spans[k];
    const b = y.spans[k];
    if (!a || !b) continue;
    const kinds = lineBreakKinds(slice(x, a));
    const problem = checkLineBreaks(kinds.size > 0 ? kinds : file, slice(y, b), `between fixed statements ${k} and ${k + 1}`);
    if (problem) return problem;
  }
  return undefined;
}
