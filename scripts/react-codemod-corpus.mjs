#!/usr/bin/env node
// react-codemod's transforms on a real package, through jscodeshift's own CLI
// and through `safesort run --jscodeshift`, with the same parser (tsx) on the
// same files: every file must end up byte-identical, or be one that safesort
// refused to write (then it is left exactly as it was, and the reason is
// listed). Any other difference fails the run (exit 1).
//
// The package is ra-ui-materialui@5.15.4's TypeScript/TSX source (527 files),
// unpacked from its npm tarball into $SAFESORT_BENCH_DIR/react-corpus (default:
// <tmpdir>/safesort-bench/react-corpus) on first use, outside this repository.
//
//   node scripts/react-codemod-corpus.mjs [--only name,name] [--json]
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { PACKAGE, sourceFiles, unpackedPackage } from "./react-corpus-package.mjs";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(ROOT, "package.json"));
const jscodeshiftBin = join(dirname(require.resolve("jscodeshift/package.json")), "bin", "jscodeshift.js");
const transforms = join(dirname(require.resolve("react-codemod/package.json")), "transforms");
const bin = join(ROOT, "bin", "safesort.js");
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const only = arg("--only")?.split(",");

/** Every transform react-codemod 5.4.4 ships (each runs without options). */
const ALL = readdirSync(transforms)
  .filter((f) => f.endsWith(".js"))
  .map((f) => f.slice(0, -3))
  .sort();

function timed(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28 });
  return { ...result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const src = join(unpackedPackage(), "src");
const originals = new Map(sourceFiles(src, /\.tsx?$/).map((f) => [relative(src, f), readFileSync(f, "utf8")]));
const work = mkdtempSync(join(tmpdir(), "safesort-react-corpus-"));
const rows = [];
let mismatches = 0;
try {
  for (const name of ALL.filter((n) => !only || only.includes(n))) {
    const theirs = join(work, name, "jscodeshift");
    const ours = join(work, name, "safesort");
    cpSync(src, theirs, { recursive: true });
    cpSync(src, ours, { recursive: true });
    const transform = join(transforms, `${name}.js`);
    const j = timed([jscodeshiftBin, "--cpus", "2", "--parser=tsx", "--extensions=tsx,ts", "--ignore-pattern=**/*.d.ts", "-t", transform, theirs]);
    if (j.status !== 0) throw new Error(`jscodeshift ${name} exited ${j.status}: ${j.stderr}`);
    const s = timed([bin, "run", "--jscodeshift", transform, ours, "--parser", "tsx", "--write", "--json"]);
    if (![0, 2].includes(s.status)) throw new Error(`safesort ${name} exited ${s.status}: ${s.stderr}`);
    const report = JSON.parse(s.stdout);
    const refused = new Map(report.files.filter((f) => f.status === "failed").map((f) => [relative(ours, resolve(ROOT, f.path)), f.diagnostics?.[0]?.message ?? "(no message)"]));
    const row = { transform: name, changedByJscodeshift: 0, changedBySafesort: 0, identical: 0, refused: [], mismatched: [], jscodeshiftMs: j.ms, safesortMs: s.ms };
    for (const [file, original] of originals) {
      const a = readFileSync(join(theirs, file), "utf8");
      const b = readFileSync(join(ours, file), "utf8");
      if (a !== original) row.changedByJscodeshift++;
      if (b !== original) row.changedBySafesort++;
      if (a === b) row.identical++;
      else if (refused.has(file) && b === original) row.refused.push({ file, reason: refused.get(file) });
      else row.mismatched.push(file);
    }
    // A refusal must leave the file as it was even where jscodeshift agrees.
    for (const file of refused.keys()) if (readFileSync(join(ours, file), "utf8") !== originals.get(file)) row.mismatched.push(`${file} (refused but written)`);
    mismatches += row.mismatched.length;
    rows.push(row);
    rmSync(join(work, name), { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (process.argv.includes("--json")) console.log(JSON.stringify({ package: PACKAGE, files: originals.size, rows }, null, 2));
else {
  console.log(`${PACKAGE} src: ${originals.size} files; jscodeshift 17 --cpus 2 --parser=tsx vs safesort run --jscodeshift --parser tsx\n`);
  console.log("| transform | changed (jscodeshift) | changed (safesort) | identical | refused by safesort | mismatched | jscodeshift s | safesort s |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(`| ${r.transform} | ${r.changedByJscodeshift} | ${r.changedBySafesort} | ${r.identical} | ${r.refused.length} | ${r.mismatched.length} | ${(r.jscodeshiftMs / 1000).toFixed(1)} | ${(r.safesortMs / 1000).toFixed(1)} |`);
  for (const r of rows) {
    for (const { file, reason } of r.refused) console.log(`refused  ${r.transform}: ${file}: ${reason}`);
    for (const file of r.mismatched) console.log(`MISMATCH ${r.transform}: ${file}`);
  }
}
process.exit(mismatches === 0 ? 0 : 1);
