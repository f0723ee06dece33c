/** Diffs as every command prints them: the unified diff of a change, and its colors on a terminal. */
import { sep } from "node:path";

import { structuredPatch } from "diff";

const RESET = "\u001b[0m";
const STYLES = {
  header: "\u001b[1m",
  hunk: "\u001b[36m",
  added: "\u001b[32m",
  removed: "\u001b[31m",
} as const;

/** Color a unified diff line by line; `\ No newline at end of file` and context lines stay plain. */
export function colorizeDiff(diff: string): string {
  return diff
    .split("\n")
    .map((line) => {
      const style = styleOf(line);
      return style === undefined || line === "" ? line : `${STYLES[style]}${line}${RESET}`;
    })
    .join("\n");
}

function styleOf(line: string): keyof typeof STYLES | undefined {
  if (line.startsWith("--- ") || line.startsWith("+++ ")) return "header";
  if (line.startsWith("@@")) return "hunk";
  if (line.startsWith("+")) return "added";
  if (line.startsWith("-")) return "removed";
  return undefined;
}

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
