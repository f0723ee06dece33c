/** Command-line parsing (yargs, strict): argv → options, or the text to print and the exit code. */
import yargs from "yargs";

import type { Mode } from "../pipeline/run.js";

import { EXIT_ERROR, EXIT_OK } from "./io.js";

export interface CliOptions {
  readonly command: "sort" | "explain";
  /** Paths to sort (default `.`). */
  readonly paths: readonly string[];
  /** The file given to `explain`. */
  readonly file?: string;
  readonly mode: Mode;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly config?: string;
  readonly stdinFilepath?: string;
  readonly jobs?: number;
}

export type ParsedArgs =
  | { readonly kind: "run"; readonly options: CliOptions }
  | { readonly kind: "exit"; readonly code: number; readonly stdout: string; readonly stderr: string };

/** Parse argv. Never prints and never exits: help, version and usage errors come back as text. */
export async function parseArgs(argv: readonly string[], version: string): Promise<ParsedArgs> {
  let output = "";
  try {
    const args = await buildParser(version).parseAsync([...argv], {}, (_error, _argv, text) => {
      output = text;
    });
    if (args.help || args.version) return { kind: "exit", code: EXIT_OK, stdout: output + "\n", stderr: "" };
    return { kind: "run", options: toOptions(args) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "exit", code: EXIT_ERROR, stdout: "", stderr: `safesort: ${message}\nRun "safesort --help" for usage.\n` };
  }
}

function buildParser(version: string) {
  return yargs()
    .scriptName("safesort")
    .usage("$0 [paths..]\n\nSort the imports of JavaScript and TypeScript files, safely.")
    .command("$0 [paths..]", "Sort imports in place (default: the current directory)", (y) =>
      y.positional("paths", { type: "string", array: true, describe: "Files and directories" }),
    )
    .command("explain <file>", "Show a file's import blocks, barriers, groups and sort keys", (y) =>
      y.positional("file", { type: "string", demandOption: true, describe: "The file to explain" }),
    )
    .options({
      check: { type: "boolean", default: false, describe: "Write nothing; list files that would change (exit 1 if any)" },
      diff: { type: "boolean", default: false, describe: "Write nothing; print a unified diff per file (exit 1 if any)" },
      "stdin-filepath": { type: "string", describe: "Sort source read from stdin as if it were this file; print it to stdout" },
      json: { type: "boolean", default: false, describe: "Print one JSON document with per-file results" },
      config: { type: "string", describe: "Use this config file for every file instead of searching for one" },
      quiet: { type: "boolean", default: false, describe: "Print only errors" },
      color: { type: "boolean", default: true, describe: "Color diffs on a terminal (--no-color to disable)" },
      jobs: { type: "number", describe: "Worker threads (default: available cores; 1 = in-process; small runs never start threads)" },
    })
    .check(validate)
    .example("$0", "Sort every source file under the current directory")
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

type Parsed = Awaited<ReturnType<ReturnType<typeof buildParser>["parseAsync"]>>;

function validate(args: { check?: boolean; diff?: boolean; jobs?: number; paths?: string[]; "stdin-filepath"?: string }): true {
  // Not yargs' `.conflicts`: it counts the `false` defaults as given.
  if (args.check && args.diff) throw new Error("--check and --diff cannot be combined");
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) {
    throw new Error("--jobs must be a positive integer");
  }
  if (args["stdin-filepath"] !== undefined && (args.paths?.length ?? 0) > 0) {
    throw new Error("--stdin-filepath reads stdin: do not give paths as well");
  }
  return true;
}

function toOptions(args: Parsed): CliOptions {
  const explain = args._[0] === "explain";
  const paths = ((args["paths"] as string[] | undefined) ?? []).map(String);
  return {
    command: explain ? "explain" : "sort",
    paths: paths.length > 0 ? paths : ["."],
    file: explain ? String(args["file"]) : undefined,
    mode: args.check ? "check" : args.diff ? "diff" : "write",
    json: args.json,
    quiet: args.quiet,
    color: args.color,
    config: args.config,
    stdinFilepath: args["stdin-filepath"],
    jobs: args.jobs,
  };
}
