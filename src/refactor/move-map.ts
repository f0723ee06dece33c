/**
 * What a move does to paths: `src/a.ts → src/lib/a.ts`, or a whole directory
 * `src/util → src/shared/util` (every path under it follows). Paths are
 * absolute and `/`-separated.
 */
import { lstat, readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";

import { SafesortError } from "../errors.js";
import { displayPath } from "../report/paths.js";

import { toPosix } from "./paths.js";
import type { PathMove } from "./types.js";

export class MoveMap {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly kind: "file" | "directory",
  ) {}

  /** Where `path` (a file or directory) will be; itself when the move does not touch it. */
  movedPath(path: string): string {
    if (path === this.from) return this.to;
    if (this.kind === "directory" && path.startsWith(`${this.from}/`)) return this.to + path.slice(this.from.length);
    return path;
  }

  /** Whether the move takes `path` away from where it is. */
  isMoved(path: string): boolean {
    return path === this.from || (this.kind === "directory" && path.startsWith(`${this.from}/`));
  }

  /** For a path after the move: where it is now, when the move brings it there. */
  currentPathOf(newPath: string): string | undefined {
    if (newPath === this.to) return this.from;
    if (this.kind === "directory" && newPath.startsWith(`${this.to}/`)) return this.from + newPath.slice(this.to.length);
    return undefined;
  }

  /** Directories the move creates on the way to its destination count as existing afterwards. */
  isCreatedAncestor(dir: string): boolean {
    return this.to.startsWith(`${dir}/`);
  }

  toPathMove(): PathMove {
    return { from: this.from, to: this.to, kind: this.kind };
  }
}

/**
 * Check a move request and settle its destination, like `mv`: moving into an
 * existing directory keeps the name (`move src/a.ts lib` → `lib/a.ts`).
 * Refused: a source that does not exist, a destination that exists, a
 * directory moved into itself. Throws SafesortError.
 */
export async function resolveMove(from: string, to: string, cwd: string): Promise<MoveMap> {
  const source = resolve(cwd, from);
  const sourceStats = await lstat(source).catch(() => undefined);
  if (sourceStats === undefined) throw new SafesortError("not-found", "no such file or directory", from);
  if (!sourceStats.isFile() && !sourceStats.isDirectory()) throw new SafesortError("unsafe-path", "not a file or directory", from);
  let destination = resolve(cwd, to);
  const destinationStats = await lstat(destination).catch(() => undefined);
  if (destinationStats?.isDirectory() || (destinationStats === undefined && to.endsWith("/"))) {
    destination = join(destination, basename(source));
  }
  if (destination !== source && (await lstat(destination).catch(() => undefined)) !== undefined) {
    throw new SafesortError("unsafe-path", "the destination exists", displayPath(cwd, destination));
  }
  const map = new MoveMap(toPosix(source), toPosix(destination), sourceStats.isDirectory() ? "directory" : "file");
  if (map.from === map.to) throw new SafesortError("unsafe-path", "the source and the destination are the same", to);
  if (map.kind === "directory" && map.to.startsWith(`${map.from}/`)) {
    throw new SafesortError("unsafe-path", "cannot move a directory into itself", to);
  }
  return map;
}

/** Every file the move takes along (the file itself, or all files under the directory). */
export async function movedFiles(map: MoveMap): Promise<string[]> {
  if (map.kind === "file") return [map.from];
  const entries = await readdir(map.from, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => toPosix(join(entry.parentPath, entry.name)));
}
