#!/usr/bin/env node
// Where worker threads start to pay: for N files of the corpus, `--check`
// in-process (--jobs 1) against two workers forced on (SAFESORT_SMALL_RUN=0),
// on the corpus as shipped (about half its files need a parse) and on a
// sorted copy (most files proved sorted from their heads, no parse). The
// sorter's small-run threshold (SMALL_RUN in src/pipeline/processor.ts) and
// the default `--jobs` (src/pipeline/drive.ts) should follow where the curves
// cross. Usage: node bench/threshold.mjs [--runs 5]
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { buildCorpus, WORK } from "./corpus.mjs";

const BIN = join(dirname(dirname(fileURLToPath(import.meta.url))), "bin", "safesort.js");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const corpus = buildCorpus();
const sorted = join(WORK, "runs", "threshold-sorted");
rmSync(sorted, { recursive: true, force: true });
cpSync(corpus, sorted, { recursive: true });
execFileSync(process.execPath, [BIN, "--no-cache", "--quiet", "."], { cwd: sorted, stdio: "ignore" });
const all = execFileSync("find", [".", "-type", "f", "-name", "*.ts", "-not", "-name", "*.d.ts"], { cwd: corpus, encoding: "utf8" }).trim().split("\n").sort();

function time(cwd, args, env) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, "--check", "--no-cache", ...args], { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}, median of ${runs}\n`);
console.log("| tree | files | --jobs 1 ms | 2 workers ms | workers / in-process |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const [name, cwd] of [["as shipped", corpus], ["sorted", sorted]]) {
  for (const n of [16, 64, 256, 1024, all.length]) {
    const files = n === all.length ? ["."] : all.slice(0, n).filter((f) => existsSync(join(cwd, f)));
    const one = [];
    const two = [];
    for (let i = 0; i < runs; i++) {
      one.push(time(cwd, ["--jobs", "1", ...files], {}));
      two.push(time(cwd, ["--jobs", "2", ...files], { SAFESORT_SMALL_RUN: "0" }));
    }
    const label = n === all.length ? "all" : String(n);
    console.log(`| ${name} | ${label} | ${median(one).toFixed(0)} | ${median(two).toFixed(0)} | ${(median(two) / median(one)).toFixed(2)} |`);
  }
}
