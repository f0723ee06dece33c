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
import type { StructuredPatchHunk } from "diff";

import { formatLocation } from "../errors.js";
import { unifiedDiff } from "../pipeline/run.js";
import { commitPlan } from "../refactor/commit.js";
import { applyHunks, formatHunk, hunksOf } from "../refactor/hunks.js";
import { planMove } from "../refactor/move.js";
import { displayPath } from "../refactor/paths.js";
import { planRenameSymbol } from "../refactor/rename-symbol.js";
import type { FileChange, PlanResult, RefactorDiagnostic, RefactorPlan } from "../refactor/types.js";

import type { CliOptions } from "./args.js";
import { colorizeDiff } from "./diff.js";
import { type CliIo, EXIT_CHANGES, EXIT_ERROR, EXIT_OK, useColor } from "./io.js";
import type { RefactorArgs } from "./refactor-args.js";
import { packageVersion } from "./version.js";

type Settings = Pick<CliOptions, "quiet" | "json" | "color" | "config">;

export async function runRefactor(args: RefactorArgs, options: Settings, io: CliIo): Promise<number> {
  const result = await plan(args, options, io);
  if (!result.ok) {
    if (options.json) io.stdout.write(jsonReport(args, io, { diagnostics: result.diagnostics }));
    else io.stderr.write(result.diagnostics.map(formatRefactorDiagnostic).join(""));
    return EXIT_ERROR;
  }
  const { plan: planned } = result;
  if (args.timings) io.stderr.write(`timings (ms): ${Object.entries(planned.timings).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
  if (options.json) return await reportJson(args, planned, io);
  if (!options.quiet) for (const note of planned.notes) io.stderr.write(`${note.path}: note: ${note.message}\n`);
  switch (args.mode) {
    case "diff":
      io.stdout.write(planned.changes.map((change) => diffText(change, io, options)).join(""));
      if (!options.quiet) io.stderr.write(summary(planned, io, false));
      return hasWork(planned) ? EXIT_CHANGES : EXIT_OK;
    case "check":
      if (!options.quiet) io.stdout.write(planned.changes.map((change) => `${displayPath(io.cwd, change.path)}\n`).join(""));
      if (!options.quiet) io.stderr.write(summary(planned, io, false));
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
    io.stderr.write(result.failures.map(formatRefactorDiagnostic).join(""));
    io.stderr.write(result.rolledBack ? "nothing was changed\n" : "some changes could not be undone: check the files above\n");
    return EXIT_ERROR;
  }
  if (!options.quiet) io.stdout.write(summary(planned, io, true));
  return EXIT_OK;
}

function hasWork(planned: RefactorPlan): boolean {
  return planned.changes.length > 0 || planned.moves.length > 0;
}

/** `rename sum → add: 3 files changed` / `move src/a.ts → src/lib/a.ts: 2 files would change`. */
function summary(planned: RefactorPlan, io: CliIo, done: boolean): string {
  const n = planned.changes.length;
  const files = `${n} ${n === 1 ? "file" : "files"}`;
  const moved = planned.moves.length === 0 ? "" : done ? ", moved" : ", and the move";
  return `${planned.title}: ${files} ${done ? "changed" : "would change"}${moved}\n`;
}

/** A unified diff; a moved file's header names its old path on the `---` line and its new one on `+++`. */
export function refactorDiff(change: FileChange, cwd: string): string {
  const diff = unifiedDiff(displayPath(cwd, change.newPath), change.original, change.output);
  if (change.newPath === change.path) return diff;
  const firstLineEnd = diff.indexOf("\n");
  return `--- a/${displayPath(cwd, change.path)}${diff.slice(firstLineEnd)}`;
}

function diffText(change: FileChange, io: CliIo, options: Settings): string {
  const diff = refactorDiff(change, io.cwd);
  return useColor(io, options.color) ? colorizeDiff(diff) : diff;
}

export function formatRefactorDiagnostic(d: RefactorDiagnostic): string {
  const text = d.code === "internal-error" ? d.message : `${d.code.replace(/-/g, " ")}: ${d.message}`;
  return `${formatLocation(d)}: ${text}\n${d.stack ? `${d.stack}\n` : ""}`;
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
      diff: report.diffs ? refactorDiff(change, io.cwd) : undefined,
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

const HELP = `y - apply this hunk
n - skip this hunk (the default)
a - apply this hunk and the rest of this file
d - skip this hunk and the rest of this file
q - quit; keep what was accepted so far
? - this help
`;

/**
 * Review a plan. A rename is reviewed hunk by hunk (the accepted hunks of
 * each file are applied to its original text); a move is accepted or
 * refused as a whole, since a partly rewritten move leaves broken imports.
 * Returns the plan to write, or undefined when nothing was accepted.
 */
async function review(planned: RefactorPlan, args: RefactorArgs, io: CliIo, options: Settings): Promise<RefactorPlan | undefined> {
  const answers = lineReader(io.stdin);
  const color = useColor(io, options.color);
  if (args.command === "move") {
    io.stdout.write(planned.changes.map((change) => diffText(change, io, options)).join(""));
    io.stdout.write(`${planned.title}? [y,n] `);
    const answer = await answers.next();
    return !answer.done && answer.value.trim().toLowerCase() === "y" ? planned : undefined;
  }
  const accepted: FileChange[] = [];
  let quit = false;
  for (const change of planned.changes) {
    if (quit) break;
    const patch = hunksOf(change);
    const keep: StructuredPatchHunk[] = [];
    let rest: "apply" | "skip" | undefined;
    const header = refactorDiff(change, io.cwd).split("\n").slice(0, 2).join("\n") + "\n";
    io.stdout.write(color ? colorizeDiff(header) : header);
    for (const [i, hunk] of patch.hunks.entries()) {
      if (rest !== undefined) {
        if (rest === "apply") keep.push(hunk);
        continue;
      }
      const shown = formatHunk(hunk);
      io.stdout.write(color ? colorizeDiff(shown) : shown);
      const answer = await ask(answers, io, `Apply this hunk [${i + 1}/${patch.hunks.length}] [y,n,a,d,q,?]? `);
      if (answer === "y" || answer === "a") keep.push(hunk);
      if (answer === "a") rest = "apply";
      if (answer === "d") rest = "skip";
      if (answer === "q") {
        quit = true;
        break;
      }
    }
    if (keep.length > 0) accepted.push({ ...change, output: applyHunks(change.original, patch, keep) });
  }
  return accepted.length === 0 ? undefined : { ...planned, changes: accepted.filter((change) => change.output !== change.original) };
}

/** One of y n a d q; `?` prints the help and asks again; an empty answer is n; the end of input is q. */
async function ask(answers: AsyncIterator<string, undefined>, io: CliIo, prompt: string): Promise<"y" | "n" | "a" | "d" | "q"> {
  for (;;) {
    io.stdout.write(prompt);
    const line = await answers.next();
    if (line.done) return "q";
    const answer = line.value.trim().toLowerCase();
    if (answer === "") return "n";
    if (answer === "y" || answer === "n" || answer === "a" || answer === "d" || answer === "q") return answer;
    io.stdout.write(HELP);
  }
}

/** Lines from the (possibly chunked) input. */
async function* lineReader(input: CliIo["stdin"]): AsyncGenerator<string, undefined> {
  let buffered = "";
  const decoder = new TextDecoder();
  for await (const chunk of input) {
    buffered += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    for (let newline = buffered.indexOf("\n"); newline !== -1; newline = buffered.indexOf("\n")) {
      yield buffered.slice(0, newline).replace(/\r$/, "");
      buffered = buffered.slice(newline + 1);
    }
  }
  if (buffered !== "") yield buffered;
  return undefined;
}
