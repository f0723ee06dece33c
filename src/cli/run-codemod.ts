/**
 * `safesort run <codemod> [paths…] [--write | --diff | --check | --interactive | --dump] [--jobs N] [-- codemod args]`
 * and `safesort run --list`.
 *
 * `<codemod>` is a built-in name or a .ts/.js module exporting
 * `default (q: Query, args) => Query`. The default mode is `--diff`: nothing
 * is written unless asked. Exit codes as the sorter's: 0 done / nothing to
 * change, 1 `--check` or `--diff` found files to change, 2 errors.
 *
 * The yargs part is src/cli/run-args.ts; the codemod engine (recast, Babel,
 * esbuild) loads only when the command runs.
 */
import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_CHANGES, EXIT_ERROR, EXIT_OK, Interrupted } from "./io.js";
import type { RunCodemodArgs } from "./run-args.js";
import { tuneForLongRun } from "./v8-tuning.js";

export async function runCodemodCli(run: RunCodemodArgs, options: CliOptions, io: CliIo): Promise<number> {
  if (run.list) {
    const { formatCodemodList } = await import("../report/codemod-list.js");
    io.stdout.write(formatCodemodList());
    return EXIT_OK;
  }
  if (run.jscodeshift !== undefined) {
    const { runJscodeshiftCli } = await import("./run-jscodeshift.js");
    return runJscodeshiftCli(run, options, io);
  }
  tuneForLongRun();
  const { loadCodemod, buildQuery, CodemodLoadError } = await import("../pipeline/codemod/load.js");
  const { Query } = await import("../codemod/query.js");
  const { queryIoFrom } = await import("../report/query.js");
  const { cliPrompt } = await import("./prompt.js");
  let loaded;
  try {
    loaded = await loadCodemod(run.codemod!, io.cwd, run.codemodArgs);
  } catch (error) {
    if (!(error instanceof CodemodLoadError)) throw error;
    io.stderr.write(`safesort: ${error.message}\n`);
    return EXIT_ERROR;
  }
  try {
    const execute = async (signal: AbortSignal | undefined): Promise<number> => {
      const queryIo = queryIoFrom(io, { color: options.color, quiet: options.quiet, reporter: options.reporter, codemod: run.codemod, prompt: cliPrompt(io) });
      const q = new Query(options.paths, { cwd: io.cwd, jobs: options.jobs, configFile: options.config, sortImports: run.sortImports, io: queryIo, signal });
      let query;
      try {
        query = (await buildQuery(loaded.source, q)).withSource(loaded.source);
      } catch (error) {
        const detail = error instanceof CodemodLoadError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
        io.stderr.write(`safesort: the codemod failed to build its query: ${detail}\n`);
        return EXIT_ERROR;
      }
      let result;
      try {
        result = await query[run.mode]();
      } catch (error) {
        // A signal stopped the run (bin.ts): what was written stays written, nothing else is touched.
        if (!(error instanceof Interrupted)) throw error;
        io.stderr.write(`safesort: ${error.message}; files not reached were not touched\n`);
        return error.exitCode;
      }
      if (result.filesFailed > 0) return EXIT_ERROR;
      if ((run.mode === "check" || run.mode === "diff") && result.filesChanged > 0) return EXIT_CHANGES;
      return EXIT_OK;
    };
    return run.mode === "write" || run.mode === "interactive" ? await (io.interrupts?.guard(execute) ?? execute(undefined)) : await execute(undefined);
  } finally {
    await loaded.dispose();
  }
}
