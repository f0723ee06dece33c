#!/usr/bin/env node
// The real-code safety run (CI): safesort in write mode over the sources of a
// few npm packages pinned exactly, every changed file checked by the
// independent checker (test/helpers/independent-check.ts: its own Babel
// parse, no code shared with the sorter), and a second run that must change
// nothing.
//
//   npm pack <pinned> ─▶ .work/realcode/tarballs (kept: the next run reuses them)
//   extract ─▶ <tmp>/original/<pkg>/…   copy JS/TS files ─▶ <tmp>/tree/<pkg>/…
//   safesort --json <tree>  (write)  ─▶ per changed file: checkSortOutput(original, now)
//   safesort --json --check <tree>   ─▶ nothing left to sort
//   safesort --strict <copy>          ─▶ byte-identical to <tree> (head proof off)
//   every file, before and after      ─▶ the head proof never says "sorted" where
//                                        the full parse would change it
//
// The copies live in a fresh directory under the OS temp dir, not in this
// repository: safesort honours the repository's .gitignore (which ignores
// .work/), so it would walk nothing there. Packages come with `npm pack`:
// their own files, none of their dependencies.
//
// Zero failures are allowed, except files whose original does not parse for
// the independent checker either (reported separately). Prints the counts;
// exits 1 on any failure. Usage: node scripts/realcode.mjs [--keep]
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { build } from "esbuild";

import { differential, strictTwin } from "./realcode-fast-path.mjs";

export const PACKAGES = ["rxjs@7.8.2", "zod@4.6.7", "svelte@5.57.3", "ra-ui-materialui@5.15.4"];

const REPO = fileURLToPath(new URL("..", import.meta.url));
const SCRATCH = join(REPO, ".work", "realcode");
const TARBALLS = join(SCRATCH, "tarballs");
const BIN = join(REPO, "bin", "safesort.js");
/** What the independent checker parses (safesort also walks .vue/.svelte/.astro; those are not copied). */
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

const log = (line) => process.stdout.write(line + "\n");

/** `npm pack` each pinned package once; the tarball path per spec. */
function fetchTarballs() {
  mkdirSync(TARBALLS, { recursive: true });
  const out = new Map();
  for (const spec of PACKAGES) {
    const at = spec.lastIndexOf("@");
    const file = join(TARBALLS, `${spec.slice(0, at).replace(/^@/, "").replace("/", "-")}-${spec.slice(at + 1)}.tgz`);
    if (!existsSync(file)) execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", TARBALLS], { stdio: ["ignore", "ignore", "inherit"] });
    if (!existsSync(file)) throw new Error(`npm pack ${spec} did not produce ${relative(REPO, file)}`);
    out.set(spec, file);
  }
  return out;
}

/** Extract a tarball's `package/` into `dir`. */
function extract(tarball, dir) {
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
}

/** Every JS/TS file under `dir`, relative, sorted (no links, no node_modules: packs have neither). */
function sourceFiles(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") sourceFiles(abs, base, out);
    else if (entry.isFile() && SOURCE.test(entry.name)) out.push(relative(base, abs));
  }
  return out;
}

/** The independent checker is TypeScript: compile it (esbuild, dependencies external) and import it. */
async function loadChecker() {
  const outfile = join(SCRATCH, "independent-check.mjs");
  await build({
    entryPoints: [join(REPO, "test", "helpers", "independent-check.ts")],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    logLevel: "error",
  });
  return import(pathToFileURL(outfile).href);
}

/** Run the real CLI with --json; the parsed report. */
function safesort(args, cwd) {
  const run = spawnSync(process.execPath, [BIN, "--no-cache", "--json", ...args], { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (run.error) throw run.error;
  try {
    return { code: run.status, report: JSON.parse(run.stdout), stderr: run.stderr };
  } catch {
    throw new Error(`safesort ${args.join(" ")} exited ${run.status} without a JSON report:\n${run.stderr}`);
  }
}

async function main() {
  const keep = process.argv.includes("--keep");
  const started = performance.now();
  const tarballs = fetchTarballs();
  const checker = await loadChecker();
  const work = mkdtempSync(join(tmpdir(), "safesort-realcode-"));
  const original = join(work, "original");
  const tree = join(work, "tree");
  const files = [];
  for (const [spec, tarball] of tarballs) {
    const name = spec.slice(0, spec.lastIndexOf("@"));
    extract(tarball, join(original, name));
    for (const rel of sourceFiles(join(original, name))) {
      const path = join(name, rel);
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      copyFileSync(join(original, path), join(tree, path));
      files.push(path);
    }
  }
  log(`realcode: ${files.length} files from ${PACKAGES.join(", ")} in ${work}`);

  const first = safesort(["tree"], work);
  const statusOf = new Map(first.report.files.map((f) => [relative("tree", f.path).split(sep).join("/"), f]));
  const counts = { files: files.length, changed: 0, unchanged: 0, skipped: 0, unparsableOriginals: 0, failures: 0 };
  const failures = [];
  const unparsable = [];
  for (const path of files) {
    const key = path.split(sep).join("/");
    const report = statusOf.get(key);
    const before = readFileSync(join(original, path), "utf8");
    const after = readFileSync(join(tree, path), "utf8");
    let parsesBefore = true;
    try {
      checker.parseFile(before, path);
    } catch {
      parsesBefore = false;
    }
    if (!report) {
      failures.push(`${key}: not reported by safesort`);
      continue;
    }
    if (report.status === "failed" || !parsesBefore) {
      if (after !== before) failures.push(`${key}: ${report.status} but its content changed`);
      else if (!parsesBefore) unparsable.push(`${key}: ${report.status === "failed" ? report.diagnostics?.[0]?.message : report.status}`);
      else failures.push(`${key}: ${report.diagnostics?.map((d) => `${d.code}: ${d.message}`).join("; ")}`);
      if (!parsesBefore) counts.unparsableOriginals++;
      continue;
    }
    if (report.status === "skipped") {
      counts.skipped++;
      if (after !== before) failures.push(`${key}: skipped but its content changed`);
      continue;
    }
    if (report.status === "unchanged") {
      counts.unchanged++;
      if (after !== before) failures.push(`${key}: reported unchanged but its content changed`);
      continue;
    }
    counts.changed++;
    if (after === before) failures.push(`${key}: reported changed but its content is the same`);
    const problems = checker.checkSortOutput(before, after, { filepath: path });
    if (problems.length > 0) failures.push(`${key}: ${problems.join("; ")}`);
  }

  const second = safesort(["--check", "tree"], work);
  const again = second.report.files.filter((f) => f.status === "changed");
  for (const f of again) failures.push(`${f.path}: a second run would change it again`);
  failures.push(...strictTwin(work, original, tree, files, safesort));
  const proof = await differential(REPO, [original, tree], files);
  failures.push(...proof.failures);
  counts.failures = failures.length;

  log(`realcode: ${JSON.stringify(counts)} (first run: ${JSON.stringify(first.report.summary)}; second run would sort ${again.length})`);
  log(`realcode: head proof, before and after sorting: ${JSON.stringify(proof.counts)}; --strict output byte-identical: ${failures.some((f) => f.includes("--strict")) ? "no" : "yes"}`);
  if (unparsable.length > 0) log(`realcode: ${unparsable.length} originals do not parse for the independent checker either (not counted as failures):\n  ${unparsable.slice(0, 20).join("\n  ")}`);
  if (failures.length > 0) log(`realcode: FAILURES:\n  ${failures.slice(0, 50).join("\n  ")}`);
  log(`realcode: ${Math.round((performance.now() - started) / 1000)} s`);
  if (keep) log(`realcode: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exitCode = failures.length > 0 ? 1 : 0;
}

await main();
