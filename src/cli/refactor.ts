/**
 * `safesort rename-symbol` and `safesort move`: plan the refactor (the
 * library), then, depending on the mode, write it, print its diff, list the
 * files it would change, or review it hunk by hunk. main.ts loads this module
 * with a dynamic import, and src/refactor/project.ts loads ts-morph the same
 * way: sorting imports never pays for either.
 *
 * Exit codes as the sorter: 0 done (or nothing to do), 1 `--check`/`--diff`
 * found changes, 2 errors (nothing is written then). Reporters as every
 * command: text, json, github, sarif.
 */
import { changedLines } from "../pipeline/changed-lines.js";
import { reviewFile, type ReviewIo } from "../pipeline/review.js";
import { commitPlan } from "../refactor/commit.js";
import { changeDiff } from "../refactor/diff.js";
import { planMove } from "../refactor/move.js";
import { planRenameSymbol } from "../refactor/rename-symbol.js";
import type { FileChange, PlanResult, RefactorDiagnostic, RefactorPlan } from "../refactor/types.js";
import { colorizeDiff } from "../report/diff-color.js";
import type { FileReport } from "../report/model.js";
import { displayPath } from "../report/paths.js";
import { type ReportHead, streamReport } from "../report/stream.js";
import { packageVersion } from "../report/version.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_ERROR, EXIT_OK, exitCodeFor, useColor } from "./io.js";
import { cliPrompt } from "./prompt.js";
import type { RefactorArgs } from "./refactor-args.js";

type Settings = Pick<CliOptions, "quiet" | "reporter" | "color" | "config">;

/**
 * Plan, then (by mode) write, diff or list, and report through the reporters
 * every command shares (src/report/stream.ts): a planned change is a
 * `changed` file (with its diff, and `newPath` for where it ends up), a
 * refusal a `failed` one.
 */
export async function runRefactor(args: RefactorArgs, options: Settings, io: CliIo): Promise<number> {
  const result = await plan(args, options, io);
  const head: ReportHead = { version: packageVersion(), command: args.command, mode: args.mode };
  if (!result.ok) {
    await report(failedReports(result.diagnostics), head, options, io);
    return EXIT_ERROR;
  }
  let planned: RefactorPlan | undefined = result.plan;
  if (args.timings) io.stderr.write(`timings (ms): ${Object.entries(planned.timings).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
  const text = options.reporter === "text";
  if (text && !options.quiet) for (const note of planned.notes) io.stderr.write(`${note.path}: note: ${note.message}\n`);
  const { title, notes, timings } = planned;
  const moves = planned.moves.map((move) => ({ from: displayPath(io.cwd, move.from), to: displayPath(io.cwd, move.to), kind: move.kind }));
  const described = { ...head, title, notes, timings, moves };
  if (args.mode === "check" || args.mode === "diff") {
    return (await report(changedReports(planned, io.cwd, args.mode === "diff"), { ...described, written: false }, options, io, planned.moves.length)).code;
  }
  // Write (after the review, with `--interactive` and the text reporter: the other reporters print documents, not prompts).
  if (args.mode === "interactive" && text) {
    planned = await review(planned, args, io, options);
    if (planned === undefined) {
      if (!options.quiet) io.stdout.write("nothing applied\n");
      return EXIT_OK;
    }
  }
  const work = hasWork(planned);
  const committed = work ? await commitPlan(planned, io.cwd) : { ok: true, failures: [], rolledBack: false };
  const reports = committed.ok ? changedReports(planned, io.cwd, true) : failedReports(committed.failures);
  const { code } = await report(reports, { ...described, written: committed.ok && work }, options, io);
  if (!committed.ok && text) io.stderr.write(committed.rolledBack ? "nothing was changed\n" : "some changes could not be undone: check the files above\n");
  return code;
}

async function report(reports: readonly FileReport[], head: ReportHead, options: Settings, io: CliIo, moves = 0): Promise<{ code: number }> {
  const run = await streamReport(reports, head, { reporter: options.reporter, quiet: options.quiet, color: useColor(io, options.color) }, io);
  return { code: exitCodeFor(head.mode, run.summary, moves) };
}

/** A planned change as a report: `changed`, with where the file ends up, its diff and the lines that change. */
function changedReports(planned: RefactorPlan, cwd: string, diffs: boolean): FileReport[] {
  return planned.changes.map((change) => {
    const lines = changedLines(change.original, change.output);
    return {
      path: displayPath(cwd, change.path),
      status: "changed",
      newPath: displayPath(cwd, change.newPath),
      ...(diffs ? { diff: changeDiff(change, cwd) } : {}),
      ...(lines === undefined ? {} : { lines }),
    };
  });
}

/** Diagnostics (paths already relative) as `failed` reports, one per run of diagnostics on the same file, in order. */
function failedReports(diagnostics: readonly RefactorDiagnostic[]): FileReport[] {
  const reports: { path: string; status: "failed"; diagnostics: RefactorDiagnostic[] }[] = [];
  for (const diagnostic of diagnostics) {
    const last = reports[reports.length - 1];
    if (last?.path === diagnostic.path) last.diagnostics.push(diagnostic);
    else reports.push({ path: diagnostic.path, status: "failed", diagnostics: [diagnostic] });
  }
  return reports;
}

function plan(args: RefactorArgs, options: Settings, io: CliIo): Promise<PlanResult> {
  const shared = { cwd: io.cwd, project: args.project, sortImports: args.sortImports, configFile: options.config };
  if (args.command === "move") return planMove({ ...shared, from: args.target, to: args.destination });
  return planRenameSymbol({
    ...shared,
    target: args.target,
    newName: args.destination,
    keepReexportNames: args.keepReexportNames,
    typeCheck: args.typeCheck,
  });
}

function hasWork(planned: RefactorPlan): boolean {
  return planned.changes.length > 0 || planned.moves.length > 0;
}

function diffText(change: FileChange, io: CliIo, options: Settings): string {
  const diff = changeDiff(change, io.cwd);
  return useColor(io, options.color) ? colorizeDiff(diff) : diff;
}

// ---------------------------------------------------------------------------
// --interactive

/**
 * Review a plan. A rename is reviewed hunk by hunk with the codemods'
 * reviewer (y n a d q e ?, as `git add -p`); the accepted hunks of each file
 * are applied to its original text. A move is accepted or refused as a
 * whole, since a partly rewritten move leaves broken imports.
 * Returns the plan to write, or undefined when nothing was accepted.
 */
async function review(planned: RefactorPlan, args: RefactorArgs, io: CliIo, options: Settings): Promise<RefactorPlan | undefined> {
  const prompt = cliPrompt(io);
  const reviewer: ReviewIo = {
    write: (text) => void io.stdout.write(text),
    readLine: prompt.readLine,
    edit: prompt.edit,
    color: useColor(io, options.color),
  };
  if (args.command === "move") {
    io.stdout.write(planned.changes.map((change) => diffText(change, io, options)).join(""));
    io.stdout.write(`${planned.title}? [y,n] `);
    return (await reviewer.readLine())?.trim().toLowerCase() === "y" ? planned : undefined;
  }
  const accepted: FileChange[] = [];
  for (const change of planned.changes) {
    const { text, quit } = await reviewFile(displayPath(io.cwd, change.path), change.original, change.output, reviewer);
    if (text !== undefined && text !== change.original) accepted.push({ ...change, output: text });
    if (quit) break;
  }
  return accepted.length === 0 ? undefined : { ...planned, changes: accepted };
}
