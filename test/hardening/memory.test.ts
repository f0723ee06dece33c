/**
 * Bounded memory: a generated tree of 50,000 small files (500 directories of
 * 100, one file in 20 unsorted) is sorted in write mode by the real binary
 * with two worker threads, and its peak RSS (main thread and workers: one
 * process) stays under BOUND_MB. Discovery is streamed and the files in
 * flight are bounded, so memory does not follow the number of files: the
 * same run over a tenth of the tree (in check mode: nothing written) is
 * printed next to it for comparison.
 *
 * Measured on this 2-core machine: ~140 MB for 5,000 files and ~180-260 MB
 * for 50,000 (the difference is mostly V8 heap slack: after a forced GC the
 * main thread holds ~10 MB either way). The bound is fixed at 400 MB, for
 * `--jobs 2` (each extra worker adds ~50 MB, so the job count is pinned).
 *
 * The full 50,000-file run takes ~30-50 s here (writing, sorting and
 * removing the tree), too much for every `vitest run`: by default this test
 * uses 5,000 files (a few seconds), and CI (.ci/run) runs it again with
 * SAFESORT_MEMORY_FILES=50000. The bound is the same for both.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runBin } from "../helpers/bin.js";
import { makeTempDir, removeTree } from "../helpers/tree.js";

const FILES = Number(process.env.SAFESORT_MEMORY_FILES ?? 5_000);
const PER_DIR = 100;
const BOUND_MB = 400;

const SORTED = 'import fs from "node:fs";\n\nimport a from "a";\n\nimport b from "./b";\n\nexport const x = [fs, a, b];\n';
const UNSORTED = 'import b from "./b";\nimport fs from "node:fs";\nimport a from "a";\n\nexport const x = [fs, a, b];\n';

let root: string;
beforeAll(async () => {
  root = await makeTempDir("memory");
  // p0 holds the first tenth of the directories: the comparison run.
  const dirs = Math.ceil(FILES / PER_DIR);
  for (let d = 0; d < dirs; d++) {
    const dir = join(root, "tree", `p${Math.floor((d * 10) / dirs)}`, `d${d}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < PER_DIR && d * PER_DIR + i < FILES; i++) {
      writeFileSync(join(dir, `f${i}.ts`), (d * PER_DIR + i) % 20 === 0 ? UNSORTED : SORTED);
    }
  }
}, 120_000);

afterAll(async () => {
  await removeTree(root);
}, 120_000);

describe("bounded memory", () => {
  it(`sorting a tree of ${FILES} files peaks under ${BOUND_MB} MB of RSS (--jobs 2)`, async () => {
    const tenth = await runBin(["--jobs", "2", "--check", "--quiet", "tree/p0"], { cwd: root, measure: true });
    expect(tenth.code, tenth.stderr).toBe(1); // files to sort, none written
    const all = await runBin(["--jobs", "2", "tree"], { cwd: root, measure: true });
    expect(all.stderr).toBe("");
    expect(all.stdout).toBe(`${FILES / 20} files sorted, ${FILES - FILES / 20} unchanged\n`);
    console.log(
      `memory: ${FILES} files: peak RSS ${all.maxRssMb} MB in ${Math.round(all.ms / 1000)} s (bound ${BOUND_MB} MB); ` +
        `a tenth of the tree: ${tenth.maxRssMb} MB in ${Math.round(tenth.ms / 1000)} s`,
    );
    expect(all.maxRssMb).toBeLessThan(BOUND_MB);
  }, 180_000);
});
