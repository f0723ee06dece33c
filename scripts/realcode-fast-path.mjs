// The real-code run's checks of the head proof (src/pipeline/fast-path.ts),
// which lets safesort call a file unchanged without parsing it:
//
//   differential: on every file, before and after sorting, the proof may say
//     "sorted" only where the full parse says "unchanged" (or fails on a
//     syntax error after the imports: the documented exception, counted);
//   strict twin: write mode with the proof on (the default) and forced off
//     (`--strict`) gives byte-identical files.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The built library modules (dist/src, from `npm run build`). */
async function loadCore(repo) {
  const load = (path) => import(pathToFileURL(join(repo, "dist", "src", path)).href);
  const [{ provablySorted }, { processSource }, { ConfigResolver }] = await Promise.all([
    load("pipeline/fast-path.js"),
    load("pipeline/process-source.js"),
    load("config/index.js"),
  ]);
  return { provablySorted, processSource, resolver: new ConfigResolver() };
}

/**
 * For each of `files` under each directory of `dirs`: the proof's verdict
 * against the full parse's. Returns counts and failures (one line each).
 */
export async function differential(repo, dirs, files) {
  const { provablySorted, processSource, resolver } = await loadCore(repo);
  const counts = { files: 0, proved: 0, provedButSyntaxErrorLater: 0 };
  const failures = [];
  for (const dir of dirs) {
    for (const path of files) {
      const abs = resolve(dir, path);
      const text = readFileSync(abs, "utf8").replace(/^\uFEFF/, "");
      const config = await resolver.forFile(abs);
      counts.files++;
      if (!provablySorted(text, path, config)) continue;
      counts.proved++;
      const full = processSource(text, path, config, { fullParse: true });
      if (full.status === "unchanged") continue;
      if (full.status === "failed" && (full.diagnostic.code === "syntax-error" || full.diagnostic.code === "too-complex")) {
        counts.provedButSyntaxErrorLater++;
        continue;
      }
      failures.push(`${path} (${dir}): the head proof says sorted, the full parse says ${full.status}`);
    }
  }
  return { counts, failures };
}

/**
 * Sort a copy of the `files` of `original` with `--strict` (laid out like
 * `tree`) and compare it byte for byte with `tree` (sorted with the proof
 * on). `safesort(args, cwd)` runs the CLI.
 */
export function strictTwin(work, original, tree, files, safesort) {
  const twin = join(work, "tree-strict");
  for (const path of files) {
    mkdirSync(dirname(join(twin, path)), { recursive: true });
    copyFileSync(join(original, path), join(twin, path));
  }
  safesort(["--strict", "tree-strict"], work);
  const failures = [];
  for (const path of files) {
    const a = readFileSync(join(tree, path));
    const b = readFileSync(join(twin, path));
    if (!a.equals(b)) failures.push(`${path}: write mode differs with the head proof on and off (--strict)`);
  }
  return failures;
}
