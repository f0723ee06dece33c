/**
 * Command-line parsing (yargs, strict): argv → options, or the text to print
 * and the exit code. Plain sort/check/diff command lines skip yargs
 * (simple-args.ts): loading it would cost a one-file run more than the sort.
 */
import { parseShard, type Shard } from "../files/shard.js";
import type { GitScope } from "../git/scope.js";
import type { Mode } from "../report/model.js";
import { REPORTER_NAMES, type ReporterName } from "../report/reporter-names.js";

import { EXIT_ERROR, EXIT_OK } from "./io.js";
import { moveCommand, type RefactorArgs, renameSymbolCommand, toRefactorArgs } from "./refactor-args.js";
import { type RunCodemodArgs, runCommand, splitCodemodArgs, toRunArgs } from "./run-args.js";
import { parseSimpleArgs } from "./simple-args.js";

export interface CliOptions {
  readonly command: "sort" | "explain" | "init" | "lsp" | "rename-symbol" | "move" | "run";
  /** `run` (src/cli/run-args.ts, src/cli/run-codemod.ts). */
  readonly codemod?: RunCodemodArgs;
  /** `rename-symbol` and `move` (src/cli/refactor.ts). */
  readonly refactor?: RefactorArgs;
  /** Paths to sort (default `.`). */
  readonly paths: readonly string[];
  /** The file given to `explain`. */
  readonly file?: string;
  readonly mode: Mode;
  /** `--json`, kept as the alias of `--reporter json`: true exactly when `reporter` is "json". */
  readonly json: boolean;
  /** How results are printed. */
  readonly reporter: ReporterName;
  /** `--changed [ref]` / `--staged`: git chooses the files (under `paths`). */
  readonly gitScope?: GitScope;
  /** `--shard i/n`. */
  readonly shard?: Shard;
  /** `init --force`: overwrite an existing config. */
  readonly force: boolean;
  /** false with `--no-error-on-unmatched-pattern`: unmatched or ignored arguments are skipped, not errors. */
  readonly errorOnUnmatchedPattern: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly config?: string | false;
  readonly stdinFilepath?: string;
  readonly jobs?: number;
  /** `--no-cache` turns the sorted-files cache off. */
  readonly cache: boolean;
  /** `--cache-location <file>` (default: see defaultCacheLocation in src/cache/cache.ts). */
  readonly cacheLocation?: string;
  /** `--strict`: parse every file whole (no proof of "sorted" from its head, which may miss a later syntax error). */
  readonly strict: boolean;
}

export type ParsedArgs =
  | { readonly kind: "run"; readonly options: CliOptions }
  | { readonly kind: "exit"; readonly code: number; readonly stdout: string; readonly stderr: string };

/** Parse argv. Never prints and never exits: help, version and usage errors come back as text. */
export async function parseArgs(argv: readonly string[], version: string): Promise<ParsedArgs> {
  const simple = parseSimpleArgs(argv);
  return simple ? { kind: "run", options: simple } : parseArgsWithYargs(argv, version);
}

/** Parse argv with yargs (what `parseArgs` does for anything but the plain command lines). */
export async function parseArgsWithYargs(argv: readonly string[], version: string): Promise<ParsedArgs> {
  let output = "";
  try {
    const { own, codemod } = splitCodemodArgs(argv);
    const parser = await buildParser(version);
    const args = await parser.parseAsync(own, {}, (_error, _argv, text) => {
      output = text;
    });
    if (args.help || args.version) return { kind: "exit", code: EXIT_OK, stdout: output + "\n", stderr: "" };
    return { kind: "run", options: toOptions(args, codemod) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "exit", code: EXIT_ERROR, stdout: "", stderr: `safesort: ${message}\nRun "safesort --help" for usage.\n` };
  }
}

async function buildParser(version: string) {
  const { default: yargs } = await import("yargs");
  return yargs()
    .scriptName("safesort")
    .usage("$0 [paths..]\n\nSort the imports of JavaScript and TypeScript files, safely.")
    .command("$0 [paths..]", "Sort imports in place (default: the current directory)", (y) =>
      y.positional("paths", { type: "string", array: true, describe: "Files and directories" }),
    )
    .command("explain <file>", "Show a file's import blocks, barriers, groups and sort keys", (y) =>
      y.positional("file", { type: "string", demandOption: true, describe: "The file to explain" }),
    )
    .command("lsp", "Run the language server for editors (LSP over stdin/stdout)", (y) =>
      y.option("stdio", { type: "boolean", default: true, describe: "Speak LSP over stdin/stdout: the only transport, accepted because LSP clients pass it" }),
    )
    .command("init", "Write safesort.config.json with the first-party names found here; print how many files would change", (y) =>
      y.option("force", { type: "boolean", default: false, describe: "Overwrite an existing config" }),
    )
    .command("rename-symbol <target> <newName>", "Rename a symbol across a TypeScript project (type-aware; re-exports, aliases, JSX)", (y) =>
      renameSymbolCommand(y),
    )
    .command("move <from> <to>", "Move a file or directory and rewrite every import of it, keeping each import's style", (y) => moveCommand(y))
    .command("run [codemod] [paths..]", "Run a codemod, built-in or a .ts/.js module (shows a diff unless --write)", (y) => runCommand(y))
    .options({
      write: { type: "boolean", default: false, describe: "Sort the files in place: the default mode, spelled out (not with --check or --diff)" },
      check: { type: "boolean", default: false, describe: "Write nothing; list files that would change (exit 1 if any)" },
      diff: { type: "boolean", default: false, describe: "Write nothing; print a unified diff per file (exit 1 if any)" },
      "stdin-filepath": { type: "string", describe: "Sort source read from stdin as if it were this file; print it to stdout" },
      json: { type: "boolean", default: false, describe: "Print one JSON document with per-file results (= --reporter json)" },
      reporter: { choices: REPORTER_NAMES, describe: "Output: text (default), json, github (Actions annotations), sarif (SARIF 2.1.0)" },
      changed: { type: "string", describe: "Only files changed against a git ref (default HEAD), untracked files included: --changed [ref]" },
      staged: { type: "boolean", default: false, describe: "Only files with staged changes; writing refuses files with unstaged changes too, and re-stages" },
      shard: { type: "string", describe: "Only part i of n of the files, chosen by path (CI matrices): --shard 2/4" },
      config: { type: "string", describe: "Use this config file for every file instead of searching for one (--no-config: none, the defaults)" },
      "error-on-unmatched-pattern": {
        type: "boolean",
        default: true,
        describe: "A glob or directory without source files, or an ignored file named explicitly, is an error (--no-error-on-unmatched-pattern: skip them)",
      },
      quiet: { type: "boolean", alias: "q", default: false, describe: "Print only errors" },
      color: { type: "boolean", default: true, describe: "Color diffs on a terminal (--no-color to disable)" },
      jobs: { type: "number", describe: "Worker threads (default: cores minus one, so in-process on 2 cores; 1 = in-process; small runs never start threads)" },
      cache: { type: "boolean", default: true, describe: "Skip files known to be sorted (--no-cache to disable)" },
      "cache-location": { type: "string", describe: "The cache file (default: node_modules/.cache/safesort/sorted.json, or ~/.cache/safesort/ without node_modules)" },
      strict: { type: "boolean", default: false, describe: "Parse every file whole, so that a syntax error after the imports of a sorted file is reported too" },
    })
    .check(validate)
    .example("$0", "Sort every source file under the current directory (same as: safesort --write .)")
    .example("$0 --check src", "List files under src/ whose imports are not sorted")
    .example("$0 --diff src/app.ts", "Show what sorting would change, as a unified diff")
    .example("$0 --stdin-filepath src/app.ts < src/app.ts", "Sort source from stdin (editor integration)")
    .example("$0 explain src/app.ts", "Show why each import is where it is")
    .example("$0 --check --json . > report.json", "Machine-readable results for CI")
    .strict()
    .exitProcess(false)
    .version(version)
    .help()
    .alias("help", "h")
    .wrap(100)
    .fail((message, error) => {
      throw error ?? new Error(message);
    });
}

type Parsed = Awaited<ReturnType<Awaited<ReturnType<typeof buildParser>>["parseAsync"]>>;

interface Checked {
  _?: (string | number)[];
  write?: boolean;
  check?: boolean;
  diff?: boolean;
  jobs?: number;
  paths?: string[];
  "stdin-filepath"?: string;
  json?: boolean;
  reporter?: string;
  changed?: string;
  staged?: boolean;
  shard?: string;
}

function validate(args: Checked): true {
  // Not yargs' `.conflicts`: it counts the `false` defaults as given.
  if (args.check && args.diff) throw new Error("--check and --diff cannot be combined");
  // The sorter's --write (`run`, `move` and `rename-symbol` check their own modes).
  if (args.write && (args._ ?? []).length === 0) {
    if (args.check || args.diff) throw new Error(`--write and --${args.check ? "check" : "diff"} cannot be combined: --write is the default mode, the others write nothing`);
    if (args["stdin-filepath"] !== undefined) throw new Error("--stdin-filepath prints the sorted source: not with --write");
  }
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) {
    throw new Error("--jobs must be a positive integer");
  }
  if (args["stdin-filepath"] !== undefined && (args.paths?.length ?? 0) > 0) {
    throw new Error("--stdin-filepath reads stdin: do not give paths as well");
  }
  if (args.changed !== undefined && args.staged) throw new Error("--changed and --staged cannot be combined");
  const scoped = args.changed !== undefined || args.staged || args.shard !== undefined;
  if (scoped && args["stdin-filepath"] !== undefined) throw new Error("--changed, --staged and --shard choose files: not with --stdin-filepath");
  if (args.json && args.reporter !== undefined && args.reporter !== "json") throw new Error(`--json is --reporter json: not with --reporter ${args.reporter}`);
  if (args.shard !== undefined) {
    const shard = parseShard(args.shard);
    if (!shard.ok) throw new Error(shard.message);
  }
  return true;
}

function toOptions(args: Parsed, codemodArgs: readonly string[] = []): CliOptions {
  const explain = args._[0] === "explain";
  const reporter: ReporterName = args.json ? "json" : (args.reporter ?? "text");
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const positional = ((args["paths"] as string[] | undefined) ?? []).map(String);
  // `run --jscodeshift <transform> a b`: yargs took `a` for the codemod.
  const paths = args._[0] === "run" && typeof args["jscodeshift"] === "string" && typeof args["codemod"] === "string" ? [args["codemod"], ...positional] : positional;
  const refactor = toRefactorArgs(args);
  const codemod = toRunArgs(args, codemodArgs);
  return {
    command: explain ? "explain" : args._[0] === "init" ? "init" : args._[0] === "lsp" ? "lsp" : codemod ? "run" : (refactor?.command ?? "sort"),
    refactor,
    codemod,
    paths: paths.length > 0 ? paths : ["."],
    file: explain ? String(args["file"]) : undefined,
    mode: args.check ? "check" : args.diff ? "diff" : "write",
    json: reporter === "json",
    reporter,
    gitScope: args.changed !== undefined ? { kind: "changed", ref: args.changed || "HEAD" } : args.staged ? { kind: "staged" } : undefined,
    shard: shard?.ok ? shard.shard : undefined,
    force: args["force"] === true,
    errorOnUnmatchedPattern: args["error-on-unmatched-pattern"],
    quiet: args.quiet,
    color: args.color,
    config: args.config,
    stdinFilepath: args["stdin-filepath"],
    jobs: args.jobs,
    cache: args.cache,
    cacheLocation: args["cache-location"],
    strict: args.strict,
  };
}
