/**
 * A planned file change cut into the hunks of its unified diff, and rebuilt
 * from the hunks a reviewer accepted (pure). Hunks never overlap (3 lines of
 * context, as in `--diff`), so any subset applies to the original text.
 */
import { applyPatch, structuredPatch, type StructuredPatch, type StructuredPatchHunk } from "diff";

import type { FileChange } from "./types.js";

export function hunksOf(change: Pick<FileChange, "original" | "output">): StructuredPatch {
  return structuredPatch("a", "b", change.original, change.output, undefined, undefined, { context: 3 });
}

/** `@@ -3,7 +3,7 @@` and the hunk's lines, as in a unified diff. */
export function formatHunk(hunk: StructuredPatchHunk): string {
  const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
  const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
  return [`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`, ...hunk.lines].join("\n") + "\n";
}

/** The original text with only the accepted hunks applied. */
export function applyHunks(original: string, patch: StructuredPatch, accepted: readonly StructuredPatchHunk[]): string {
  const result = applyPatch(original, { ...patch, hunks: [...accepted] });
  if (result === false) throw new Error("internal error: accepted hunks do not apply to the original text");
  return result;
}
