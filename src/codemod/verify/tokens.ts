/**
 * Token streams of two versions of a file and how they align: the facts the
 * codemod verifier (verify-names.ts) and the text restorer (print.ts) start
 * from. Both re-derive them from the two texts alone.
 *
 * A **token** is what Babel's tokenizer yields, comments left out; two tokens
 * are equal when their kind and value are (`'a'` equals `"a"`: a quote style
 * is no change of meaning). The **alignment** is a minimal diff of the two
 * streams: a token present in both is **kept**; the others form **hunks**,
 * each a run of removed input tokens and added output tokens between two
 * kept ones. Kept tokens outside what a codemod edited are "untouched code".
 *
 *   input   foo ( a , b )           hunk 0: nothing removed, `, c` added
 *   output  foo ( a , b , c )       after `b`, before `)`
 */
import { parse as babelParse, type ParserOptions } from "@babel/parser";
import type { File } from "@babel/types";
import { diffArrays } from "diff";

import { parserAttempts, toParseError } from "../../parse/parser.js";

export interface Token {
  /** Kind and value: what equality compares. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

export interface Tokenized {
  readonly file: File;
  readonly tokens: readonly Token[];
  /** Token index by start offset (for mapping a node to its first token). */
  readonly atOffset: ReadonlyMap<number, number>;
}

interface BabelToken {
  readonly type: string | { readonly label: string };
  readonly value?: unknown;
  readonly start: number;
  readonly end: number;
}

/**
 * Parse with Babel (the file's plugins, as the codemod parser chose them) and list its tokens. Throws ParseError.
 * Parenthesized expressions are nodes, as in the sorter's parse (parse/parser.ts), whose tokens the
 * verifiers read for the output (`tokensOf`): both sides of a comparison are parsed alike.
 */
export function tokenize(source: string, filepath: string): Tokenized {
  let firstError: unknown;
  for (const attempt of parserAttempts(filepath, source)) {
    const options: ParserOptions = { ...attempt, tokens: true, attachComment: false, createParenthesizedExpressions: true, errorRecovery: false };
    let file: File;
    try {
      file = babelParse(source, options) as File;
    } catch (error) {
      firstError ??= error;
      continue;
    }
    return tokensOf(file);
  }
  throw toParseError(firstError, source, filepath);
}

/** The tokens of a file Babel parsed with `tokens: true` and `createParenthesizedExpressions: true`. */
export function tokensOf(file: File): Tokenized {
  const babelTokens = (file as unknown as { tokens?: BabelToken[] }).tokens;
  if (!babelTokens) throw new Error("tokensOf: the file was parsed without tokens");
  const tokens: Token[] = [];
  const atOffset = new Map<number, number>();
  // One key string per kind and value (a file spells the same names and punctuation again and again).
  const keys = new Map<string, Map<unknown, string>>();
  for (const t of babelTokens) {
    const label = typeof t.type === "string" ? t.type : t.type.label;
    if (label === "CommentLine" || label === "CommentBlock" || label === "eof") continue;
    atOffset.set(t.start, tokens.length);
    let byValue = keys.get(label);
    if (!byValue) keys.set(label, (byValue = new Map()));
    let key = byValue.get(t.value);
    if (key === undefined) byValue.set(t.value, (key = `${label}\u0000${valueKey(t.value)}`));
    tokens.push({ key, start: t.start, end: t.end });
  }
  return { file, tokens, atOffset };
}

function valueKey(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export interface Alignment {
  /** For each input token: its output token, or -1 when it is in a hunk. */
  readonly toOutput: Int32Array;
  /** For each output token: its input token, or -1 when it is in a hunk. */
  readonly toInput: Int32Array;
  /** For tokens in hunks: the hunk's number (shared by its two sides); -1 for kept tokens. */
  readonly hunkOfInput: Int32Array;
  readonly hunkOfOutput: Int32Array;
  readonly hunks: readonly Hunk[];
}

/** Removed input tokens [inStart, inEnd) replaced by output tokens [outStart, outEnd). */
export interface Hunk {
  readonly inStart: number;
  readonly inEnd: number;
  readonly outStart: number;
  readonly outEnd: number;
}

/** Align two token streams (a common prefix and suffix are kept without diffing them). */
export function alignTokens(input: readonly Token[], output: readonly Token[]): Alignment {
  const toOutput = new Int32Array(input.length).fill(-1);
  const toInput = new Int32Array(output.length).fill(-1);
  const hunkOfInput = new Int32Array(input.length).fill(-1);
  const hunkOfOutput = new Int32Array(output.length).fill(-1);
  const hunks: Hunk[] = [];
  let prefix = 0;
  while (prefix < input.length && prefix < output.length && input[prefix]!.key === output[prefix]!.key) prefix++;
  let suffix = 0;
  while (
    suffix < input.length - prefix &&
    suffix < output.length - prefix &&
    input[input.length - 1 - suffix]!.key === output[output.length - 1 - suffix]!.key
  ) {
    suffix++;
  }
  const keep = (i: number, j: number) => {
    toOutput[i] = j;
    toInput[j] = i;
  };
  for (let k = 0; k < prefix; k++) keep(k, k);
  for (let k = 1; k <= suffix; k++) keep(input.length - k, output.length - k);
  const a = input.slice(prefix, input.length - suffix).map((t) => t.key);
  const b = output.slice(prefix, output.length - suffix).map((t) => t.key);
  let i = prefix;
  let j = prefix;
  let open: { inStart: number; outStart: number } | undefined;
  const close = () => {
    if (!open) return;
    const id = hunks.length;
    hunks.push({ inStart: open.inStart, inEnd: i, outStart: open.outStart, outEnd: j });
    for (let k = open.inStart; k < i; k++) hunkOfInput[k] = id;
    for (let k = open.outStart; k < j; k++) hunkOfOutput[k] = id;
    open = undefined;
  };
  if (a.length > 0 || b.length > 0) {
    for (const change of diffArrays(a, b)) {
      const n = change.count ?? change.value.length;
      if (change.added) {
        open ??= { inStart: i, outStart: j };
        j += n;
      } else if (change.removed) {
        open ??= { inStart: i, outStart: j };
        i += n;
      } else {
        close();
        for (let k = 0; k < n; k++) keep(i + k, j + k);
        i += n;
        j += n;
      }
    }
    close();
  }
  return { toOutput, toInput, hunkOfInput, hunkOfOutput, hunks };
}
