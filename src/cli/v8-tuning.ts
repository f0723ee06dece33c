/**
 * V8 tuning for a CLI run of more than a few files: TurboFan without
 * inlining, and (a sort run) V8's background threads below the main thread
 * (yieldBackgroundThreads). A run's optimizing compiles (Babel's parser, the
 * planner, the codemod engine) run on V8's background threads, and on the benchmark
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

/** The niceness given to V8's background threads (the most a thread may lower itself to). */
const BACKGROUND_NICE = 19;

/**
 * A sort run's main thread is its critical path (it reads, proves, plans
 * and verifies every file; oxc's parses and V8's compiles and collections
 * run beside it), and on a machine with few cores V8's background threads
 * (TurboFan's compiles, about a third of a cold run's CPU on the benchmark
 * corpus, and the GC's helpers) took its core away. Lowered to the least
 * priority, they run when a core is free; with cores to spare nothing
 * changes. libuv's pool (oxc's parses, which the main thread waits for) is
 * left alone: lowered too, it gave the gain back. Measured on the corpus as
 * shipped (README "Speed").
 *
 * Linux only, where a thread's niceness is its own (`setpriority` on a
 * thread id; elsewhere it is the whole process's). The threads are those
 * there now but the main thread and libuv's pool: V8's platform workers and
 * Node's delayed-task and signal threads, started with the process. Node 22
 * and later name the pool's threads `libuv-worker`; Node 20 names no
 * thread, and has started its pool by now (its ES module loader reads the
 * CLI's files through it): the pool is then the last threads started, the
 * highest ids. Threads started later (a worker thread, a pool started
 * later) take the main thread's priority. Nothing is done where /proc is
 * another PID namespace's (its ids would name other threads). Best effort:
 * a thread that is gone or cannot be changed is skipped; a wrong guess
 * costs speed only.
 */
export function yieldBackgroundThreads(): void {
  if (process.platform !== "linux") return;
  const { readdirSync, readFileSync } = process.getBuiltinModule("node:fs");
  const { setPriority } = process.getBuiltinModule("node:os");
  let threads: { tid: number; name: string }[];
  try {
    // Thread ids as this process's setpriority takes them: only where /proc is this PID namespace's.
    if (Number.parseInt(readFileSync("/proc/self/stat", "utf8"), 10) !== process.pid) return;
    threads = readdirSync("/proc/self/task")
      .map(Number)
      .filter((tid) => tid !== process.pid)
      .sort((a, b) => a - b)
      .map((tid) => ({ tid, name: threadName(readFileSync, tid) }));
  } catch {
    return;
  }
  let background = threads.filter((t) => !t.name.startsWith("libuv"));
  if (Number(process.versions.node.split(".")[0]) < 22) background = background.slice(0, Math.max(0, background.length - poolSize()));
  for (const { tid } of background) {
    try {
      setPriority(tid, BACKGROUND_NICE);
    } catch {
      // gone, or not ours to change
    }
  }
}

function threadName(read: typeof import("node:fs").readFileSync, tid: number): string {
  try {
    return read(`/proc/self/task/${tid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** libuv's pool size: UV_THREADPOOL_SIZE (1 to 1,024), else 4. */
function poolSize(): number {
  const size = Number.parseInt(process.env["UV_THREADPOOL_SIZE"] ?? "", 10);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : 4;
}
