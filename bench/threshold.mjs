#!/usr/bin/env node
// Where worker threads start to pay: for N files of the corpus, `--check`
// in-process (--jobs 1) against two workers forced on (SAFESORT_SMALL_RUN=0).
// The pool's look-ahead (SMALL_RUN in src/pipeline/run.ts) should sit where
// the two curves cross. Usage: node bench/threshold.mjs [--runs 5]
import { execFileSync, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { buildCorpus } from "./corpus.mjs";

const BIN = join(dirname(dirname(fileURLToPath(import.meta.url))), "bin", "safesort.js");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const corpus = buildCorpus();
const all = execFileSync("find", [".", "-type", "f", "-name", "*.ts", "-not", "-name", "*.d.ts"], { cwd: corpus, encoding: "utf8" }).trim().split("\n").sort();

function time(args, env) {
  const started = process.hrtime.bigint();
  const r = spawnSync("node", [BIN, "--check", "--no-cache", ...args], { cwd: corpus, env: { ...process.env, ...env }, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log("| files | --jobs 1 ms | 2 workers ms | workers / in-process |");
console.log("| ---: | ---: | ---: | ---: |");
for (const n of [8, 16, 32, 64, 128, 256, 512, 1024]) {
  const files = all.slice(0, n);
  const one = [];
  const two = [];
  for (let i = 0; i < runs; i++) {
    one.push(time(["--jobs", "1", ...files], {}));
    two.push(time(["--jobs", "2", ...files], { SAFESORT_SMALL_RUN: "0" }));
  }
  console.log(`| ${n} | ${median(one).toFixed(0)} | ${median(two).toFixed(0)} | ${(median(two) / median(one)).toFixed(2)} |`);
}
