/**
 * `safesort lsp`: run the language server (src/lsp/) on the CLI's stdin and
 * stdout until the client sends `exit` (or goes away); the exit code is 0
 * after a `shutdown`, else 1, as the LSP specification asks.
 */
import { resolve } from "node:path";
import { Readable, Writable } from "node:stream";

import { startLspServer } from "../lsp/server.js";
import { packageVersion } from "../report/version.js";

import type { CliOptions } from "./args.js";
import type { CliIo } from "./io.js";

export async function runLsp(options: CliOptions, io: CliIo): Promise<number> {
  const input = isReadable(io.stdin) ? io.stdin : Readable.from(io.stdin);
  const output = isWritable(io.stdout) ? io.stdout : textWriter(io.stdout);
  const configFile = typeof options.config === "string" ? resolve(io.cwd, options.config) : options.config;
  const stderr = (line: string) => void io.stderr.write(`${line}\n`);
  const server = startLspServer({ input, output, cwd: io.cwd, configFile, version: packageVersion(), stderr });
  const code = await server.exited;
  // A pipe that is still open keeps the process alive: the conversation is over.
  if ("destroy" in input && typeof input.destroy === "function") input.destroy();
  return code;
}

function isReadable(value: unknown): value is NodeJS.ReadableStream {
  return value instanceof Readable || (typeof value === "object" && value !== null && "pipe" in value && "on" in value && "read" in value);
}

function isWritable(value: unknown): value is NodeJS.WritableStream {
  return value instanceof Writable || (typeof value === "object" && value !== null && "on" in value && "once" in value && "end" in value);
}

/** A stream over an `Output` that only takes text (tests' in-memory io). */
function textWriter(out: CliIo["stdout"]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      out.write(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      done();
    },
  });
}
