/**
 * Running a query over files with the one run driver (../drive.ts):
 * streamed discovery, per-file config, the codemod's processor (a text
 * triage on the main thread, the worker pool for large runs of a query that
 * workers can load again), results in discovery order, and this main-thread
 * consumer as the only writer (atomic writes that refuse files changed since
 * they were read).
 *
 *   paths ─processFiles(codemodProcessor)─▶ CodemodFileResult ─settle / review─▶ CodemodReport
 */
import { resolve } from "node:path";

import type { CodemodPlan } from "../../codemod/core.js";
import type { CodemodSource } from "../../codemod/source.js";
import { checkReview } from "../../codemod/verify/verify-review.js";
import { parseSource } from "../../parse/parser.js";
import type { FileReport } from "../../report/model.js";
import { displayPathFor } from "../../report/paths.js";
import type { CodemodReport, QueryMode } from "../../report/query.js";
import type { FileResult } from "../../types.js";
import { processFiles } from "../drive.js";
import { reviewFile, type ReviewIo } from "../review.js";
import { settle, withLines, writeChanged } from "../settle.js";

import { type CodemodFileResult, codemodProcessor } from "./process.js";

export interface QueryRunOptions {
  readonly mode: QueryMode;
  /** Absolute; paths resolve against it, reports and `inFiles` are relative to it. */
  readonly cwd: string;
  readonly jobs?: number;
  readonly configFile?: string | false;
  readonly signal?: AbortSignal;
  /** Where workers can load the query from; absent: the run stays in-process. */
  readonly source?: CodemodSource;
  /** Answers for `interactive`. */
  readonly review?: ReviewIo;
}

export async function* runQuery(plan: CodemodPlan, paths: readonly string[], options: QueryRunOptions): AsyncGenerator<CodemodReport> {
  const cwd = resolve(options.cwd);
  const display = displayPathFor(cwd, paths);
  const processor = codemodProcessor(plan, cwd, options.source);
  const results = processFiles(paths, { cwd, configFile: options.configFile, jobs: options.jobs, signal: options.signal, processor });
  yield* settleAll(results as AsyncIterable<CodemodFileResult>, display, options);
}

export async function* settleAll(results: AsyncIterable<CodemodFileResult>, display: (absPath: string) => string, options: Pick<QueryRunOptions, "mode" | "review">): AsyncGenerator<CodemodReport> {
  for await (const result of results) {
    const extra = { ...extrasOf(result), matches: result.matches ?? 0, ...(result.dump === undefined ? {} : { dump: result.dump }) };
    if (options.mode === "interactive" && result.status === "changed") {
      const reviewed = await reviewChanged(result, display, options.review);
      yield { ...reviewed.report, ...extra };
      if (reviewed.quit) return;
      continue;
    }
    const mode = options.mode === "interactive" || options.mode === "dump" ? "check" : options.mode;
    yield { ...withLines(await settle(result, mode, display), result), ...extra };
  }
}

/** The check of the chosen hunks; one that cannot run refuses the file as well. */
function verifyReview(reviewed: Parameters<typeof checkReview>[0]): ReturnType<typeof checkReview> {
  try {
    return checkReview(reviewed);
  } catch (error) {
    return { ok: false, message: `the chosen hunks could not be verified, nothing written: ${(error as Error).message}` };
  }
}

/** What a processor carried beside the result (a jscodeshift transform's messages and stats), passed on to the report. */
function extrasOf(result: FileResult): Record<string, unknown> {
  const { messages, stats } = result as { messages?: unknown; stats?: unknown };
  return { ...(messages === undefined ? {} : { messages }), ...(stats === undefined ? {} : { stats }) };
}

/**
 * Ask per hunk, then write what was accepted. The result is checked to
 * parse (a choice of hunks, or an edited one, could break the file) and to
 * mean what its parts meant (verify-review.ts: hunks that depend on each
 * other, accepted one without the other, fail the file).
 */
async function reviewChanged(
  result: FileResult & { status: "changed" },
  display: (absPath: string) => string,
  io: ReviewIo | undefined,
): Promise<{ report: FileReport; quit: boolean }> {
  const path = display(result.path);
  if (!io) throw new Error("interactive mode needs a ReviewIo");
  const review = await reviewFile(path, result.original ?? "", result.output, io);
  if (review.text === undefined || review.text === result.original) return { report: { path, status: "unchanged" }, quit: review.quit };
  try {
    parseSource(review.text, path);
  } catch (error) {
    const message = `the chosen hunks do not parse, nothing written: ${(error as Error).message}`;
    return { report: { path, status: "failed", diagnostics: [{ code: "codemod-error", message, path }] }, quit: review.quit };
  }
  const meaning = verifyReview({ source: result.original ?? "", output: result.output, chosen: review.text, filepath: result.path, hunks: review.hunks, choices: review.choices });
  if (!meaning.ok) {
    const diagnostic = { code: "codemod-error" as const, message: meaning.message, path, ...(meaning.line === undefined ? {} : { line: meaning.line, column: meaning.column }) };
    return { report: { path, status: "failed", diagnostics: [diagnostic] }, quit: review.quit };
  }
  return { report: await writeChanged({ ...result, output: review.text }, path), quit: review.quit };
}
