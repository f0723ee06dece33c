/**
 * Running a jscodeshift transform on one source text, the way jscodeshift's
 * own worker does (`transform({ path, source }, { j, jscodeshift, stats,
 * report }, options)`), then verifying what it returned before anything is
 * written:
 *
 *   source ─transform─▶ string | null | undefined ─verify─▶ outcome
 *
 * - `undefined`, `null`, `""` (jscodeshift's "skip") and the source itself
 *   are "unchanged";
 * - a string that differs must parse with safesort's parser for the file's
 *   extension, else the file fails and is not written;
 * - a throw fails the file with the transform's stack; anything else
 *   (a number, an object) fails it with what was returned.
 *
 * `api.stats(name, n)` and `api.report(message)` are collected on the
 * outcome, for the reporter.
 */
import { SafesortError } from "../../errors.js";
import { parseSource } from "../../parse/parser.js";
import type { Diagnostic, SourceOutcome } from "../../types.js";

import { type JscodeshiftSource, transformFor } from "./transform.js";

/** A file's outcome, plus what the transform reported through `api.report` and `api.stats`. */
export type JscodeshiftOutcome = SourceOutcome & {
  readonly matches: number;
  readonly messages?: readonly string[];
  readonly stats?: Readonly<Record<string, number>>;
};

/** Apply the transform of `source` to `text` (the file at `filepath`, as jscodeshift names it: `path`). */
export async function applyJscodeshift(text: string, filepath: string, source: JscodeshiftSource): Promise<JscodeshiftOutcome> {
  const messages: string[] = [];
  const stats: Record<string, number> = {};
  const extra = (): Pick<JscodeshiftOutcome, "messages" | "stats"> => ({
    ...(messages.length > 0 ? { messages } : {}),
    ...(Object.keys(stats).length > 0 ? { stats } : {}),
  });
  let out: unknown;
  try {
    const transform = transformFor(source);
    const j = transform.jFor(filepath);
    const api = {
      j,
      jscodeshift: j,
      stats: (name: string, quantity?: number) => {
        stats[name] = (stats[name] ?? 0) + (typeof quantity === "number" ? quantity : 1);
      },
      report: (message: string) => void messages.push(String(message)),
    };
    out = await transform.run({ path: filepath, source: text }, api, { ...source.options });
  } catch (error) {
    return { status: "failed", diagnostic: transformError(error, filepath, source), matches: 0, ...extra() };
  }
  if (out === undefined || out === null || out === "" || out === text) return { status: "unchanged", matches: 0, ...extra() };
  if (typeof out !== "string") {
    return { status: "failed", diagnostic: { code: "codemod-error", message: `${source.display} returned ${describe(out)}, not a string`, path: filepath }, matches: 0, ...extra() };
  }
  const problem = verifyOutput(out, filepath, text);
  if (problem) return { status: "failed", diagnostic: problem, matches: 1, ...extra() };
  return { status: "changed", output: out, matches: 1, ...extra() };
}

/**
 * The output must parse. When it does not, the input is parsed too, to say
 * which: an input that safesort's parser does not accept either (jscodeshift's
 * parsers are more lenient about some dialects) could not be checked, and the
 * file is refused rather than written unverified.
 */
function verifyOutput(output: string, filepath: string, input: string): Diagnostic | undefined {
  let problem: unknown;
  try {
    parseSource(output, filepath);
    return undefined;
  } catch (error) {
    problem = error;
  }
  try {
    parseSource(input, filepath);
  } catch (error) {
    const where = error instanceof SafesortError ? `${error.line}:${error.column}: ` : "";
    return { code: "codemod-error", message: `cannot verify the transform's output: neither it nor the input parses for safesort (input ${where}${(error as Error).message}); refusing to write`, path: filepath };
  }
  const location = problem instanceof SafesortError ? { line: problem.line, column: problem.column } : {};
  return { code: "codemod-error", message: `the transform's output does not parse: ${(problem as Error).message}; refusing to write`, path: filepath, ...location };
}

function transformError(error: unknown, filepath: string, source: JscodeshiftSource): Diagnostic {
  const e = error instanceof Error ? error : new Error(String(error));
  if (e.name === "JscodeshiftLoadError") return { code: "codemod-error", message: e.message, path: filepath };
  return { code: "codemod-error", message: `${source.display} threw: ${e.message}`, path: filepath, stack: e.stack };
}

function describe(value: unknown): string {
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return `a ${typeof value}`;
}
