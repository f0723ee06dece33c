#!/usr/bin/env node
// Builds the benchmark corpus from npm packages pinned exactly: installs them
// into $SAFESORT_BENCH_DIR/install (default: <tmpdir>/safesort-bench, outside
// this repository, whose .gitignore would hide the corpus from the tools) and
// copies every .js .mjs .cjs .jsx .ts .mts .cts .tsx file (not .d.ts, not
// *.min.*, not over 300 KiB) into $SAFESORT_BENCH_DIR/corpus/<package name>/… (the named packages only, not their
// dependencies: about 5,600 files, 49 MB). Idempotent: an existing corpus with the
// same package list is reused. Usage: node bench/corpus.mjs [--force]
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGES = [
  "three@0.187.0",
  "rxjs@7.8.2",
  "effect@4.1.0",
  "svelte@5.57.3",
  "@tanstack/query-core@5.108.4",
  "zod@4.6.7",
  "ra-ui-materialui@5.15.4",
];

export const WORK = process.env.SAFESORT_BENCH_DIR ?? join(tmpdir(), "safesort-bench");
const INSTALL = join(WORK, "install");
export const CORPUS = join(WORK, "corpus");
const STAMP = join(CORPUS, ".packages.json");
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const MAX_BYTES = 300 * 1024;

function wanted(name, size) {
  return SOURCE.test(name) && !/\.d\.[cm]?ts$/.test(name) && !/\.min\./.test(name) && size <= MAX_BYTES;
}

function copyTree(from, to, stats) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    if (entry.isDirectory()) copyTree(src, join(to, entry.name), stats);
    else if (entry.isFile()) {
      const size = statSync(src).size;
      if (!wanted(entry.name, size)) continue;
      mkdirSync(to, { recursive: true });
      copyFileSync(src, join(to, entry.name));
      stats.files++;
      stats.bytes += size;
    }
  }
}

export function buildCorpus({ force = false, log = console.error } = {}) {
  const stamp = JSON.stringify(PACKAGES);
  if (!force && existsSync(STAMP) && readFileSync(STAMP, "utf8") === stamp) return CORPUS;
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(INSTALL, { recursive: true });
  if (!existsSync(join(INSTALL, "package.json"))) writeFileSync(join(INSTALL, "package.json"), '{"private":true}\n');
  log(`installing ${PACKAGES.join(" ")} …`);
  execFileSync("npm", ["install", "--ignore-scripts", "--legacy-peer-deps", "--no-audit", "--no-fund", "--save-exact", ...PACKAGES], { cwd: INSTALL, stdio: ["ignore", "ignore", "inherit"] });
  const stats = { files: 0, bytes: 0 };
  for (const spec of PACKAGES) {
    const name = spec.slice(0, spec.lastIndexOf("@"));
    copyTree(join(INSTALL, "node_modules", name), join(CORPUS, name), stats);
  }
  writeFileSync(STAMP, stamp);
  log(`corpus: ${stats.files} files, ${(stats.bytes / 1e6).toFixed(1)} MB in ${relative(process.cwd(), CORPUS)}`);
  return CORPUS;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildCorpus({ force: process.argv.includes("--force") });
