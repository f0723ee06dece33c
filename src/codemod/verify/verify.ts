/**
 * Verify a codemod's output before anything is written:
 *   - it parses (with the sorter's parser, so the file stays sortable) and
 *     has none of the early errors the sorter refuses (a top-level `return`,
 *     `super` outside a method, …: parse/parser.ts);
 *   - every comment outside the edited ranges is still there. A comment
 *     inside a node the codemod replaced or removed may go with it; any other
 *     comment missing means recast dropped it, and the file is refused.
 */
import type { Comment } from "@babel/types";

import { SafesortError } from "../../errors.js";
import { type ParsedSource, parseSource } from "../../parse/parser.js";
import type { Range, SourceIndex } from "../positions.js";

export interface VerifyInput {
  readonly comments: readonly Comment[];
  readonly index: SourceIndex;
  readonly edited: readonly Range[];
}

export type Verified = { readonly ok: true; readonly parsed: ParsedSource } | { readonly ok: false; readonly problem: string };

export function verifyCodemodOutput(before: VerifyInput, output: string, filepath: string): Verified {
  let parsed: ParsedSource;
  try {
    parsed = parseSource(output, filepath, { tokens: true }); // its tokens serve the meaning verifier too (verify-names.ts)
  } catch (error) {
    const where = error instanceof SafesortError && error.line !== undefined ? ` at ${error.line}:${error.column}` : "";
    return { ok: false, problem: `the output does not parse${where}: ${(error as Error).message}` };
  }
  // A file safesort writes has no early error (parse/parser.ts EARLY_ERRORS), whoever changed it.
  const early = parsed.earlyError;
  if (early) return { ok: false, problem: `the output has an early error at ${early.line}:${early.column}: ${early.message}` };
  const lost = lostComment(before, output, parsed.comments);
  if (lost) return { ok: false, problem: lost };
  return { ok: true, parsed };
}

/**
 * The first comment outside the edited ranges that the output lacks.
 * Comments compare by their text: the original's is sliced from the file
 * (recast's copy of a comment has tabs and line breaks normalized), the
 * output's from the output.
 */
function lostComment(before: VerifyInput, output: string, after: readonly Comment[]): string | undefined {
  const available = new Map<string, number>();
  for (const comment of after) {
    const key = output.slice(comment.start!, comment.end!);
    available.set(key, (available.get(key) ?? 0) + 1);
  }
  for (const comment of before.comments) {
    const range = before.index.rangeOf(comment);
    if (!range || before.edited.some((r) => r.start < range.end && range.start < r.end)) continue;
    const key = before.index.source.slice(range.start, range.end);
    const left = available.get(key) ?? 0;
    if (left === 0) {
      const where = comment.loc ? ` at ${comment.loc.start.line}:${comment.loc.start.column + 1}` : "";
      return `the comment ${JSON.stringify(excerpt(key))}${where} would be lost`;
    }
    available.set(key, left - 1);
  }
  return undefined;
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
