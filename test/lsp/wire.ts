/**
 * A raw stdio client for the language server tests: spawns the built CLI
 * (`node bin/safesort.js lsp`), writes bytes exactly as given (so a test can
 * send broken frames) and parses what the server writes back, frame by frame,
 * with its own strict reader (a wrong Content-Length from the server fails
 * the test).
 */
import type { ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";

import { startBin } from "../helpers/bin.js";

export interface WireMessage {
  readonly jsonrpc: "2.0";
  readonly id?: number | string | null;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: unknown };
}

export interface Wire {
  readonly child: ChildProcess;
  /** Every message the server sent, in order. */
  readonly received: WireMessage[];
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Everything the server wrote to stderr. */
  stderr(): string;
  /** Write raw text (or bytes) to the server's stdin. */
  raw(data: string | Uint8Array): void;
  /** Write one well-framed message. */
  send(message: object): void;
  request(id: number | string, method: string, params?: unknown): void;
  notify(method: string, params?: unknown): void;
  /** The response to request `id`, waiting for it. */
  response(id: number | string, timeoutMs?: number): Promise<WireMessage>;
  /** The first message (already received or yet to come) matching `test`. */
  waitFor(test: (message: WireMessage) => boolean, timeoutMs?: number, what?: string): Promise<WireMessage>;
  /** `initialize` (id "init") and `initialized`, with `rootUri` and optional `processId`. */
  initialize(root: string, extra?: Record<string, unknown>): Promise<WireMessage>;
  /** Kill the server if it is still running. */
  kill(): void;
}

/** A frame around `body` with its length in bytes, or the length given. */
export function frame(body: string, length = Buffer.byteLength(body)): string {
  return `Content-Length: ${length}\r\n\r\n${body}`;
}

export function json(message: object): string {
  return JSON.stringify({ jsonrpc: "2.0", ...message });
}

export function startWire(cwd: string, args: readonly string[] = []): Wire {
  const child = startBin(["lsp", ...args], cwd);
  const received: WireMessage[] = [];
  const waiters = new Set<() => void>();
  let stderr = "";
  let pending = Buffer.alloc(0);
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdin!.on("error", () => undefined); // writing to a server that exited is what some tests do
  child.stdout!.on("data", (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const headerEnd = pending.indexOf("\r\n\r\n");
      if (headerEnd === -1) return;
      const header = pending.subarray(0, headerEnd).toString("ascii");
      const match = /^Content-Length: (\d+)$/im.exec(header);
      if (!match) throw new Error(`server sent a frame without Content-Length: ${header}`);
      const length = Number(match[1]);
      if (pending.length < headerEnd + 4 + length) return;
      const body = pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      pending = pending.subarray(headerEnd + 4 + length);
      received.push(JSON.parse(body) as WireMessage);
      for (const wake of [...waiters]) wake();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  void exited.then(() => {
    for (const wake of [...waiters]) wake();
  });
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const waitFor = (test: (message: WireMessage) => boolean, timeoutMs = 10_000, what = "a message"): Promise<WireMessage> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = received.find(test);
        if (found) {
          done();
          resolve(found);
        } else if (exitCode !== undefined) {
          done();
          reject(new Error(`server exited (${exitCode}) before ${what}; stderr: ${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(received).slice(0, 2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const wire: Wire = {
    child,
    received,
    exited,
    stderr: () => stderr,
    raw: (data) => void child.stdin!.write(data),
    send: (message) => void child.stdin!.write(frame(json(message))),
    request: (id, method, params) => wire.send(params === undefined ? { id, method } : { id, method, params }),
    notify: (method, params) => wire.send(params === undefined ? { method } : { method, params }),
    response: (id, timeoutMs) => waitFor((m) => m.id === id && m.method === undefined, timeoutMs, `the response to ${JSON.stringify(id)}`),
    waitFor,
    initialize: async (root, extra = {}) => {
      wire.request("init", "initialize", { processId: null, rootUri: pathToFileURL(root).href, capabilities: {}, ...extra });
      const answer = await wire.response("init");
      wire.notify("initialized", {});
      return answer;
    },
    kill: () => {
      if (exitCode === undefined) child.kill();
    },
  };
  return wire;
}

/** Messages the server logged (`window/logMessage`), as text. */
export function logged(wire: Wire): string[] {
  return wire.received.filter((m) => m.method === "window/logMessage").map((m) => (m.params as { message: string }).message);
}
