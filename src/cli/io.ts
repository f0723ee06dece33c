import type { ReportMode, RunSummary } from "../report/model.js";

/** What the CLI touches of the outside world, injected so that `main` runs in-process in tests. */
export interface Output {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Read only with `--stdin-filepath`. */
  readonly stdin: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  /** Absolute working directory: paths are resolved against it and printed relative to it. */
  readonly cwd: string;
  /** Whether stdout is a terminal (colors). */
  readonly isTTY: boolean;
  /** Whether stderr is a terminal (the progress line of long runs). */
  readonly stderrIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Graceful SIGINT/SIGTERM for runs that write (bin.ts); absent in tests that do not need it. */
  readonly interrupts?: Interrupts;
}

/** The signals a run stops on, with their conventional exit codes (128 + signal number). */
export const INTERRUPT_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type InterruptSignal = keyof typeof INTERRUPT_EXIT_CODES;

/** The abort reason of an interrupted run. */
export class Interrupted extends Error {
  readonly exitCode: number;

  constructor(readonly signal: InterruptSignal) {
    super(`interrupted by ${signal}`);
    this.name = "Interrupted";
    this.exitCode = INTERRUPT_EXIT_CODES[signal];
  }
}

/**
 * While `guard`'s function runs, SIGINT and SIGTERM abort its signal (with an
 * `Interrupted` reason) instead of ending the process, so that the run stops
 * dispatching, lets the write in flight finish and terminates its workers.
 * Outside a guard the default applies (reading stdin, explain: nothing to
 * protect, a signal ends the process at once).
 */
export interface Interrupts {
  guard<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/** Exit codes: 0 done / nothing to do, 1 `--check`/`--diff` found files to change, 2 errors. */
export const EXIT_OK = 0;
export const EXIT_CHANGES = 1;
export const EXIT_ERROR = 2;

/**
 * Every command's exit code: 2 if anything failed (2 wins), 1 if `--check`
 * or `--diff` found work to do (files to change; for `move`, also a rename
 * on disk), else 0.
 */
export function exitCodeFor(mode: ReportMode, summary: RunSummary, moves = 0): number {
  if (summary.failed > 0) return EXIT_ERROR;
  if ((mode === "check" || mode === "diff") && summary.changed + moves > 0) return EXIT_CHANGES;
  return EXIT_OK;
}

/** Colors only on a TTY, never with `--no-color` or a non-empty NO_COLOR (https://no-color.org). */
export function useColor(io: CliIo, colorFlag: boolean): boolean {
  return colorFlag && io.isTTY && !io.env["NO_COLOR"];
}

export async function readAll(input: CliIo["stdin"]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
