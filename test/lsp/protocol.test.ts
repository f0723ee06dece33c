/**
 * The real server over stdio (the built CLI) against a hostile client: each
 * way a frame can be broken, the LSP lifecycle out of order, a NUL in the
 * buffer, and the ways the server may end (and the one it may not: never
 * silently, never on bad input).
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

import { makeProject, removeProjects, runMain } from "../cli/project.js";

import { frame, json, logged, startWire, type Wire } from "./wire.js";

const UNSORTED = 'import b from "b";\nimport a from "a";\n';
const FORMAT_OPTIONS = { tabSize: 2, insertSpaces: true };

afterAll(removeProjects);

let wire: Wire | undefined;
afterEach(() => wire?.kill());

async function started(files: Record<string, string> = {}): Promise<{ root: string; server: Wire }> {
  const root = await makeProject(files);
  wire = startWire(root);
  return { root, server: wire };
}

const shutdown = json({ id: "bye", method: "shutdown" });
const nonAscii = json({ id: "bye", method: "shutdown", params: null, note: "naïve ☃ — ünïcödé" } as object);

describe("safesort lsp over stdio: a broken frame never leaves the server deaf", () => {
  it.each([
    ["Content-Length too short", frame(shutdown, Buffer.byteLength(shutdown) - 5)],
    ["Content-Length too long, then another frame", frame(shutdown, Buffer.byteLength(shutdown) + 12) + frame(json({ method: "$/noop" }))],
    ["Content-Length too long on the last frame", frame(shutdown, Buffer.byteLength(shutdown) + 12)],
    ["Content-Length missing", `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${shutdown}`],
    ["Content-Length counted in UTF-16 units on a non-ASCII body", frame(nonAscii, nonAscii.length)],
  ])("%s: the message is answered, the error is logged (client and stderr), shutdown and exit work", async (_name, broken) => {
    const { root, server } = await started();
    await server.initialize(root);
    server.raw(broken);
    expect((await server.response("bye")).result).toBeNull();
    expect(logged(server).some((m) => m.startsWith("safesort lsp: framing error: "))).toBe(true);
    await vi.waitFor(() => expect(server.stderr()).toMatch(/^safesort lsp: framing error: /m), { timeout: 5000 });
    server.notify("exit");
    expect(await server.exited).toBe(0);
  });

  it("garbage between frames is skipped and reported; the next request is answered", async () => {
    const { root, server } = await started();
    await server.initialize(root);
    server.raw("this is not a header\r\n\r\n{{{{");
    server.request(1, "shutdown");
    expect((await server.response(1)).result).toBeNull();
    expect(logged(server).some((m) => m.includes("framing error: not a header"))).toBe(true);
  });
});

describe("safesort lsp over stdio: the LSP 3.17 lifecycle", () => {
  it("-32002 before initialize, -32700 for malformed JSON, -32600 for a second initialize and after shutdown", async () => {
    const { root, server } = await started();
    server.request(1, "textDocument/formatting", { textDocument: { uri: "untitled:1" }, options: FORMAT_OPTIONS });
    server.request(2, "shutdown");
    expect((await server.response(1)).error).toMatchObject({ code: -32002 });
    expect((await server.response(2)).error).toMatchObject({ code: -32002 });
    // A notification before initialize is dropped: the document was never opened.
    server.notify("textDocument/didOpen", { textDocument: { uri: "untitled:1", languageId: "typescript", version: 1, text: UNSORTED } });
    const init = await server.initialize(root);
    expect(init.result).toMatchObject({ serverInfo: { name: "safesort" } });
    server.request(3, "textDocument/formatting", { textDocument: { uri: "untitled:1" }, options: FORMAT_OPTIONS });
    expect((await server.response(3)).result).toEqual([]);

    server.raw(frame('{"jsonrpc":"2.0","id":4,"method":'));
    const parseError = await server.waitFor((m) => m.id === null && m.error !== undefined, 10_000, "the parse error");
    expect(parseError.error).toMatchObject({ code: -32700 });
    server.raw(frame("[]"));
    await server.waitFor((m) => m.id === null && m.error?.code === -32600, 10_000, "the invalid request error");

    server.request(5, "initialize", { processId: null, rootUri: null, capabilities: {} });
    expect((await server.response(5)).error).toMatchObject({ code: -32600, message: "initialize was already received" });

    server.request(6, "shutdown");
    expect((await server.response(6)).result).toBeNull();
    server.request(7, "textDocument/formatting", { textDocument: { uri: "untitled:1" }, options: FORMAT_OPTIONS });
    server.request(8, "shutdown");
    expect((await server.response(7)).error).toMatchObject({ code: -32600 });
    expect((await server.response(8)).error).toMatchObject({ code: -32600 });
    server.notify("exit");
    expect(await server.exited).toBe(0);
  });

  it("exit before initialize ends with code 1", async () => {
    const { server } = await started();
    server.notify("exit");
    expect(await server.exited).toBe(1);
  });
});

describe("safesort lsp over stdio: when the server ends", () => {
  it("stdin closing ends it (code 1 without shutdown)", async () => {
    const { root, server } = await started();
    await server.initialize(root);
    server.child.stdin!.end();
    expect(await server.exited).toBe(1);
  });

  it("the client's process (processId) dying ends it", async () => {
    const { root, server } = await started();
    const parent = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    await server.initialize(root, { processId: parent.pid });
    server.request(1, "textDocument/formatting", { textDocument: { uri: "untitled:x" }, options: FORMAT_OPTIONS });
    expect((await server.response(1)).result).toEqual([]);
    parent.kill("SIGKILL");
    expect(await server.exited).toBe(1);
  });

  it("bad input alone never ends it: after a stream of it, it still sorts", async () => {
    const { root, server } = await started();
    await server.initialize(root);
    const uri = pathToFileURL(join(root, "a.ts")).href;
    server.raw(Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a]));
    server.raw(frame("null") + frame('{"jsonrpc":"2.0"}') + frame(json({ id: 1, method: "textDocument/codeAction", params: {} })));
    server.raw(frame(json({ method: "textDocument/didOpen", params: { textDocument: { uri } } })));
    server.raw(frame(json({ id: 2, method: "textDocument/formatting", params: { textDocument: { uri: 42 } } })));
    server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text: UNSORTED } });
    server.request(3, "textDocument/formatting", { textDocument: { uri }, options: FORMAT_OPTIONS });
    expect((await server.response(3)).result).not.toEqual([]);
    expect(server.child.exitCode).toBeNull();
  });
});

describe("safesort lsp over stdio: one rule with the CLI", () => {
  it("a NUL in a comment or string: no edits and the CLI's own message and location", async () => {
    const text = 'import b from "b";\n// nul: \0 here\nimport a from "a";\nconst s = "\0";\n';
    const { root, server } = await started();
    await writeFile(join(root, "nul.ts"), text);
    const cli = await runMain(["--check", "nul.ts"], root);
    expect(cli.code).toBe(2);
    expect(cli.stderr.split("\n")[0]).toBe("nul.ts:2:9: binary file: contains a NUL byte");
    await server.initialize(root);
    const uri = pathToFileURL(join(root, "nul.ts")).href;
    server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    server.request(1, "textDocument/formatting", { textDocument: { uri }, options: FORMAT_OPTIONS });
    expect((await server.response(1)).result).toEqual([]);
    expect(logged(server)).toContain("nul.ts:2:9: binary file: contains a NUL byte");
  });
});
