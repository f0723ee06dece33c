/** The installed entry point (`bin/safesort.js` imports the built copy of this module). */
import { INTERRUPT_EXIT_CODES, Interrupted, type Interrupts, type InterruptSignal } from "./io.js";
import { main } from "./main.js";
import { directOutput, isTerminal } from "./std-streams.js";

/**
 * Signals during a guarded run: the first SIGINT/SIGTERM aborts the run (it
 * stops dispatching, finishes the write in flight, terminates its workers and
 * exits 130/143); a second one ends the process at once, as impatient users
 * expect, at the risk of leaving one `*.safesort-tmp` file behind.
 */
const processInterrupts: Interrupts = {
  async guard(run) {
    const controller = new AbortController();
    const onSignal = (signal: InterruptSignal): void => {
      if (controller.signal.aborted) process.exit(INTERRUPT_EXIT_CODES[signal]);
      controller.abort(new Interrupted(signal));
    };
    const signals = Object.keys(INTERRUPT_EXIT_CODES) as InterruptSignal[];
    for (const signal of signals) process.on(signal, onSignal);
    try {
      return await run(controller.signal);
    } finally {
      for (const signal of signals) process.off(signal, onSignal);
    }
  },
};

/**
 * process.stdout, made on first use, where a reader that went away ends the
 * listing, not the run: `safesort . | head -1` still sorts every file and
 * exits with the run's code. The pipe's EPIPE (each write after the reader
 * closed its end) is dropped; any other error of the stream stays uncaught.
 */
function standardOutput(): NodeJS.WriteStream {
  const stream = (created.stdout = process.stdout);
  if (stream.listenerCount("error") === 0) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  return stream;
}

/** The standard streams created so far: only they can hold output not written yet. */
const created: { stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream } = {};

process.exitCode = await main(process.argv.slice(2), {
  // Created by the first write of data (paths, diffs, documents, the language server's messages).
  get stdout() {
    return standardOutput();
  },
  stderr: directOutput(2, () => (created.stderr = process.stderr)),
  // Read only by the commands that take input: creating process.stdin (a stream over the
  // terminal, pipe or file) costs a one-file run several milliseconds.
  get stdin() {
    return process.stdin;
  },
  cwd: process.cwd(),
  isTTY: isTerminal(1),
  stderrIsTTY: isTerminal(2),
  env: process.env,
  interrupts: processInterrupts,
});

// The run is over: everything it started has been awaited. Exiting now skips
// tearing down V8's heap on the way out, which a natural exit does (measured:
// 5–7 ms of a one-file run on Node 22 and 24; about 30 ms of `Heap::TearDown`
// in a run over the benchmark corpus on Node 20). Not while a stream still
// queues output (a full pipe): that exit would drop it, so the natural one
// waits for it.
if (!queued(created.stdout) && !queued(created.stderr)) process.exit();

/** Whether `stream` holds output not handed to the system yet. */
function queued(stream: NodeJS.WriteStream | undefined): boolean {
  return stream !== undefined && stream.writableLength > 0;
}
