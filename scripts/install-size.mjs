#!/usr/bin/env node
// The lean-install target, measured: `npm pack` of this (built) working tree,
// installed with `npm i -D <tarball>` into a fresh TypeScript-only project
// (package.json + typescript already there), then the size of what safesort
// added to node_modules and its package count. Target: ≤ 25 MB, ≤ 30 packages.
// Needs the registry (or npm's cache). Prints one JSON line; exit 1 over target
// (.ci/run runs it after `npm test`, which builds).
//   node scripts/install-size.mjs
import { execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET = { packages: 30, megabytes: 25 };
const repo = fileURLToPath(new URL("../", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const work = mkdtempSync(join(tmpdir(), "safesort-install-size-"));
try {
  const tarball = execFileSync(npm, ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], { cwd: repo, encoding: "utf8" }).trim().split("\n").pop();
  const app = join(work, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  const quiet = ["--no-audit", "--no-fund", "--prefer-offline"];
  execFileSync(npm, ["i", "-D", ...quiet, "typescript@5.9.3"], { cwd: app, stdio: "ignore" });
  const before = measure(join(app, "node_modules"));
  execFileSync(npm, ["i", "-D", ...quiet, join(work, tarball)], { cwd: app, stdio: "ignore" });
  const after = measure(join(app, "node_modules"));
  const result = { packages: after.packages - before.packages, megabytes: +((after.bytes - before.bytes) / 1e6).toFixed(1), tarball };
  console.log(JSON.stringify(result));
  if (result.packages > BUDGET.packages || result.megabytes > BUDGET.megabytes) {
    console.error(`install-size: over budget (≤ ${BUDGET.packages} packages, ≤ ${BUDGET.megabytes} MB): ${result.packages} packages, ${result.megabytes} MB`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Bytes of every file under `dir` and the number of packages (directories holding a package.json directly under a node_modules). */
function measure(dir) {
  let bytes = 0;
  let packages = 0;
  const walk = (d, inNodeModules) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === ".bin" || entry.name === ".cache") continue;
        const isPackage = inNodeModules && !entry.name.startsWith("@");
        if (isPackage) packages++;
        walk(path, entry.name === "node_modules" || (inNodeModules && entry.name.startsWith("@")));
      } else bytes += lstatSync(path).size;
    }
  };
  walk(dir, true);
  return { bytes, packages };
}
