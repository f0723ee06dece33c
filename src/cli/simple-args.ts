/**
 * The everyday invocations, parsed without yargs: loading yargs (and the
 * terminal layout code behind its help text) costs a one-file run more than
 * everything else it does. Only this shape is read here:
 *
 *   safesort [--check | --diff] [--strict] [--no-cache] [--quiet] [--json]
 *            [--color | --no-color] [--jobs <n>] [--config <file>]
 *            [--cache-location <file>] [--[no-]error-on-unmatched-pattern]
 *            [paths…]
 *
 * Anything else — another option or command, `--flag=value`, a flag given
 * twice, a path that starts with `-` or could be read as a number, `--help` —
 * returns undefined, and yargs parses the whole command line as before.
 * test/cli/simple-args.test.ts checks that both give the same options.
 */
import type { Mode } from "../report/model.js";

/** The options of a plain command line: a subset of args.ts's CliOptions (without importing it: no cycle). */
export interface SimpleOptions {
  readonly command: "sort";
  readonly paths: readonly string[];
  readonly mode: Mode;
  readonly json: boolean;
  readonly reporter: "json" | "text";
  readonly force: false;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly config?: string;
  readonly jobs?: number;
  readonly cache: boolean;
  readonly cacheLocation?: string;
  readonly strict: boolean;
  readonly errorOnUnmatchedPattern: boolean;
}

const BOOLEANS: Readonly<Record<string, readonly [keyof SimpleOptions, boolean]>> = {
  "--check": ["mode", true],
  "--diff": ["mode", true],
  "--strict": ["strict", true],
  "--cache": ["cache", true],
  "--no-cache": ["cache", false],
  "--quiet": ["quiet", true],
  "--json": ["json", true],
  "--color": ["color", true],
  "--no-color": ["color", false],
  "--error-on-unmatched-pattern": ["errorOnUnmatchedPattern", true],
  "--no-error-on-unmatched-pattern": ["errorOnUnmatchedPattern", false],
};
const VALUED = new Set(["--jobs", "--config", "--cache-location"]);
/** Words that name a command when they come first (yargs would run that command). */
const COMMANDS = new Set(["explain", "lsp", "init", "rename-symbol", "move", "run"]);

/** The options for a plain sort/check/diff command line, or undefined to let yargs parse it. */
export function parseSimpleArgs(argv: readonly string[]): SimpleOptions | undefined {
  const seen = new Set<string>();
  const values = new Map<string, string>();
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith("-")) {
      // yargs reads number-like positionals as numbers (`1e3` → "1000"), and a first word may be a command.
      if (token.trim() === "" || !Number.isNaN(Number(token)) || COMMANDS.has(token)) return undefined;
      paths.push(token);
      continue;
    }
    const key = BOOLEANS[token] ? BOOLEANS[token][0] : token;
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (BOOLEANS[token]) continue;
    if (!VALUED.has(token)) return undefined;
    const value = argv[++i];
    if (value === undefined || value === "" || value.startsWith("-")) return undefined;
    values.set(token, value);
  }
  const check = seen.has("mode") && argv.includes("--check");
  const diff = seen.has("mode") && argv.includes("--diff");
  const jobs = values.get("--jobs");
  if (jobs !== undefined && !/^[1-9]\d{0,3}$/.test(jobs)) return undefined;
  const flag = (token: string, fallback: boolean): boolean => (argv.includes(token) ? BOOLEANS[token]![1] : fallback);
  const json = argv.includes("--json");
  return {
    command: "sort",
    paths: paths.length > 0 ? paths : ["."],
    mode: check ? "check" : diff ? "diff" : "write",
    json,
    reporter: json ? "json" : "text",
    force: false,
    quiet: argv.includes("--quiet"),
    color: flag("--no-color", flag("--color", true)),
    config: values.get("--config"),
    jobs: jobs === undefined ? undefined : Number(jobs),
    cache: flag("--no-cache", flag("--cache", true)),
    cacheLocation: values.get("--cache-location"),
    strict: argv.includes("--strict"),
    errorOnUnmatchedPattern: flag("--no-error-on-unmatched-pattern", flag("--error-on-unmatched-pattern", true)),
  };
}
