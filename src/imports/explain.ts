/** `safesort explain`: the blocks, barriers and sort keys of one source, as data. */
import { parseSource } from "../parse/parser.js";
import { lineOf, lineStarts } from "../parse/text.js";
import { CommentIndex } from "../parse/trivia.js";
import type { ResolvedConfig } from "../types.js";

import { splitUnits } from "./blocks.js";
import { renderBlock, sortBlock } from "./render.js";

export interface ExplainedImport {
  /** 1-based line of the statement's first line. */
  readonly line: number;
  readonly source: string;
  /** The resolved group's name, e.g. "third-party". */
  readonly group: string;
  /** The sort key, human-readable, e.g. `group 1 · "react" · default`. */
  readonly key: string;
}

export interface ExplainedBlock {
  readonly kind: "imports" | "reexports";
  readonly startLine: number;
  readonly endLine: number;
  /** Only for blocks inside `declare module "x" {}`. */
  readonly container?: string;
  /** In sorted order. */
  readonly imports: readonly ExplainedImport[];
  /** Whether sorting would change this block. */
  readonly changed: boolean;
}

export interface ExplainedBarrier {
  readonly line: number;
  readonly endLine: number;
  /** Why this statement is a barrier, e.g. "side-effect import", "statement (ExpressionStatement)". */
  readonly reason: string;
  /** First line of its text, trimmed to 80 characters. */
  readonly text: string;
}

/**
 * An early error of the specification in the file (a top-level `return`,
 * `super()` outside a class, …: parse/parser.ts EARLY_ERRORS). The file can
 * be read and explained, but safesort refuses to change it (exit 2) until the
 * error is fixed.
 */
interface ExplainedEarlyError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface Explanation {
  readonly blocks: readonly ExplainedBlock[];
  readonly barriers: readonly ExplainedBarrier[];
  /** Only when the file has one. */
  readonly earlyError?: ExplainedEarlyError;
}

/** Explain how a script would be sorted (framework files: src/pipeline/explain.ts). Throws ParseError on a syntax error. */
export function explainSource(source: string, filepath: string, config: ResolvedConfig): Explanation {
  const parsed = parseSource(source, filepath);
  const starts = lineStarts(source);
  const comments = new CommentIndex(parsed.comments);
  const blocks: ExplainedBlock[] = [];
  const barriers: ExplainedBarrier[] = [];
  for (const unit of splitUnits(parsed, config)) {
    const line = lineOf(starts, unit.start);
    const endLine = lineOf(starts, Math.max(unit.start, unit.end - 1));
    if (unit.type === "barrier") {
      const first = source.slice(unit.start, unit.end).split(/\r?\n/)[0]!.trim();
      barriers.push({ line, endLine, reason: unit.reason, text: first.length > 80 ? `${first.slice(0, 79)}…` : first });
      continue;
    }
    const imports = sortBlock(unit, config).map(({ item, key }) => {
      const group = config.groups[key.group]?.name ?? "ungrouped";
      const typePart = config.typeImports === "inline" ? "" : ` · ${item.typeOnly ? "type" : "value"}`;
      return {
        line: lineOf(starts, item.node.start!),
        source: item.source,
        group,
        key: `group ${key.group + 1} (${group})${typePart} · ${JSON.stringify(item.source)} · ${item.statementKind} · #${key.index + 1}`,
      };
    });
    const changed = renderBlock(source, unit, config, comments) !== source.slice(unit.start, unit.end);
    blocks.push({ kind: unit.kind, startLine: line, endLine, container: unit.container, imports, changed });
  }
  const early = parsed.earlyError;
  if (!early) return { blocks, barriers };
  return { blocks, barriers, earlyError: { line: early.line ?? 1, column: early.column ?? 1, message: early.message } };
}
