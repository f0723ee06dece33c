import { packageVersion } from "../report/version.js";

/**
 * The CLI: argv → library calls → text and an exit code. Everything it
 * touches comes in through `io`, so tests run it in-process.
 */
import type { ParsedArgs } from "./args.js";
import { type CliIo, EXIT_ERROR } from "./io.js";
import { parseSimpleArgs } from "./simple-args.js";
import { runSort } from "./sort.js";

export type { CliIo } from "./io.js";

/** Run safesort with `argv` (without the node and script paths); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseArgv(argv);
  if (parsed.kind === "exit") {
    io.stdout.write(parsed.stdout);
    io.stderr.write(parsed.stderr);
    return parsed.code;
  }
  const { options } = parsed;
  try {
    // Loaded on demand: the refactors (and ts-morph behind them) cost the sorter nothing.
    if (options.refactor !== undefined) return await (await import("./refactor.js")).runRefactor(options.refactor, options, io);
    // Loaded on demand, like the refactors: the LSP server (vscode-languageserver) costs the sorter nothing.
    if (options.command === "lsp") return await (await import("./lsp.js")).runLsp(options, io);
    // The other commands load on demand too: a plain sort loads only what it runs.
    if (options.command === "init") return await (await import("./init.js")).runInit(options, io);
    // The codemod engine (recast, Babel, esbuild) loads only when `run` runs.
    if (options.codemod !== undefined) return await (await import("./run-codemod.js")).runCodemodCli(options.codemod, options, io);
    if (options.command === "explain" && options.file !== undefined) {
      return await (await import("./explain.js")).runExplain({ ...options, file: options.file }, io);
    }
    if (options.stdinFilepath !== undefined) {
      return await (await import("./stdin.js")).runStdin({ ...options, stdinFilepath: options.stdinFilepath }, io);
    }
    return await runSort(options, io);
  } catch (error) {
    // Known failures are reported per file; anything reaching here is a bug in safesort.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`safesort: internal error: ${detail}\n`);
    return EXIT_ERROR;
  }
}

/**
 * args.ts's `parseArgs`, with the yargs side (args.ts and the command
 * builders behind it) loaded only for a command line the plain parser
 * (simple-args.ts) does not read.
 */
async function parseArgv(argv: readonly string[]): Promise<ParsedArgs> {
  const simple = parseSimpleArgs(argv);
  return simple ? { kind: "run", options: simple } : (await import("./args.js")).parseArgsWithYargs(argv, packageVersion());
}
