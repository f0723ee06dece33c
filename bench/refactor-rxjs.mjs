#!/usr/bin/env node
/**
 * Time safesort's type-aware refactors against ts-morph's own on rxjs's
 * sources (the npm package ships src/ and its tsconfig files):
 *
 *   mkdir -p /tmp/rxjs-bench && cd /tmp/rxjs-bench && npm init -y >/dev/null && npm install --ignore-scripts rxjs@7.8.2
 *   npm run build && node bench/refactor-rxjs.mjs /tmp/rxjs-bench/node_modules/rxjs
 *
 * Each run gets a fresh copy of the package in a temp directory:
 *   1. rename the exported function `mergeMap` (10 files) to `flatMapAll`
 *   2. move the directory src/internal/operators (117 files, imported by 132 files) to src/internal/pipeable/operators
 * Both run in-process (safesort: `main(argv, io)` from dist/, as the CLI
 * does; ts-morph: `identifier.rename()` / `directory.move()` then
 * `project.save()`), after ts-morph is imported once; wall and CPU time are
 * printed (the machine may be shared: CPU time is the steadier number).
 * safesort is also timed as a user runs it: `node bin/safesort.js …`, start-up included.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const rxjs = process.argv[2];
if (!rxjs) {
  console.error("usage: node bench/refactor-rxjs.mjs <path to node_modules/rxjs>");
  process.exit(2);
}
const bin = new URL("../bin/safesort.js", import.meta.url).pathname;
const TSCONFIG = "src/tsconfig.esm.json";
const runs = Number(process.env.RUNS ?? 3);

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), "safesort-rxjs-"));
  cpSync(join(rxjs, "src"), join(dir, "src"), { recursive: true });
  cpSync(join(rxjs, "tsconfig.json"), join(dir, "tsconfig.json"));
  return dir;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(label, run, { cpuCounted = true } = {}) {
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const dir = fresh();
    try {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      await run(dir);
      const used = process.cpuUsage(startCpu);
      times.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const s = (ms) => (ms / 1000).toFixed(2);
  const cpuText = cpuCounted ? `  cpu ${s(median(cpu))} s` : "";
  console.log(`${label.padEnd(44)} wall ${s(median(times))} s (${times.map(s).join(", ")})${cpuText}`);
}

function safesortCli(dir, args) {
  execFileSync(process.execPath, [bin, ...args, "--project", TSCONFIG], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
}

const { main } = await import("../dist/src/cli/main.js");

async function safesort(dir, args) {
  let err = "";
  const io = { stdout: { write: () => true }, stderr: { write: (t) => (err += t) }, stdin: [], cwd: dir, isTTY: false, env: {} };
  const code = await main([...args, "--project", TSCONFIG], io);
  if (code !== 0) throw new Error(`safesort exited ${code}: ${err}`);
}

const { Project } = await import("ts-morph");
const RENAME = ["rename-symbol", "src/internal/operators/mergeMap.ts#mergeMap", "flatMapAll"];
const MOVE = ["move", "src/internal/operators", "src/internal/pipeable/operators"];

await time("safesort rename-symbol mergeMap", (dir) => safesort(dir, RENAME));
await time("ts-morph rename mergeMap (+ save)", async (dir) => {
  const project = new Project({ tsConfigFilePath: join(dir, TSCONFIG) });
  project.getSourceFileOrThrow(join(dir, "src/internal/operators/mergeMap.ts")).getFunctionOrThrow("mergeMap").rename("flatMapAll");
  await project.save();
});
await time("safesort move src/internal/operators", (dir) => safesort(dir, MOVE));
await time("ts-morph directory.move (+ save)", async (dir) => {
  // ts-morph's save renames into the destination without creating its parent.
  mkdirSync(join(dir, "src/internal/pipeable"), { recursive: true });
  const project = new Project({ tsConfigFilePath: join(dir, TSCONFIG) });
  project.getDirectoryOrThrow(join(dir, "src/internal/operators")).move(join(dir, "src/internal/pipeable/operators"));
  await project.save();
});
// A child process: its CPU time is not this process's.
await time("safesort rename-symbol, CLI (node bin/…)", (dir) => safesortCli(dir, RENAME), { cpuCounted: false });
await time("safesort move, CLI (node bin/…)", (dir) => safesortCli(dir, MOVE), { cpuCounted: false });
await time("safesort rename-symbol --no-typecheck", (dir) => safesort(dir, [...RENAME, "--no-typecheck"]));
