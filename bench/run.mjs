#!/usr/bin/env node
// safesort against its peers on real code (bench/corpus.mjs), in one session.
//
//   npm run bench                  # everything, median of 3 runs each
//   node bench/run.mjs --runs 5    # more runs
//
// Every measured command runs as its own process, alternating between tools
// run by run (so a noisy moment hurts all of them alike); wall time is the
// median, peak RSS comes from /usr/bin/time (the max over runs). Peers are
// installed pinned into $SAFESORT_BENCH_DIR/tools (see corpus.mjs): Biome 2.6.8 with organizeImports
// only (formatter and linter off), ESLint 10 with only simple-import-sort.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { buildCorpus, WORK } from "./corpus.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const BIN = join(root, "bin", "safesort.js");
const TOOLS = join(WORK, "tools");
const PEERS = ["@biomejs/biome@2.6.8", "eslint@10.15.0", "eslint-plugin-simple-import-sort@14.0.0", "@typescript-eslint/parser@8.74.0", "typescript@5.9.3"];
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;
const only = process.argv.includes("--no-eslint") ? (name) => !name.startsWith("eslint") : () => true;

function installPeers() {
  mkdirSync(TOOLS, { recursive: true });
  const stamp = join(TOOLS, ".peers.json");
  if (existsSync(stamp)) return;
  writeFileSync(join(TOOLS, "package.json"), '{"private":true,"type":"module"}\n');
  console.error(`installing peers: ${PEERS.join(" ")} …`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--save-exact", ...PEERS], { cwd: TOOLS, stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(stamp, JSON.stringify(PEERS));
}

function writeConfigs(dir) {
  writeFileSync(
    join(dir, "biome.json"),
    JSON.stringify({
      files: { includes: ["**"], maxSize: 400 * 1024 },
      formatter: { enabled: false },
      linter: { enabled: false },
      assist: { enabled: true, actions: { source: { organizeImports: "on" } } },
    }),
  );
  writeFileSync(
    join(dir, "eslint.config.mjs"),
    `import tsParser from ${JSON.stringify(join(TOOLS, "node_modules/@typescript-eslint/parser/dist/index.js"))};
import simpleImportSort from ${JSON.stringify(join(TOOLS, "node_modules/eslint-plugin-simple-import-sort/index.js"))};
export default [{
  files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
  languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },
  plugins: { "simple-import-sort": simpleImportSort },
  rules: { "simple-import-sort/imports": "error" },
}];
`,
  );
}

/** Run a command; wall seconds and peak RSS (MB). */
function measure(cmd, args, cwd) {
  const started = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = Number(result.stderr.trim().split("\n").at(-1)) / 1024;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${result.status}:\n${result.stderr.slice(-2000)}`);
  }
  return { seconds, rss };
}

function freshCopy(from, name) {
  const to = join(WORK, "runs", name);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  writeConfigs(to);
  return to;
}

/** Source files under `dir` (what the tools process). */
function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countFiles(join(dir, e.name));
    else if (/\.(?:[cm]?[jt]s|[jt]sx)$/.test(e.name)) n++;
  }
  return n;
}

function subset(corpus, fraction) {
  const dirs = readdirSync(corpus, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  return dirs.slice(0, Math.max(1, Math.round(dirs.length * fraction)));
}

function main() {
  const corpus = buildCorpus();
  installPeers();
  writeConfigs(corpus);
  const files = countFiles(corpus);
  const biome = join(TOOLS, "node_modules/.bin/biome");
  const eslint = join(TOOLS, "node_modules/.bin/eslint");
  const one = join(corpus, "rxjs/src/internal/operators/mergeMap.ts");
  const reader = `const fs=require("fs");const f=(d)=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const p=d+"/"+e.name;if(e.isDirectory())f(p);else fs.readFileSync(p)}};f(${JSON.stringify(corpus)})`;
  const cache = join(WORK, "cache", "sorted.json");

  // name → () => { seconds, rss }, run in this order within each round.
  const cases = {
    "node -e 0": () => measure("node", ["-e", "0"], corpus),
    "read every file": () => measure("node", ["-e", reader], corpus),
    "safesort --check one file": () => measure("node", [BIN, "--check", "--no-cache", one], corpus),
    "safesort --check (cold)": () => measure("node", [BIN, "--check", "--no-cache", "."], corpus),
    "safesort --check --jobs 1": () => measure("node", [BIN, "--check", "--no-cache", "--jobs", "1", "."], corpus),
    "safesort --check ¼ corpus": () => measure("node", [BIN, "--check", "--no-cache", ...subset(corpus, 0.25)], corpus),
    "safesort --check ½ corpus": () => measure("node", [BIN, "--check", "--no-cache", ...subset(corpus, 0.5)], corpus),
    "safesort write (fresh copy)": () => measure("node", [BIN, "--no-cache", "."], freshCopy(corpus, "safesort")),
    "safesort --check (warm cache)": () => {
      const sorted = join(WORK, "runs", "sorted");
      if (!existsSync(sorted)) {
        cpSync(corpus, sorted, { recursive: true });
        measure("node", [BIN, "--cache-location", cache, "."], sorted);
      }
      return measure("node", [BIN, "--check", "--cache-location", cache, "."], sorted);
    },
    "biome check": () => measure(biome, ["check", "--max-diagnostics=0", "."], corpus),
    "biome check --write (fresh copy)": () => measure(biome, ["check", "--write", "--max-diagnostics=0", "."], freshCopy(corpus, "biome")),
    "eslint simple-import-sort": () => measure(eslint, ["--no-warn-ignored", "."], corpus),
  };
  const names = Object.keys(cases).filter(only);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < runs; round++) {
    for (const name of names) {
      samples[name].push(cases[name]());
      process.stderr.write(`round ${round + 1}/${runs}: ${name} ${samples[name].at(-1).seconds.toFixed(2)} s\n`);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const row = (name) => ({ seconds: median(samples[name].map((s) => s.seconds)), rss: Math.max(...samples[name].map((s) => s.rss)) });
  const biomeCheck = row("biome check").seconds;
  const biomeWrite = row("biome check --write (fresh copy)").seconds;
  const subsetFiles = {
    "safesort --check ¼ corpus": subset(corpus, 0.25).reduce((n, d) => n + countFiles(join(corpus, d)), 0),
    "safesort --check ½ corpus": subset(corpus, 0.5).reduce((n, d) => n + countFiles(join(corpus, d)), 0),
  };
  console.log(`\n${files} files, ${availableParallelism()} cores, node ${process.version}, median of ${runs}; ¼: ${subsetFiles["safesort --check ¼ corpus"]} files, ½: ${subsetFiles["safesort --check ½ corpus"]}\n`);
  console.log("| command | wall s | files/s | peak RSS MB | × Biome |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const name of names) {
    const { seconds, rss } = row(name);
    const n = name.includes("one file") || name === "node -e 0" ? 1 : (subsetFiles[name] ?? files);
    const versus = name.includes("write") ? biomeWrite : biomeCheck;
    console.log(`| ${name} | ${seconds.toFixed(2)} | ${name === "node -e 0" ? "" : (n / seconds).toFixed(0)} | ${rss.toFixed(0)} | ${(seconds / versus).toFixed(2)} |`);
  }
  const r = (a, b) => (row(a).seconds / row(b).seconds).toFixed(2);
  console.log(`\nwarm / read every file: ${r("safesort --check (warm cache)", "read every file")}×; one file / node -e 0: ${r("safesort --check one file", "node -e 0")}×; --jobs 1 / default: ${r("safesort --check --jobs 1", "safesort --check (cold)")}×`);
}

main();
