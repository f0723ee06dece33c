/**
 * One document → the LSP text edits that sort it: its path from its URI, the
 * config for that path (read afresh each time, so an edited config applies
 * at once), the core's sort, minimal edits as LSP ranges. Every way this can
 * fail ends as no edits and a reason for the log, never as an exception.
 */

import { Range, TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";

import { ConfigResolver } from "../config/index.js";
import { formatLocation, SafesortError } from "../errors.js";
import { excludeByConfig } from "../pipeline/sources.js";
import { displayPath } from "../report/paths.js";
import type { Diagnostic, ResolvedConfig } from "../types.js";

import type { ConfigNotices } from "./config-notices.js";
import { documentPath, UnusableUri } from "./paths.js";
import { sortDocument } from "./sort-document.js";

export interface SortContext {
  readonly root: string;
  /** An absolute config file used for every document (`--config`) instead of searching; false: none (`--no-config`). */
  readonly configFile: string | false | undefined;
  readonly log: (message: string) => void;
  readonly notices: ConfigNotices;
}

/**
 * The edits that sort `document`; none when it is not a source file, is
 * excluded by config, has an invalid config (shown once), is already sorted
 * or fails to sort (logged).
 */
export async function sortEdits(document: TextDocument, context: SortContext): Promise<TextEdit[]> {
  const { root, configFile, log, notices } = context;
  let display: string = document.uri;
  try {
    const path = documentPath(document.uri, document.languageId, root);
    if (path === undefined) return [];
    const text = document.getText();
    display = displayPath(root, path);
    const resolver = new ConfigResolver(configFile === undefined ? {} : { configFile });
    let config: ResolvedConfig;
    try {
      config = await resolver.forFile(path);
    } catch (error) {
      if (!(error instanceof SafesortError)) throw error;
      notices.failed(error.toDiagnostic());
      return [];
    }
    notices.resolved(path);
    if (await excludeByConfig(resolver)(path)) return [];
    const sorted = sortDocument(text, display, config);
    if (sorted.kind === "failed") {
      log(describe(sorted.diagnostic));
      return [];
    }
    return sorted.edits.map((edit) => TextEdit.replace(Range.create(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text));
  } catch (error) {
    log(error instanceof UnusableUri ? error.message : `${display}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return [];
  }
}

/** `path:line:col: syntax error: message`, then the code frame. */
function describe(d: Diagnostic): string {
  const words = d.code.replaceAll("-", " ");
  const message = d.message.startsWith(words) ? d.message : `${words}: ${d.message}`;
  return [`${formatLocation(d)}: ${message}`, d.frame].filter(Boolean).join("\n");
}
