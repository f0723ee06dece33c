/**
 * From text edits to new file contents: read each touched file (bytes, hash,
 * BOM), check it is the text the project was analysed with, apply the edits
 * to that original text, check the result still parses, and sort its imports
 * when an import statement was edited.
 *
 * Sorting keeps sorted files sorted; it is a courtesy, not part of the
 * refactor. A file whose imports were not sorted before is left in its own
 * order: a one-line specifier change must not turn into a reshuffle of a
 * hand-ordered barrel (rxjs's index.ts, with its section comments, is one).
 * When the sorter cannot sort the edited text, it is kept and a note says why.
 */

import { ConfigResolver, configResolver } from "../config/index.js";
import { applyEdits, type Edit } from "../edit/apply.js";
import { SafesortError } from "../errors.js";
import { readSourceFile } from "../files/read.js";
import { parseSource } from "../parse/parser.js";
import { processSource } from "../pipeline/process-source.js";
import { displayPath } from "../report/paths.js";

import type { FileChange, RefactorDiagnostic, RefactorNote } from "./types.js";

export interface PendingEdit {
  /** Absolute path of the file now. */
  readonly path: string;
  /** Absolute path after the plan's moves. */
  readonly newPath: string;
  readonly edits: readonly Edit[];
  /** An import or re-export statement was edited: run the sorter on the result. */
  readonly importsTouched: boolean;
  /** The text the edits' offsets refer to (what the project read). */
  readonly analysedText: string;
}

export interface FinishOptions {
  readonly cwd: string;
  /** Sort the imports of files that were sorted and whose import statements were edited (default true). */
  readonly sortImports?: boolean;
  /** An explicit sorter config file, as `--config`. */
  readonly configFile?: string | false;
}

export interface Finished {
  readonly changes: FileChange[];
  readonly failures: RefactorDiagnostic[];
  readonly notes: RefactorNote[];
}

export async function finishEdits(pending: readonly PendingEdit[], options: FinishOptions): Promise<Finished> {
  const resolver = configResolver(options.cwd, options.configFile);
  const finished: Finished = { changes: [], failures: [], notes: [] };
  for (const file of pending) {
    const display = displayPath(options.cwd, file.path);
    const read = await readSourceFile(file.path, display);
    if (!read.ok) {
      finished.failures.push(read.diagnostic);
      continue;
    }
    if (read.text !== file.analysedText) {
      finished.failures.push({ code: "changed-on-disk", message: "the file changed on disk while the project was analysed; nothing written", path: display });
      continue;
    }
    const edited = applyEdits(read.text, file.edits);
    const broken = syntaxBroken(read.text, edited, file.newPath, display);
    if (broken) {
      finished.failures.push(broken);
      continue;
    }
    const sortAs = displayPath(options.cwd, file.newPath);
    const sorted = options.sortImports === false || !file.importsTouched ? undefined : await sortEdited(read.text, edited, file.newPath, sortAs, resolver, finished.notes);
    const output = sorted ?? edited;
    if (output === read.text) continue;
    finished.changes.push({
      path: file.path,
      newPath: file.newPath,
      original: read.text,
      output,
      bom: read.bom,
      hash: read.hash,
      sorted: sorted !== undefined,
    });
  }
  finished.changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return finished;
}

/** The sorted text, or undefined (with a note when the sorter failed) when the sorter leaves it as is. */
async function sortEdited(
  original: string,
  edited: string,
  absPath: string,
  display: string,
  resolver: ConfigResolver,
  notes: RefactorNote[],
): Promise<string | undefined> {
  let outcome;
  try {
    const config = await resolver.forFile(absPath);
    if (processSource(original, display, config).status !== "unchanged") return undefined;
    outcome = processSource(edited, display, config);
  } catch (error) {
    // An invalid sorter config: the refactor still stands.
    if (!(error instanceof SafesortError)) throw error;
    notes.push({ path: display, message: `imports not sorted: ${error.path}: ${error.message}` });
    return undefined;
  }
  if (outcome.status === "changed") return outcome.output;
  if (outcome.status === "failed") notes.push({ path: display, message: `imports not sorted: ${outcome.diagnostic.message}` });
  if (outcome.status === "skipped") notes.push({ path: display, message: `imports not sorted (${outcome.reason})` });
  return undefined;
}

/**
 * A file that parsed before the edits must parse after them. (A file the
 * import sorter's parser cannot read at all is not checked here; the type
 * check of verify.ts still sees it.)
 */
function syntaxBroken(before: string, after: string, filepath: string, display: string): RefactorDiagnostic | undefined {
  try {
    parseSource(after, filepath);
    return undefined;
  } catch (error) {
    if (!parses(before, filepath)) return undefined;
    const detail = error instanceof SafesortError ? `${error.line ?? "?"}:${error.column ?? "?"}: ${error.message}` : String(error);
    return { code: "internal-error", message: `internal error, refusing to write (the edited file does not parse: ${detail})`, path: display };
  }
}

function parses(source: string, filepath: string): boolean {
  try {
    parseSource(source, filepath);
    return true;
  } catch {
    return false;
  }
}
