/**
 * The real React package the corpus scripts run codemods on
 * (react-codemod-corpus.mjs, rename-import-corpus.mjs): ra-ui-materialui,
 * pinned, unpacked once from its npm tarball into a cache outside the
 * repository (no dependencies installed: the codemods only read the files).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PACKAGE = "ra-ui-materialui@5.15.4";
const WORK = join(process.env.SAFESORT_BENCH_DIR ?? join(tmpdir(), "safesort-bench"), "react-corpus");

/** The unpacked package's directory, fetched on first use. */
export function unpackedPackage() {
  const dir = join(WORK, "package");
  if (!existsSync(join(dir, "src"))) {
    mkdirSync(WORK, { recursive: true });
    console.error(`fetching ${PACKAGE} into ${WORK} …`);
    const tarball = execFileSync("npm", ["pack", "--silent", PACKAGE], { cwd: WORK, encoding: "utf8" }).trim().split("\n").pop();
    execFileSync("tar", ["xzf", tarball], { cwd: WORK });
  }
  return dir;
}

/** The files under `dir` whose names `pattern` matches, declaration files left out. */
export function sourceFiles(dir, pattern, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, pattern, out);
    else if (pattern.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) out.push(path);
  }
  return out;
}
