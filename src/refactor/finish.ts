/**
 * From text edits to new file contents: read each touched file (bytes, hash,
 * BOM), check it is the text the project was analysed with, apply the edits
 * to that original text, check the result still parses, and sort its imports
 * when an import statement was edited.
 *
 * Sorting is a courtesy, not part of the refactor: when the sorter skips a
 * file (`safesort: skip-file`) or cannot sort it, the edited text is kept and
 * a note says why.
 */
import { resolve } from "node:path";

import { ConfigResolver } from "../config/index.js";
import { applyEdits, type Edit } from "../edit/apply.js";
import { SafesortError } from "../errors.js";
import { readSourceFile } from "../files/read.js";
import { parseSource } from "../parse/parser.js";
import { processSource } from "../pipeline/process-source.js";

import { displayPath } from "./paths.js";
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
  /** Run the import sorter on files whose import statements were edited (default true). */
  readonly sortImports?: boolean;
  /** An explicit sorter config file, as `--config`. */
  readonly configFile?: string;
}

export interface Finished {
  readonly changes: FileChange[];
  readonly failures: RefactorDiagnostic[];
  readonly notes: RefactorNote[];
}

export async function finishEdits(pending: readonly PendingEdit[], options: FinishOptions): Promise<Finished> {
  const resolver = new ConfigResolver(options.configFile === undefined ? {} : { configFile: resolve(options.cwd, options.configFile) });
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
    const sorted = options.sortImports === false || !file.importsTouched ? undefined : await sortEdited(edited, file.newPath, sortAs, resolver, finished.notes);
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
  return finished;
}

/** The sorted text, or undefined (with a note) when the sorter leaves it as is. */
async function sortEdited(
  edited: string,
  absPath: string,
  display: string,
  resolver: ConfigResolver,
  notes: RefactorNote[],
): Promise<string | undefined> {
  let outcome;
  try {
    outcome = processSource(edited, display, await resolver.forFile(absPath));
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
  if (!parses(before, filepath)) return undefined;
  try {
    parseSource(after, filepath);
    return undefined;
  } catch (error) {
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
