/** Running a query on one source text in tests, through both printers. */
import { expect } from "vitest";

import type { CodemodOutcome } from "../../src/codemod/core.js";
import { Query } from "../../src/codemod/query.js";
import { testConfig } from "../helpers/config.js";

export const CONFIG = testConfig();

/**
 * The text a query leaves (its output, or the source when unchanged). A
 * failure throws with its diagnostic. Splice mode and recast must agree.
 */
export function apply(build: (q: Query) => Query, source: string, file = "a.ts"): string {
  const auto = build(new Query([])).applyToSource(source, file, CONFIG);
  const recast = build(new Query([])).applyToSource(source, file, CONFIG, { printer: "recast" });
  const text = textOf(auto, source);
  expect(textOf(recast, source), "recast and splice mode agree").toBe(text);
  return text;
}

/** The outcome (for failures and match counts). */
export function outcome(build: (q: Query) => Query, source: string, file = "a.ts", printer: "auto" | "recast" = "auto"): CodemodOutcome {
  return build(new Query([])).applyToSource(source, file, CONFIG, { printer });
}

function textOf(result: CodemodOutcome, source: string): string {
  if (result.status === "failed") {
    const d = result.diagnostic;
    throw new Error(`${d.code}: ${d.message}${d.line ? ` at ${d.line}:${d.column}` : ""}${d.stack ? `\n${d.stack}` : ""}`);
  }
  return result.status === "changed" ? result.output : source;
}
