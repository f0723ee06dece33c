/**
 * Faults on the real file system: permissions, files that change or vanish
 * under a run, symbolic links, a full disk. Each test checks what the user is
 * told, that the file is untouched (same bytes, same mode) and that no
 * `*.safesort-tmp` file is left behind.
 *
 * We run as root here and in CI, and root passes every permission check. So
 * permission tests either rely on the writer's own refusal (no write bit at
 * all: refused even for root), or run the real binary as `nobody` through
 * `setpriv`, or use a read-only bind mount; each is skipped, saying why, when
 * that is not possible.
 */
import { spawnSync } from "node:child_process";
import { chmod, chown, lstat, mkdir, readFile, readlink, stat, symlink, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";

import { type Discovered, discoverFiles } from "../../src/files/discover.js";
import { hashBytes, writeFileAtomic } from "../../src/files/write.js";
import { runFiles, type RunOptions } from "../../src/pipeline/run.js";
import type { FileReport } from "../../src/report/model.js";
import { canDropPrivileges, removeUnprivilegedInstall, runBin } from "../helpers/bin.js";
import { isRoot, listFiles, makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

afterAll(removeUnprivilegedInstall);

const UNSORTED = 'import b from "b";\nimport a from "a";\n\nexport const x = [a, b];\n';
const SORTED = 'import a from "a";\nimport b from "b";\n\nexport const x = [a, b];\n';
const NOBODY = 65534;

let root: string;
beforeEach(async () => {
  root = await makeTempDir("faults");
});
afterEach(async () => {
  await removeTree(root);
});

async function tempFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).filter((f) => f.endsWith(".safesort-tmp"));
}

async function collect(paths: string[], options: Partial<RunOptions>, internals = {}): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for await (const report of runFiles(paths, { mode: "write", cwd: root, jobs: 1, ...options }, internals)) reports.push(report);
  return reports;
}

/** `mount …args`; undefined when done, else the reason it was refused. */
function mount(args: readonly string[]): string | undefined {
  const result = spawnSync("mount", args, { encoding: "utf8" });
  if (result.error) return result.error.message;
  return result.status === 0 ? undefined : (result.stderr.trim() || `mount exited with ${result.status}`);
}

function umount(dir: string): void {
  spawnSync("umount", [dir]);
}

describe("permissions", () => {
  it("a file without any write bit is reported as read-only and left untouched (the writer's own rule, so even for root)", async () => {
    await writeTree(root, { "ro.ts": UNSORTED, "ok.ts": UNSORTED });
    await chmod(join(root, "ro.ts"), 0o444);
    const result = await runBin(["--no-cache", "."], { cwd: root });
    expect(result.stderr).toBe("ro.ts: write failed: file is read-only\n");
    expect(result.stdout).toBe("1 file sorted, 0 unchanged, 1 failed\n");
    expect(result.code).toBe(2);
    expect(await readFile(join(root, "ro.ts"), "utf8")).toBe(UNSORTED);
    expect((await stat(join(root, "ro.ts"))).mode & 0o777).toBe(0o444);
    expect(await readFile(join(root, "ok.ts"), "utf8")).toBe(SORTED);
    expect(await tempFiles(root)).toEqual([]);
  });

  it("as an unprivileged user: a file that user may not write is reported and left untouched", async (ctx) => {
    if (!canDropPrivileges(NOBODY)) ctx.skip(isRoot ? "setpriv cannot switch to nobody here" : "needs root to switch to an unprivileged user");
    await writeTree(root, { "theirs.ts": UNSORTED, "mine.ts": UNSORTED });
    await chmod(join(root, "theirs.ts"), 0o644); // owned by root: readable, not writable, for nobody
    await chown(join(root, "mine.ts"), NOBODY, NOBODY);
    await chown(root, NOBODY, NOBODY);
    const result = await runBin(["--no-cache", "."], { cwd: root, uid: NOBODY });
    expect(result.stderr).toBe("theirs.ts: write failed: file is read-only\n");
    expect(result.code).toBe(2);
    expect(await readFile(join(root, "theirs.ts"), "utf8")).toBe(UNSORTED);
    expect(await readFile(join(root, "mine.ts"), "utf8")).toBe(SORTED);
    expect(await tempFiles(root)).toEqual([]);
  });

  it("as an unprivileged user: a read-only directory, where the temp file cannot be created, is reported; the file is untouched", async (ctx) => {
    if (!canDropPrivileges(NOBODY)) ctx.skip(isRoot ? "setpriv cannot switch to nobody here" : "needs root to switch to an unprivileged user");
    await writeTree(root, { "locked/a.ts": UNSORTED, "open/b.ts": UNSORTED });
    for (const path of ["locked", "locked/a.ts", "open", "open/b.ts"]) await chown(join(root, path), NOBODY, NOBODY);
    await chmod(join(root, "locked"), 0o555);
    const result = await runBin(["--no-cache", "."], { cwd: root, uid: NOBODY });
    expect(result.stderr).toBe("locked/a.ts: write failed: cannot create a temporary file in the file's directory: permission denied (EACCES)\n");
    expect(result.code).toBe(2);
    expect(await readFile(join(root, "locked/a.ts"), "utf8")).toBe(UNSORTED);
    expect(await readFile(join(root, "open/b.ts"), "utf8")).toBe(SORTED);
    expect(await tempFiles(root)).toEqual([]);
  });

  it("a read-only file system (read-only bind mount, as root) is reported; nothing is written", async (ctx) => {
    if (!isRoot) ctx.skip("needs root to mount");
    const dir = join(root, "ro-fs");
    await writeTree(dir, { "a.ts": UNSORTED });
    const refused = mount(["--bind", dir, dir]) ?? mount(["-o", "remount,bind,ro", dir]);
    if (refused !== undefined) {
      umount(dir);
      console.log(`skipped read-only file system test: ${refused}`);
      ctx.skip(`mount refused: ${refused}`);
    }
    try {
      const result = await runBin(["--no-cache", "ro-fs"], { cwd: root });
      expect(result.stderr).toBe("ro-fs/a.ts: write failed: file is read-only\n");
      expect(result.code).toBe(2);
      expect(await readFile(join(dir, "a.ts"), "utf8")).toBe(UNSORTED);
    } finally {
      umount(dir);
    }
  });
});

describe("files that change under the run", () => {
  it("a file deleted between discovery and read is reported as not found and not recreated", async () => {
    await writeTree(root, { "a.ts": UNSORTED, "b.ts": UNSORTED, "c.ts": UNSORTED });
    // The real walk, with b.ts deleted right after discovery yields it (before anything reads it).
    const source = async function* (options: Parameters<typeof discoverFiles>[1]): AsyncGenerator<Discovered> {
      for await (const item of discoverFiles(["."], options)) {
        if (item.kind === "file" && item.path.endsWith("b.ts")) await unlink(item.path);
        yield item;
      }
    };
    const reports = await collect(["."], { source });
    expect(reports.map((r) => [r.path, r.status])).toEqual([
      ["a.ts", "changed"],
      ["b.ts", "failed"],
      ["c.ts", "changed"],
    ]);
    expect(reports[1]!.diagnostics).toEqual([
      { code: "not-found", message: "cannot read file: no such file or directory (ENOENT)", path: "b.ts" },
    ]);
    expect(await listFiles(root)).toEqual(["a.ts", "c.ts"]);
  });

  it("a file changed between read and write is not written, reported, and keeps the other writer's content", async () => {
    await writeTree(root, { "a.ts": UNSORTED, "b.ts": UNSORTED });
    const edited = UNSORTED + "// edited by someone else meanwhile\n";
    const reports = await collect(["."], {}, {
      beforeWrite: async (absPath: string) => {
        if (absPath.endsWith("a.ts")) await writeFile(absPath, edited);
      },
    });
    expect(reports).toMatchObject([
      {
        path: "a.ts",
        status: "failed",
        diagnostics: [{ code: "changed-on-disk", message: "the file changed on disk since it was read; not written", path: "a.ts" }],
      },
      { path: "b.ts", status: "changed" },
    ]);
    expect(await readFile(join(root, "a.ts"), "utf8")).toBe(edited);
    expect(await readFile(join(root, "b.ts"), "utf8")).toBe(SORTED);
    expect(await tempFiles(root)).toEqual([]);
  });

  it("a file deleted between read and write is reported and not recreated", async () => {
    await writeTree(root, { "a.ts": UNSORTED });
    const reports = await collect(["."], {}, { beforeWrite: (absPath: string) => unlink(absPath) });
    expect(reports).toEqual([
      {
        path: "a.ts",
        status: "failed",
        diagnostics: [
          {
            code: "changed-on-disk",
            message: "the file was deleted (or its link target is gone) since it was read; not written",
            path: "a.ts",
          },
        ],
      },
    ]);
    expect(await listFiles(root)).toEqual([]);
  });

  it("the writer, given a stale hash, refuses and leaves the file and no temp file; given the current one, writes", async () => {
    const file = join(root, "a.ts");
    await writeFile(file, UNSORTED);
    const stale = hashBytes(Buffer.from("what was read before someone saved"));
    await expect(writeFileAtomic(file, SORTED, { bom: false, expectedHash: stale })).rejects.toMatchObject({ code: "changed-on-disk" });
    expect(await readFile(file, "utf8")).toBe(UNSORTED);
    expect(await tempFiles(root)).toEqual([]);
    await writeFileAtomic(file, SORTED, { bom: false, expectedHash: hashBytes(Buffer.from(UNSORTED)) });
    expect(await readFile(file, "utf8")).toBe(SORTED);
  });

  it("the writer accepts a file that already holds exactly the new bytes (nothing to do), whatever hash was read", async () => {
    const file = join(root, "a.ts");
    await writeFile(file, SORTED);
    const before = await stat(file);
    await writeFileAtomic(file, SORTED, { bom: false, expectedHash: hashBytes(Buffer.from(UNSORTED)) });
    expect((await stat(file)).ino).toBe(before.ino); // not replaced
    expect(await tempFiles(root)).toEqual([]);
  });
});

describe("symbolic links", () => {
  it("a link to a file inside the tree: the target is sorted, the link stays a link to it", async () => {
    await writeTree(root, { "src/z-real.ts": UNSORTED, "src/b.ts": UNSORTED });
    await symlink("z-real.ts", join(root, "src/a-link.ts"));
    await symlink("../src/b.ts", join(root, "src/c-link.ts"));
    const result = await runBin(["--no-cache", "src"], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await readFile(join(root, "src/z-real.ts"), "utf8")).toBe(SORTED);
    expect(await readFile(join(root, "src/b.ts"), "utf8")).toBe(SORTED);
    expect((await lstat(join(root, "src/a-link.ts"))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(root, "src/a-link.ts"))).toBe("z-real.ts");
    expect(await readlink(join(root, "src/c-link.ts"))).toBe("../src/b.ts");
    expect(await tempFiles(root)).toEqual([]);
  });

  it("a link pointing outside the walked directory is not written and is reported (without the target's path)", async () => {
    await writeTree(root, { "outside/secret.ts": UNSORTED, "src/a.ts": UNSORTED });
    await symlink(join(root, "outside/secret.ts"), join(root, "src/escape.ts"));
    await symlink("escape.ts", join(root, "src/via-chain.ts"));
    const result = await runBin(["--no-cache", "src"], { cwd: root });
    const reason = "symbolic link to a file outside the walked directory src; not followed, not written";
    expect(result.stderr).toBe(`src/escape.ts: skipped (${reason})\nsrc/via-chain.ts: skipped (${reason})\n`);
    expect(result.stdout).toBe("1 file sorted, 0 unchanged, 2 skipped\n");
    expect(result.code).toBe(0);
    expect(await readFile(join(root, "outside/secret.ts"), "utf8")).toBe(UNSORTED);
    expect(await readFile(join(root, "src/a.ts"), "utf8")).toBe(SORTED);
  });

  it("a link loop and a dangling link in the tree are skipped with a message; the rest is sorted", async () => {
    await writeTree(root, { "a.ts": UNSORTED });
    await symlink("loop-b.ts", join(root, "loop-a.ts"));
    await symlink("loop-a.ts", join(root, "loop-b.ts"));
    await symlink("gone.ts", join(root, "dangling.ts"));
    const result = await runBin(["--no-cache", "."], { cwd: root });
    expect(result.stderr).toBe(
      [
        "dangling.ts: skipped (dangling symbolic link: its target does not exist)",
        "loop-a.ts: skipped (symbolic link loop: too many levels of symbolic links (ELOOP))",
        "loop-b.ts: skipped (symbolic link loop: too many levels of symbolic links (ELOOP))",
        "",
      ].join("\n"),
    );
    expect(result.stdout).toBe("1 file sorted, 0 unchanged, 3 skipped\n");
    expect(result.code).toBe(0);
    expect(await readFile(join(root, "a.ts"), "utf8")).toBe(SORTED);
    expect(await readlink(join(root, "dangling.ts"))).toBe("gone.ts");
  });
});

describe("disk full", () => {
  it("a write that runs out of space is reported, the file is untouched and the temp file removed (64 KB tmpfs, as root)", async (ctx) => {
    if (!isRoot) ctx.skip("needs root to mount a tmpfs");
    const dir = join(root, "tiny");
    await mkdir(dir);
    const refused = mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
    if (refused !== undefined) {
      console.log(`skipped disk-full test: ${refused}`);
      ctx.skip(`mount refused: ${refused}`);
    }
    try {
      const big = UNSORTED + `export const pad = "${"x".repeat(20_000)}";\n`;
      await writeFile(join(dir, "a.ts"), big);
      // Fill what is left, one block at a time, until the file system says no.
      const filler = Buffer.alloc(4096, 1);
      for (let i = 0; ; i++) {
        try {
          await writeFile(join(dir, `fill-${i}.bin`), filler);
        } catch (error) {
          expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
          break;
        }
      }
      const result = await runBin(["--no-cache", "tiny"], { cwd: root });
      expect(result.stderr).toBe("tiny/a.ts: write failed: cannot write the temporary file: no space left on device (ENOSPC)\n");
      expect(result.code).toBe(2);
      expect(await readFile(join(dir, "a.ts"), "utf8")).toBe(big);
      expect(await tempFiles(dir)).toEqual([]);
    } finally {
      umount(dir);
    }
  });
});
