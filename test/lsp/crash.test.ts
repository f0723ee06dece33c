/**
 * Input that once took the language server down: `file:` URIs that name no
 * local path (a UNC host, an encoded `/`), as a document and as the root.
 * Driven over stdio against the built CLI; after each, the server still answers.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { TextEdit } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";

import { makeProject, removeProjects } from "../cli/project.js";

import { logged, startWire, type Wire } from "./wire.js";

const UNSORTED = 'import b from "b";\nimport a from "a";\n';
const CRASH_URIS = ["file://server/share/x.ts", "file:///srv/app/a%2Fb.ts"];

afterAll(removeProjects);

describe("safesort lsp: URIs that name no local path", () => {
  let wire: Wire | undefined;
  afterEach(() => wire?.kill());

  it.each(CRASH_URIS)("a document at %s gets no edits, a logged reason, and the server keeps serving", async (uri) => {
    const root = await makeProject({});
    wire = startWire(root);
    await wire.initialize(root);
    wire.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text: UNSORTED } });
    wire.request(1, "textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    wire.request(2, "textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    expect((await wire.response(1)).result).toEqual([]);
    expect((await wire.response(2)).result).toEqual([]);
    expect(logged(wire).some((m) => m.startsWith(`cannot use ${uri}: `))).toBe(true);
    // Still alive, and a good document next to it is sorted.
    const good = `file://${root}/a.ts`;
    wire.notify("textDocument/didOpen", { textDocument: { uri: good, languageId: "typescript", version: 1, text: UNSORTED } });
    wire.request(3, "textDocument/formatting", { textDocument: { uri: good }, options: { tabSize: 2, insertSpaces: true } });
    expect((await wire.response(3)).result).not.toEqual([]);
    wire.request(4, "shutdown");
    await wire.response(4);
    wire.notify("exit");
    expect(await wire.exited).toBe(0);
  });

  it.each(CRASH_URIS)("%s as rootUri or workspace folder: initialize succeeds with the working directory as root", async (uri) => {
    const root = await makeProject({ "safesort.config.json": JSON.stringify({ firstParty: ["a"] }) });
    for (const params of [{ rootUri: uri }, { rootUri: null, workspaceFolders: [{ uri, name: "share" }] }]) {
      const server = startWire(root);
      wire = server;
      const answer = await server.initialize(root, params);
      expect(answer.error).toBeUndefined();
      expect(answer.result).toMatchObject({ serverInfo: { name: "safesort" } });
      expect(logged(server).some((m) => m.includes(`using ${root} as the workspace root`))).toBe(true);
      // The fallback root's config applies to an unsaved buffer: "a" is first-party.
      server.notify("textDocument/didOpen", { textDocument: { uri: "untitled:1", languageId: "typescript", version: 1, text: UNSORTED } });
      server.request(1, "textDocument/formatting", { textDocument: { uri: "untitled:1" }, options: { tabSize: 2, insertSpaces: true } });
      const edits = (await server.response(1)).result as TextEdit[];
      expect(TextDocument.applyEdits(TextDocument.create("untitled:1", "typescript", 1, UNSORTED), edits)).toBe('import b from "b";\n\nimport a from "a";\n');
      server.kill();
    }
  });
});
