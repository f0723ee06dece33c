/**
 * Writing a sorted file back, atomically and only if nobody else touched it.
 *
 *   absPath ─realpath─▶ target ─checks─▶ .<name>.<pid>.<random>.safesort-tmp ─fsync─▶ hash check ─rename─▶ target
 *
 * - A symbolic link is resolved and its target replaced, so the link stays a
 *   link.
 * - Refused before anything is written: a path that is not absolute or not a
 *   regular file, or a file with several hard links (renaming over it would
 *   silently split it from its other names) → `unsafe-path`; a read-only file
 *   → `write-failed` "file is read-only". Read-only means no write permission
 *   for this process (`access(W_OK)`) or, since root passes that check for
 *   every file, no write bit in the mode at all.
 * - The temporary file is created in the target's directory (so the rename
 *   cannot cross file systems) with `wx` (never reuses an existing file), gets
 *   the target's mode (set explicitly: the umask does not apply) and, when
 *   possible, its owner and group, and is fsynced.
 * - Just before the rename the target is read again: if its sha256 is not
 *   `expectedHash` (someone edited it since it was read) the write is refused
 *   with `changed-on-disk` and the file is left untouched, unless it already
 *   holds exactly the bytes to be written (a link and its target in one run,
 *   or two runs racing): then there is nothing to do and nothing is renamed.
 *   The remaining race window is between that read and the rename.
 * - On any failure the temporary file is removed; OS errors become
 *   `write-failed` with the reason.
 * What a rename does not keep: extended attributes, ACLs, the inode number.
 */
import type { Stats } from "node:fs";
import { constants } from "node:fs";
import { access, type FileHandle, lstat, open, readFile, realpath, rename, unlink } from "node:fs/promises";
import { basename, dirname, isAbsolute, join } from "node:path";

import { SafesortError } from "../errors.js";

import { nodeCrypto, sha256Hex } from "./crypto.js";
import { errnoCode, isSystemError, osReason } from "./os-error.js";

/** sha256 of `bytes`, as lower-case hex. */
export function hashBytes(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

export interface WriteOptions {
  /** Prefix the content with a UTF-8 BOM (the file had one when read). */
  readonly bom: boolean;
  /** sha256 (hex) of the bytes that were read; the write is refused if the file no longer matches. */
  readonly expectedHash: string;
}

/**
 * Replace the file at `absPath` with `content` (UTF-8), atomically. Throws
 * `SafesortError` with code `changed-on-disk`, `write-failed` or
 * `unsafe-path` (path: `absPath`); see the file header.
 */
export async function writeFileAtomic(absPath: string, content: string, options: WriteOptions): Promise<void> {
  if (!isAbsolute(absPath)) throw new SafesortError("unsafe-path", "refusing to write a relative path", absPath);
  const target = await resolveTarget(absPath);
  const stats = await guard(lstat(target), absPath);
  if (!stats.isFile()) throw new SafesortError("unsafe-path", "not a regular file", absPath);
  if (stats.nlink > 1) {
    throw new SafesortError("unsafe-path", `the file has ${stats.nlink} hard links; replacing it would detach it from the others`, absPath);
  }
  await assertWritable(target, stats, absPath);

  const bytes = Buffer.from(options.bom ? `\uFEFF${content}` : content, "utf8");
  const temp = join(dirname(target), `.${basename(target).slice(0, 100)}.${process.pid}.${nodeCrypto().randomBytes(6).toString("hex")}.safesort-tmp`);
  let handle: FileHandle | undefined;
  let created = false;
  let step = "create a temporary file in the file's directory";
  try {
    handle = await open(temp, "wx", stats.mode & 0o777);
    created = true;
    step = "write the temporary file";
    await keepOwner(handle, stats);
    await handle.chmod(stats.mode & 0o7777);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if ((await assertUnchanged(target, options.expectedHash, hashBytes(bytes), absPath)) === "already-written") {
      await unlink(temp);
      created = false;
      return;
    }
    step = "replace the file";
    await rename(temp, target);
    created = false;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await unlink(temp).catch(() => undefined);
    if (error instanceof SafesortError) throw error;
    if (isSystemError(error)) throw new SafesortError("write-failed", `cannot ${step}: ${osReason(error)}`, absPath);
    throw error;
  }
  // No fsync of the directory: after a crash the rename may be lost, which
  // leaves the old file — complete and valid. The file's own fsync above is
  // what matters: it makes sure the new name never points at unwritten data.
}

/** The real file behind `absPath` (links resolved). A file that is gone was changed on disk. */
async function resolveTarget(absPath: string): Promise<string> {
  try {
    return await realpath(absPath);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") {
      throw new SafesortError("changed-on-disk", "the file was deleted (or its link target is gone) since it was read; not written", absPath);
    }
    throw toWriteFailed(error, absPath);
  }
}

async function assertWritable(target: string, stats: Stats, absPath: string): Promise<void> {
  const readOnly = new SafesortError("write-failed", "file is read-only", absPath);
  if ((stats.mode & 0o222) === 0) throw readOnly;
  try {
    await access(target, constants.W_OK);
  } catch (error) {
    const code = errnoCode(error);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw readOnly;
    throw toWriteFailed(error, absPath);
  }
}

/** Is the target still what was read? ("already-written" when it holds the new bytes.) Throws `changed-on-disk` otherwise. */
async function assertUnchanged(target: string, expectedHash: string, newHash: string, absPath: string): Promise<"unchanged" | "already-written"> {
  let current: Buffer;
  try {
    current = await readFile(target);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") {
      throw new SafesortError("changed-on-disk", "the file was deleted since it was read; not written", absPath);
    }
    throw toWriteFailed(error, absPath);
  }
  const currentHash = hashBytes(current);
  if (currentHash === expectedHash) return "unchanged";
  if (currentHash === newHash) return "already-written";
  throw new SafesortError("changed-on-disk", "the file changed on disk since it was read; not written", absPath);
}

/** Give the new file the old one's owner and group when they differ from ours; allowed for root (and for a group we are in). */
async function keepOwner(handle: FileHandle, stats: Stats): Promise<void> {
  if (process.getuid === undefined || process.getgid === undefined) return;
  if (stats.uid === process.getuid() && stats.gid === process.getgid()) return;
  try {
    await handle.chown(stats.uid, stats.gid);
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "EPERM" && code !== "EINVAL") throw error;
  }
}

async function guard<T>(promise: Promise<T>, absPath: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw toWriteFailed(error, absPath);
  }
}

function toWriteFailed(error: unknown, absPath: string): unknown {
  return isSystemError(error) ? new SafesortError("write-failed", `cannot write file: ${osReason(error)}`, absPath) : error;
}
