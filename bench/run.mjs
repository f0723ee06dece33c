#!/usr/bin/env node
// safesort against its peers on real code (bench/corpus.mjs), in one session.
//
//   npm run bench                  # everything, median of 3 runs each
//   node bench/run.mjs --runs 5    # more runs
//   node bench/run.mjs --eslint    # also ESLint + simple-import-sort (slow: 10–30× the others)
//   node bench/run.mjs --targets   # only the commands the target table needs
//   node bench/run.mjs --json out.json   # also write the rows and targets as JSON
//   ~/.cache/safesort-node/24/…/node bench/run.mjs   # measure another Node: safesort and `node -e 0` run on it
//   node scripts/node-versions.mjs --bench [--targets]   # Node 20, 22 and 24, then one table of the targets
//
// Every measured command runs as its own process, alternating between tools
// run by run (so a noisy moment hurts all of them alike); wall time is the
// median, peak RSS comes from /usr/bin/time (the max over runs). Node
// commands run with the Node that runs this script. Peers are installed
// pinned into $SAFESORT_BENCH_DIR/tools (see corpus.mjs): Biome 2.6.8 with
// organizeImports only (formatter and linter off), oxfmt 0.78 with
// sortImports on (it formats too: a reference, not a like-for-like peer),
// ESLint 10 with only simple-import-sort.
//
// Two trees: the corpus as shipped (about half its files need sorting) and a
// copy sorted by this build before the first round (the everyday CI case).
// The output ends with the target table, ready to paste.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { buildCorpus, WORK } from "./corpus.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const BIN = join(root, "bin", "safesort.js");
const NODE = process.execPath;
const TOOLS = join(WORK, "tools");
const PEERS = ["@biomejs/biome@2.6.8", "oxfmt@0.78.0", "eslint@10.15.0", "eslint-plugin-simple-import-sort@14.0.0", "@typescript-eslint/parser@8.74.0", "typescript@5.9.3"];
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;
const withEslint = process.argv.includes("--eslint");
const targetsOnly = process.argv.includes("--targets");
const jsonOut = process.argv.includes("--json") ? process.argv[process.argv.indexOf("--json") + 1] : undefined;
/** The commands the target table needs (--targets runs only these). */
const TARGET_CASES = new Set([
  "node -e 0",
  "read every file (sorted tree)",
  "safesort --check one sorted file",
  "safesort --check, sorted tree (cold)",
  "safesort --check, sorted tree (warm cache)",
  "biome check, sorted tree",
  "safesort --check, as shipped (cold)",
  "biome check, as shipped",
]);

function installPeers() {
  mkdirSync(TOOLS, { recursive: true });
  const stamp = join(TOOLS, ".peers.json");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === JSON.stringify(PEERS)) return;
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
  writeFileSync(join(dir, ".oxfmtrc.json"), JSON.stringify({ sortImports: {} }));
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

/** Run a command; wall seconds and peak RSS (MB). Exit codes 0 and 1 (changes found) are fine. */
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

const safesort = (args, cwd) => measure(NODE, [BIN, ...args], cwd);
const reader = (dir) =>
  `const fs=require("fs");const f=(d)=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const p=d+"/"+e.name;if(e.isDirectory())f(p);else fs.readFileSync(p)}};f(${JSON.stringify(dir)})`;

function main() {
  const corpus = buildCorpus();
  installPeers();
  writeConfigs(corpus);
  const files = countFiles(corpus);
  // The sorted tree: this build's output, made once per bench run (so it follows the current rules).
  const sorted = freshCopy(corpus, "sorted");
  execFileSync(NODE, [BIN, "--no-cache", "--quiet", "."], { cwd: sorted, stdio: "ignore" });
  const biome = join(TOOLS, "node_modules/.bin/biome");
  const oxfmt = join(TOOLS, "node_modules/.bin/oxfmt");
  const eslint = join(TOOLS, "node_modules/.bin/eslint");
  const one = "rxjs/src/internal/operators/mergeMap.ts";
  const cache = join(WORK, "cache", `sorted-${process.version}.json`);
  rmSync(cache, { force: true });
  // The sorted tree was just written: the cache trusts a file's metadata only once its timestamps are 3 s old (src/cache/cache.ts).
  execFileSync("sleep", ["3.5"]);
  execFileSync(NODE, [BIN, "--check", "--quiet", "--cache-location", cache, "."], { cwd: sorted, stdio: "ignore" });

  // name → () => { seconds, rss }, run in this order within each round.
  const cases = {
    "node -e 0": () => measure(NODE, ["-e", "0"], sorted),
    "read every file (sorted tree)": () => measure(NODE, ["-e", reader(sorted)], sorted),
    "safesort --check one sorted file": () => safesort(["--check", "--no-cache", one], sorted),
    "safesort --check, sorted tree (cold)": () => safesort(["--check", "--no-cache", "."], sorted),
    "safesort --check, sorted tree (warm cache)": () => safesort(["--check", "--cache-location", cache, "."], sorted),
    "safesort --check --strict, sorted tree (cold)": () => safesort(["--check", "--no-cache", "--strict", "."], sorted),
    "biome check, sorted tree": () => measure(biome, ["check", "--max-diagnostics=0", "."], sorted),
    "safesort --check, as shipped (cold)": () => safesort(["--check", "--no-cache", "."], corpus),
    "safesort --check --jobs 2, as shipped (cold)": () => safesort(["--check", "--no-cache", "--jobs", "2", "."], corpus),
    "biome check, as shipped": () => measure(biome, ["check", "--max-diagnostics=0", "."], corpus),
    "oxfmt --check (sortImports + formatter), as shipped": () => measure(oxfmt, ["--check", "."], corpus),
    "safesort write (fresh copy)": () => safesort(["--no-cache", "."], freshCopy(corpus, "safesort")),
    "biome check --write (fresh copy)": () => measure(biome, ["check", "--write", "--max-diagnostics=0", "."], freshCopy(corpus, "biome")),
    ...(withEslint ? { "eslint simple-import-sort, as shipped": () => measure(eslint, ["--no-warn-ignored", "."], corpus) } : {}),
  };
  const names = Object.keys(cases).filter((name) => !targetsOnly || TARGET_CASES.has(name));
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const load = loadavg()[0];
  for (let round = 0; round < runs; round++) {
    for (const name of names) {
      samples[name].push(cases[name]());
      process.stderr.write(`round ${round + 1}/${runs}: ${name} ${samples[name].at(-1).seconds.toFixed(2)} s\n`);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const row = (name) => ({ seconds: median(samples[name].map((s) => s.seconds)), rss: Math.max(...samples[name].map((s) => s.rss)) });
  const ratio = (a, b) => row(a).seconds / row(b).seconds;

  const loadNote = `load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
  console.log(`\n${files} files, node ${process.version}, median of ${runs}, ${loadNote}\n`);
  console.log("| command | wall s | files/s | peak RSS MB |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const name of names) {
    const { seconds, rss } = row(name);
    const single = name.includes("one sorted file") || name === "node -e 0";
    console.log(`| ${name} | ${seconds.toFixed(2)} | ${single ? "" : (files / seconds).toFixed(0)} | ${rss.toFixed(0)} |`);
  }

  const measured = (name) => names.includes(name);
  const rss = Math.max(...["safesort --check, as shipped (cold)", "safesort write (fresh copy)", "safesort --check, sorted tree (cold)"].filter(measured).map((name) => row(name).rss));
  const targets = [
    ["cold `--check`, sorted tree ÷ Biome `check` on the same tree", ratio("safesort --check, sorted tree (cold)", "biome check, sorted tree"), 0.5, "×"],
    ["cold `--check`, corpus as shipped ÷ Biome `check`", ratio("safesort --check, as shipped (cold)", "biome check, as shipped"), 1.0, "×"],
    ["warm `--check`, sorted tree ÷ reading every file", ratio("safesort --check, sorted tree (warm cache)", "read every file (sorted tree)"), 1.3, "×"],
    ["one sorted file ÷ `node -e 0`", ratio("safesort --check one sorted file", "node -e 0"), 1.5, "×"],
    ["peak RSS, whole corpus (MB)", rss, 300, ""],
  ];
  console.log(`\nTargets (issue #13), node ${process.version}, ${loadNote}:\n`);
  console.log("| measure | now | target | met |");
  console.log("| --- | ---: | ---: | :---: |");
  for (const [name, value, target, unit] of targets) {
    console.log(`| ${name} | ${unit ? value.toFixed(2) : value.toFixed(0)}${unit} | ≤ ${target}${unit} | ${value <= target ? "yes" : "no"} |`);
  }
  const references = [
    ["reference: oxfmt (sortImports + formatter) ÷ Biome `check`, as shipped", "oxfmt --check (sortImports + formatter), as shipped", "biome check, as shipped"],
    ["reference: `--strict` ÷ default, sorted tree (cold)", "safesort --check --strict, sorted tree (cold)", "safesort --check, sorted tree (cold)"],
    ["reference: `--jobs 2` ÷ default (in-process), as shipped", "safesort --check --jobs 2, as shipped (cold)", "safesort --check, as shipped (cold)"],
  ].filter(([, a, b]) => measured(a) && measured(b));
  for (const [name, a, b] of references) console.log(`| ${name} | ${ratio(a, b).toFixed(2)}× | | |`);
  if (jsonOut) {
    const json = {
      node: process.version,
      files,
      runs,
      load: { start: load, end: loadavg()[0], cores: availableParallelism() },
      rows: Object.fromEntries(names.map((name) => [name, row(name)])),
      targets: targets.map(([name, value, target, unit]) => ({ name, value, target, unit })),
      references: references.map(([name, a, b]) => ({ name, value: ratio(a, b) })),
    };
    writeFileSync(jsonOut, `${JSON.stringify(json, null, 2)}\n`);
  }
}

main();
