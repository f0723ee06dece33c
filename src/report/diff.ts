/**
 * The unified diff of a change, as every command prints it (its colors on a
 * terminal: diff-color.ts). Loaded only by a run that prints a diff: the
 * `diff` package costs a sorted file's run nothing.
 */
import { sep } from "node:path";

import { structuredPatch } from "diff";

/** A unified diff with `a/` and `b/` prefixes, without jsdiff's `Index:`/`===` preamble. */
export function unifiedDiff(path: string, before: string, after: string): string {
  const name = path.split(sep).join("/");
  const patch = structuredPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
  const lines = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const hunk of patch.hunks) {
    // Unified diff quirk: an empty range starts one line earlier.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`, ...hunk.lines);
  }
  return lines.join("\n") + "\n";
}
