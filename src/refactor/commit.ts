/**
 * Carrying out a plan on disk, all or (as far as the file system allows)
 * nothing:
 *
 *   1. check that every file still has the bytes the plan was computed from,
 *      and that no destination of a move exists — before writing anything;
 *   2. write each changed file atomically at its current path (writeFileAtomic:
 *      temp file, fsync, hash check, rename);
 *   3. move files and directories with fs.rename (atomic on one file system).
 *
 * If a write or a move fails, the moves done so far are undone and the files
 * written so far get their original bytes back, so that a failed refactor
 * does not leave a project half renamed.
 */
import { lstat, mkdir, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";

import { SafesortError } from "../errors.js";
import { hashBytes, writeFileAtomic } from "../files/write.js";
import { displayPath } from "../report/paths.js";

import type { FileChange, PathMove, RefactorDiagnostic, RefactorPlan } from "./types.js";

export interface CommitResult {
  readonly ok: boolean;
  readonly failures: readonly RefactorDiagnostic[];
  /** Whether earlier writes and moves were undone after a failure (false when undoing failed too). */
  readonly rolledBack: boolean;
}

export async function commitPlan(plan: Pick<RefactorPlan, "changes" | "moves">, cwd: string): Promise<CommitResult> {
  const problems = [...(await staleChanges(plan.changes, cwd)), ...(await blockedMoves(plan.moves, cwd))];
  if (problems.length > 0) return { ok: false, failures: problems, rolledBack: true };
  const written: FileChange[] = [];
  for (const change of plan.changes) {
    try {
      await writeFileAtomic(change.path, change.output, { bom: change.bom, expectedHash: change.hash });
      written.push(change);
    } catch (error) {
      return { ok: false, failures: [failure(error, change.path, cwd)], rolledBack: await undo(written, []) };
    }
  }
  const moved: PathMove[] = [];
  for (const move of plan.moves) {
    try {
      await mkdir(dirname(move.to), { recursive: true });
      await rename(move.from, move.to);
      moved.push(move);
    } catch (error) {
      return { ok: false, failures: [failure(error, move.from, cwd)], rolledBack: await undo(written, moved) };
    }
  }
  return { ok: true, failures: [], rolledBack: false };
}

async function staleChanges(changes: readonly FileChange[], cwd: string): Promise<RefactorDiagnostic[]> {
  const stale: RefactorDiagnostic[] = [];
  for (const change of changes) {
    const bytes = await readFile(change.path).catch(() => undefined);
    if (bytes === undefined || hashBytes(bytes) !== change.hash) {
      stale.push({ code: "changed-on-disk", message: "the file changed on disk since it was read; nothing written", path: displayPath(cwd, change.path) });
    }
  }
  return stale;
}

async function blockedMoves(moves: readonly PathMove[], cwd: string): Promise<RefactorDiagnostic[]> {
  const blocked: RefactorDiagnostic[] = [];
  for (const move of moves) {
    if (await exists(move.to)) blocked.push({ code: "unsafe-path", message: "the destination exists; nothing moved", path: displayPath(cwd, move.to) });
    if (!(await exists(move.from))) blocked.push({ code: "changed-on-disk", message: "the file is gone; nothing moved", path: displayPath(cwd, move.from) });
  }
  return blocked;
}

/** Undo moves (last first), then restore written files. True when everything was undone. */
async function undo(written: readonly FileChange[], moved: readonly PathMove[]): Promise<boolean> {
  let complete = true;
  for (const move of [...moved].reverse()) {
    await rename(move.to, move.from).catch(() => {
      complete = false;
    });
  }
  for (const change of written) {
    const ownBytes = Buffer.from(change.bom ? `\uFEFF${change.output}` : change.output, "utf8");
    await writeFileAtomic(change.path, change.original, { bom: change.bom, expectedHash: hashBytes(ownBytes) }).catch(() => {
      complete = false;
    });
  }
  return complete;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function failure(error: unknown, absPath: string, cwd: string): RefactorDiagnostic {
  const path = displayPath(cwd, absPath);
  if (error instanceof SafesortError) return { ...error.toDiagnostic(), path };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "write-failed", message, path };
}
