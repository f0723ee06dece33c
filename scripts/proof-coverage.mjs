#!/usr/bin/env node
// Which files of a tree the head proof (src/pipeline/fast-path.ts) settles
// without a parser, and why the others leave it: counts per reason, with
// examples, and for a failed tail proof the last word it could not dismiss.
// Uses the built library (dist/src: `npm run build` first).
//
//   node scripts/proof-coverage.mjs DIR [--list]
//
// Reasons: proved sorted (with imports, or without any possible declaration);
// the head would change (the file needs sorting: parsed whole, as it must);
// skip-file or a Flow pragma; the head scanner gave up; the statement after
// the last import does not end on its line; the tail proof failed (an import
// or re-export may start further down).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const load = (path) => import(pathToFileURL(join(REPO, "dist", "src", path)).href);
const [{ headVerdict }, { scanHead }, { noDeclarationFrom }, { mayDeclare, lineEndAfter, endsOnBoundary }, { ConfigResolver }, { SOURCE_EXTENSIONS }] =
  await Promise.all([
    load("pipeline/fast-path.js"),
    load("parse/head.js"),
    load("parse/tail.js"),
    load("parse/prefix.js"),
    load("config/index.js"),
    load("files/discover.js"),
  ]);

const dir = resolve(process.argv[2] ?? ".");
const list = process.argv.includes("--list");
const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

function* files(root) {
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === "node_modules" || entry.name === ".git") continue;
    const path = join(root, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) yield path;
  }
}

/** The last `import`/`export` at or after `from` that the tail proof cannot dismiss (every one after it is dismissed), with some context. */
function lastDoubt(source, from) {
  const word = /\b(?:import|export)\b/g;
  word.lastIndex = from;
  const starts = [];
  for (let m = word.exec(source); m !== null; m = word.exec(source)) starts.push(m.index);
  for (const at of starts.reverse()) {
    if (!noDeclarationFrom(source, at)) {
      const line = source.slice(0, at).split("\n").length;
      return `line ${line}: ${JSON.stringify(source.slice(Math.max(0, at - 20), at + 40))}`;
    }
  }
  return "";
}

const resolver = new ConfigResolver();
const counts = new Map();
const examples = new Map();
let total = 0;
for (const abs of files(dir)) {
  const path = relative(dir, abs);
  total++;
  let reason;
  let detail = "";
  if (!SCRIPT.test(path)) reason = "framework file (script blocks cut out first)";
  else {
    const source = readFileSync(abs, "utf8").replace(/^\uFEFF/, "");
    const verdict = headVerdict(source, path, await resolver.forFile(abs));
    if (verdict === "sorted") reason = mayDeclare(source) ? "proved sorted" : "proved sorted (no possible declaration)";
    else if (verdict === "unsorted") reason = "the head would change (parsed whole)";
    else if (/safesort:\s*skip-file\b/.test(source)) reason = "safesort: skip-file";
    else if (/@(?:no)?flow\b/.test(source.slice(0, 4096))) reason = "Flow pragma";
    else {
      const head = scanHead(source, /\.(?:[cm]?ts|tsx)$/i.test(path));
      const last = head?.statements.at(-1);
      const cut = !head ? undefined : !last ? head.end : head.end === source.length ? source.length : lineEndAfter(source, last.end);
      if (!head) reason = "the head scanner gave up";
      else if (cut === undefined || (last && cut < source.length && !endsOnBoundary(source, head.statements, cut))) reason = "the last import does not end on its line";
      else {
        reason = "the tail proof failed";
        detail = lastDoubt(source, cut);
      }
    }
  }
  counts.set(reason, (counts.get(reason) ?? 0) + 1);
  if (!examples.has(reason)) examples.set(reason, []);
  examples.get(reason).push(detail ? `${path}  ${detail}` : path);
}

console.log(`${total} files under ${dir}\n`);
for (const [reason, n] of [...counts].sort((a, b) => b[1] - a[1])) {
  console.log(`${String(n).padStart(6)}  ${reason}`);
  const shown = reason.startsWith("proved") ? [] : examples.get(reason).slice(0, list ? Infinity : 5);
  for (const example of shown) console.log(`          ${example}`);
}
