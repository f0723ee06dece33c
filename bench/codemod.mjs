#!/usr/bin/env node
/**
 * A rename-import-source codemod over the benchmark corpus (bench/corpus.mjs:
 * seven pinned npm packages, about 5,600 files): safesort against jscodeshift
 * 17.4.0, in the same run, alternating, median of RUNS (default 3).
 *
 *   npm run build && npm run bench:codemod
 *   ONLY='jobs 2' RUNS=1 npm run bench:codemod   # only matching rows, and jscodeshift with the pre-check
 *
 * The codemod: every `import … from "react"` (and re-export, `import()`,
 * `require()`) now names "preact/compat", on a fresh copy of the corpus each
 * time (copying is not timed):
 *   safesort      node bin/safesort.js run rename-import <copy> --jobs 2 -- --from react --to preact/compat
 *                 with --write, --write --no-sort-imports, --write --jobs 1, and --check
 *   jscodeshift   jscodeshift --cpus 2 -t rename-import-source.cjs, once per dialect as its parsers
 *                 need (babel for .js/.jsx/.mjs/.cjs, ts for .ts/.mts/.cts, tsx for .tsx), times summed;
 *                 writing, with --dry, and with a text pre-check in the transform
 *                 (`if (!source.includes("react")) return`), which is what safesort does for every query.
 *   safesort run --jscodeshift   the same transform file with the same pre-check, on safesort's pipeline
 *                 (--write, --jobs 2 and --jobs 1); one run, the parser chosen by each file's extension.
 * The last column is the one the targets are stated in: time ÷ jscodeshift's time on the same
 * work (the transform with the pre-check).
 * Write modes differ in what a write is: safesort's is atomic (temp file,
 * fsync, hash check, rename), jscodeshift's a plain writeFile; --check and
 * --dry compare the work without writes. Wall time and CPU time (user + sys
 * of the process and its children, from /usr/bin/time when present: steadier
 * than wall time on a shared machine).
 * jscodeshift is installed into bench/.work/ (pinned, gitignored) on first use.
 * After the runs, the files each tool changed are compared.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import { buildCorpus } from "./corpus.mjs";

const JSCODESHIFT = "jscodeshift@17.4.0";
const FROM = "react";
const TO = "preact/compat";
const RUNS = Number(process.env.RUNS ?? 3);
const here = fileURLToPath(new URL(".", import.meta.url));
const work = join(here, ".work");
const bin = join(here, "..", "bin", "safesort.js");

const TRANSFORM = `// Rename the module "${FROM}" to "${TO}" wherever it is imported (jscodeshift).
module.exports = function transformer(file, api) {
  const j = api.jscodeshift;
  if (process.env.PRECHECK === "1" && !file.source.includes(${JSON.stringify(FROM)})) return undefined;
  const root = j(file.source);
  let changed = 0;
  const rename = (literal) => {
    if (literal && (literal.type === "StringLiteral" || literal.type === "Literal") && literal.value === ${JSON.stringify(FROM)}) {
      literal.value = ${JSON.stringify(TO)};
      if (literal.extra) literal.extra = { ...literal.extra, raw: JSON.stringify(${JSON.stringify(TO)}), rawValue: ${JSON.stringify(TO)} };
      changed++;
    }
  };
  root.find(j.ImportDeclaration).forEach((p) => rename(p.node.source));
  root.find(j.ExportNamedDeclaration).forEach((p) => rename(p.node.source));
  root.find(j.ExportAllDeclaration).forEach((p) => rename(p.node.source));
  root.find(j.CallExpression).forEach((p) => {
    const callee = p.node.callee;
    if ((callee.type === "Identifier" && callee.name === "require") || callee.type === "Import") rename(p.node.arguments[0]);
  });
  root.find(j.ImportExpression).forEach((p) => rename(p.node.source));
  return changed > 0 ? root.toSource() : undefined;
};
`;

const DIALECTS = [
  { parser: "babel", extensions: "js,jsx,mjs,cjs" },
  { parser: "ts", extensions: "ts,mts,cts" },
  { parser: "tsx", extensions: "tsx" },
];

function installJscodeshift() {
  const dir = join(work, "jscodeshift");
  const cli = join(dir, "node_modules", "jscodeshift", "bin", "jscodeshift.js");
  if (existsSync(cli)) return cli;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{"private":true}\n');
  console.error(`installing ${JSCODESHIFT} into ${relative(process.cwd(), dir)} …`);
  execFileSync("npm", ["install", "--ignore-scripts", "--legacy-peer-deps", "--no-audit", "--no-fund", "--save-exact", JSCODESHIFT], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  return cli;
}

function fresh(corpus) {
  const dir = mkdtempSync(join(tmpdir(), "safesort-codemod-bench-"));
  cpSync(corpus, join(dir, "corpus"), { recursive: true });
  return join(dir, "corpus");
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function run(command, args, env = {}) {
  const [cmd, argv] = TIME ? [TIME, ["-f", "@@cpu %U %S", command, ...args]] : [command, args];
  const start = performance.now();
  const result = spawnSync(cmd, argv, { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.error) throw result.error;
  const cpuLine = /@@cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  const cpu = cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : NaN;
  return { seconds, cpu, status: TIME ? Number(/non-zero status (\d+)/.exec(result.stderr)?.[1] ?? 0) : result.status, stdout: result.stdout, stderr: result.stderr };
}

const tools = {
  "safesort --write --jobs 2": (dir) => safesort(dir, ["--write", "--jobs", "2"]),
  "safesort --write --jobs 2 --no-sort-imports": (dir) => safesort(dir, ["--write", "--jobs", "2", "--no-sort-imports"]),
  "safesort --write --jobs 1": (dir) => safesort(dir, ["--write", "--jobs", "1"]),
  "safesort --check --jobs 2": (dir) => safesort(dir, ["--check", "--jobs", "2"]),
  "jscodeshift --cpus 2": (dir, cli, transform) => jscodeshift(dir, cli, transform, { precheck: "0" }),
  "jscodeshift --cpus 2 --dry": (dir, cli, transform) => jscodeshift(dir, cli, transform, { precheck: "0", dry: true }),
  "jscodeshift --cpus 2, pre-check": (dir, cli, transform) => jscodeshift(dir, cli, transform, { precheck: "1" }),
  "safesort run --jscodeshift --write --jobs 2, pre-check": (dir, _cli, transform) => safesortJscodeshift(dir, transform, ["--write", "--jobs", "2"]),
  "safesort run --jscodeshift --write --jobs 1, pre-check": (dir, _cli, transform) => safesortJscodeshift(dir, transform, ["--write", "--jobs", "1"]),
};

/** The same transform file and pre-check as jscodeshift's row, through safesort (one run: the parser follows each file's extension). */
function safesortJscodeshift(dir, transform, extra) {
  const r = run(process.execPath, [bin, "run", "--jscodeshift", transform, dir, ...extra], { PRECHECK: "1" });
  if (r.status !== 0) console.error(`safesort --jscodeshift exited ${r.status}: ${r.stderr.split("\n").slice(0, 5).join("\n")}`);
  const summary = `${r.stdout}\n${r.stderr}`.split("\n").find((line) => /files? (would )?change/.test(line)) ?? "";
  return { seconds: r.seconds, cpu: r.cpu, note: summary };
}

function safesort(dir, extra) {
  const r = run(process.execPath, [bin, "run", "rename-import", dir, ...extra, "--", "--from", FROM, "--to", TO]);
  if (r.status !== 0 && !(r.status === 1 && extra.includes("--check"))) console.error(`safesort exited ${r.status}: ${r.stderr.split("\n").slice(0, 5).join("\n")}`);
  const summary = `${r.stdout}\n${r.stderr}`.split("\n").find((line) => /files? (would )?change/.test(line)) ?? "";
  return { seconds: r.seconds, cpu: r.cpu, note: summary };
}

function jscodeshift(dir, cli, transform, { precheck, dry = false }) {
  let seconds = 0;
  let cpu = 0;
  const counts = { ok: 0, unmodified: 0, skipped: 0, errors: 0 };
  for (const dialect of DIALECTS) {
    const args = [cli, "--cpus", "2", "--no-babel", "-t", transform, `--parser=${dialect.parser}`, `--extensions=${dialect.extensions}`, "--ignore-pattern=**/node_modules/**"];
    const r = run(process.execPath, [...args, ...(dry ? ["--dry"] : []), dir], { PRECHECK: precheck });
    seconds += r.seconds;
    cpu += r.cpu;
    for (const key of Object.keys(counts)) counts[key] += Number(new RegExp(`(\\d+) ${key}`).exec(r.stdout)?.[1] ?? 0);
  }
  return { seconds, cpu, note: `${counts.ok} ok, ${counts.unmodified} unmodified, ${counts.skipped} skipped, ${counts.errors} errors` };
}

/** The rows whose written files are compared after the last run (by content). */
const COMPARED = ["safesort --write --jobs 2 --no-sort-imports", "jscodeshift --cpus 2", "jscodeshift --cpus 2, pre-check", "safesort run --jscodeshift --write --jobs 2, pre-check"];

/** The files a tool changed, with their new text. */
function changedFiles(corpus, dir) {
  const changed = new Map();
  const walk = (rel) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const text = readFileSync(join(dir, path), "utf8");
        if (text !== readFileSync(join(corpus, path), "utf8")) changed.set(path, text);
      }
    }
  };
  walk(".");
  return changed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const corpus = buildCorpus();
const cli = installJscodeshift();
const transform = join(work, "rename-import-source.cjs");
writeFileSync(transform, TRANSFORM);
// ONLY=<regexp> keeps the rows whose name matches, and the baseline the targets are stated against.
if (process.env.ONLY) {
  const keep = new RegExp(process.env.ONLY);
  for (const name of Object.keys(tools)) if (!keep.test(name) && name !== "jscodeshift --cpus 2, pre-check") delete tools[name];
}
const times = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
const cpus = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
const notes = {};
const outputs = {};
for (let i = 0; i < RUNS; i++) {
  for (const [name, tool] of Object.entries(tools)) {
    const dir = fresh(corpus);
    try {
      const { seconds, cpu, note } = tool(dir, cli, transform);
      times[name].push(seconds);
      cpus[name].push(cpu);
      notes[name] = note;
      console.error(`run ${i + 1}/${RUNS} ${name}: ${seconds.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU (${note})`);
      if (i === RUNS - 1 && COMPARED.includes(name)) outputs[name] = changedFiles(corpus, dir);
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  }
}

const baseline = times["jscodeshift --cpus 2"] ? median(times["jscodeshift --cpus 2"]) : NaN;
const baselineCpu = cpus["jscodeshift --cpus 2"] ? median(cpus["jscodeshift --cpus 2"]) : NaN;
const prechecked = median(times["jscodeshift --cpus 2, pre-check"]);
console.log(`\nrename-import-source "${FROM}" → "${TO}" over ${corpus} (median of ${RUNS})\n`);
console.log("| tool | wall s (median) | runs | CPU s (median) | wall vs jscodeshift --cpus 2 | CPU vs jscodeshift --cpus 2 | time ÷ jscodeshift with the pre-check |");
console.log("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
for (const [name, list] of Object.entries(times)) {
  const m = median(list);
  const c = median(cpus[name]);
  console.log(`| ${name} | ${m.toFixed(2)} | ${list.map((t) => t.toFixed(2)).join(", ")} | ${c.toFixed(2)} | ${ratio(baseline / m)} | ${ratio(baselineCpu / c)} | ${(m / prechecked).toFixed(2)} |`);
}
function ratio(x) {
  return Number.isFinite(x) ? `${x.toFixed(1)}×` : "–";
}

function compare(a, b) {
  const x = outputs[a];
  const y = outputs[b];
  if (!x || !y) return;
  const onlyX = [...x.keys()].filter((f) => !y.has(f));
  const onlyY = [...y.keys()].filter((f) => !x.has(f));
  const differ = [...x.keys()].filter((f) => y.has(f) && x.get(f) !== y.get(f));
  console.log(`\nfiles changed: ${a} ${x.size}, ${b} ${y.size}; only the first: ${onlyX.length}, only the second: ${onlyY.length}; changed by both, differently: ${differ.length}`);
  for (const f of onlyX.slice(0, 5)) console.log(`  only ${a}: ${f}`);
  for (const f of onlyY.slice(0, 5)) console.log(`  only ${b}: ${f}`);
}
compare("safesort --write --jobs 2 --no-sort-imports", "jscodeshift --cpus 2");
compare("safesort run --jscodeshift --write --jobs 2, pre-check", "jscodeshift --cpus 2, pre-check");
for (const [name, note] of Object.entries(notes)) console.log(`${name}: ${note}`);
