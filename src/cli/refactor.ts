/**
 * `safesort rename-symbol` and `safesort move`: plan the refactor (the
 * library), then, depending on the mode, write it, print its diff, list the
 * files it would change, or review it hunk by hunk. main.ts loads this module
 * with a dynamic import, and src/refactor/project.ts loads ts-morph the same
 * way: sorting imports never pays for either.
 *
 * Exit codes as the sorter: 0 done (or nothing to do), 1 `--check`/`--diff`
 * found changes, 2 errors (nothing is written then).
 */
import { reviewFile, type ReviewIo } from "../pipeline/review.js";
import { commitPlan } from "../refactor/commit.js";
import { changeDiff } from "../refactor/diff.js";
import { planMove } from "../refactor/move.js";
import { displayPath } from "../refactor/paths.js";
import { planRenameSymbol } from "../refactor/rename-symbol.js";
import type { FileChange, PlanResult, RefactorDiagnostic, RefactorPlan } from "../refactor/types.js";
import { colorizeDiff } from "../report/diff.js";
import { formatDiagnostic } from "../report/text.js";
import { packageVersion } from "../report/version.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_CHANGES, EXIT_ERROR, EXIT_OK, useColor } from "./io.js";
import { cliPrompt } from "./prompt.js";
import type { RefactorArgs } from "./refactor-args.js";

type Settings = Pick<CliOptions, "quiet" | "json" | "color" | "config">;

export async function runRefactor(args: RefactorArgs, options: Settings, io: CliIo): Promise<number> {
  const result = await plan(args, options, io);
  if (!result.ok) {
    if (options.json) io.stdout.write(jsonReport(args, io, { diagnostics: result.diagnostics }));
    else io.stderr.write(result.diagnostics.map(formatDiagnostic).join(""));
    return EXIT_ERROR;
  }
  const { plan: planned } = result;
  if (args.timings) io.stderr.write(`timings (ms): ${Object.entries(planned.timings).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
  if (options.json) return await reportJson(args, planned, io);
  if (!options.quiet) for (const note of planned.notes) io.stderr.write(`${note.path}: note: ${note.message}\n`);
  switch (args.mode) {
    case "diff":
      io.stdout.write(planned.changes.map((change) => diffText(change, io, options)).join(""));
      if (!options.quiet) io.stderr.write(summary(planned, false));
      return hasWork(planned) ? EXIT_CHANGES : EXIT_OK;
    case "check":
      if (!options.quiet) io.stdout.write(planned.changes.map((change) => `${displayPath(io.cwd, change.path)}\n`).join(""));
      if (!options.quiet) io.stderr.write(summary(planned, false));
      return hasWork(planned) ? EXIT_CHANGES : EXIT_OK;
    case "interactive":
      return commit(await review(planned, args, io, options), io, options);
    case "write":
      return commit(planned, io, options);
  }
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

async function commit(planned: RefactorPlan | undefined, io: CliIo, options: Settings): Promise<number> {
  if (planned === undefined || !hasWork(planned)) {
    if (!options.quiet) io.stdout.write(planned === undefined ? "nothing applied\n" : `${planned.title}: nothing to change\n`);
    return EXIT_OK;
  }
  const result = await commitPlan(planned, io.cwd);
  if (!result.ok) {
    io.stderr.write(result.failures.map(formatDiagnostic).join(""));
    io.stderr.write(result.rolledBack ? "nothing was changed\n" : "some changes could not be undone: check the files above\n");
    return EXIT_ERROR;
  }
  if (!options.quiet) io.stdout.write(summary(planned, true));
  return EXIT_OK;
}

function hasWork(planned: RefactorPlan): boolean {
  return planned.changes.length > 0 || planned.moves.length > 0;
}

/** `rename sum → add: 3 files changed` / `move src/a.ts → src/lib/a.ts: 2 files would change`. */
function summary(planned: RefactorPlan, done: boolean): string {
  const n = planned.changes.length;
  const files = `${n} ${n === 1 ? "file" : "files"}`;
  const moved = planned.moves.length === 0 ? "" : done ? ", moved" : ", and the move";
  return `${planned.title}: ${files} ${done ? "changed" : "would change"}${moved}\n`;
}

function diffText(change: FileChange, io: CliIo, options: Settings): string {
  const diff = changeDiff(change, io.cwd);
  return useColor(io, options.color) ? colorizeDiff(diff) : diff;
}

/** `--json`: one document; in write mode the plan is written first (there is no review in JSON). */
async function reportJson(args: RefactorArgs, planned: RefactorPlan, io: CliIo): Promise<number> {
  const diffs = args.mode !== "check";
  if (args.mode === "write" || args.mode === "interactive") {
    const result = hasWork(planned) ? await commitPlan(planned, io.cwd) : { ok: true, failures: [] };
    io.stdout.write(jsonReport(args, io, { planned, written: result.ok && hasWork(planned), diagnostics: result.failures, diffs }));
    return result.ok ? EXIT_OK : EXIT_ERROR;
  }
  io.stdout.write(jsonReport(args, io, { planned, written: false, diagnostics: [], diffs }));
  return hasWork(planned) ? EXIT_CHANGES : EXIT_OK;
}

function jsonReport(
  args: RefactorArgs,
  io: CliIo,
  report: { planned?: RefactorPlan; written?: boolean; diagnostics: readonly RefactorDiagnostic[]; diffs?: boolean },
): string {
  const { planned } = report;
  const document = {
    version: packageVersion(),
    command: args.command,
    mode: args.mode,
    title: planned?.title,
    written: report.written ?? false,
    files: planned?.changes.map((change) => ({
      path: displayPath(io.cwd, change.path),
      newPath: displayPath(io.cwd, change.newPath),
      diff: report.diffs ? changeDiff(change, io.cwd) : undefined,
    })),
    moves: planned?.moves.map((move) => ({ from: displayPath(io.cwd, move.from), to: displayPath(io.cwd, move.to), kind: move.kind })),
    notes: planned?.notes,
    diagnostics: report.diagnostics,
    timings: planned?.timings,
  };
  return JSON.stringify(document, null, 2) + "\n";
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
