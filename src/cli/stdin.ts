/**
 * `--stdin-filepath <path>`: sort source read from stdin, with the config of
 * that path, and print it to stdout. On any error stdout stays empty.
 * With `--check`, `--diff` or `--json` it reports like a one-file run.
 */
import { resolve } from "node:path";

import { configResolver } from "../config/index.js";
import { isSourcePath, UNSUPPORTED } from "../files/discover.js";
import { decodeSource } from "../files/read.js";
import { processSource } from "../pipeline/process-source.js";
import { configOrDiagnostic, excludeByConfig, isDiagnostic } from "../pipeline/sources.js";
import { unifiedDiff } from "../report/diff.js";
import type { FileReport } from "../report/model.js";
import { displayPathFor } from "../report/paths.js";
import { formatDiagnostic } from "../report/text.js";
import type { Diagnostic, SourceOutcome } from "../types.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_ERROR, EXIT_OK, readAll } from "./io.js";
import { reportRun } from "./sort.js";

const BOM = "\uFEFF";

export async function runStdin(options: CliOptions & { stdinFilepath: string }, io: CliIo): Promise<number> {
  const absPath = resolve(io.cwd, options.stdinFilepath);
  const path = displayPathFor(io.cwd, [options.stdinFilepath])(absPath);
  const decoded = decodeSource(await readAll(io.stdin), path);
  if (!decoded.ok) return failWith(decoded.diagnostic, options, io, path);
  const resolver = configResolver(io.cwd, options.config);
  const config = await configOrDiagnostic(resolver, absPath, displayPathFor(io.cwd, []));
  if (isDiagnostic(config)) return failWith(config, options, io, path);
  // An excluded path is passed through untouched, as formatters do for ignored files.
  const excluded = await excludeByConfig(resolver)(absPath);
  // A path without a source extension (`.md`, `.gjs`): passed through untouched and reported as skipped, as for files named on the command line.
  const outcome: SourceOutcome = excluded
    ? { status: "unchanged" }
    : !isSourcePath(absPath)
      ? { status: "skipped", reason: UNSUPPORTED }
      : processSource(decoded.text, path, config, { fullParse: options.strict });
  if (outcome.status === "failed") return failWith(outcome.diagnostic, options, io, path);
  if (options.mode !== "write" || options.json) {
    return reportRun([toReport(outcome, path, decoded.text, options)], options, io, { summaryLine: false });
  }
  const sorted = outcome.status === "changed" ? outcome.output : decoded.text;
  io.stdout.write((decoded.bom ? BOM : "") + sorted);
  return EXIT_OK;
}

function toReport(outcome: Exclude<SourceOutcome, { status: "failed" }>, path: string, text: string, options: CliOptions): FileReport {
  switch (outcome.status) {
    case "changed":
      return options.mode === "diff"
        ? { path, status: "changed", diff: unifiedDiff(path, text, outcome.output) }
        : { path, status: "changed" };
    case "skipped":
      return { path, status: "skipped", reason: outcome.reason };
    case "unchanged":
      return { path, status: "unchanged" };
  }
}

async function failWith(diagnostic: Diagnostic, options: CliOptions, io: CliIo, path: string): Promise<number> {
  if (options.json) return reportRun([{ path, status: "failed", diagnostics: [diagnostic] }], options, io, { summaryLine: false });
  io.stderr.write(formatDiagnostic(diagnostic));
  return EXIT_ERROR;
}
