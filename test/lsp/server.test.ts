/**
 * The language server, driven as an editor would drive it: `node
 * bin/safesort.js lsp --stdio` (the built CLI) spawned in a temp project,
 * spoken to over stdio with vscode-languageserver's own JSON-RPC client side.
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, InitializeResult, LogMessageParams, TextEdit } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";

import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { makeProject, removeProjects } from "../cli/project.js";
import { startBin } from "../helpers/bin.js";

const UNSORTED_TS = [
  "// Header comment.",
  "",
  'import { useState } from "react";',
  'import { Button } from "@acme/ui";',
  'import { join, dirname } from "node:path";',
  'import { helper } from "./helper";',
  "",
  "export function run() {",
  "  return join(dirname(helper()), String(useState));",
  "}",
  "",
].join("\n");

const SORTED_TS = [
  "// Header comment.",
  "",
  'import { dirname, join } from "node:path";',
  "",
  'import { useState } from "react";',
  "",
  'import { Button } from "@acme/ui";',
  "",
  'import { helper } from "./helper";',
  "",
  "export function run() {",
  "  return join(dirname(helper()), String(useState));",
  "}",
  "",
].join("\n");

const UNSORTED_VUE = '<template>\n  <p>{{ a }}</p>\n</template>\n\n<script setup lang="ts">\nimport b from "b";\nimport a from "a";\n</script>\n';
const SORTED_VUE = '<template>\n  <p>{{ a }}</p>\n</template>\n\n<script setup lang="ts">\nimport a from "a";\nimport b from "b";\n</script>\n';

interface Session {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  readonly logs: LogMessageParams[];
  readonly exitCode: Promise<number | null>;
}

function startServer(cwd: string): Session {
  const child = startBin(["lsp", "--stdio"], cwd);
  const exitCode = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const logs: LogMessageParams[] = [];
  connection.onNotification("window/logMessage", (params: LogMessageParams) => {
    logs.push(params);
  });
  connection.listen();
  return { child, connection, logs, exitCode };
}

async function initialize(session: Session, root: string, documentChanges = false): Promise<InitializeResult> {
  const result = await session.connection.sendRequest<InitializeResult>("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { workspace: { workspaceEdit: { documentChanges } } },
  });
  await session.connection.sendNotification("initialized", {});
  return result;
}

async function open(session: Session, uri: string, languageId: string, text: string, version = 1): Promise<void> {
  await session.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
}

function formatting(session: Session, uri: string): Promise<TextEdit[] | null> {
  return session.connection.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
}

function codeActions(session: Session, uri: string, only?: string[]): Promise<CodeAction[] | null> {
  const zero = { line: 0, character: 0 };
  return session.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: zero, end: zero },
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "typescript", 1, text), [...edits]);
}

/** Characters the edits remove plus characters they insert. */
function editSize(text: string, edits: readonly TextEdit[]): number {
  const doc = TextDocument.create("file:///x", "typescript", 1, text);
  return edits.reduce((n, e) => n + doc.offsetAt(e.range.end) - doc.offsetAt(e.range.start) + e.newText.length, 0);
}

afterAll(removeProjects);

describe("safesort lsp over stdio", () => {
  let root: string;
  let session: Session;
  const uri = (path: string) => pathToFileURL(join(root, path)).href;

  beforeAll(async () => {
    root = await makeProject({ "safesort.config.json": JSON.stringify({ firstParty: ["@acme/*"] }), "src/.keep": "" });
    session = startServer(root);
  });

  afterAll(() => {
    session.child.kill();
  });

  it("initializes with the code action kinds and formatting", async () => {
    const result = await initialize(session, root);
    expect(result.capabilities).toEqual({
      textDocumentSync: 2,
      codeActionProvider: { codeActionKinds: ["source.organizeImports", "source.organizeImports.safesort"] },
      documentFormattingProvider: true,
    });
    expect(result.serverInfo?.name).toBe("safesort");
  });

  it("formatting returns minimal edits that give the sorted text, with the config found for the document's path", async () => {
    await open(session, uri("src/app.ts"), "typescript", UNSORTED_TS);
    const edits = (await formatting(session, uri("src/app.ts")))!;
    expect(apply(UNSORTED_TS, edits)).toBe(SORTED_TS);
    // Nothing outside the import lines (2–5) is touched, and far less than the file is rewritten.
    for (const edit of edits) {
      expect(edit.range.start.line).toBeGreaterThanOrEqual(2);
      expect(edit.range.end.line).toBeLessThanOrEqual(6);
    }
    expect(editSize(UNSORTED_TS, edits)).toBeLessThan(UNSORTED_TS.length / 2);
  });

  it("offers source.organizeImports.safesort for `source.organizeImports`, `source` and its own kind, not for quick fixes", async () => {
    for (const only of [["source.organizeImports"], ["source"], ["source.organizeImports.safesort"], undefined]) {
      const actions = (await codeActions(session, uri("src/app.ts"), only))!;
      expect(actions.map((a) => [a.title, a.kind]), String(only)).toEqual([["Sort imports (safesort)", "source.organizeImports.safesort"]]);
      const edits = actions[0]!.edit!.changes![uri("src/app.ts")]!;
      expect(apply(UNSORTED_TS, edits)).toBe(SORTED_TS);
    }
    expect(await codeActions(session, uri("src/app.ts"), ["quickfix"])).toEqual([]);
  });

  it("follows incremental changes; a sorted document gets no edits and no action", async () => {
    const doc = TextDocument.create(uri("src/app.ts"), "typescript", 1, UNSORTED_TS);
    const edits = (await formatting(session, uri("src/app.ts")))!;
    const contentChanges = [...edits].reverse().map((e) => ({ range: e.range, text: e.newText }));
    await session.connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc.uri, version: 2 }, contentChanges });
    expect(await formatting(session, uri("src/app.ts"))).toEqual([]);
    expect(await codeActions(session, uri("src/app.ts"), ["source.organizeImports"])).toEqual([]);
  });

  it("sorts a .vue document's script block only", async () => {
    await open(session, uri("src/App.vue"), "vue", UNSORTED_VUE);
    const edits = (await formatting(session, uri("src/App.vue")))!;
    expect(apply(UNSORTED_VUE, edits)).toBe(SORTED_VUE);
    for (const edit of edits) expect(edit.range.start.line).toBeGreaterThanOrEqual(5);
  });

  it("an unsaved buffer is sorted by its language id with the workspace's config", async () => {
    await open(session, "untitled:Untitled-1", "typescript", 'import b from "@acme/b";\nimport a from "zod";\n');
    const edits = (await formatting(session, "untitled:Untitled-1"))!;
    expect(apply('import b from "@acme/b";\nimport a from "zod";\n', edits)).toBe('import a from "zod";\n\nimport b from "@acme/b";\n');
  });

  it("a syntax error gives no edits and a logged path:line:col; the server keeps serving", async () => {
    await open(session, uri("src/bad.ts"), "typescript", 'import { b, a from "x";\nimport z from "z";\n');
    expect(await formatting(session, uri("src/bad.ts"))).toEqual([]);
    expect(await codeActions(session, uri("src/bad.ts"))).toEqual([]);
    expect(session.logs.map((l) => l.message.split("\n")[0])).toContain('src/bad.ts:1:15: syntax error: Unexpected token, expected ","');
    expect(session.logs.every((l) => l.type === 2)).toBe(true);
    // Files safesort does not sort, and documents never opened, get nothing.
    await open(session, uri("README.md"), "markdown", "# import b from 'b';\n");
    expect(await formatting(session, uri("README.md"))).toEqual([]);
    expect(await formatting(session, uri("src/never-opened.ts"))).toEqual([]);
  });

  it("shutdown then exit: the process ends with code 0", async () => {
    await session.connection.sendRequest("shutdown");
    await session.connection.sendNotification("exit");
    expect(await session.exitCode).toBe(0);
  });
});

describe("safesort lsp: versioned edits and exit codes", () => {
  it("answers with versioned document edits when the client supports them; exit without shutdown ends with code 1", async () => {
    const root = await makeProject({});
    const session = startServer(root);
    try {
      await initialize(session, root, true);
      const docUri = pathToFileURL(join(root, "a.mjs")).href;
      await open(session, docUri, "javascript", 'import b from "b";\nimport a from "a";\n', 7);
      const [action] = (await codeActions(session, docUri, ["source.organizeImports"]))!;
      expect(action!.edit).toEqual({
        documentChanges: [
          {
            textDocument: { uri: docUri, version: 7 },
            edits: [
              { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: "" },
              { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'import b from "b";\n' },
            ],
          },
        ],
      });
      await session.connection.sendNotification("exit");
      expect(await session.exitCode).toBe(1);
    } finally {
      session.child.kill();
    }
  });

  it("runs in-process through main(): a whole conversation on in-memory stdio", async () => {
    const frame = (message: object) => {
      const body = JSON.stringify({ jsonrpc: "2.0", ...message });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const text = 'import b from "b";\nimport a from "a";\n';
    const conversation = [
      frame({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } }),
      frame({ method: "initialized", params: {} }),
      frame({ method: "textDocument/didOpen", params: { textDocument: { uri: "untitled:1", languageId: "typescript", version: 1, text } } }),
      frame({ id: 2, method: "textDocument/formatting", params: { textDocument: { uri: "untitled:1" }, options: { tabSize: 2, insertSpaces: true } } }),
      frame({ id: 3, method: "shutdown" }),
    ].join("");
    let stdout = "";
    // Like an editor: `exit` only once `shutdown` is answered, and stdin stays open after it
    // (an input that ends makes the server stop at once, with code 1).
    async function* editorStdin() {
      yield conversation;
      while (!stdout.includes('"id":3')) await new Promise((resolve) => setTimeout(resolve, 5));
      yield frame({ method: "exit" });
      await new Promise(() => undefined);
    }
    const io: CliIo = {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: () => undefined },
      stdin: editorStdin(),
      cwd: await makeProject({}),
      isTTY: false,
      env: {},
    };
    expect(await main(["lsp"], io)).toBe(0);
    const bodies = stdout.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map((b) => JSON.parse(b) as { id?: number; result?: unknown });
    const formatted = bodies.find((b) => b.id === 2)!.result as TextEdit[];
    expect(apply(text, formatted)).toBe('import a from "a";\nimport b from "b";\n');
    expect(bodies.find((b) => b.id === 3)).toEqual({ jsonrpc: "2.0", id: 3, result: null });
  });
});
