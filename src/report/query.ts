/**
 * What a query run (the `Query` API, `safesort run`) prints, and its result:
 * the reports of every command (stream.ts, reporters.ts), plus each file's
 * matches. stdout carries data (diffs, paths of files that would change,
 * dumps, documents), stderr errors and notices; the summary goes to stderr
 * when stdout is data.
 */
import type { ReviewIo } from "../pipeline/review.js";

import { emptySummary, type FileReport, type ReportMode } from "./model.js";
import type { ReporterName } from "./reporter-names.js";
import { streamReport } from "./stream.js";
import { packageVersion } from "./version.js";

export type QueryMode = ReportMode;

/** One file's report: the sorter's, plus the query's match count and, for `dump`, the description. */
export interface CodemodReport extends FileReport {
  readonly matches: number;
  readonly dump?: string;
}

interface Output {
  write(text: string): unknown;
}

/** Where a query's output goes, and where interactive answers come from. */
export interface QueryIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly color: boolean;
  /** Print only errors (and the data asked for: diffs, dumps). */
  readonly quiet?: boolean;
  /** One JSON document on stdout instead of text (= `reporter: "json"`). */
  readonly json?: boolean;
  /** How results are printed (default `text`, or `json` with `json`). */
  readonly reporter?: ReporterName;
  /** The codemod's name in annotations (github, sarif): a built-in's id or a module path. */
  readonly codemod?: string;
  /** The prompt channel for `interactive()`. */
  review(): ReviewIo;
}

export interface QueryResult {
  readonly filesChanged: number;
  readonly filesUnchanged: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  /** Matches over all files (after filters). */
  readonly matches: number;
  readonly files: readonly CodemodReport[];
}

/** How `interactive()` asks: the next answer line (null at end of input) and an editor for `e`. The CLI passes stdin's lines and $VISUAL/$EDITOR. */
export interface Prompt {
  readLine(): Promise<string | null>;
  edit(text: string): Promise<string>;
}

/** A QueryIo over process-like streams: colors only on a TTY without NO_COLOR. `interactive()` needs `prompt`. */
export function queryIoFrom(
  io: {
    readonly stdout: Output;
    readonly stderr: Output;
    readonly isTTY: boolean;
    readonly env: Readonly<Record<string, string | undefined>>;
  },
  options: {
    readonly color?: boolean;
    readonly quiet?: boolean;
    readonly json?: boolean;
    readonly reporter?: ReporterName;
    readonly codemod?: string;
    readonly prompt?: Prompt;
  } = {},
): QueryIo {
  const color = (options.color ?? true) && io.isTTY && !io.env["NO_COLOR"];
  const prompt = options.prompt;
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    color,
    quiet: options.quiet,
    json: options.json,
    reporter: options.reporter,
    codemod: options.codemod,
    review: () => {
      if (!prompt) throw new Error("interactive() needs a prompt: pass `io: queryIoFrom(streams, { prompt: { readLine, edit } })`");
      return { write: (text) => void io.stdout.write(text), readLine: () => prompt.readLine(), edit: (text) => prompt.edit(text), color };
    },
  };
}

/** Print reports as they arrive (or one document at the end: `reporter`), and return them with their counts. */
export async function reportQuery(reports: AsyncIterable<CodemodReport>, mode: QueryMode, io: QueryIo): Promise<QueryResult> {
  const reporter = io.reporter ?? (io.json ? "json" : "text");
  const head = { version: packageVersion(), command: "run" as const, mode, codemod: io.codemod };
  const options = { reporter, quiet: io.quiet ?? false, color: io.color, collect: true };
  const run = await streamReport(reports, head, options, io, { ...emptySummary(), matches: 0 });
  return {
    filesChanged: run.summary.changed,
    filesUnchanged: run.summary.unchanged,
    filesFailed: run.summary.failed,
    filesSkipped: run.summary.skipped,
    matches: run.summary.matches ?? 0,
    files: run.files as readonly CodemodReport[],
  };
}
