/** The colors of a unified diff on a terminal (the diff itself: diff.ts, loaded only when one is made). */
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
