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
 * one-file run never loads node:v8 (test/cli/startup.test.ts).
 */

/** Files discovered before a sort run counts as long enough to tune. */
export const LONG_RUN = 16;

let tuned = false;

export function tuneForLongRun(): void {
  if (tuned) return;
  tuned = true;
  // Measured on Node 20 to 24, where the flag exists; an unknown flag would print an error.
  if (Number(process.versions.node.split(".")[0]) > 24) return;
  process.getBuiltinModule("node:v8").setFlagsFromString("--no-turbo-inlining");
}
