// CONTRACT STUB — implemented by the core. Types and signature are fixed.
import type { ResolvedConfig } from "../types.js";

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

export interface Explanation {
  readonly blocks: readonly ExplainedBlock[];
  readonly barriers: readonly ExplainedBarrier[];
}

/** Explain how a source would be sorted. Throws ParseError on a syntax error. */
export function explainSource(source: string, filepath: string, config: ResolvedConfig): Explanation {
  throw new Error("not implemented");
}
