/**
 * The IO shell around the codemod core for one file (the worker's job, or
 * the main thread's for small runs): read → applyCodemod → a FileResult with
 * the match count. Plain data in and out; never writes, never throws.
 */
import { relative, sep } from "node:path";

import { readSourceFile } from "../files/read.js";
import { failedResult, internalError } from "../pipeline/process-file.js";
import type { FileTask } from "../pool/messages.js";
import type { FileResult } from "../types.js";

import { applyCodemod, type CodemodPlan } from "./core.js";

/** A file's result as a query reports it. */
export type CodemodFileResult = FileResult & { readonly matches?: number; readonly dump?: string };

export async function processCodemodFile(task: FileTask, plan: CodemodPlan, cwd: string): Promise<CodemodFileResult> {
  try {
    const read = await readSourceFile(task.path, task.displayPath);
    if (!read.ok) return failedResult(task.path, task.index, read.diagnostic);
    const file = relative(cwd, task.path).split(sep).join("/");
    const outcome = applyCodemod(read.text, task.displayPath, file, plan, task.config);
    const meta = { index: task.index, path: task.path, originalHash: read.hash, bom: read.bom };
    return outcome.status === "changed" ? { ...outcome, ...meta, original: read.text } : { ...outcome, ...meta };
  } catch (error) {
    return failedResult(task.path, task.index, internalError(task.displayPath, error));
  }
}
