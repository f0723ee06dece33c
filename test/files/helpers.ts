import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A fresh temporary directory; remove it with `removeTree`. */
export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `safesort-${prefix}-`));
}

/** Create files (path → content; a path ending in "/" is an empty directory). */
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

/** Remove a temp tree, restoring permissions a test may have taken away. */
export async function removeTree(root: string): Promise<void> {
  await chmod(root, 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
}

export const isRoot = process.getuid?.() === 0;
