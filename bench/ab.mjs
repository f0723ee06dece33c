#!/usr/bin/env node
// Alternating runs of a few commands, for comparisons on a busy machine:
// wall time is at the mercy of the other processes, CPU time (user + sys,
// all threads) much less so. Each round runs every command once, in order;
// the table gives medians and minimums over the rounds, peak RSS, and the
// load average before and after. Needs GNU time (/usr/bin/time).
//
//   node bench/ab.mjs [--runs N] [--cwd DIR] -- NAME CMD ARGS… -- NAME CMD ARGS… …
//
// For example, two builds of safesort on the benchmark's sorted tree (cold):
//
//   node bench/ab.mjs --runs 5 --cwd /tmp/safesort-bench/runs/sorted \
//     -- before node /path/to/old/bin/safesort.js --check --no-cache --quiet . \
//     -- after node bin/safesort.js --check --no-cache --quiet .
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { resolve } from "node:path";

const args = process.argv.slice(2);
let runs = 5;
let cwd = process.cwd();
while (args[0] !== "--" && args.length > 0) {
  const flag = args.shift();
  if (flag === "--runs") runs = Number(args.shift());
  else if (flag === "--cwd") cwd = resolve(args.shift());
  else throw new Error(`unknown option ${flag}`);
}
const commands = [];
for (const arg of args) {
  if (arg === "--") commands.push([]);
  else commands.at(-1).push(arg);
}
if (commands.length === 0 || commands.some((c) => c.length < 2)) {
  console.error("usage: node bench/ab.mjs [--runs N] [--cwd DIR] -- NAME CMD ARGS… [-- NAME CMD ARGS…]");
  process.exit(2);
}

const samples = commands.map(() => ({ wall: [], cpu: [], rss: [] }));
const loadBefore = loadavg()[0];
for (let round = 0; round < runs; round++) {
  commands.forEach(([name, ...command], i) => {
    const result = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", ...command], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
    if (result.error) throw result.error;
    const [wall, user, sys, rssKb] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
    if (![wall, user, sys, rssKb].every(Number.isFinite)) throw new Error(`${name}: no timing (exit ${result.status}): ${result.stderr.slice(-500)}`);
    samples[i].wall.push(wall);
    samples[i].cpu.push(user + sys);
    samples[i].rss.push(rssKb / 1024);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${runs} alternating rounds in ${cwd}, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}\n`);
console.log("| command | wall s (median) | wall s (min) | CPU s (median) | CPU s (min) | peak RSS MB |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
commands.forEach(([name], i) => {
  const s = samples[i];
  console.log(`| ${name} | ${median(s.wall).toFixed(2)} | ${Math.min(...s.wall).toFixed(2)} | ${median(s.cpu).toFixed(2)} | ${Math.min(...s.cpu).toFixed(2)} | ${Math.max(...s.rss).toFixed(0)} |`);
});
