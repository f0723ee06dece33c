/**
 * The CLI's prompt for `--interactive` (`safesort run`, `rename-symbol`):
 * answers read line by line from stdin, hunks edited in the user's editor.
 * The library's reviewer (src/pipeline/review.ts) gets these passed in.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Prompt } from "../report/query.js";

import type { CliIo } from "./io.js";

/** The prompt over the CLI's stdin and `$VISUAL`/`$EDITOR`: one line reader for the whole run. */
export function cliPrompt(io: Pick<CliIo, "stdin" | "env">): Prompt {
  return { readLine: lineReader(io.stdin), edit: editorFor(io.env) };
}

/** A line reader over the CLI's stdin chunks. */
export function lineReader(input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): () => Promise<string | null> {
  const iterator = (Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : (input as Iterable<string | Uint8Array>)[Symbol.iterator]()) as
    | AsyncIterator<string | Uint8Array>
    | Iterator<string | Uint8Array>;
  const decoder = new TextDecoder();
  let buffer = "";
  let done = false;
  return async () => {
    for (;;) {
      const nl = buffer.indexOf("\n");
      if (nl !== -1) {
        const line = buffer.slice(0, nl).replace(/\r$/, "");
        buffer = buffer.slice(nl + 1);
        return line;
      }
      if (done) {
        if (buffer === "") return null;
        const line = buffer;
        buffer = "";
        return line;
      }
      const next = await iterator.next();
      if (next.done) {
        done = true;
        buffer += decoder.decode();
      } else {
        buffer += typeof next.value === "string" ? next.value : decoder.decode(next.value, { stream: true });
      }
    }
  };
}

/** Open text in `$VISUAL`, `$EDITOR` or `vi`, in a temp file; resolves to the saved text. */
function editorFor(env: Readonly<Record<string, string | undefined>>): (text: string) => Promise<string> {
  return async (text) => {
    const dir = await mkdtemp(join(tmpdir(), "safesort-hunk-"));
    const file = join(dir, "hunk.diff");
    try {
      await writeFile(file, text);
      const editor = env["VISUAL"] || env["EDITOR"] || "vi";
      await new Promise<void>((resolve, reject) => {
        const child = spawn(`${editor} "${file}"`, { stdio: "inherit", shell: true });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${editor} exited with code ${code}`))));
      });
      return await readFile(file, "utf8");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
