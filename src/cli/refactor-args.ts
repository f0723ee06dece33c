/**
 * The yargs side of `rename-symbol` and `move`: positionals, options and
 * their checks. Kept apart from the commands themselves (refactor.ts, loaded
 * with a dynamic import) so that parsing argv loads nothing of the refactors.
 */
import type { Argv } from "yargs";

type RefactorMode = "write" | "check" | "diff" | "interactive";

export interface RefactorArgs {
  readonly command: "rename-symbol" | "move";
  /** rename-symbol: `<file>#<exportName>` or `<file>:<line>:<column>`. */
  readonly target: string;
  /** rename-symbol: the new name. move: the destination. */
  readonly destination: string;
  readonly project?: string;
  readonly mode: RefactorMode;
  readonly keepReexportNames: boolean;
  readonly sortImports: boolean;
  readonly typeCheck: boolean;
  readonly timings: boolean;
}

const MODES = ["write", "check", "diff", "interactive"] as const;

/** Options both commands take, besides the global --check, --diff, --json, --quiet, --color and --config. */
function common<T>(y: Argv<T>) {
  return y
    .option("project", { type: "string", describe: "The tsconfig.json (default: the nearest one above the file)" })
    .option("write", { type: "boolean", default: false, describe: "Write the changes (the default)" })
    .option("interactive", { type: "boolean", default: false, describe: "Review each change before it is written" })
    .option("sort-imports", { type: "boolean", default: true, describe: "Sort the imports of files whose imports were edited (--no-sort-imports)" })
    .option("timings", { type: "boolean", default: false, describe: "Print where the time went on stderr" })
    .check((args) => {
      const given = MODES.filter((mode) => args[mode] === true);
      if (given.length > 1) throw new Error(`--${given[0]} and --${given[1]} cannot be combined`);
      return true;
    });
}

export function renameSymbolCommand<T>(y: Argv<T>) {
  return common(y)
    .positional("target", { type: "string", demandOption: true, describe: "<file>#<exportName> or <file>:<line>:<column>" })
    .positional("newName", { type: "string", demandOption: true, describe: "The new name" })
    .option("keep-reexport-names", {
      type: "boolean",
      default: false,
      describe: "Modules that re-export the symbol keep their public name (export { new as old })",
    })
    .option("typecheck", { type: "boolean", default: true, describe: "Refuse a rename that adds type errors to the files it touches (--no-typecheck)" });
}

export function moveCommand<T>(y: Argv<T>) {
  return common(y)
    .positional("from", { type: "string", demandOption: true, describe: "The file or directory to move" })
    .positional("to", { type: "string", demandOption: true, describe: "Its new path (an existing directory receives it under its own name)" });
}

/** The refactor's options when argv named one of its commands. */
export function toRefactorArgs(args: Record<string, unknown> & { _: (string | number)[] }): RefactorArgs | undefined {
  const command = args._[0];
  if (command !== "rename-symbol" && command !== "move") return undefined;
  const mode = MODES.find((m) => m !== "write" && args[m] === true) ?? "write";
  return {
    command,
    target: String(command === "move" ? args["from"] : args["target"]),
    destination: String(command === "move" ? args["to"] : args["newName"]),
    project: typeof args["project"] === "string" ? args["project"] : undefined,
    mode,
    keepReexportNames: args["keep-reexport-names"] === true,
    sortImports: args["sort-imports"] !== false,
    typeCheck: args["typecheck"] !== false,
    timings: args["timings"] === true,
  };
}
