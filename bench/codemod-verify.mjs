#!/usr/bin/env node
/**
 * The cost of the codemod meaning verifier (src/codemod/verify/verify-names.ts) on
 * the benchmark corpus (bench/corpus.mjs): each codemod runs in-process on
 * every file of the corpus, once with `verifyNames: true` (the default) and
 * once with `false`, alternating, RUNS times (default 3); the median CPU
 * time of each is printed with their ratio. Only changed files pay for the
 * verifier (it re-parses input and output and analyses both), so the ratio
 * depends on how many files a codemod changes: both counts are printed.
 *
 *   npm run build && node bench/codemod-verify.mjs
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

import { buildCorpus } from "./corpus.mjs";

const { Query, defaultConfig } = await import("../dist/src/index.js");

const RUNS = Number(process.env.RUNS ?? 3);
const corpus = buildCorpus();
const EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/;

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (EXTENSIONS.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const sources = files(corpus).map((path) => ({ path: relative(corpus, path), text: readFileSync(path, "utf8") }));
const config = defaultConfig(corpus);

const CODEMODS = {
  "rename-import react → preact/compat (splice)": (q) => q.selectImport("react").rename("preact/compat"),
  "replace-call console.log → logger.info (splice)": (q) => q.selectCall("console.log").rename("logger.info"),
  "addArgument to Object.keys (splice)": (q) => q.selectCall("Object.keys").addArgument("undefined"),
};

function runOnce(build, verifyNames) {
  const start = process.cpuUsage();
  let changed = 0;
  let failed = 0;
  for (const { path, text } of sources) {
    const result = build(new Query([], { verifyNames })).applyToSource(text, path, config);
    if (result.status === "changed") changed++;
    if (result.status === "failed") failed++;
  }
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, changed, failed };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`meaning verifier cost over ${sources.length} files of ${corpus} (median CPU ms of ${RUNS})\n`);
for (const [name, build] of Object.entries(CODEMODS)) {
  const on = [];
  const off = [];
  let counts;
  for (let i = 0; i < RUNS; i++) {
    const a = runOnce(build, true);
    const b = runOnce(build, false);
    on.push(a.ms);
    off.push(b.ms);
    counts = { changedOn: a.changed, failedOn: a.failed, changedOff: b.changed, failedOff: b.failed };
  }
  const ratio = median(on) / median(off);
  console.log(`${name}\n  verify on  ${median(on).toFixed(0)} ms   off ${median(off).toFixed(0)} ms   ratio ${ratio.toFixed(2)}`);
  console.log(`  files changed ${counts.changedOn} (refused by the verifier: ${counts.failedOn - counts.failedOff}; failed anyway: ${counts.failedOff})\n`);
}
