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
 * edited config applies at once (an invalid one is shown once: config-notices.ts).
 * A document that does not parse gets no edits and a `window/logMessage`
 * warning with `path:line:col`.
 *
 * No input takes the server down or makes it deaf: frames are read by
 * framing.ts (which resynchronises after a wrong Content-Length), the LSP
 * lifecycle is enforced by lifecycle.ts, sort work is coalesced, cancellable
 * and superseded by newer versions (queue.ts), and every handler catches.
 *
 * `exit` resolves `exited` (0 after `shutdown`, else 1) instead of calling
 * `process.exit` as the library's node entry does: the CLI decides.
 */
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  createConnection,
  type InitializeResult,
  type Message,
  type MessageReader,
  ResponseError,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  type TextEdit,
  type WatchDog,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { createProtocolConnection, ErrorCodes, MessageType, ShowMessageNotification, StreamMessageWriter } from "vscode-languageserver/node";

import { ConfigNotices } from "./config-notices.js";
import { type FrameProblem, FrameReader } from "./framing.js";
import { errorResponse, Lifecycle } from "./lifecycle.js";
import { rootPath } from "./paths.js";
import { SortQueue } from "./queue.js";
import { sortEdits } from "./sort-edits.js";

const SORT_IMPORTS_KIND = `${CodeActionKind.SourceOrganizeImports}.safesort`;
const SORT_IMPORTS_TITLE = "Sort imports (safesort)";

export interface LspServerOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The workspace root when the client names none. */
  readonly cwd: string;
  /** An absolute config file used for every document (`--config`) instead of searching. */
  readonly configFile?: string | false;
  readonly version: string;
  /** The server's own log besides `window/logMessage` (the CLI: stderr), for what the client may never see. */
  readonly stderr?: (line: string) => void;
  /** How long a frame may stall before the reader decides what it has is all there is (tests). */
  readonly idleMs?: number;
}

export interface LspServer {
  /** Resolves with the exit code: on `exit` (0 after `shutdown`, else 1), when the input ends, or when the client's process dies. */
  readonly exited: Promise<number>;
  /** How many sort computations ran (the soak script reports it). */
  readonly computed: () => number;
}

/** Does a code-action request's `only` filter admit `kind`? An absent or empty filter admits everything. */
function admits(only: readonly string[] | undefined, kind: string): boolean {
  if (only === undefined || only.length === 0) return true;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

export function startLspServer(options: LspServerOptions): LspServer {
  let finish!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (finish = resolve));
  let ended = false;
  let parentWatch: NodeJS.Timeout | undefined;
  const writer = new StreamMessageWriter(options.output);
  const send = (message: Message) => void writer.write(message).catch(() => end(1));
  const logToClient = (type: MessageType, message: string) => send({ jsonrpc: "2.0", method: "window/logMessage", params: { type, message } } as Message);
  const reader = new FrameReader(options.input, (problem) => reportFrameProblem(problem), options.idleMs);
  const reportFrameProblem = (problem: FrameProblem) => {
    const line = `safesort lsp: ${problem.kind === "framing" ? "framing error" : "bad message"}: ${problem.message}`;
    options.stderr?.(line);
    logToClient(MessageType.Error, line);
    if (problem.kind === "parse-error") send(errorResponse(null, ErrorCodes.ParseError, problem.message));
    if (problem.kind === "invalid-message") send(errorResponse(null, ErrorCodes.InvalidRequest, problem.message));
  };
  const lifecycle = new Lifecycle();
  const gated: MessageReader = {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message) => {
        const verdict = lifecycle.admit(message);
        if (verdict.pass) callback(message);
        else if (verdict.answer) send(verdict.answer);
      }),
    dispose: () => reader.dispose(),
  };
  const watchDog: WatchDog = {
    shutdownReceived: false,
    initialize: (params) => {
      parentWatch = watchParent(params.processId, () => end(1));
    },
    exit: (code) => end(code),
  };
  const connection = createConnection(() => createProtocolConnection(gated, writer), watchDog);
  const end = (code: number) => {
    if (ended) return;
    ended = true;
    clearInterval(parentWatch);
    connection.dispose();
    finish(code);
  };
  reader.onClose(() => end(watchDog.shutdownReceived ? 0 : 1));
  writer.onError(() => end(1));

  const documents = new TextDocuments(TextDocument);
  const state = { root: options.cwd, documentChanges: false };
  // Never throws: after `exit` the connection is disposed and sending throws; a closed pipe rejects.
  const log = (message: string) => {
    if (!ended) connection.console.warn(message);
  };
  // `window/showMessage` (a notification; connection.window.show*Message would send requests that wait for the user).
  const show = (type: MessageType, message: string) => {
    if (!ended) connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => end(1));
  };
  const notices = new ConfigNotices({
    error: (message) => {
      log(message);
      show(MessageType.Error, message);
    },
    info: (message) => show(MessageType.Info, message),
  });
  const queue = new SortQueue<TextEdit[]>(
    (uri) => {
      const document = documents.get(uri);
      return document ? sortEdits(document, { root: state.root, configFile: options.configFile, log, notices }) : Promise.resolve([]);
    },
    (uri) => documents.get(uri)?.version,
  );
  documents.onDidChangeContent(({ document }) => queue.supersede(document.uri, document.version));
  documents.onDidClose(({ document }) => queue.supersede(document.uri, undefined));
  // Requests still waiting when `shutdown` arrives are answered before the shutdown is.
  const inFlight = new Set<Promise<unknown>>();
  const editsFor = (document: TextDocument, token: CancellationToken): Promise<TextEdit[]> => {
    const pending = queue.get(document.uri, document.version, token);
    inFlight.add(pending);
    const settled = () => inFlight.delete(pending);
    pending.then(settled, settled);
    return pending;
  };
  /** A handler that answers [] and logs on any error but the ones the protocol defines (cancelled, content modified). */
  const guarded =
    <P, R>(name: string, handler: (params: P, token: CancellationToken) => Promise<R[]>) =>
    async (params: P, token: CancellationToken): Promise<R[]> => {
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(`${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return [];
      }
    };

  connection.onInitialize((params): InitializeResult => {
    const { root, problem } = rootPath(params, options.cwd);
    if (problem !== undefined) log(problem);
    state.root = root;
    state.documentChanges = params.capabilities?.workspace?.workspaceEdit?.documentChanges === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.SourceOrganizeImports, SORT_IMPORTS_KIND] },
        documentFormattingProvider: true,
      },
      serverInfo: { name: "safesort", version: options.version },
    };
  });

  connection.onCodeAction(
    guarded("textDocument/codeAction", async (params, token): Promise<CodeAction[]> => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !admits(params.context?.only, SORT_IMPORTS_KIND)) return [];
      const version = document.version;
      const edits = await editsFor(document, token);
      if (edits.length === 0) return [];
      const edit = workspaceEdit(document.uri, version, edits, state.documentChanges);
      return [{ title: SORT_IMPORTS_TITLE, kind: SORT_IMPORTS_KIND, edit }];
    }),
  );

  connection.onDocumentFormatting(
    guarded("textDocument/formatting", async (params, token): Promise<TextEdit[]> => {
      const document = documents.get(params.textDocument.uri);
      return document ? editsFor(document, token) : [];
    }),
  );

  connection.onShutdown(async () => {
    await Promise.allSettled([...inFlight]);
  });

  documents.listen(connection);
  connection.listen();
  return { exited, computed: () => queue.computed };
}

/** Versioned document edits when the client supports them (a stale action is then refused), plain changes otherwise. */
function workspaceEdit(uri: string, version: number, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
  return { changes: { [uri]: edits } };
}

/**
 * Poll the client's process (LSP `processId`): when it is gone, so is the
 * reason to run. Only ESRCH means gone (EPERM: it runs as another user).
 */
function watchParent(processId: number | null | undefined, onGone: () => void): NodeJS.Timeout | undefined {
  if (typeof processId !== "number") return undefined;
  const timer = setInterval(() => {
    try {
      process.kill(processId, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") onGone();
    }
  }, 1000);
  timer.unref();
  return timer;
}
