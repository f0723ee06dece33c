/**
 * A short code frame for a syntax error: the offending line with one line of
 * context each side and a caret under the column.
 *
 *     2 | import { a from "x";
 *       |            ^
 */
export function codeFrame(source: string, line: number, column: number): string {
  // Line breaks as the parser counts them (a lone "\r" too), so `line` is the parser's line.
  const lines = source.split(/\r\n?|\n|\u2028|\u2029/);
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? "").replace(/\t/g, "  ");
    const marker = n === line ? ">" : " ";
    out.push(`${marker} ${String(n).padStart(width)} | ${truncate(text)}`);
    if (n === line) {
      const before = (lines[n - 1] ?? "").slice(0, Math.max(0, column - 1)).replace(/\t/g, "  ");
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.min(before.length, 120))}^`);
    }
  }
  return out.join("\n");
}

function truncate(text: string): string {
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
