/**
 * The real server over stdio under an editor's load: a pipelined burst of
 * code actions on a large file with cancellations among them, a newer
 * version superseding queued work, and a config that turns invalid and is
 * fixed while the server runs.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { TextEdit } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";

import { makeProject, removeProjects, runMain } from "../cli/project.js";

import { frame, json, startWire, type Wire, type WireMessage } from "./wire.js";

afterAll(removeProjects);

let wire: Wire | undefined;
afterEach(() => wire?.kill());

/** ~220 KiB of TypeScript: 150 unsorted imports, then code. */
function largeSource(): string {
  const imports = Array.from({ length: 150 }, (_, i) => `import { f${i} } from "pkg-${(i * 37) % 150}";`);
  const code = Array.from({ length: 3000 }, (_, i) => `export function g${i}(x: number): number {\n  return f${i % 150}(x) + ${i};\n}\n`);
  return `${imports.join("\n")}\n\n${code.join("\n")}`;
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x.ts", "typescript", 1, text), [...edits]);
}

function codeAction(id: number | string, uri: string, only?: string[]): string {
  const zero = { line: 0, character: 0 };
  return frame(json({ id, method: "textDocument/codeAction", params: { textDocument: { uri }, range: { start: zero, end: zero }, context: { diagnostics: [], ...(only ? { only } : {}) } } }));
}

const editsOf = (answer: WireMessage, uri: string) => (answer.result as { edit: { changes: Record<string, TextEdit[]> } }[])[0]!.edit.changes[uri]!;

describe("safesort lsp over stdio under load", () => {
  it("200 pipelined code actions, 60 cancelled: the cancelled get -32800, the rest one identical answer; a newer version supersedes queued work", async () => {
    const root = await makeProject({});
    const server = startWire(root);
    wire = server;
    await server.initialize(root);
    const uri = pathToFileURL(join(root, "big.ts")).href;
    const text = largeSource();
    expect(Buffer.byteLength(text)).toBeGreaterThan(200 * 1024);
    const sorted = (await runMain(["--stdin-filepath", "big.ts"], root, { stdin: text })).stdout;
    expect(sorted).not.toBe(text);
    server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });

    const cancelled = new Set(Array.from({ length: 60 }, (_, i) => 1 + i * 3));
    let burst = "";
    for (let id = 1; id <= 200; id++) {
      burst += codeAction(id, uri, ["source.organizeImports"]);
      if (cancelled.has(id)) burst += frame(json({ method: "$/cancelRequest", params: { id } }));
    }
    burst += codeAction("cheap", uri, ["quickfix"]);
    server.raw(burst);

    expect((await server.response("cheap", 60_000)).result).toEqual([]);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => server.response(i + 1, 60_000)));
    for (const answer of answers) {
      if (cancelled.has(answer.id as number)) expect(answer.error, String(answer.id)).toMatchObject({ code: -32800 });
      else expect(answer.result, String(answer.id)).toEqual(answers[1]!.result);
    }
    expect(apply(text, editsOf(answers[1]!, uri))).toBe(sorted);

    // Version 2 (a new first line), then a request for it pipelined with the change to version 3:
    // the queued work for version 2 is answered -32801; version 3 gets its own edits.
    const change = (version: number, line: string) =>
      frame(json({ method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: line }] } }));
    server.raw(change(2, "// two\n"));
    server.raw(codeAction("v2", uri) + change(3, "// three\n") + codeAction("v3", uri));
    expect((await server.response("v2", 60_000)).error).toMatchObject({ code: -32801 });
    expect(apply(`// three\n// two\n${text}`, editsOf(await server.response("v3", 60_000), uri))).toBe(`// three\n// two\n${sorted}`);
  });

  it("an invalid config is shown once per change, with its path:line:col; fixing it says so and sorting resumes", async () => {
    const root = await makeProject({ "safesort.config.json": '{\n  "firstParty": 5\n}\n' });
    const server = startWire(root);
    wire = server;
    await server.initialize(root);
    const uri = pathToFileURL(join(root, "a.ts")).href;
    server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text: 'import b from "b";\nimport a from "a";\n' } });
    const shown = () => server.received.filter((m) => m.method === "window/showMessage").map((m) => m.params as { type: number; message: string });
    let id = 0;
    const formatTwice = async () => {
      for (const n of [++id, ++id]) server.request(n, "textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      return [(await server.response(id - 1)).result, (await server.response(id)).result];
    };

    expect(await formatTwice()).toEqual([[], []]);
    expect(await formatTwice()).toEqual([[], []]);
    const config = join(root, "safesort.config.json");
    expect(shown()).toEqual([{ type: 1, message: expect.stringMatching(new RegExp(`^safesort: invalid config.*: ${config}:2:\\d+: firstParty`)) }]);

    await writeFile(config, '{\n  "firstParty": ["a"]\n}\n');
    expect((await formatTwice())[0]).not.toEqual([]);
    expect(shown().slice(1)).toEqual([{ type: 3, message: `safesort: ${config} is valid again` }]);

    await writeFile(config, '{\n  "firstParty": ["a"],\n}\n');
    expect(await formatTwice()).toEqual([[], []]);
    expect(shown().slice(2)).toEqual([{ type: 1, message: expect.stringMatching(new RegExp(`^safesort: invalid config.*: ${config}:\\d+:\\d+: `)) }]);
  });
});
