/** The unified diff of a planned change (the sorter's format: `--- a/path`, `+++ b/path`). */
import { unifiedDiff } from "../report/diff.js";
import { displayPath } from "../report/paths.js";

import type { FileChange } from "./types.js";

/** A moved file's diff names its old path on the `---` line and its new one on `+++`. */
export function changeDiff(change: FileChange, cwd: string): string {
  const diff = unifiedDiff(displayPath(cwd, change.newPath), change.original, change.output);
  if (change.newPath === change.path) return diff;
  return `--- a/${displayPath(cwd, change.path)}${diff.slice(diff.indexOf("\n"))}`;
}
