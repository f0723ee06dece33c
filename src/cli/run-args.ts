/**
 * `safesort run`'s arguments: the yargs command, the mode, and the split of
 * argv at `--` into safesort's arguments and the codemod's. The command
 * itself is src/cli/run-codemod.ts.
 */
import type { Argv } from "yargs";

type RunCodemodMode = "diff" | "write" | "check" | "interactive" | "dump";

export interface RunCodemodArgs {
  /** A built-in name or a module path; absent with `--list`. */
  readonly codemod?: string;
  readonly list: boolean;
  readonly mode: RunCodemodMode;
  /** `--sort-imports`: true, `--no-sort-imports`: false; neither: undefined (keep sorted files sorted). */
  readonly sortImports: boolean | undefined;
  /** What follows `--`, for the codemod. */
  readonly codemodArgs: readonly string[];
  /** `--jscodeshift <transform>`: run a jscodeshift transform (src/cli/run-jscodeshift.ts). */
  readonly jscodeshift?: string;
  /** `--parser` for a jscodeshift transform. */
  readonly parser?: "babel" | "babylon" | "flow" | "ts" | "tsx";
  /** `--timeout <ms>`: fail a file whose transform runs longer. */
  readonly timeoutMs?: number;
}

export function runCommand<T>(y: Argv<T>) {
  return y
    .usage(
      "$0 run <codemod> [paths..] [--write | --diff | --check | --interactive] [-- codemod args]\n\n" +
        "Run a codemod: a built-in (see --list) or a .ts/.js module exporting default (q, args) => Query.\n" +
        "Default mode: --diff (prints the changes, writes nothing).",
    )
    .positional("codemod", { type: "string", describe: "A built-in codemod (see --list) or a .ts/.js module exporting default (q, args) => Query" })
    .positional("paths", { type: "string", array: true, describe: "Files and directories (default: the current directory)" })
    .option("write", { type: "boolean", default: false, describe: "Write the changes" })
    .option("interactive", { type: "boolean", default: false, describe: "Ask per hunk: y, n, a, d, q, e, ? (then write what was accepted)" })
    .option("dump", { type: "boolean", default: false, describe: "Print each match with its captures (to write selectors); write nothing" })
    .option("list", { type: "boolean", default: false, describe: "List the built-in codemods with their options" })
    .option("jscodeshift", { type: "string", describe: "Run this jscodeshift transform (a .js/.ts module) instead of a codemod; paths follow" })
    .option("parser", { choices: ["babel", "babylon", "flow", "ts", "tsx"] as const, describe: "--jscodeshift: the parser jscodeshift uses (default: by file extension, ts/tsx/babel)" })
    .option("timeout", { type: "number", describe: "--jscodeshift: fail a file whose transform runs longer than this many milliseconds" })
    .option("sort-imports", {
      type: "boolean",
      describe: "Sort the imports of every changed file (default: only files whose imports were sorted and the codemod changed; --no-sort-imports: never)",
    })
    .example("$0 run rename-import src -- --from lodash --to lodash-es", "Show the diff of moving imports from lodash to lodash-es")
    .example("$0 run ./codemods/rename.ts src --write -- --old a --new b", "Run your own codemod and write the result")
    .example("$0 run --jscodeshift ./transforms/old.js src --parser tsx --write", "Run a jscodeshift transform with safesort's checks")
    .check((args) => {
      const given = (["write", "interactive", "check", "diff", "dump"] as const).filter((m) => args[m] === true);
      if (given.length > 1) throw new Error(`--${given[0]} and --${given[1]} cannot be combined`);
      if (args["interactive"] && args["json"]) throw new Error("--interactive asks on stdout: not with --json");
      const reporter = args["reporter"];
      if (args["interactive"] && reporter !== undefined && reporter !== "text") throw new Error(`--interactive asks on stdout: not with --reporter ${String(reporter)}`);
      const jscodeshift = args["jscodeshift"] !== undefined;
      if (!args["list"] && !jscodeshift && args["codemod"] === undefined) throw new Error("run: name a codemod (a built-in, or a .ts/.js module), or --list");
      if (jscodeshift && args["dump"]) throw new Error("--dump needs a query codemod, not --jscodeshift");
      if (!jscodeshift && (args["parser"] !== undefined || args["timeout"] !== undefined)) throw new Error("--parser and --timeout go with --jscodeshift");
      const timeout = args["timeout"];
      if (timeout !== undefined && !(typeof timeout === "number" && Number.isInteger(timeout) && timeout > 0)) throw new Error("--timeout must be a positive number of milliseconds");
      for (const flag of ["changed", "staged", "shard", "stdin-filepath"]) {
        if (args[flag] !== undefined && args[flag] !== false) throw new Error(`run: --${flag} is not supported with codemods`);
      }
      return true;
    });
}

/** `run`'s options when argv named the command; the codemod's arguments come from after `--`. */
export function toRunArgs(args: Record<string, unknown> & { _: (string | number)[] }, codemodArgs: readonly string[]): RunCodemodArgs | undefined {
  if (args._[0] !== "run") return undefined;
  const mode: RunCodemodMode = args["write"] ? "write" : args["interactive"] ? "interactive" : args["check"] ? "check" : args["dump"] ? "dump" : "diff";
  const jscodeshift = typeof args["jscodeshift"] === "string" ? args["jscodeshift"] : undefined;
  return {
    // With --jscodeshift, what yargs took for the codemod is the first path.
    codemod: typeof args["codemod"] === "string" && !jscodeshift ? args["codemod"] : undefined,
    jscodeshift,
    parser: args["parser"] as RunCodemodArgs["parser"],
    timeoutMs: typeof args["timeout"] === "number" ? args["timeout"] : undefined,
    list: args["list"] === true,
    mode,
    sortImports: typeof args["sort-imports"] === "boolean" ? args["sort-imports"] : undefined,
    codemodArgs,
  };
}

/** For `run` (named before the first `--`, options may come first): split argv there into safesort's arguments and the codemod's. */
export function splitCodemodArgs(argv: readonly string[]): { own: string[]; codemod: string[] } {
  const at = argv.indexOf("--");
  if (at === -1 || !argv.slice(0, at).includes("run")) return { own: [...argv], codemod: [] };
  return { own: argv.slice(0, at), codemod: argv.slice(at + 1) };
}
