/**
 * Hunks of a change, for `interactive()`: cut a before/after pair into
 * hunks (changed lines with up to 3 lines of context, as a unified diff), and
 * rebuild the text from a choice per hunk. Lines keep their terminators, so
 * CRLF files stay CRLF and a missing final newline stays missing.
 *
 *   before ─diffArrays─▶ changes ─group─▶ Hunk[] ─choices─▶ text
 */
import { diffArrays } from "diff";

export interface Hunk {
  /** Index of the hunk's first line in the old and new line arrays (context included). */
  readonly oldStart: number;
  readonly newStart: number;
  /** Old lines the hunk covers (context included) and what replaces them. */
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
  /** The unified-diff body: ` ` context, `-` removed, `+` added (terminators stripped). */
  readonly body: readonly string[];
}

const CONTEXT = 3;

/** Lines with their terminators ("a\r\n", "b\n", "c"). */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

interface Op {
  readonly kind: " " | "-" | "+";
  readonly line: string;
}

export function computeHunks(before: string, after: string): Hunk[] {
  const ops: Op[] = [];
  for (const change of diffArrays(splitLines(before), splitLines(after))) {
    const kind = change.added ? "+" : change.removed ? "-" : " ";
    for (const line of change.value) ops.push({ kind, line });
  }
  return groupHunks(ops);
}

/** Changed ops with their context; changes closer than 2×CONTEXT lines share a hunk. */
function groupHunks(ops: readonly Op[]): Hunk[] {
  const hunks: Hunk[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  const positions = ops.map((op) => {
    const at = { old: oldIndex, new: newIndex };
    if (op.kind !== "+") oldIndex++;
    if (op.kind !== "-") newIndex++;
    return at;
  });
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === " ") {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && ops[start - 1]!.kind === " " && i - start < CONTEXT) start--;
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== " ") end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === " ") gap++;
      if (gap < ops.length && gap - end <= 2 * CONTEXT) {
        end = gap;
        continue;
      }
      end = Math.min(end + CONTEXT, gap);
      break;
    }
    const slice = ops.slice(start, end);
    hunks.push({
      oldStart: positions[start]!.old,
      newStart: positions[start]!.new,
      oldLines: slice.filter((op) => op.kind !== "+").map((op) => op.line),
      newLines: slice.filter((op) => op.kind !== "-").map((op) => op.line),
      body: slice.map((op) => op.kind + stripTerminator(op.line)),
    });
    i = end;
  }
  return hunks;
}

export function stripTerminator(line: string): string {
  return line.replace(/\r?\n$/, "");
}

/**
 * Rebuild the text: `replacement[i]` is the new lines for hunk i (its
 * `newLines` to apply it, its `oldLines` to skip it, or edited lines).
 */
export function applyHunks(before: string, hunks: readonly Hunk[], replacement: readonly (readonly string[])[]): string {
  const lines = splitLines(before);
  let out = "";
  let at = 0;
  hunks.forEach((hunk, i) => {
    out += lines.slice(at, hunk.oldStart).join("");
    out += replacement[i]!.join("");
    at = hunk.oldStart + hunk.oldLines.length;
  });
  return out + lines.slice(at).join("");
}

/** `@@ -3,4 +3,5 @@` and the body, as a unified diff shows the hunk. */
export function formatHunk(hunk: Hunk): string {
  const range = (start: number, count: number) => `${count === 0 ? start : start + 1},${count}`;
  const header = `@@ -${range(hunk.oldStart, hunk.oldLines.length)} +${range(hunk.newStart, hunk.newLines.length)} @@`;
  return [header, ...hunk.body].join("\n") + "\n";
}
