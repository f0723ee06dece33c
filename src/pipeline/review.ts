/**
 * `interactive()`: ask per hunk, as `git add -p` does.
 *
 *   y  apply this hunk              n  skip it (the default: Enter)
 *   a  apply it and the rest of this file
 *   d  skip it and the rest of this file
 *   q  quit: keep what was accepted so far, touch nothing else
 *   e  edit the hunk in $VISUAL / $EDITOR, then apply the edit
 *   ?  help
 *
 * Reading stdin ends (EOF) → as `q`. Everything goes through `ReviewIo`, so
 * tests drive it with scripted answers; the CLI's prompt (src/cli/prompt.ts)
 * reads stdin and opens the editor.
 */
import { applyHunks, computeHunks, formatHunk, type Hunk, stripTerminator } from "../codemod/verify/hunks.js";
import type { HunkChoice } from "../codemod/verify/verify-review.js";
import { colorizeDiff } from "../report/diff-color.js";

export interface ReviewIo {
  /** Prompts and hunks go here (the CLI passes stderr when stdout is data, stdout otherwise). */
  write(text: string): void;
  /** The next answer line, without its terminator; null at end of input. */
  readLine(): Promise<string | null>;
  /** Edit text in the user's editor; resolves to the saved text. */
  edit(text: string): Promise<string>;
  readonly color: boolean;
}

/** The text to write for a file (undefined: nothing accepted), and whether the user quit. */
export interface Review {
  readonly text: string | undefined;
  readonly quit: boolean;
  /** The hunks offered and what became of each (for the check that the chosen ones go together). */
  readonly hunks: readonly Hunk[];
  readonly choices: readonly HunkChoice[];
}

const HELP = `y - apply this hunk
n - do not apply this hunk (default)
a - apply this hunk and all later hunks in the file
d - do not apply this hunk nor any later hunk in the file
q - quit; do not apply this hunk nor any other; keep what was accepted
e - edit this hunk in your editor
? - print help
`;

export async function reviewFile(path: string, before: string, after: string, io: ReviewIo): Promise<Review> {
  const hunks = computeHunks(before, after);
  const chosen: (readonly string[])[] = hunks.map((h) => h.oldLines);
  const choices: HunkChoice[] = hunks.map(() => "skipped");
  let accepted = 0;
  let rest: "apply" | "skip" | undefined;
  const name = path.split("\\").join("/");
  io.write(header(name, io.color));
  for (let i = 0; i < hunks.length; i++) {
    const hunk = hunks[i]!;
    if (rest) {
      if (rest === "apply") {
        chosen[i] = hunk.newLines;
        choices[i] = "applied";
        accepted++;
      }
      continue;
    }
    io.write(io.color ? colorizeDiff(formatHunk(hunk)) : formatHunk(hunk));
    for (;;) {
      io.write(`(${i + 1}/${hunks.length}) Apply this hunk to ${name} [y,n,a,d,q,e,?]? `);
      const line = await io.readLine();
      const answer = line === null ? "q" : line.trim().toLowerCase() || "n";
      if (answer === "y" || answer === "a") {
        chosen[i] = hunk.newLines;
        choices[i] = "applied";
        accepted++;
        if (answer === "a") rest = "apply";
        break;
      }
      if (answer === "n") break;
      if (answer === "d") {
        rest = "skip";
        break;
      }
      if (answer === "q") return { text: accepted > 0 ? applyHunks(before, hunks, chosen) : undefined, quit: true, hunks, choices };
      if (answer === "e") {
        chosen[i] = await editHunk(hunk, io, before);
        choices[i] = "edited";
        accepted++;
        break;
      }
      io.write(HELP);
    }
  }
  return { text: accepted > 0 ? applyHunks(before, hunks, chosen) : undefined, quit: false, hunks, choices };
}

function header(path: string, color: boolean): string {
  const text = `--- a/${path}\n+++ b/${path}\n`;
  return color ? colorizeDiff(text) : text;
}

/**
 * Edit a hunk as git does: the file holds the hunk in unified form; lines
 * starting with ` ` or `+` after the edit are the hunk's new text, `-` and
 * `#` lines are dropped.
 */
async function editHunk(hunk: Hunk, io: ReviewIo, before: string): Promise<string[]> {
  const note = [
    "# Edit the hunk: lines starting with ' ' or '+' are kept, '-' lines are removed.",
    "# To keep a '-' line, make it a ' ' line; to drop a '+' line, delete it.",
    "# Lines starting with '#' are ignored.",
  ];
  const edited = await io.edit([...hunk.body, ...note].join("\n") + "\n");
  const terminator = /\r\n/.test(before) ? "\r\n" : "\n";
  const kept = edited
    .split(/\r?\n/)
    .filter((line) => line.startsWith(" ") || line.startsWith("+"))
    .map((line) => line.slice(1));
  // The last kept line ends like the hunk's last new line (which may lack a terminator at end of file).
  const lastNew = hunk.newLines[hunk.newLines.length - 1] ?? hunk.oldLines[hunk.oldLines.length - 1] ?? "";
  const endsBare = lastNew !== "" && stripTerminator(lastNew) === lastNew;
  return kept.map((line, i) => (i === kept.length - 1 && endsBare ? line : line + terminator));
}
