/**
 * The process's standard outputs without creating Node's stream objects
 * until something needs them: `process.stderr` over a pipe is a net.Socket
 * (on a terminal a tty.WriteStream), and creating it loads Node's whole
 * stream stack, several milliseconds of a one-file run whose only output is
 * its summary line.
 *
 * `directOutput` writes with write(2) on the descriptor. Whatever it does not
 * take at once (a full non-blocking pipe: EAGAIN; any other error, EPIPE
 * included) goes to the stream from then on, which handles it as it always
 * did; nothing is written directly after that, so the order is kept.
 */
import { fstatSync, writeSync } from "node:fs";

import type { Output } from "./io.js";

export function directOutput(fd: number, stream: () => Output): Output {
  let fallback: Output | undefined;
  return {
    write(text: string) {
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text, "utf8");
      let at = 0;
      try {
        while (at < bytes.length) {
          const written = writeSync(fd, bytes, at, bytes.length - at);
          if (written <= 0) break;
          at += written;
        }
        if (at === bytes.length) return true;
      } catch {
        // The stream takes it from here (below).
      }
      fallback = stream();
      return fallback.write(bytes.subarray(at).toString("utf8"));
    },
  };
}

/**
 * `process.stdout.isTTY` for descriptor `fd` (Node makes a TTY stream exactly
 * when isatty(fd)), without creating the stream: a terminal is a character
 * device, so only then is node:tty (which loads net and the streams) asked.
 */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule("node:tty").isatty(fd);
}
