/**
 * `$$$X` among an object literal's properties, filled in as text before the
 * template is parsed (template.ts): recast then reuses the template's text
 * with the captured properties as the file wrote them, where splicing nodes
 * into the object makes it reprint the object one property per line, without
 * its trailing comma.
 *
 * The **run** is the captured properties, consecutive in one object of the
 * file, with what lies between them (separators, line breaks, comments).
 *
 *   template `g({ $$$P })`, the object is only the list: the file's object
 *   text from its brace comes back, line breaks and trailing comma included
 *
 *   f({                g({
 *     a: 1,     →        a: 1,
 *     b: 2,              b: 2,
 *   })                 })
 *
 *   `$$$P` on a line of its own in the template (or a one-line run): the run,
 *   its lines re-indented to the template's line, and its trailing comma
 *   when it ended the file's object and ends the template's before a `}` on
 *   a line of its own
 *
 * Anything else (a multi-line run in the middle of a template line) is left
 * to the spliced nodes.
 */
import type { Node } from "@babel/types";

import type { Captures } from "../model.js";
import type { SourceIndex } from "../positions.js";

const LIST_IN_OBJECT = /(\{\s*|,\s*)\$\$\$([A-Z_][A-Z0-9_]*|[a-z][A-Za-z0-9_]*)(\s*)(?=[,}])/g;

export function inlineObjectLists(code: string, captures: Captures, index: SourceIndex): string {
  return code
    .replace(LIST_IN_OBJECT, (whole: string, before: string, name: string, after: string, at: number) => {
      const value = captures[name];
      if (!Array.isArray(value)) return whole;
      if (value.length === 0) {
        // Nothing captured: `{ a, $$$R }` → `{ a }`, `{ $$$R }` → `{}`, `{ $$$R, a }` → `{ a }` (its comma goes below).
        if (before.startsWith(",")) return after;
        return code[at + whole.length] === "}" ? "{" : `${before}\u0000`;
      }
      const run = runOf(value as readonly Node[], index);
      if (!run) return whole;
      const source = index.source;
      const closes = code[at + whole.length] === "}";
      const text = source.slice(run.start, run.end);
      // The template's object is only the list, and the file's object spans lines: its text from the brace on.
      if (before.startsWith("{") && closes && run.close !== undefined && /[\r\n]/.test(source.slice(run.leading, run.close))) {
        const base = lineIndent(source, run.close);
        const inner = reindent(source.slice(run.leading, run.close), base, lineIndent(code, at));
        if (firstOnLine(source, run.close) && inner !== undefined) return `{${inner}`;
      }
      const multiLine = /[\r\n]/.test(text);
      const ownLine = /[\r\n]/.test(before) || firstOnLine(code, at + before.length);
      if (multiLine && !ownLine) return whole;
      const moved = multiLine ? reindent(text, lineIndent(source, run.start), lineIndent(code, at + before.length)) : text;
      if (moved === undefined) return whole;
      const comma = run.trailingComma && closes && /[\r\n]/.test(after) ? "," : "";
      return before + moved + comma + after;
    })
    .replace(/\u0000\s*,\s*/g, "");
}

interface Run {
  readonly start: number;
  readonly end: number;
  /** Where the white space before the run starts: after the `{` or the `,` before it. */
  readonly leading: number;
  /** The offset of the object's `}` when the run ends the object. */
  readonly close: number | undefined;
  readonly trailingComma: boolean;
}

/** The captured properties as one run of the file's text, or undefined when they are not consecutive properties of one object. */
function runOf(nodes: readonly Node[], index: SourceIndex): Run | undefined {
  const source = index.source;
  const ranges = [];
  for (const node of nodes) {
    const range = /^(?:ObjectProperty|ObjectMethod|SpreadElement)$/.test(node.type) ? index.rangeOf(node) : undefined;
    if (!range) return undefined;
    ranges.push(range);
  }
  for (let k = 1; k < ranges.length; k++) {
    if (!/^\s*,\s*$/.test(withoutComments(source.slice(ranges[k - 1]!.end, ranges[k]!.start)))) return undefined;
  }
  const start = ranges[0]!.start;
  const end = ranges[ranges.length - 1]!.end;
  const opening = skipBack(source, start);
  if (source[opening - 1] !== "{" && source[opening - 1] !== ",") return undefined;
  let i = skipForward(source, end);
  const trailingComma = source[i] === ",";
  if (trailingComma) i = skipForward(source, i + 1);
  return { start, end, leading: opening, close: source[i] === "}" ? i : undefined, trailingComma: trailingComma && source[i] === "}" };
}

/** `text` with its lines after the first moved from the indentation `from` to `to`; undefined when a line is not indented by `from`. */
function reindent(text: string, from: string, to: string): string | undefined {
  const lines = text.split(/(?<=\n)/);
  const out = [lines[0]!];
  for (const line of lines.slice(1)) {
    if (/^\s*\n$/.test(line)) out.push(line);
    else if (line.startsWith(from)) out.push(to + line.slice(from.length));
    else return undefined;
  }
  return out.join("");
}

/** The white space that starts the line holding `at`. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, at))![0];
}

function firstOnLine(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, at));
}

function withoutComments(text: string): string {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "");
}

/** The offset after white space and comments from `i` on. */
function skipForward(source: string, i: number): number {
  for (;;) {
    const rest = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(source.slice(i, i + 10_000));
    if (!rest) return i;
    i += rest[0].length;
  }
}

/** The offset before white space and comments ending at `i` (a comment is recognised by its `*\/` or as the rest of a `//` line). */
function skipBack(source: string, i: number): number {
  for (;;) {
    const head = source.slice(Math.max(0, i - 10_000), i);
    const space = /\s+$/.exec(head);
    if (space) {
      i -= space[0].length;
      continue;
    }
    if (head.endsWith("*/")) {
      const open = head.lastIndexOf("/*");
      if (open < 0) return i;
      i -= head.length - open;
      continue;
    }
    const line = head.slice(head.lastIndexOf("\n") + 1);
    const comment = /\/\/.*$/.exec(line);
    if (comment && !/["'`]/.test(line.slice(0, comment.index))) {
      i -= line.length - comment.index;
      continue;
    }
    return i;
  }
}
