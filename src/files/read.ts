/**
 * Reading a source file: bytes → text, or a diagnostic saying why the file is
 * not one safesort will touch.
 *
 * Accepted: UTF-8, with or without a BOM (stripped from `text`, reported in
 * `bom` so the writer can put it back). Refused, in this order:
 * - a UTF-32 or UTF-16 byte order mark → `invalid-encoding` at 1:1;
 * - a NUL byte → `binary-file` at the NUL (`refuseBinaryText`, the rule the
 *   language server applies to a buffer too);
 * - bytes that are not valid UTF-8 (overlong forms, surrogates, code points
 *   above U+10FFFF and truncated sequences included) → `invalid-encoding` at
 *   the first byte of the first invalid sequence.
 *
 * Too large: a file of more than `MAX_SOURCE_BYTES` is not read at all and
 * comes back as a `too-large` diagnostic, which the pipeline reports as
 * skipped. Parsing costs about 75 times the file's size in memory (a 10 MB
 * file: ~750 MB per parse, and the verifier parses the output again), so the
 * limit is what keeps a run's memory bounded whatever the tree holds.
 *
 * Locations are 1-based and counted like the parser counts them, so they
 * agree with syntax errors: lines end at `\n`, `\r\n` or a lone `\r`, and the
 * column counts UTF-16 code units of the line before the offending byte (the
 * BOM is not counted).
 */
import { isUtf8 } from "node:buffer";
import { type BigIntStats, closeSync, fstatSync, openSync, readSync } from "node:fs";

import type { Diagnostic } from "../types.js";

import { errnoCode, osReason } from "./os-error.js";
import { hashBytes } from "./write.js";

/**
 * Files larger than this are not read (4 MiB: the largest hand-written
 * sources, like TypeScript's checker.ts at ~3 MB, fit).
 */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

export type DecodedSource = { ok: true; text: string; bom: boolean } | { ok: false; diagnostic: Diagnostic };

export type ReadSource = { ok: true; text: string; bom: boolean; hash: string } | { ok: false; diagnostic: Diagnostic };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Byte order marks of encodings safesort does not read, longest first (UTF-32 LE starts like UTF-16 LE). */
const FOREIGN_BOMS: readonly { bytes: readonly number[]; name: string; family: string }[] = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: "UTF-32 LE", family: "UTF-32" },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: "UTF-32 BE", family: "UTF-32" },
  { bytes: [0xff, 0xfe], name: "UTF-16 LE", family: "UTF-16" },
  { bytes: [0xfe, 0xff], name: "UTF-16 BE", family: "UTF-16" },
];

/** Decode a file's bytes (pure). `displayPath` only goes into diagnostics. */
export function decodeSource(bytes: Uint8Array, displayPath: string): DecodedSource {
  for (const bom of FOREIGN_BOMS) {
    if (startsWith(bytes, bom.bytes)) {
      return fail(
        "invalid-encoding",
        `${bom.family} is not supported (the file starts with a ${bom.name} byte order mark); save it as UTF-8`,
        displayPath,
        { line: 1, column: 1 },
      );
    }
  }
  const bom = startsWith(bytes, UTF8_BOM);
  const body = bom ? bytes.subarray(UTF8_BOM.length) : bytes;

  // NUL is checked before UTF-8 validity: a binary file usually fails both, and "binary" says more.
  if (body.includes(0)) return { ok: false, diagnostic: refuseBinaryText(new TextDecoder("utf-8", { ignoreBOM: true }).decode(body), displayPath)! };
  const invalid = isUtf8(body) ? -1 : firstInvalidUtf8(body);
  if (invalid !== -1) {
    const byte = body[invalid]!.toString(16).toUpperCase().padStart(2, "0");
    return fail("invalid-encoding", `invalid UTF-8 (byte 0x${byte}); save the file as UTF-8`, displayPath, locate(body, invalid));
  }
  return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"), bom };
}

/**
 * The one rule on text that the CLI (on a file's bytes, above) and the
 * language server (on an editor's buffer) share: a NUL (U+0000) anywhere
 * makes it a binary file that safesort does not touch. The diagnostic points
 * at the first NUL, located as the file header says.
 */
export function refuseBinaryText(text: string, displayPath: string): Diagnostic | undefined {
  const nul = text.indexOf("\0");
  if (nul === -1) return undefined;
  const before = text.slice(0, nul);
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  const line = 1 + (before.match(/\r\n|\r|\n/g)?.length ?? 0);
  return fail("binary-file", "contains a NUL byte", displayPath, { line, column: nul - lineStart + 1 }).diagnostic;
}

/**
 * Read and decode a file. `hash` is the sha256 of the raw bytes (BOM
 * included): the writer refuses to replace a file whose bytes changed since.
 * Never throws for file-system errors.
 */
export async function readSourceFile(absPath: string, displayPath: string, maxBytes = MAX_SOURCE_BYTES): Promise<ReadSource> {
  const raw = readSourceBytes(absPath, displayPath, maxBytes);
  if (!raw.ok) return raw;
  const decoded = decodeSource(raw.bytes, displayPath);
  return decoded.ok ? { ...decoded, hash: raw.hash() } : decoded;
}

/**
 * `hash()`: the sha256 of `bytes`, computed on the first call (a run without a cache that writes nothing never needs it).
 * `stat`: with `withStat`, the descriptor's metadata taken before its bytes were read (what the cache's metadata keys cover).
 */
export type RawSource = { ok: true; bytes: Buffer; hash: () => string; bom: boolean; stat?: BigIntStats } | { ok: false; diagnostic: Diagnostic };

/**
 * A file's bytes and their hash, not decoded yet: a run whose cache already
 * knows these bytes as sorted never needs the text (`bom` is what a result
 * reports). Same refusals as readSourceFile for what cannot be read.
 *
 * `bytes` is borrowed: a view of one buffer that every call reuses (a run
 * reads 50 MB in thousands of files; allocating each anew costs more than
 * reading it, mostly in garbage collection). Use it before the next call,
 * and copy what must outlive it (decoding makes a string: that is a copy).
 */
export function readSourceBytes(absPath: string, displayPath: string, maxBytes = MAX_SOURCE_BYTES, withStat = false): RawSource {
  let length: number | undefined;
  let size = 0;
  let stat: BigIntStats | undefined;
  // Synchronous on purpose: a source file is small, and four thread-pool round
  // trips (open, fstat, read, close) per file cost far more than the read
  // (measured: 3.8 s against 0.2 s for the 5,600-file benchmark corpus).
  // Read until the end of the file, not up to a size from fstat: the file may
  // grow or shrink meanwhile, and an fstat per file costs a Stats object.
  let fd: number | undefined;
  try {
    fd = openSync(absPath, "r");
    // Before the read, on the same descriptor: an edit after it moves mtime and ctime past what this says.
    if (withStat) stat = fstatSync(fd, { bigint: true });
    length = readToEnd(fd, maxBytes);
    if (length === undefined) size = fstatSync(fd).size;
  } catch (error) {
    const code = errnoCode(error);
    if (code === undefined) throw error; // not an OS error: a bug, keep the stack
    return fail(code === "ENOENT" ? "not-found" : "unreadable", `cannot read file: ${osReason(error)}`, displayPath);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (length === undefined) return fail("too-large", tooLarge(Math.max(size, maxBytes + 1), maxBytes), displayPath);
  const bytes = scratch.subarray(0, length);
  let hash: string | undefined;
  const read = ++reads;
  // Computed from `bytes` while they are still the file's: after the next read, a bug.
  const hashOnce = (): string => {
    if (hash === undefined && read !== reads) throw new Error("internal error: the read buffer was reused before the file's hash was taken");
    return (hash ??= hashBytes(bytes));
  };
  return { ok: true, bytes, hash: hashOnce, bom: startsWith(bytes, UTF8_BOM), ...(stat ? { stat } : {}) };
}

/** Reads into `scratch` so far: a borrowed view is valid while this has not moved on. */
let reads = 0;

/** The buffer readSourceBytes reads into; it grows (up to the size limit) for a larger file, and stays that large. */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** Read `fd` to its end into `scratch`: the length, or undefined when it holds more than `maxBytes`. */
function readToEnd(fd: number, maxBytes: number): number | undefined {
  let length = 0;
  for (;;) {
    if (length === scratch.length) {
      if (length > maxBytes) return undefined;
      const larger = Buffer.allocUnsafeSlow(Math.min(scratch.length * 2, maxBytes + 1));
      scratch.copy(larger, 0, 0, length);
      scratch = larger;
    }
    const read = readSync(fd, scratch, length, scratch.length - length, null);
    if (read === 0) return length;
    length += read;
    if (length > maxBytes) return undefined;
  }
}

/** `file too large: 10.5 MB, the limit is 4 MB`. */
function tooLarge(size: number, maxBytes: number): string {
  const mb = (n: number): string => `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  return `file too large: ${mb(size)}, the limit is ${mb(maxBytes)}`;
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence, or -1.
 * Follows the Unicode well-formedness table (as `TextDecoder` with
 * `fatal: true` does): no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min = 0x80; // allowed range of the second byte
    let max = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      if (b0 === 0xe0) min = 0xa0; // overlong
      if (b0 === 0xed) max = 0x9f; // surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      if (b0 === 0xf0) min = 0x90; // overlong
      if (b0 === 0xf4) max = 0x8f; // above U+10FFFF
    } else return i; // continuation byte without a lead, C0/C1, F5..FF
    if (i + length > n) return i;
    const b1 = bytes[i + 1]!;
    if (b1 < min || b1 > max) return i;
    for (let k = 2; k < length; k++) {
      const b = bytes[i + k]!;
      if (b < 0x80 || b > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** 1-based line and column (UTF-16 code units) of byte `offset`; see the file header. */
function locate(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function fail(
  code: Diagnostic["code"],
  message: string,
  path: string,
  at?: { line: number; column: number },
): { ok: false; diagnostic: Diagnostic } {
  return { ok: false, diagnostic: at ? { code, message, path, line: at.line, column: at.column } : { code, message, path } };
}
