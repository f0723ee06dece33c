/**
 * Offsets in the file from recast's locations.
 *
 * In splice mode (no recast, see core.ts) Babel parses the file itself and
 * locations are exact. Through recast they are not: recast hands the parser a normalized copy of the file: lines joined with
 * "\n" whatever their terminator ("\r\n", "\r", U+2028, U+2029), and leading
 * white space re-expanded (tabs to `tabWidth` columns; "\v", "\f" and U+FEFF
 * dropped). So Babel's `start`/`end` are offsets into that copy, not into the
 * file. Lines are the same in both, and past the leading white space a column
 * moves one for one, so a location maps back exactly:
 *
 *   file:  "\t\treturn a;\r\n"      (tabWidth 1: indent 2)
 *   copy:  "  return a;\n"          `a` at line L, column 9
 *   offset = start of line L + 2 (the real leading white space) + (9 - 2)
 */
import type { Node } from "@babel/types";

export interface Position {
  readonly line: number;
  /** 0-based, in recast's copy of the line. */
  readonly column: number;
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;
const LEADING_SPACE = /^\s*/;

export class SourceIndex {
  private readonly starts: number[] = [0];

  constructor(
    readonly source: string,
    /** recast's tab width; `"exact"`: locations come from Babel on the file itself (splice mode), columns are offsets in the line. */
    private readonly tabWidth: number | "exact",
    /** recast's Lines of the file: a node whose location is in other lines (a template's) has no range here. */
    private readonly lines?: unknown,
  ) {
    for (const match of source.matchAll(LINE_BREAK)) this.starts.push(match.index + match[0].length);
  }

  /** The file offset of a location (clamped to the file). */
  offset(position: Position): number {
    const lineStart = this.starts[position.line - 1];
    if (lineStart === undefined) return this.source.length;
    if (this.tabWidth === "exact") return Math.min(lineStart + position.column, this.source.length);
    const next = this.starts[position.line] ?? this.source.length;
    const spaces = LEADING_SPACE.exec(this.source.slice(lineStart, next))![0].replace(/[\r\n\u2028\u2029]+$/, "");
    const indent = countSpaces(spaces, this.tabWidth);
    const offset = position.column >= indent ? lineStart + spaces.length + (position.column - indent) : lineStart + Math.min(position.column, spaces.length);
    return Math.min(offset, this.source.length);
  }

  /** A node's range in the file; undefined for a node a codemod made (no location, or one in a template). */
  rangeOf(node: { readonly loc?: { readonly start: Position; readonly end: Position } | null }): Range | undefined {
    const loc = node.loc as ({ start: Position; end: Position; lines?: unknown } | null | undefined);
    if (!loc || (this.lines !== undefined && loc.lines !== undefined && loc.lines !== this.lines)) return undefined;
    return { start: this.offset(loc.start), end: this.offset(loc.end) };
  }

  /** 1-based line and column of a node's start in the file, or undefined for a node a codemod made. */
  position(node: { readonly loc?: { readonly start: Position; readonly end: Position } | null }): { line: number; column: number } | undefined {
    const range = this.rangeOf(node);
    if (!range) return undefined;
    const line = node.loc!.start.line;
    return { line, column: range.start - this.starts[line - 1]! + 1 };
  }

  /** The node's original text, or undefined for a new node. */
  textOf(node: Node): string | undefined {
    const range = this.rangeOf(node);
    return range && this.source.slice(range.start, range.end);
  }
}

/** recast's column count of leading white space (lib/lines.js `countSpaces`). */
function countSpaces(spaces: string, tabWidth: number | "exact"): number {
  if (tabWidth === "exact") return spaces.length;
  let count = 0;
  for (const char of spaces) {
    if (char === "\t") {
      const next = Math.ceil(count / tabWidth) * tabWidth;
      count = next === count ? count + tabWidth : next;
    } else if (char !== "\v" && char !== "\f" && char !== "\r" && char !== "\uFEFF") {
      count += 1;
    }
  }
  return count;
}
