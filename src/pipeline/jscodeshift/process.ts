/**
 * The IO shell around a jscodeshift transform for one file: read →
 * applyJscodeshift → a FileResult with what the transform reported. Plain
 * data in and out; never writes, never throws. The same function runs
 * in-process and in the pool's workers (worker.ts).
 */
import { readSourceFile } from "../../files/read.js";
import type { FileTask } from "../../pool/messages.js";
import type { FileResult } from "../../types.js";
import { failedResult, internalError } from "../process-file.js";

import { applyJscodeshift, type JscodeshiftOutcome } from "./apply.js";
import type { JscodeshiftSource } from "./transform.js";

/** A file's result with the transform's `api.report` messages and `api.stats` counts. */
export type JscodeshiftFileResult = FileResult & Partial<Pick<JscodeshiftOutcome, "matches" | "messages" | "stats">>;

export async function processJscodeshiftFile(task: FileTask, source: JscodeshiftSource): Promise<JscodeshiftFileResult> {
  try {
    const read = await readSourceFile(task.path, task.displayPath);
    if (!read.ok) return failedResult(task.path, task.index, read.diagnostic);
    // jscodeshift hands the transform the path it was given; here, as the run names it.
    const outcome = await applyJscodeshift(read.text, task.displayPath, source);
    const meta = { index: task.index, path: task.path, originalHash: read.hash, bom: read.bom };
    return outcome.status === "changed" ? { ...outcome, ...meta, original: read.text } : { ...outcome, ...meta };
  } catch (error) {
    return failedResult(task.path, task.index, internalError(task.displayPath, error));
  }
}
