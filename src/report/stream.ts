/**
 * The one consumer of a run's reports, for every command: print each file's
 * text as it arrives (text reporter), or collect the run and print one
 * document at the end (json, github, sarif); then the summary line.
 *
 *   FileReport… ─streamReport─▶ stdout: data (paths, diffs, dumps, the document)
 *                               stderr: errors, notices, the summary when stdout is data
 *
 * An error printed once is not repeated: a broken config fails every file it
 * governs with the same message.
 */
import { emptySummary, type FileReport, type RunReport, type RunSummary } from "./model.js";
import type { ReporterName } from "./reporter-names.js";
import { formatRunSummary } from "./summary.js";
import { formatReport } from "./text.js";

interface Output {
  write(text: string): unknown;
}

export interface ReportStreams {
  readonly stdout: Output;
  readonly stderr: Output;
}

export interface StreamOptions {
  readonly reporter: ReporterName;
  /** Print only errors (and the data asked for: diffs, dumps, documents). */
  readonly quiet: boolean;
  /** Color diffs. */
  readonly color: boolean;
  /** The text summary line at the end (default true; a one-file `--stdin-filepath` run has none). */
  readonly summaryLine?: boolean;
  /** Keep every file's report in the result even for the text reporter (a query returns them). */
  readonly collect?: boolean;
  /** A progress line on a terminal, cleared before anything is printed. */
  readonly progress?: { clear(): void; tick(): void };
}

/** What a run is, besides its files: the document's head. */
export type ReportHead = Omit<RunReport, "files" | "summary">;

/**
 * Print `reports` and return the whole run. `summary` is counted in place,
 * so that a caller whose run is interrupted (the error propagates) can say
 * how far it got.
 */
export async function streamReport(
  reports: AsyncIterable<FileReport | readonly FileReport[]> | Iterable<FileReport>,
  head: ReportHead,
  options: StreamOptions,
  out: ReportStreams,
  summary: RunSummary = emptySummary(),
): Promise<RunReport> {
  const files: FileReport[] = [];
  const printedErrors = new Set<string>();
  // The document reporters load only when one is asked for: the text reporter's run never pays for them.
  const document = options.reporter === "text" ? undefined : (await import("./reporters.js")).DOCUMENT_REPORTERS[options.reporter];
  const keep = document !== undefined || options.collect === true;
  // Data lines go out in chunks (not next to a progress line or a prompt); what stdout holds goes out before anything on stderr.
  const stdout = chunked(out, head.mode !== "interactive" && options.progress === undefined);
  try {
    for await (const item of reports) {
      // A batch of reports (a sorter run's files ready together) is printed as its reports would be.
      for (const report of isBatch(item) ? item : [item]) {
        summary[report.status] += 1;
        if (report.matches !== undefined) summary.matches = (summary.matches ?? 0) + report.matches;
        if (keep) files.push(report);
        if (document) continue;
        const printed = formatReport(report, head.mode, options);
        if (printed.stdout || printed.stderr) options.progress?.clear();
        if (printed.stdout) stdout.write(printed.stdout);
        if (printed.stderr && !printedErrors.has(printed.stderr)) {
          printedErrors.add(printed.stderr);
          stdout.flush();
          out.stderr.write(printed.stderr);
        }
        options.progress?.tick();
      }
    }
  } finally {
    stdout.flush();
  }
  options.progress?.clear();
  const run: RunReport = { ...head, summary, files };
  if (document) out.stdout.write(document(run));
  const documentOnly = options.reporter === "json" || options.reporter === "sarif";
  if (options.summaryLine !== false && !options.quiet && !documentOnly) {
    const line = formatRunSummary(run);
    if (line) (summaryOnStdout(run, options.reporter) ? out.stdout : out.stderr).write(line);
  }
  return run;
}

/** Text held back to go out in one write: a `--check` prints a path per file to sort, and each write is a system call on the main thread. */
interface Chunked extends Output {
  flush(): void;
}

/** Bytes of text (about) from which a chunk goes out at once. */
const CHUNK = 32 * 1024;
/** How long text waits at most for more (a slow file holds back no earlier line longer). */
const CHUNK_DELAY_MS = 50;

/**
 * `out.stdout` in chunks (when `hold`; else every text at once): a chunk
 * goes out when it reaches CHUNK, CHUNK_DELAY_MS after its first text, or on
 * `flush()`. The timer does not keep the process alive; the caller flushes
 * at the end. `out.stdout` is read only to write (the CLI creates Node's
 * stream on that first read).
 */
function chunked(out: ReportStreams, hold: boolean): Chunked {
  if (!hold) return { write: (text) => out.stdout.write(text), flush: () => undefined };
  let held = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (held === "") return;
    const text = held;
    held = "";
    out.stdout.write(text);
  };
  return {
    write(text: string) {
      held += text;
      if (held.length >= CHUNK) flush();
      else if (timer === undefined) (timer = setTimeout(flush, CHUNK_DELAY_MS)).unref();
      return true;
    },
    flush,
  };
}

function isBatch(item: FileReport | readonly FileReport[]): item is readonly FileReport[] {
  return Array.isArray(item);
}

/**
 * When the run writes, the text summary is the output (stdout); when stdout
 * is data (paths, a patch, annotations), it goes to stderr. A refactor's
 * `--interactive` prints its prompts on stdout and writes what was accepted:
 * its summary follows them there; a query's goes to stderr.
 */
function summaryOnStdout(run: ReportHead, reporter: ReporterName): boolean {
  if (reporter !== "text") return false;
  return run.mode === "write" || (run.mode === "interactive" && (run.command === "rename-symbol" || run.command === "move"));
}
