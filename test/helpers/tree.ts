/**
 * The test kit's file trees: a project in a fresh temp directory from a
 * `{ path: content }` tree, and what tests compare (file lists, bytes).
 *
 *   const root = await makeTempDir("cli");
 *   await writeTree(root, { "src/a.ts": UNSORTED, "empty/": "" });
 *   …
 *   await removeTree(root);
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";

export const isRoot = process.getuid?.() === 0;

/** A fresh temp directory (mode 0755, so that an unprivileged child can enter it); remove it with `removeTree`. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `safesort-${prefix}-`));
  await chmod(dir, 0o755);
  return dir;
}

/** Create files (`/`-separated path → content; a path ending in "/" is an empty directory). */
export async function writeTree(root: string, tree: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    const abs = join(root, path);
    if (path.endsWith("/")) {
      await mkdir(abs, { recursive: true });
      continue;
    }
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

/** A temp directory holding `tree`. */
export async function makeTree(prefix: string, tree: Record<string, string | Buffer>): Promise<string> {
  const root = await makeTempDir(prefix);
  await writeTree(root, tree);
  return root;
}

/** Remove a temp tree, giving back the permissions a test took away. */
export async function removeTree(root: string): Promise<void> {
  spawnSync("chmod", ["-R", "u+rwX", root]);
  await rm(root, { recursive: true, force: true });
}

/** Every file under `root` (relative, `/`-separated), sorted; links listed, not followed. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    out.push(relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"));
  }
  return out.sort();
}
