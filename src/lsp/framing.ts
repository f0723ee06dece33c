/**
 * Reading LSP messages from a byte stream, for a server that must never go
 * deaf. A frame is `Content-Length: N\r\n\r\n` and N bytes of JSON:
 *
 *   Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}
 *
 * vscode-jsonrpc's StreamMessageReader trusts N: a frame with no length stops
 * it for good, and a wrong N shifts every later frame, so the server never
 * answers again. This reader trusts N only when it checks out — the N bytes
 * parse as JSON and the next frame's header (or nothing yet) follows them —
 * and otherwise resynchronises, reporting each problem:
 *
 * - N too short (or counted in UTF-16 units on a non-ASCII body) / too long /
 *   missing / not a number: the message's real extent is found by scanning
 *   the JSON value itself (bracket depth, strings and escapes; UTF-8 never
 *   hides an ASCII byte inside a multi-byte character), it is delivered, and
 *   reading goes on right after it. A too-long N on the last frame sent is
 *   noticed when no byte arrives for `idleMs`.
 * - N bytes that are not JSON, followed by a good header: a parse error
 *   (the server answers -32700), reading goes on at the next header.
 * - bytes that are no header: skipped up to the next `Content-Length:`.
 *
 * A raw CR inside a JSON value is impossible, so `Content-Length: 12\r\n`
 * inside a claimed body proves the claim wrong without waiting.
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from "vscode-languageserver/node";

export type FrameProblem =
  /** Bytes that are no message (or a wrong length, recovered from): logged. */
  | { readonly kind: "framing"; readonly message: string }
  /** A well-framed body that is not JSON: answered with -32700. */
  | { readonly kind: "parse-error"; readonly message: string }
  /** JSON that is not a JSON-RPC message object (a batch, a number): answered with -32600. */
  | { readonly kind: "invalid-message"; readonly message: string };

/** Larger claims are treated as no claim (the scan finds the real end). */
const MAX_CONTENT_LENGTH = 512 * 1024 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_IN_BODY = /content-length:[ \t]*\d+\r\n/i;

type Scan = { readonly kind: "complete"; readonly end: number } | { readonly kind: "incomplete" } | { readonly kind: "invalid" };

export class FrameReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** The body being read: its claimed length (undefined: none) once its header is consumed. */
  private body: { readonly declared: number | undefined } | undefined;
  private callback: DataCallback | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly report: (problem: FrameProblem) => void,
    private readonly idleMs = 250,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.receive(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onEnd = () => this.close();
    this.input.on("data", onData);
    this.input.on("error", onError);
    this.input.on("end", onEnd);
    this.input.on("close", onEnd);
    return {
      dispose: () => {
        clearTimeout(this.idleTimer);
        this.input.off("data", onData);
        this.input.off("error", onError);
        this.input.off("end", onEnd);
        this.input.off("close", onEnd);
      },
    };
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    if (this.size > 0) this.report({ kind: "framing", message: `input ended inside a frame (${this.size} bytes unread)` });
    this.fireClose();
  }

  private receive(chunk: Buffer): void {
    clearTimeout(this.idleTimer);
    this.chunks.push(chunk);
    this.size += chunk.length;
    // While a long body arrives, only look for a header that proves its length wrong.
    const waiting = this.body?.declared;
    if (waiting !== undefined && this.size < waiting && !HEADER_IN_BODY.test(chunk.toString("latin1"))) {
      this.armIdle();
      return;
    }
    this.parse();
    if (this.size > 0) this.armIdle();
  }

  private parse(): void {
    while (this.size > 0 && !this.closed) {
      if (!(this.body === undefined ? this.readHeader() : this.readBody())) return;
    }
  }

  /** At a frame's start: consume its header. False when more bytes are needed. */
  private readHeader(): boolean {
    const buffer = this.flat();
    const start = skipWhitespace(buffer, 0);
    if (start > 0) return this.consume(start);
    if (buffer[0] === 0x7b /* { */) {
      this.report({ kind: "framing", message: "a message without a Content-Length header" });
      this.body = { declared: undefined };
      return true;
    }
    const end = buffer.indexOf("\r\n\r\n");
    const lines = buffer.subarray(0, end === -1 ? Math.min(buffer.length, MAX_HEADER_BYTES) : end).toString("latin1").split("\r\n");
    const partial = end === -1 ? lines.pop()!.replace(/\r$/, "") : "";
    const bad = lines.find((line) => !/^[A-Za-z0-9-]+:/.test(line)) ?? (/^[A-Za-z0-9-]*(:|$)/.test(partial) ? undefined : partial);
    if (bad !== undefined) return this.resync(1, `not a header: ${quote(bad)}`);
    if (end === -1) return buffer.length > MAX_HEADER_BYTES ? this.resync(1, "a header longer than 8 KiB") : false;
    const value = lines.find((line) => /^content-length:/i.test(line))?.slice("content-length:".length).trim();
    const declared = value !== undefined && /^\d+$/.test(value) && Number(value) <= MAX_CONTENT_LENGTH ? Number(value) : undefined;
    if (declared === undefined) this.report({ kind: "framing", message: value === undefined ? "a frame without Content-Length" : `a bad Content-Length: ${quote(value)}` });
    this.body = { declared };
    return this.consume(end + 4);
  }

  /** After a header: deliver the body. False when more bytes are needed. */
  private readBody(): boolean {
    const declared = this.body!.declared;
    const buffer = this.flat();
    const whole = declared !== undefined && buffer.length >= declared;
    if (whole) {
      // The claim checks out when the next header (or nothing yet) follows it.
      const after = skipWhitespace(buffer, declared);
      const value = parseJson(buffer.subarray(0, declared));
      if (startsHeader(buffer, after)) return value.ok ? this.deliver(value.json, declared) : this.notJson(value.error, declared);
      if (after === buffer.length && value.ok) return this.deliver(value.json, declared);
    }
    const scan = scanJson(buffer);
    if (scan.kind === "complete") return this.deliverScanned(buffer, scan.end);
    if (scan.kind === "invalid") return whole ? this.notJson("not a JSON object", declared) : this.resync(0, "a body that is not JSON");
    // Incomplete: wait, unless a header already shows that no more of this body is coming.
    const header = HEADER_IN_BODY.exec(buffer.toString("latin1"));
    return header ? this.resync(header.index, `a frame cut short by the next header (Content-Length ${declared ?? "missing"})`) : false;
  }

  /** No byte for a while: whatever is buffered is all the client meant to send for now. */
  private idle(): void {
    if (this.size === 0 || this.closed) return;
    const buffer = this.flat();
    if (this.body === undefined) {
      this.resync(buffer.length, `an incomplete header: ${quote(buffer.toString("latin1"))}`);
    } else {
      const declared = this.body.declared;
      const scan = scanJson(buffer);
      if (scan.kind === "complete" && skipWhitespace(buffer, scan.end) === buffer.length) this.deliverScanned(buffer, scan.end);
      else if (scan.kind === "incomplete" && declared !== undefined && buffer.length >= declared) this.notJson("an incomplete JSON value", declared);
      // Otherwise a slow client: keep waiting.
    }
    this.parse();
    if (this.size > 0) this.armIdle();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.idle(), this.idleMs);
    this.idleTimer.unref();
  }

  private deliver(json: unknown, length: number): boolean {
    this.body = undefined;
    this.consume(length);
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      this.report({ kind: "invalid-message", message: Array.isArray(json) ? "a batch (JSON array); LSP has no batches" : "a message that is not a JSON object" });
    } else {
      this.callback?.(json as Message);
    }
    return true;
  }

  /** A message found by scanning, its Content-Length wrong or missing. */
  private deliverScanned(buffer: Buffer, end: number): boolean {
    const declared = this.body?.declared;
    if (declared !== undefined && declared !== end) this.report({ kind: "framing", message: `Content-Length was ${declared}, the message has ${end} bytes` });
    const value = parseJson(buffer.subarray(0, end));
    return value.ok ? this.deliver(value.json, end) : this.notJson(value.error, end);
  }

  private notJson(error: string, length: number): boolean {
    this.body = undefined;
    this.consume(length);
    this.report({ kind: "parse-error", message: `a body that is not JSON: ${error}` });
    return true;
  }

  /** Drop bytes up to the next `Content-Length:` at or after `from`, reporting why. */
  private resync(from: number, why: string): boolean {
    const buffer = this.flat();
    const text = buffer.toString("latin1");
    const re = /content-length:/gi;
    re.lastIndex = from;
    const found = re.exec(text);
    // Nothing yet: keep a tail that may be the start of the next header.
    const keep = found ? found.index : Math.max(from, tailThatMayStartAHeader(text));
    const reading = this.body !== undefined;
    this.body = undefined;
    this.report({ kind: "framing", message: `${why}; skipped ${keep} bytes` });
    this.consume(keep);
    return keep > 0 || reading;
  }

  private flat(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(length: number): boolean {
    const rest = this.flat().subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return true;
  }
}

/** Does a header start at `at`? Only when its first word is there whole. */
function startsHeader(buffer: Buffer, at: number): boolean {
  const text = buffer.subarray(at, at + 15).toString("latin1").toLowerCase();
  // Only whole words count: a prefix that the end of the buffer cuts (`C`, `Cont`) may be
  // anything, and taking it for a header made a too-long claim eat the next frame.
  return text === "content-length:" || text.startsWith("content-");
}

function tailThatMayStartAHeader(text: string): number {
  const lower = text.toLowerCase();
  for (let length = Math.min(14, text.length); length > 0; length--) {
    if ("content-length:".startsWith(lower.slice(text.length - length))) return text.length - length;
  }
  return text.length;
}

function skipWhitespace(buffer: Buffer, at: number): number {
  let i = at;
  while (i < buffer.length && (buffer[i] === 0x20 || buffer[i] === 0x09 || buffer[i] === 0x0a || buffer[i] === 0x0d)) i++;
  return i;
}

function parseJson(bytes: Buffer): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, json: JSON.parse(bytes.toString("utf8")) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * Where the JSON object or array at the start of `buffer` ends, from its
 * brackets alone (JSON.parse checks the rest).
 */
function scanJson(buffer: Buffer): Scan {
  let i = skipWhitespace(buffer, 0);
  if (i === buffer.length) return { kind: "incomplete" };
  if (buffer[i] !== 0x7b && buffer[i] !== 0x5b) return { kind: "invalid" };
  let depth = 0;
  for (; i < buffer.length; i++) {
    const byte = buffer[i];
    if (byte === 0x22 /* " */) {
      for (i++; i < buffer.length && buffer[i] !== 0x22; i++) {
        if (buffer[i] === 0x5c /* \ */) i++;
        else if (buffer[i]! < 0x20) return { kind: "invalid" }; // a raw control character ends any string
      }
    } else if (byte === 0x7b || byte === 0x5b) {
      depth++;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
      if (depth === 0) return { kind: "complete", end: i + 1 };
    }
  }
  return { kind: "incomplete" };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
