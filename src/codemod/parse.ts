/**
 * Parsing for codemods: @babel/parser (with the sorter's plugin choice, see
 * parse/parser.ts) through recast, so that printing reprints only the nodes a
 * codemod touched and every other byte stays.
 *
 * Offsets: recast hands the parser a normalized copy of the file, so node
 * offsets are not file offsets; positions.ts maps locations back. Layout:
 * tab-indented files print with `useTabs` (a tab per level); space-indented
 * files get their detected indent width, so nested code a codemod adds is
 * indented like its neighbours.
 */
import { parse as babelParse, type ParserOptions } from "@babel/parser";
import type { Comment, Expression, File, Statement } from "@babel/types";
import { diffArrays } from "diff";
import * as recast from "recast";

import { parserAttempts, toParseError } from "../parse/parser.js";

import { SourceIndex } from "./positions.js";

/** How the file is laid out, for the printer. */
interface Layout {
  readonly tabWidth: number;
  readonly useTabs: boolean;
  readonly lineTerminator: string;
  /** The quote most string literals use, for new ones. */
  readonly quote: "single" | "double";
}

export interface CodemodAst {
  /**
   * `recast`: parsed through recast, printed by recast (any modifier).
   * `splice`: parsed by Babel alone; modifiers that only rename record text
   * edits, applied to the source as they are (see core.ts).
   */
  readonly mode: "recast" | "splice";
  readonly source: string;
  readonly filepath: string;
  readonly file: File;
  readonly layout: Layout;
  /** Every comment of the original file, in source order (recast moves them onto nodes). */
  readonly comments: readonly Comment[];
  /** File offsets of recast's locations (see positions.ts). */
  readonly index: SourceIndex;
  /** The options that parsed the file: templates are parsed with the same plugins. */
  readonly parserOptions: ParserOptions;
}

/** Parse a file for a codemod. Throws ParseError (path:line:col + code frame). */
export function parseForCodemod(source: string, filepath: string): CodemodAst {
  const layout = detectLayout(source);
  let firstError: unknown;
  for (const attempt of parserAttempts(filepath, source)) {
    const options = codemodOptions(attempt);
    let comments: Comment[] = [];
    try {
      const file = recast.parse(source, {
        parser: {
          parse: (text: string) => {
            const parsed = babelParse(text, options);
            comments = parsed.comments ?? [];
            return parsed;
          },
        },
        tabWidth: layout.tabWidth,
        useTabs: layout.useTabs,
      }) as File;
      const lines = (file.loc as unknown as { lines?: unknown } | null)?.lines;
      return { mode: "recast", source, filepath, file, layout, comments, index: new SourceIndex(source, layout.tabWidth, lines), parserOptions: options };
    } catch (error) {
      firstError ??= error;
    }
  }
  throw toParseError(firstError, source, filepath);
}

/**
 * Parse a file for splice mode: Babel alone, no tokens, no copy of the tree.
 * About three times cheaper than going through recast (bench/codemod.mjs).
 */
export function parseForSplice(source: string, filepath: string): CodemodAst {
  let firstError: unknown;
  for (const attempt of parserAttempts(filepath, source)) {
    const options: ParserOptions = { ...attempt, tokens: false, attachComment: false, createParenthesizedExpressions: false };
    try {
      const file = babelParse(source, options);
      const layout = detectLayout(source);
      return { mode: "splice", source, filepath, file, layout, comments: file.comments ?? [], index: new SourceIndex(source, "exact"), parserOptions: options };
    } catch (error) {
      firstError ??= error;
    }
  }
  throw toParseError(firstError, source, filepath);
}

/** The sorter's options, with what recast needs: tokens, comments left to recast, parentheses as `extra`. */
function codemodOptions(attempt: ParserOptions): ParserOptions {
  return { ...attempt, tokens: true, attachComment: false, createParenthesizedExpressions: false, ranges: false };
}

/**
 * Print the (modified) AST: untouched nodes keep their original text. When
 * recast reprints a list (a block that got a statement), it re-indents the
 * untouched lines in it from its own column count, which can turn a file's
 * tabs into spaces; so every output line whose text (indentation aside) pairs
 * with an original line gets the original line back, byte for byte.
 */
export function printAst(ast: CodemodAst): string {
  return restoreLines(ast.source, recast.print(ast.file, printOptions(ast.layout)).code, ast.layout.tabWidth);
}

/**
 * Output lines that pair, by a line diff, with original lines of the same
 * text and the same indentation width (tabs counted as recast counts them)
 * become those original lines again.
 */
function restoreLines(original: string, printed: string, tabWidth: number): string {
  if (printed === original) return printed;
  const before = original.split(/(?<=\n)/);
  const after = printed.split(/(?<=\n)/);
  const key = (line: string) => {
    const indent = /^[ \t]*/.exec(line)![0];
    let width = 0;
    for (const char of indent) width = char === "\t" ? (Math.floor(width / tabWidth) + 1) * tabWidth : width + 1;
    return `${width}\u0000${line.slice(indent.length).replace(/\r?\n$/, "")}`;
  };
  let out = "";
  let i = 0;
  let j = 0;
  for (const change of diffArrays(before.map(key), after.map(key))) {
    const n = change.count ?? change.value.length;
    if (change.added) {
      out += after.slice(j, j + n).join("");
      j += n;
    } else if (change.removed) {
      i += n;
    } else {
      // Paired lines: the original's bytes, except a last line whose terminator the output changed (end of file).
      for (let k = 0; k < n; k++) out += pairedLine(before[i + k]!, after[j + k]!);
      i += n;
      j += n;
    }
  }
  return out;
}

function pairedLine(original: string, printed: string): string {
  const originalEnd = /\r?\n$/.exec(original)?.[0] ?? "";
  const printedEnd = /\r?\n$/.exec(printed)?.[0] ?? "";
  return originalEnd === printedEnd ? original : original.slice(0, original.length - originalEnd.length) + printedEnd;
}

function printOptions(layout: Layout): recast.Options {
  return { tabWidth: layout.tabWidth, useTabs: layout.useTabs, lineTerminator: layout.lineTerminator, quote: layout.quote, reuseWhitespace: true };
}

function detectLayout(source: string): Layout {
  const tabs = /^[ ]*\t/m.test(source);
  return {
    // Tabs: two columns each, so that a template indented by two spaces nests one tab deeper.
    tabWidth: tabs ? 2 : indentWidth(source),
    useTabs: tabs,
    lineTerminator: lineTerminatorOf(source),
    quote: quoteOf(source),
  };
}

/** The file's first line terminator ("\n" when it has none). */
export function lineTerminatorOf(source: string): string {
  const nl = source.indexOf("\n");
  return nl > 0 && source[nl - 1] === "\r" ? "\r\n" : "\n";
}

/** The smallest indentation step of space-indented lines (2 when none). */
function indentWidth(source: string): number {
  let width = 0;
  for (const match of source.matchAll(/^( +)\S/gm)) {
    const n = match[1]!.length;
    if (n >= 2 && (width === 0 || n < width)) width = n;
    if (width === 2) break;
  }
  return width === 0 ? 2 : Math.min(width, 8);
}

function quoteOf(source: string): "single" | "double" {
  const singles = source.match(/(?:from|import|require\()\s*'/g)?.length ?? 0;
  const doubles = source.match(/(?:from|import|require\()\s*"/g)?.length ?? 0;
  return singles > doubles ? "single" : "double";
}

/**
 * Parse code written by a codemod author (a template, inserted statements)
 * with the file's plugins, through recast: printed, template nodes keep the
 * author's layout (`{ leading: true }` stays on one line), and metavariables
 * filled in are reprinted from the file's own text.
 */
export function parseStatements(code: string, ast: Pick<CodemodAst, "parserOptions">): Statement[] {
  const options: ParserOptions = { ...ast.parserOptions, sourceFilename: undefined, allowReturnOutsideFunction: true };
  // On lines of their own: recast separates a new statement from its neighbours by the line breaks around it in
  // its own text, and with none it joins it to the file's first statement (`check()setup(options)`).
  const file = recast.parse(`\n${code}\n`, { parser: { parse: (text: string) => babelParse(text, options) } }) as File;
  return file.program.body;
}

/**
 * Parse one expression. It is parsed as the right side of an assignment,
 * not in parentheses: recast would otherwise keep the parentheses, or
 * reprint the expression instead of reusing its text.
 */
export function parseExpression(code: string, ast: Pick<CodemodAst, "parserOptions">): Expression {
  const statements = parseStatements(`__safesort_template = ${code}\n;`, ast);
  const only = statements[0];
  const assignment = only?.type === "ExpressionStatement" ? only.expression : undefined;
  if (statements.length !== 1 || assignment?.type !== "AssignmentExpression") throw new Error(`not one expression (wrap a comma expression in parentheses): ${code}`);
  return assignment.right;
}

