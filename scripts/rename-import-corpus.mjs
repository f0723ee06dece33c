#!/usr/bin/env node
// The `rename-import` built-in on a real package changes only the lines it
// matched (issue #11: "only touched code changes"). ra-ui-materialui@5.15.4
// (one of the benchmark corpus's packages, bench/corpus.mjs: its src/, 527
// TS and TSX files; the CLI's walk skips a dist/ folder) is copied to a
// temporary folder and `safesort run rename-import --from react --to
// preact/compat --write` runs there through the real CLI. Then, per file:
//
//   - the lines that name the module (`from 'react'`, `require("react")`,
//     `import('react')`, found here by a regular expression, not by the
//     codemod's selector) are the lines with matches;
//   - the line diff against the package (git diff --no-index --numstat)
//     removes and adds exactly that many lines, and nothing in a file without
//     such a line changes; except that in a file whose imports were sorted
//     the sorter places a changed import (the minimal-diff rule), so a
//     multi-line import it moved counts all its lines, no more;
//   - the removed lines, with the module renamed, are the added lines.
//
// Any other difference, a failed file, or a count that differs from the
// report's fails the run (exit 1). The package is unpacked from its npm
// tarball into $SAFESORT_BENCH_DIR/react-corpus (default:
// <tmpdir>/safesort-bench/react-corpus) on first use, outside this
// repository, shared with scripts/react-codemod-corpus.mjs. Too slow for
// every `npm test` (20–60 s with the fetch), so .ci/run runs it.
//
//   node scripts/rename-import-corpus.mjs [extra run flags]
//
// Extra flags go to `safesort run`: `--sort-imports` (sort whole files) must
// make it fail, which shows that the check sees changes outside the matches.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { PACKAGES } from "../bench/corpus.mjs";

import { PACKAGE, sourceFiles, unpackedPackage } from "./react-corpus-package.mjs";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const FROM = "react";
const TO = "preact/compat";
const bin = join(ROOT, "bin", "safesort.js");
if (!PACKAGES.includes(PACKAGE)) throw new Error(`${PACKAGE} is no longer in bench/corpus.mjs's PACKAGES`);

/** A code line that names the module as an import source (a comment line does not). */
const NAMES_MODULE = new RegExp(String.raw`(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])${FROM.replace(/[/.]/g, "\\$&")}\1`);
const COMMENT_LINE = /^\s*(?:\*|\/\/|\/\*)/;
const CODE = /\.(?:[cm]?[jt]sx?)$/;

function lines(text) {
  return text.split(/\r?\n/);
}

/** `a` minus `b`, as multisets of lines. */
function minus(a, b) {
  const counts = new Map();
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
  return a.filter((line) => {
    const n = counts.get(line) ?? 0;
    if (n === 0) return true;
    counts.set(line, n - 1);
    return false;
  });
}

const pkg = unpackedPackage();
const work = mkdtempSync(join(tmpdir(), "safesort-rename-import-corpus-"));
const problems = [];
try {
  const copy = join(work, "package");
  cpSync(join(pkg, "src"), join(copy, "src"), { recursive: true });
  const sources = sourceFiles(copy, CODE).map((f) => relative(copy, f));
  const expected = new Map();
  for (const file of sources) {
    const text = lines(readFileSync(join(copy, file), "utf8"));
    let matched = 0;
    let statements = 0;
    text.forEach((line, i) => {
      if (!NAMES_MODULE.test(line) || COMMENT_LINE.test(line)) return;
      matched++;
      // `} from 'react'` ends a multi-line import: its statement starts at the line that starts with `import`/`export`.
      let first = i;
      if (/^\s*\}/.test(line)) while (first > 0 && !/^\s*(?:import|export)\b/.test(text[first])) first--;
      statements += i - first + 1;
    });
    if (matched > 0) expected.set(file, { matched, statements });
  }

  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, "run", "rename-import", copy, "--write", "--json", "--jobs", "2", ...process.argv.slice(2), "--", "--from", FROM, "--to", TO], { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`safesort run exited ${run.status}: ${run.stderr}${run.stdout.slice(0, 4000)}`);
  const report = JSON.parse(run.stdout);

  // Changed lines per file, as a line diff counts them (a line the sorter moved counts as removed and added).
  // Rows read `added removed <common prefix>{<package>/src => <copy>/src}/file`.
  const numstat = spawnSync("git", ["diff", "--no-index", "--numstat", "--no-renames", join(pkg, "src"), join(copy, "src")], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout;
  const diffed = new Map();
  for (const row of numstat.split("\n").filter(Boolean)) {
    const [added, removed, path] = row.split("\t");
    const parts = /^(.*)\{.* => (.*)\}(.*)$/.exec(path);
    const file = relative(copy, parts ? `${parts[1]}${parts[2]}${parts[3]}` : path);
    diffed.set(file, { added: Number(added), removed: Number(removed) });
  }

  let changedLines = 0;
  let replaced = 0;
  for (const file of sources) {
    const want = expected.get(file) ?? { matched: 0, statements: 0 };
    const got = diffed.get(file) ?? { added: 0, removed: 0 };
    changedLines += got.removed;
    // Each line with a match changes; in a file whose imports were sorted the sorter may place a changed import
    // elsewhere, and then the line diff counts its whole statement (README: the minimal-diff rule).
    if (got.added !== got.removed || got.removed < want.matched || got.removed > want.statements) {
      problems.push(`${file}: ${want.matched} line(s) name "${FROM}" (statements of ${want.statements} lines), but the diff removes ${got.removed} and adds ${got.added}`);
      continue;
    }
    if (got.removed > want.matched) replaced++;
    if (want.matched === 0) continue;
    const before = lines(readFileSync(join(pkg, file), "utf8"));
    const after = lines(readFileSync(join(copy, file), "utf8"));
    const renamed = minus(before, after).map((l) => l.replace(/(['"])react\1/g, `$1${TO}$1`)).sort();
    const added = minus(after, before).sort();
    if (JSON.stringify(renamed) !== JSON.stringify(added)) problems.push(`${file}: the added lines are not the removed ones with the module renamed:\n  ${added.join("\n  ")}`);
  }
  for (const f of report.files.filter((f) => f.status === "failed")) problems.push(`${f.path}: refused (${f.diagnostics?.[0]?.message ?? "no message"})`);
  if (report.summary.changed !== expected.size) problems.push(`the report says ${report.summary.changed} files changed, ${expected.size} name "${FROM}"`);
  const matchLines = [...expected.values()].reduce((a, b) => a + b.matched, 0);
  if (report.summary.matches < matchLines) problems.push(`the report counts ${report.summary.matches} matches for ${matchLines} lines`);
  console.log(
    `rename-import --from ${FROM} --to ${TO} on ${PACKAGE} (${sources.length} files): ${report.summary.changed} files changed, ` +
      `${report.summary.matches} matches on ${matchLines} lines, ${changedLines} lines changed ` +
      `(the extra ones: the whole statement of a multi-line import the sorter placed, in ${replaced} file(s)) in ${seconds.toFixed(1)} s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`${problems.length} problem(s):\n${problems.slice(0, 50).join("\n")}`);
  process.exit(1);
}
