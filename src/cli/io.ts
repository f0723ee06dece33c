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
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes: 0 done / nothing to do, 1 `--check`/`--diff` found files to change, 2 errors. */
export const EXIT_OK = 0;
export const EXIT_CHANGES = 1;
export const EXIT_ERROR = 2;

/** Colors only on a TTY, never with `--no-color` or a non-empty NO_COLOR (https://no-color.org). */
export function useColor(io: CliIo, colorFlag: boolean): boolean {
  return colorFlag && io.isTTY && !io.env["NO_COLOR"];
}

export async function readAll(input: CliIo["stdin"]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
