#!/usr/bin/env node
/**
 * Soak test of the language server (not run in CI): the built CLI's
 * `safesort lsp` driven over stdio as an editor would be, with EDITS
 * (default 10,000) incremental edits over FILES (default 50) real files,
 * and requests interleaved with them: a code action after every 4th edit
 * (editors ask on each cursor move), formatting after every 20th, a cheap
 * quick-fix code action after every 10th. Edits are pipelined in batches of
 * 20 (typing outruns the server), then the batch's answers are awaited.
 *
 *   npm run build && node bench/lsp-soak.mjs [EDITS] [FILES]
 *
 * Files come from the benchmark corpus (npm run bench:corpus) when it is
 * there, else from this repository's src/. The edits: typing into a comment
 * at the end of the file, an import line inserted at the top every 10th edit,
 * removed again every 25th, so sorting has work to do. Seeded: every run
 * sends the same edits.
 *
 * Reports the latency of each kind of request (p50, p95, max; a request
 * answered -32801 because a newer edit superseded it counts, it is what the
 * editor sees), how many were superseded, the server's RSS (VmRSS) after the
 * files are opened and at the end, and its peak (VmHWM).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";

const EDITS = Number(process.argv[2] ?? 10_000);
const FILES = Number(process.argv[3] ?? 50);
const BATCH = 20;
const repo = join(import.meta.dirname, "..");
const corpus = "/tmp/safesort-bench/corpus";
const sourceRoot = existsSync(corpus) ? corpus : join(repo, "src");

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) yield path;
  }
}

/** Files with at least two imports, spread over the tree, sorted by path for a stable pick. */
const candidates = [...walk(sourceRoot)].sort().filter((path) => statSync(path).size < 200_000 && (readFileSync(path, "utf8").match(/^import /gm) ?? []).length >= 2);
const step = Math.max(1, Math.floor(candidates.length / FILES));
const files = candidates.filter((_, i) => i % step === 0).slice(0, FILES);

let seed = 17;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const child = spawn(process.execPath, [join(repo, "bin", "safesort.js"), "lsp"], { cwd: sourceRoot, stdio: ["pipe", "pipe", "inherit"] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
connection.onNotification(() => undefined);
connection.listen();

function memory() {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(sourceRoot).href, capabilities: {} });
await connection.sendNotification("initialized", {});
const docs = files.map((path) => {
  const lines = readFileSync(path, "utf8").split("\n");
  return { uri: pathToFileURL(path).href, lines: [...lines, "// "], version: 1, inserted: 0 };
});
for (const doc of docs) {
  const languageId = /\.tsx?$/.test(doc.uri) ? (doc.uri.endsWith("x") ? "typescriptreact" : "typescript") : "javascript";
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: doc.uri, languageId, version: 1, text: doc.lines.join("\n") } });
}
// One formatting per file first, so that every file's parser and config are warm.
await Promise.all(docs.map((doc) => connection.sendRequest("textDocument/formatting", { textDocument: { uri: doc.uri }, options: { tabSize: 2, insertSpaces: true } })));
const start = memory();

/** One edit to `doc`, as an LSP content change, applied to its local copy. */
function edit(doc, n) {
  const last = doc.lines.length - 1;
  if (n % 25 === 0 && doc.inserted > 0) {
    doc.inserted--;
    doc.lines.splice(0, 1);
    return { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: "" };
  }
  if (n % 10 === 0) {
    doc.inserted++;
    const line = `import { soak${n} } from "soak-${Math.floor(random() * 1000)}";`;
    doc.lines.unshift(line);
    return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${line}\n` };
  }
  const character = doc.lines[last].length;
  const typed = "abcdefghij klmnop"[Math.floor(random() * 17)];
  doc.lines[last] += typed;
  return { range: { start: { line: last, character }, end: { line: last, character } }, text: typed };
}

const latencies = { codeAction: [], formatting: [], cheap: [] };
let superseded = 0;
let cancelled = 0;
let failed = 0;
function timed(kind, method, params) {
  const sent = performance.now();
  return connection.sendRequest(method, params).then(
    () => latencies[kind].push(performance.now() - sent),
    (error) => {
      latencies[kind].push(performance.now() - sent);
      if (error.code === -32801) superseded++;
      else if (error.code === -32800) cancelled++;
      else failed++;
    },
  );
}

const zero = { line: 0, character: 0 };
const began = performance.now();
for (let n = 1; n <= EDITS; n += BATCH) {
  const pending = [];
  for (let k = n; k < n + BATCH && k <= EDITS; k++) {
    const doc = docs[Math.floor(random() * docs.length)];
    doc.version++;
    void connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [edit(doc, k)] });
    const textDocument = { uri: doc.uri };
    if (k % 4 === 0) pending.push(timed("codeAction", "textDocument/codeAction", { textDocument, range: { start: zero, end: zero }, context: { diagnostics: [], only: ["source.organizeImports"] } }));
    if (k % 20 === 0) pending.push(timed("formatting", "textDocument/formatting", { textDocument, options: { tabSize: 2, insertSpaces: true } }));
    if (k % 10 === 0) pending.push(timed("cheap", "textDocument/codeAction", { textDocument, range: { start: zero, end: zero }, context: { diagnostics: [], only: ["quickfix"] } }));
  }
  await Promise.all(pending);
}
const seconds = (performance.now() - began) / 1000;
const end = memory();
await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
const code = await new Promise((resolve) => child.on("exit", resolve));

const percentile = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;
const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`safesort lsp soak: ${EDITS} edits over ${docs.length} files from ${sourceRoot}, ${seconds.toFixed(1)} s (Node ${process.version})`);
for (const [kind, values] of Object.entries(latencies)) {
  console.log(`  ${kind.padEnd(10)} ${String(values.length).padStart(5)} requests  p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  max ${ms(Math.max(...values))}`);
}
console.log(`  superseded (-32801) ${superseded}, cancelled ${cancelled}, other errors ${failed}`);
console.log(`  RSS after opening ${start.rss.toFixed(0)} MB, at the end ${end.rss.toFixed(0)} MB, peak ${end.peak.toFixed(0)} MB; exit code ${code}`);
if (failed > 0 || code !== 0) process.exitCode = 1;
