#!/usr/bin/env node
// Other import sorters' own test suites, run through safesort as a new user
// would (issue #16): the real CLI (bin/safesort.js) in write mode on a copy
// of every input, then
//
//   - a second write run must change nothing (idempotence);
//   - `--check` on a fresh copy must name exactly the files write mode changed;
//   - where the peer's suite says what it expects (Biome's snapshots,
//     simple-import-sort's `output`; a `valid` case expects no change), the
//     result is compared with it, and every input safesort sorts differently
//     is listed under a reason, decided by the rules in `categorize` (the
//     first that applies) and otherwise marked for reading the diff.
//
// The suites are not in this repository: save them under one directory, one
// folder per peer (see scripts/peer-suites-extract.mjs for the shapes read).
// Usage: node scripts/peer-suites.mjs [dir = /tmp/peer-suites] [--diff] [--json]
// Exits 1 when an invariant fails (not when safesort differs from a peer).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { createTwoFilesPatch } from "diff";

import { caseFromSnap, casesFromFormatSnapshot, casesFromRuleTester } from "./peer-suites-extract.mjs";

const BIN = fileURLToPath(new URL("../bin/safesort.js", import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
const args = process.argv.slice(2);
const root = args.find((a) => !a.startsWith("--")) ?? "/tmp/peer-suites";
const showDiff = args.includes("--diff");

/** Every case under `root`: { id, ext, input, expected?, options? }. */
function loadCases(dir) {
  const cases = [];
  const walk = (at) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const id = relative(dir, path);
      if (name.endsWith(".spec.ts.snap") || name.endsWith(".spec.js.snap")) {
        const folder = relative(dir, dirname(dirname(path)));
        for (const c of casesFromFormatSnapshot(readFileSync(path, "utf8"))) cases.push({ ...c, id: join(folder, c.name) });
      } else if (name.endsWith(".snap")) {
        const c = caseFromSnap(readFileSync(path, "utf8"));
        if (c) cases.push({ ...c, id: id.replace(/\.\w+\.snap$/, "").replace(/\.snap$/, "") });
      } else if (name.endsWith(".test.js")) {
        casesFromRuleTester(path).forEach((c, i) => cases.push({ ...c, id: `${id.replace(/\.test\.js$/, "")}-${c.kind}-${String(i + 1).padStart(3, "0")}` }));
      } else if (SOURCE.test(name) && !/\.expected\.\w+$/.test(name)) {
        const base = path.replace(/\.[^.]+$/, "");
        const ext = name.slice(name.lastIndexOf(".") + 1);
        const expected = tryRead(`${base}.expected.${ext}`);
        const options = tryRead(`${base}.options.json`);
        cases.push({ id: id.replace(/\.[^.]+$/, ""), ext, input: readFileSync(path, "utf8"), expected, options: options && JSON.parse(options) });
      }
    }
  };
  walk(dir);
  return cases;
}

function tryRead(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Run the CLI with --json in `cwd`; the per-file statuses by path. */
function safesort(argv, cwd) {
  const run = spawnSync(process.execPath, [BIN, "--json", "--no-cache", ...argv], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const report = JSON.parse(run.stdout);
  return new Map(report.files.map((f) => [f.path, f]));
}

function writeCases(cases, dir) {
  for (const c of cases) {
    const path = join(dir, `${c.id}.${c.ext}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, c.input);
  }
}

/** The text as a printer would compare it: one quote style, no white space, `;` or `,`. */
const printed = (text) => text.replace(/'/g, '"').replace(/[\s;,]+/g, "");
/** The module strings of the text's imports and re-exports, in order. */
const modules = (text) => [...text.matchAll(/\bfrom\s*(["'][^"']*["'])/g)].map((m) => m[1]).join(" ");
const blankLines = (text) => text.split("\n").map((l, i) => (l.trim() === "" ? i : "")).join(",");
const nonBlank = (text) => text.split("\n").filter((l) => l.trim() !== "");
const firstLine = (text) => text.replace(/^#!.*\n/, "").split("\n")[0];
const SIDE_EFFECT = /^\s*import\s*["']/;
const statements = (text) => nonBlank(text).filter((l) => /^\s*(?:import|export)\b/.test(l));

/** Why safesort's output differs from the peer's, by the first rule that applies. */
function categorize(c, out, barriers) {
  if (c.options) return "peer ran it with options (its own groups or order config)";
  // An import line without `;` followed (blank lines allowed) by a line starting with `;`.
  const leadingSemicolon = /^[ \t]*import\b[^;\n]*\n(?:[ \t]*\n)*[ \t]*;/m.test(c.input);
  if (statements(c.expected).length < statements(c.input).length) return "peer merges imports of one module (safesort never merges)";
  if (out === c.input) {
    const kept = barriers.filter((r) => !r.startsWith("statement (") && r !== "side-effect import");
    if (kept.length > 0) return `safesort keeps a barrier: ${[...new Set(kept)].join("; ")}`;
    if (leadingSemicolon) return "semicolon-free: safesort leaves it as it is";
    if (barriers.includes("side-effect import")) return "peer moves a side-effect import; safesort keeps barriers";
    if (barriers.some((r) => r.startsWith("statement ("))) return "peer sorts across other statements; safesort keeps barriers";
    if (printed(c.input) === printed(c.expected)) return "peer reprints the code (prettier: quotes, semicolons, commas, line breaks)";
    const noAttributes = (text) => printed(text.replace(/\b(?:with|assert)\s*\{[^}]*\}/g, ""));
    if (noAttributes(c.input) === noAttributes(c.expected)) return "peer sorts import attributes (`with { … }` keys); safesort keeps them";
    if (modules(c.input) === modules(c.expected)) return "names inside braces: safesort leaves a list with comments or mixed layout as it is";
    return "peer uses a different order; safesort finds it sorted";
  }
  if (/(?:biome-ignore|eslint-disable)[^\n]*(?:organizeImports|simple-import-sort)|prettier-ignore/.test(c.input)) {
    return "peer honours its own suppression comment; safesort only `safesort: skip`";
  }
  if (c.expected === c.input) return "peer leaves it as it is; safesort sorts (different order or grouping)";
  const blankBetweenImports = /^[ \t]*import\b[^\n]*\n[ \t]*\n(?:[ \t]*\/\/[^\n]*\n)*[ \t]*import\b/m.test(c.input);
  if (blankBetweenImports && blankLines(c.input) === blankLines(c.expected) && blankLines(out) !== blankLines(c.input)) {
    return "peer keeps blank lines as chunk boundaries; safesort sorts across them";
  }
  if (leadingSemicolon) return "semicolon-free";
  if (/^\s*(?:\/\/|\/\*)/.test(c.input.replace(/^#!.*\n/, ""))) {
    const [i, o, e] = [firstLine(c.input), firstLine(out), firstLine(c.expected)];
    if (o === i && e !== i) return "first comment kept on top (the peer moves it)";
    if (e === i && o !== i) return "first comment moved by safesort (peer keeps it on top)";
  }
  const sideOut = statements(out).map((l, k) => (SIDE_EFFECT.test(l) ? `${k}:${l}` : "")).join("\n");
  const sideExp = statements(c.expected).map((l, k) => (SIDE_EFFECT.test(l) ? `${k}:${l}` : "")).join("\n");
  if (sideOut !== sideExp) return "peer moves a side-effect import; safesort keeps barriers";
  if (out.replace(/\s+/g, "") === c.expected.replace(/\s+/g, "")) {
    return nonBlank(out).join("\n") === nonBlank(c.expected).join("\n") ? "blank lines (between groups, or removed)" : "white space (inside statements)";
  }
  if (printed(out) === printed(c.expected)) return "peer reprints the code (prettier: quotes, semicolons, commas, line breaks)";
  if ([...nonBlank(out)].sort().join("\n") === [...nonBlank(c.expected)].sort().join("\n")) return "different order (group order or sort key)";
  if (out.replace(/\s+/g, "").length === c.expected.replace(/\s+/g, "").length) return "different order of names inside braces (or of comments)";
  return "other (read the diff)";
}

function explainBarriers(file, cwd) {
  const run = spawnSync(process.execPath, [BIN, "explain", "--json", file], { cwd, encoding: "utf8" });
  if (run.status !== 0) return [];
  return JSON.parse(run.stdout).barriers.map((b) => b.reason);
}

function main() {
  const cases = loadCases(root);
  const work = mkdtempSync(join(tmpdir(), "safesort-peers-"));
  const checkDir = join(work, "check");
  const writeDir = join(work, "write");
  writeCases(cases, checkDir);
  writeCases(cases, writeDir);
  const problems = [];
  const checked = safesort(["--check", "."], checkDir);
  const written = safesort(["."], writeDir);
  const second = safesort(["."], writeDir);
  const changed = (m) => new Set([...m].filter(([, f]) => f.status === "changed").map(([p]) => p));
  const a = changed(checked);
  const b = changed(written);
  for (const p of a) if (!b.has(p)) problems.push(`--check names ${p}, write mode did not change it`);
  for (const p of b) if (!a.has(p)) problems.push(`write mode changed ${p}, --check did not name it`);
  for (const p of changed(second)) problems.push(`not idempotent: a second run changed ${p}`);

  const byCategory = new Map();
  const counts = { inputs: cases.length, withExpected: 0, agree: 0, differ: 0, changed: b.size, failed: 0, skipped: 0 };
  for (const c of cases) {
    const file = `${c.id}.${c.ext}`;
    const status = written.get(file)?.status ?? "unchanged";
    if (status === "failed") counts.failed++;
    if (status === "skipped") counts.skipped++;
    const out = readFileSync(join(writeDir, file), "utf8");
    if (c.expected === undefined) continue;
    counts.withExpected++;
    if (out === c.expected) {
      counts.agree++;
      continue;
    }
    counts.differ++;
    let category;
    if (status === "failed") category = `safesort refuses the file: ${written.get(file).diagnostics?.[0]?.message ?? "failed"}`;
    else if (status === "skipped") category = `safesort skips the file: ${written.get(file).reason ?? "skipped"}`;
    else category = categorize(c, out, out === c.input ? explainBarriers(file, checkDir) : []);
    if (!byCategory.has(category)) byCategory.set(category, []);
    byCategory.get(category).push(c.id);
    if (showDiff) {
      console.log(`── ${c.id} [${category}]\n${createTwoFilesPatch("peer", "safesort", c.expected, out)}`);
    }
  }
  if (args.includes("--json")) {
    console.log(JSON.stringify({ counts, problems, categories: Object.fromEntries(byCategory) }, null, 2));
  } else {
    console.log(`peer suites in ${root}: ${JSON.stringify(counts)}`);
    console.log(problems.length === 0 ? "invariants: idempotent, --check agrees with write mode" : `PROBLEMS:\n${problems.join("\n")}`);
    console.log("\n| reason | count | inputs |\n| --- | --- | --- |");
    for (const [category, ids] of [...byCategory].sort((x, y) => y[1].length - x[1].length)) {
      console.log(`| ${category.replaceAll("|", "\\|")} | ${ids.length} | ${ids.join(", ")} |`);
    }
  }
  rmSync(work, { recursive: true, force: true });
  process.exitCode = problems.length > 0 ? 1 : 0;
}

main();
