/**
 * `safesort run --jscodeshift <transform> [paths…] [--write | --diff | --check | --interactive]
 * [--parser babel|babylon|flow|ts|tsx] [--timeout ms] [--jobs N] [-- transform options]`:
 * an existing jscodeshift transform on safesort's pipeline (see src/pipeline/jscodeshift/).
 * Exit codes as for every command: 0 done / nothing to change, 1 `--check` or
 * `--diff` found files to change, 2 errors (a transform that throws, returns
 * code that does not parse, or runs past `--timeout` on a file).
 */
import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_CHANGES, EXIT_ERROR, EXIT_OK, Interrupted } from "./io.js";
import type { RunCodemodArgs } from "./run-args.js";

export async function runJscodeshiftCli(run: RunCodemodArgs, options: CliOptions, io: CliIo): Promise<number> {
  const { loadJscodeshift, JscodeshiftLoadError } = await import("../pipeline/jscodeshift/transform.js");
  const { runJscodeshift } = await import("../pipeline/jscodeshift/run.js");
  const { queryIoFrom, reportQuery } = await import("../report/query.js");
  const { cliPrompt } = await import("./prompt.js");
  const { parseArgs } = await import("../pipeline/codemod/load.js");
  let loaded;
  try {
    loaded = await loadJscodeshift(run.jscodeshift!, io.cwd, run.parser, transformOptions(parseArgs(run.codemodArgs), run.parser));
  } catch (error) {
    if (!(error instanceof JscodeshiftLoadError)) throw error;
    io.stderr.write(`safesort: ${error.message}\n`);
    return EXIT_ERROR;
  }
  const mode = run.mode === "dump" ? "diff" : run.mode;
  // What a transform prints (in-process) is for people: stderr, so that stdout carries only diffs and JSON (the worker does the same).
  console.log = console.info = console.debug = console.error;
  try {
    const execute = async (signal: AbortSignal | undefined): Promise<number> => {
      const queryIo = queryIoFrom(io, {
        color: options.color,
        quiet: options.quiet,
        reporter: options.reporter,
        codemod: `jscodeshift ${run.jscodeshift}`,
        prompt: cliPrompt(io),
      });
      const totals: Record<string, number> = {};
      const reports = runJscodeshift(loaded.source, options.paths, {
        mode,
        cwd: io.cwd,
        jobs: options.jobs,
        configFile: options.config,
        signal,
        review: mode === "interactive" ? queryIo.review() : undefined,
        timeoutMs: run.timeoutMs,
      });
      // What the transform said (`api.report`) goes to stderr beside the file's path, as jscodeshift prints it
      // (with the text and github reporters; json and sarif carry it in their document).
      const toStderr = (options.reporter === "text" || options.reporter === "github") && !options.quiet;
      async function* withMessages() {
        for await (const report of reports) {
          if (toStderr) for (const message of report.messages ?? []) io.stderr.write(`${report.path}: ${message}\n`);
          for (const [name, n] of Object.entries(report.stats ?? {})) totals[name] = (totals[name] ?? 0) + n;
          yield report;
        }
      }
      let result;
      try {
        result = await reportQuery(withMessages(), mode, queryIo);
      } catch (error) {
        if (!(error instanceof Interrupted)) throw error;
        io.stderr.write(`safesort: ${error.message}; files not reached were not touched\n`);
        return error.exitCode;
      }
      const names = Object.keys(totals).sort();
      if (names.length > 0 && toStderr) io.stderr.write(`stats: ${names.map((n) => `${n} ${totals[n]}`).join(", ")}\n`);
      if (result.filesFailed > 0) return EXIT_ERROR;
      if ((mode === "check" || mode === "diff") && result.filesChanged > 0) return EXIT_CHANGES;
      return EXIT_OK;
    };
    return mode === "write" || mode === "interactive" ? await (io.interrupts?.guard(execute) ?? execute(undefined)) : await execute(undefined);
  } finally {
    await loaded.dispose();
  }
}

/**
 * The options object a transform receives, as jscodeshift builds it: the
 * flags after `--` by name (values that read as JSON are parsed, as
 * jscodeshift does for nomnom compatibility: `--printOptions='{"quote":"single"}'`),
 * and `parser` when one was given.
 */
function transformOptions(args: Readonly<Record<string, unknown>>, parser: string | undefined): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === "_") continue;
    options[key] = typeof value === "string" ? jsonOr(value) : value;
  }
  if (parser !== undefined) options["parser"] = parser;
  return options;
}

function jsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
