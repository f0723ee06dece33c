/**
 * `safesort lsp`: a language server over a pair of streams (stdio from the
 * CLI), built on vscode-languageserver. It offers two things, both returning
 * minimal text edits (edits.ts) and nothing else:
 *
 * - the code action `source.organizeImports.safesort`, also returned when a
 *   client asks for `source.organizeImports` or `source` (kinds are
 *   hierarchical), e.g. VS Code's `editor.codeActionsOnSave`;
 * - document formatting (`textDocument/formatting`) that only sorts imports.
 *
 * The config is resolved for the document's path on every request, so an
 * edited config applies at once. A document that does not parse gets no
 * edits and a `window/logMessage` warning with `path:line:col`; the server
 * never crashes on a document.
 *
 * `exit` resolves `exited` (0 after `shutdown`, else 1) instead of calling
 * `process.exit` as the library's node entry does: the CLI decides.
 */
import { isAbsolute, relative, sep } from "node:path";

import {
  type CodeAction,
  CodeActionKind,
  createConnection,
  type InitializeResult,
  Range,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
  type WatchDog,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";

import { ConfigResolver } from "../config/index.js";
import { formatLocation, SafesortError } from "../errors.js";
import { excludeByConfig } from "../pipeline/run.js";
import type { Diagnostic, ResolvedConfig } from "../types.js";

import { documentPath, rootPath, UnusableUri } from "./paths.js";
import { sortDocument } from "./sort-document.js";

export const SORT_IMPORTS_KIND = `${CodeActionKind.SourceOrganizeImports}.safesort`;
export const SORT_IMPORTS_TITLE = "Sort imports (safesort)";

export interface LspServerOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The workspace root when the client names none. */
  readonly cwd: string;
  /** An absolute config file used for every document (`--config`) instead of searching. */
  readonly configFile?: string;
  readonly version: string;
}

export interface LspServer {
  /** Resolves with the exit code: on `exit` (0 after `shutdown`, else 1), when the input ends, or when the client's process dies. */
  readonly exited: Promise<number>;
}

/** Does a code-action request's `only` filter admit `kind`? An absent or empty filter admits everything. */
export function admits(only: readonly string[] | undefined, kind: string): boolean {
  if (only === undefined || only.length === 0) return true;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

export function startLspServer(options: LspServerOptions): LspServer {
  let finish!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (finish = resolve));
  let ended = false;
  let parentWatch: NodeJS.Timeout | undefined;
  const reader = new StreamMessageReader(options.input);
  const writer = new StreamMessageWriter(options.output);
  const watchDog: WatchDog = {
    shutdownReceived: false,
    initialize: (params) => {
      parentWatch = watchParent(params.processId, () => end(1));
    },
    exit: (code) => end(code),
  };
  const connection = createConnection(() => createProtocolConnection(reader, writer), watchDog);
  const end = (code: number) => {
    if (ended) return;
    ended = true;
    clearInterval(parentWatch);
    connection.dispose();
    finish(code);
  };
  reader.onClose(() => end(watchDog.shutdownReceived ? 0 : 1));

  const documents = new TextDocuments(TextDocument);
  const state = { root: options.cwd, documentChanges: false };
  const log = (message: string) => connection.console.warn(message);
  // Requests still reading config when `shutdown` arrives are answered before the shutdown is.
  const inFlight = new Set<Promise<TextEdit[]>>();
  const sortEdits = (document: TextDocument): Promise<TextEdit[]> => {
    const pending = editsFor(document, state.root, options.configFile, log);
    inFlight.add(pending);
    const settled = () => inFlight.delete(pending);
    pending.then(settled, settled);
    return pending;
  };

  connection.onInitialize((params): InitializeResult => {
    const { root, problem } = rootPath(params, options.cwd);
    if (problem !== undefined) log(problem);
    state.root = root;
    state.documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.SourceOrganizeImports, SORT_IMPORTS_KIND] },
        documentFormattingProvider: true,
      },
      serverInfo: { name: "safesort", version: options.version },
    };
  });

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !admits(params.context.only, SORT_IMPORTS_KIND)) return [];
    const edits = await sortEdits(document);
    if (edits.length === 0) return [];
    return [{ title: SORT_IMPORTS_TITLE, kind: SORT_IMPORTS_KIND, edit: workspaceEdit(document, edits, state.documentChanges) }];
  });

  connection.onDocumentFormatting(async (params): Promise<TextEdit[]> => {
    const document = documents.get(params.textDocument.uri);
    return document ? sortEdits(document) : [];
  });

  connection.onShutdown(async () => {
    await Promise.allSettled([...inFlight]);
  });

  documents.listen(connection);
  connection.listen();
  return { exited };
}

/**
 * The edits that sort `document`, as LSP text edits; none when it is not a
 * source file, is excluded by config, is already sorted, fails to sort (logged)
 * or changed while its config was being read.
 */
async function editsFor(document: TextDocument, root: string, configFile: string | undefined, log: (message: string) => void): Promise<TextEdit[]> {
  let display: string = document.uri;
  try {
    const path = documentPath(document.uri, document.languageId, root);
    if (path === undefined) return [];
    const { version } = document;
    const text = document.getText();
    display = displayPath(root, path);
    const resolver = new ConfigResolver(configFile === undefined ? {} : { configFile });
    const config = await configOrLog(resolver, path, log);
    if (config === undefined || (await excludeByConfig(resolver)(path))) return [];
    const sorted = sortDocument(text, display, config);
    if (sorted.kind === "failed") {
      log(describe(sorted.diagnostic));
      return [];
    }
    // The buffer changed while the config was read: these edits are for a text the client no longer has.
    if (document.version !== version) return [];
    return sorted.edits.map((edit) => TextEdit.replace(Range.create(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text));
  } catch (error) {
    if (error instanceof UnusableUri) {
      log(error.message);
      return [];
    }
    log(`${display}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return [];
  }
}

async function configOrLog(resolver: ConfigResolver, path: string, log: (message: string) => void): Promise<ResolvedConfig | undefined> {
  try {
    return await resolver.forFile(path);
  } catch (error) {
    if (!(error instanceof SafesortError)) throw error;
    log(describe(error.toDiagnostic()));
    return undefined;
  }
}

/** `path:line:col: syntax error: message`, then the code frame. */
function describe(d: Diagnostic): string {
  const words = d.code.replaceAll("-", " ");
  const message = d.message.startsWith(words) ? d.message : `${words}: ${d.message}`;
  return [`${formatLocation(d)}: ${message}`, d.frame].filter(Boolean).join("\n");
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? path : rel;
}

/** Versioned document edits when the client supports them (a stale action is then refused), plain changes otherwise. */
function workspaceEdit(document: TextDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
  return { changes: { [document.uri]: edits } };
}

/** Poll the client's process (LSP `processId`): when it is gone, so is the reason to run. */
function watchParent(processId: number | null, onGone: () => void): NodeJS.Timeout | undefined {
  if (processId === null) return undefined;
  const timer = setInterval(() => {
    try {
      process.kill(processId, 0);
    } catch {
      onGone();
    }
  }, 3000);
  timer.unref();
  return timer;
}
