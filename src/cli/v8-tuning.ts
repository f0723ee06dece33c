/**
 * V8 tuning for a CLI run of more than a few files: TurboFan without
 * inlining. A run's optimizing compiles (Babel's parser, the planner, the
 * codemod engine) run on V8's background threads, and on the benchmark
 * corpus they cost more CPU than inlining buys back in a run of seconds;
 * with both cores busy that time is the run's. Measured (README "Speed"):
 * CPU time of `--check --no-cache` on the corpus as shipped fell by about a
 * sixth on Node 20 and 22, and of a rename-import codemod by a sixth.
 *
 * The CLI's alone: a library must not set process-wide flags. A flag set
 * now applies to compiles from now on (and to workers started later); a
 * run of a few named files never loads node:v8 (test/cli/startup.test.ts).
 */

/** Files named on a command line from which a sort run counts as long enough to tune. */
const LONG_RUN = 16;

/**
 * Whether a sort run over `paths` (as given, relative to `cwd`) may be long:
 * a directory, a glob, or many files. A few files named one by one (an
 * editor, a pre-commit hook) are not; nor is anything that is not there
 * (the run reports it). Decided before the run, so that no per-file hook
 * is needed and its hot code is compiled tuned from the start.
 */
export function mayBeLongRun(paths: readonly string[], cwd: string): boolean {
  if (paths.length === 0 || paths.length >= LONG_RUN) return true;
  const { statSync } = process.getBuiltinModule("node:fs");
  const { resolve } = process.getBuiltinModule("node:path");
  return paths.some((path) => /[*?[\]{}!]/.test(path) || statSync(resolve(cwd, path), { throwIfNoEntry: false })?.isDirectory() === true);
}

let tuned = false;

export function tuneForLongRun(): void {
  if (tuned) return;
  tuned = true;
  // Measured on Node 20 to 24, where the flag exists; an unknown flag would print an error.
  if (Number(process.versions.node.split(".")[0]) > 24) return;
  process.getBuiltinModule("node:v8").setFlagsFromString("--no-turbo-inlining");
}
