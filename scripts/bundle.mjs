#!/usr/bin/env node
// Bundles the built CLI (dist/src, from tsc) into dist/bundle/ with esbuild,
// so that `safesort --check one.ts` loads one file instead of ~150 modules.
// Heavy or native packages used only by some commands stay external and are
// loaded on demand (dynamic import) by those commands.
import { existsSync, renameSync, rmSync } from "node:fs";

import { build } from "esbuild";

const external = [
  // Loaded on the first parse only (a file proved sorted from its head needs none).
  "@babel/parser",
  "oxc-parser",
  "ts-morph",
  "typescript",
  "recast",
  "svelte",
  "svelte/*",
  "@vue/compiler-sfc",
  "@astrojs/compiler",
  "vscode-languageserver",
  "vscode-languageserver/*",
  "vscode-languageserver-textdocument",
  "esbuild",
];

// Built beside the old bundle, then swapped in: a CLI running meanwhile never
// finds dist/bundle missing or half written, and old chunks go away.
const fresh = `dist/bundle.${process.pid}.tmp`;
const stale = `dist/bundle.${process.pid}.old`;
rmSync(fresh, { recursive: true, force: true });
await build({
  entryPoints: { safesort: "dist/src/cli/bin.js", worker: "dist/src/pool/worker.js", "codemod-worker": "dist/src/pipeline/codemod/worker.js", "jscodeshift-worker": "dist/src/pipeline/jscodeshift/worker.js" },
  outdir: fresh,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  // CommonJS dependencies bundled into ESM still call require() for Node's builtins.
  banner: { js: 'import { createRequire as __safesortRequire } from "node:module"; const require = __safesortRequire(import.meta.url);' },
  logLevel: "warning",
  legalComments: "none",
});

if (existsSync("dist/bundle")) renameSync("dist/bundle", stale);
renameSync(fresh, "dist/bundle");
rmSync(stale, { recursive: true, force: true });
