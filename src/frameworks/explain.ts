/**
 * `safesort explain` for framework files: each script block explained as the
 * file of its own it is sorted as, with its lines moved to the component's.
 */
import { ParseError } from "../errors.js";
import type { Explanation } from "../imports/explain.js";
import { codeFrame } from "../parse/code-frame.js";
import { lineOf, lineStarts } from "../parse/text.js";

import type { Locator } from "./model.js";
import { inWholeFile } from "./sort-blocks.js";

/** The ordinary explain for one block's text, parsed as `filepath`. Throws ParseError. */
export type ExplainScript = (text: string, filepath: string) => Explanation;

/** Explain the script blocks of a framework file. Throws ParseError (whole-file line:col) as explain does. */
export function explainFrameworkSource(source: string, filepath: string, locate: Locator, explainScript: ExplainScript): Explanation {
  const located = locate(source);
  if (!located.ok) {
    const { message, line, column } = located.error;
    throw new ParseError(message, filepath, line, column, codeFrame(source, line, column));
  }
  const starts = lineStarts(source);
  const blocks: Explanation["blocks"][number][] = [];
  const barriers: Explanation["barriers"][number][] = [];
  let earlyError: Explanation["earlyError"];
  for (const block of located.blocks) {
    if (block.ext === undefined) continue;
    let explained: Explanation;
    try {
      explained = explainScript(source.slice(block.start, block.end), `${filepath}${block.ext}`);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      const d = inWholeFile(error.toDiagnostic(), block, source, filepath);
      throw new ParseError(d.message, filepath, d.line ?? 1, d.column ?? 1, d.frame);
    }
    const shift = lineOf(starts, block.start) - 1;
    for (const b of explained.blocks) {
      const imports = b.imports.map((i) => ({ ...i, line: i.line + shift }));
      blocks.push({ ...b, startLine: b.startLine + shift, endLine: b.endLine + shift, imports });
    }
    for (const b of explained.barriers) barriers.push({ ...b, line: b.line + shift, endLine: b.endLine + shift });
    // The first block's early error, at its place in the component.
    if (explained.earlyError && !earlyError) {
      const { line, column, message } = explained.earlyError;
      const d = inWholeFile({ code: "syntax-error", message, path: filepath, line, column }, block, source, filepath);
      earlyError = { line: d.line ?? line + shift, column: d.column ?? column, message };
    }
  }
  return earlyError ? { blocks, barriers, earlyError } : { blocks, barriers };
}
