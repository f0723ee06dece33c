/**
 * oxc-parser's raw transfer, driven here rather than by the package's own
 * `raw-transfer/lazy` module: that module refuses to load on Node 20 (by
 * version number) and builds its buffer with a view of the whole 6 GiB
 * `ArrayBuffer`, which Node 20's typed arrays cannot span (at most 4 GiB).
 * The `ArrayBuffer` itself Node 20.19+ allocates, and the native parse
 * writes into it as it does on Node 22 and 24; every view taken here is
 * smaller than 4 GiB. On Node 20, against the JSON transport, oxc's parse
 * of the whole benchmark corpus (5,593 files, errors and module record
 * read, the same answers for every file) took 0.5 s instead of 1.7–3.1 s.
 *
 * The parse writes the AST into a 2 GiB block aligned on 4 GiB (only the
 * pages written take memory), and oxc-parser's generated lazy constructors
 * read the errors and the module record out of it. This module uses only the
 * package's exported entry points (`bindings`, `generated/constants`,
 * `generated/lazy/constructors`, `raw-transfer/lazy-common`) and mirrors
 * what its `raw-transfer/common.js` does with them (oxc-parser is pinned;
 * test/parse/oxc.test.ts compares every answer with the JSON transport's).
 */
import { createRequire } from "node:module";

/** oxc's module record as both transports give it (plain objects from JSON, views into the buffer here). */
export interface OxcModule {
  readonly staticImports: ArrayLike<{ readonly start: number; readonly end: number; readonly entries: ArrayLike<unknown> }>;
  readonly staticExports: ArrayLike<{ readonly start: number; readonly end: number; readonly entries: ArrayLike<{ readonly moduleRequest: unknown }> }>;
}

/** A node of oxc's lazy AST (its Rust AST's types and fields, UTF-16 offsets), read field by field. */
export interface LazyNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [field: string]: unknown;
}

/** A list of the lazy AST: iterate it (an index goes through a proxy, and costs more). */
export type LazyArray = Iterable<LazyNode> & ArrayLike<LazyNode>;

/** A parse's result: views into a buffer that `dispose` hands back for the next parse. */
export interface RawResult {
  readonly errors: ArrayLike<{ readonly message: string }>;
  readonly module: OxcModule;
  /** The AST, read lazily (each node built when it is read). */
  readonly program: { readonly body: LazyArray; readonly hashbang: { readonly end: number } | null };
  /** Every comment: its span and kind (`Line` or `Block`), no text. */
  readonly comments: LazyArray;
  /**
   * Walk the whole AST, calling `visitors[type]` on each node of that type
   * (oxc-parser's lazy walker: only the visited types become objects).
   */
  visit(visitors: Readonly<Record<string, (node: LazyNode) => void>>): void;
  dispose(): void;
}
export interface RawTransfer {
  readonly parseSyncLazy: (filename: string, source: string, options: object) => RawResult;
  readonly parse: (filename: string, source: string, options: object) => Promise<RawResult>;
}

interface Bindings {
  getBufferOffset(buffer: Uint8Array): number;
  parseRawSync(filename: string, block: Uint8Array, sourceStart: number, sourceByteLength: number, options: object): void;
  parseRaw(filename: string, block: Uint8Array, sourceStart: number, sourceByteLength: number, options: object): Promise<void>;
}
interface Constants {
  readonly BLOCK_SIZE: number;
  readonly BLOCK_ALIGN: number;
  readonly BUFFER_SIZE: number;
  readonly ACTIVE_SIZE: number;
  readonly DATA_POINTER_POS_32: number;
  readonly PROGRAM_OFFSET: number;
}
type RawData = new (pos: number, ast: object) => Pick<RawResult, "errors" | "module" | "program" | "comments">;
/** oxc-parser's lazy walker and its visitor class (loaded on the first walk: few runs walk a whole AST). */
interface Walker {
  walkProgram(pos: number, ast: object, visitors: unknown): void;
  Visitor: new (visitors: object) => object;
  getVisitorsArr(visitor: object): unknown;
}

/** The buffer the constructors read: a view of the block, with the 32- and 64-bit views they index. */
interface Buffer8 extends Uint8Array {
  int32: Int32Array;
  float64: Float64Array;
  block: Uint8Array;
}

/** oxc's limit on a source (its parser's offsets are 32-bit; the block holds the source too). */
const ONE_GIB = 1 << 30;
/** Idle time after which the buffers are let go (oxc-parser's own: 10 s), so a long-lived caller does not keep the pages written. */
const KEEP_BUFFERS_MS = 10_000;

/**
 * The driver, or null where the binding has no raw transfer. Throws where it
 * cannot run: the package's modules cannot be loaded (an ES module loaded by
 * `require`), or the first buffer cannot be allocated (a 6 GiB address range
 * refused by the system, `ulimit -v`). The caller (oxc.ts) asks once and
 * takes the JSON transport then.
 */
export function loadRawTransfer(): RawTransfer | null {
  const load = createRequire(import.meta.url);
  const bindings = load("oxc-parser/src-js/bindings") as Partial<Bindings> & { rawTransferSupported?: () => boolean };
  if (typeof bindings.parseRawSync !== "function" || typeof bindings.parseRaw !== "function" || typeof bindings.getBufferOffset !== "function") return null;
  if (bindings.rawTransferSupported?.() !== true) return null;
  const constants = load("oxc-parser/src-js/generated/constants") as Constants;
  const { RawTransferData } = load("oxc-parser/src-js/generated/lazy/constructors") as { RawTransferData: RawData };
  const { TOKEN } = load("oxc-parser/src-js/raw-transfer/lazy-common") as { TOKEN: object };
  const native = bindings as Bindings;
  const encoder = new TextEncoder();
  const free: Buffer8[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let walker: Walker | undefined;

  function createBuffer(): Buffer8 {
    const { BLOCK_SIZE, BLOCK_ALIGN, BUFFER_SIZE } = constants;
    // Shared, though no other thread sees it: V8 counts an ArrayBuffer's 6 GiB as
    // external memory, and each new one cost a full garbage collection of the
    // main thread ("external memory pressure", 5-11 ms each, four in a run);
    // a SharedArrayBuffer's pages are reserved the same way and not counted.
    const arrayBuffer = new SharedArrayBuffer(BLOCK_SIZE + BLOCK_ALIGN);
    // The offset of the first 4 GiB boundary: a one-byte view has the whole buffer's address.
    const offset = native.getBufferOffset(new Uint8Array(arrayBuffer, 0, 1));
    const buffer = new Uint8Array(arrayBuffer, offset, BUFFER_SIZE) as Buffer8;
    buffer.int32 = new Int32Array(arrayBuffer, offset, BUFFER_SIZE / 4);
    buffer.float64 = new Float64Array(arrayBuffer, offset, BUFFER_SIZE / 8);
    buffer.block = new Uint8Array(arrayBuffer, offset, BLOCK_SIZE);
    return buffer;
  }

  /** A buffer with `source` written at the end of its active part, as the native parse expects it. */
  function prepare(source: string): { buffer: Buffer8; start: number; byteLength: number } {
    const longest = source.length * 3;
    if (longest > ONE_GIB) throw new Error("source text too long for oxc's raw transfer");
    const buffer = free.pop() ?? createBuffer();
    const start = constants.ACTIVE_SIZE - longest;
    const { read, written } = encoder.encodeInto(source, new Uint8Array(buffer.buffer, buffer.byteOffset + start, longest));
    if (read !== source.length) {
      release(buffer);
      throw new Error("internal error: the source did not fit oxc's raw-transfer buffer");
    }
    return { buffer, start, byteLength: written };
  }

  /** When a buffer last came back: one timer lets them go KEEP_BUFFERS_MS after that (not a new timer per parse). */
  let released = 0;

  function release(buffer: Buffer8): void {
    free.push(buffer);
    released = performance.now();
    if (timer === undefined) letGoWhenIdle(KEEP_BUFFERS_MS);
  }

  function letGoWhenIdle(delay: number): void {
    timer = setTimeout(() => {
      const idle = performance.now() - released;
      if (idle < KEEP_BUFFERS_MS) return letGoWhenIdle(KEEP_BUFFERS_MS - idle);
      free.length = 0;
      timer = undefined;
    }, delay);
    timer.unref();
  }

  function construct(buffer: Buffer8, source: string, start: number, byteLength: number): RawResult {
    const ast: Record<string, unknown> = {
      buffer,
      sourceText: source,
      sourceStartPos: start,
      sourceByteLen: byteLength,
      sourceIsAscii: source.length === byteLength,
      nodes: new Map(),
      token: TOKEN,
    };
    const pos = buffer.int32[constants.DATA_POINTER_POS_32]!;
    const data = new RawTransferData(pos, ast);
    let disposed = false;
    return {
      get errors() {
        return data.errors;
      },
      get module() {
        return data.module;
      },
      get program() {
        return data.program;
      },
      get comments() {
        return data.comments;
      },
      visit(visitors) {
        if (disposed) throw new Error("internal error: an oxc AST walked after it was disposed of");
        walker ??= {
          ...(load("oxc-parser/src-js/generated/lazy/walk") as Pick<Walker, "walkProgram">),
          ...(load("oxc-parser/src-js/raw-transfer/visitor") as Pick<Walker, "Visitor" | "getVisitorsArr">),
        };
        walker.walkProgram(pos + constants.PROGRAM_OFFSET, ast, walker.getVisitorsArr(new walker.Visitor(visitors)));
      },
      dispose() {
        if (disposed) return;
        disposed = true;
        ast["buffer"] = null;
        ast["sourceText"] = null;
        ast["nodes"] = null;
        release(buffer);
      },
    };
  }

  // The first buffer now: a system that refuses the address range refuses it here (a RangeError), at load.
  release(createBuffer());

  return {
    parseSyncLazy(filename, source, options) {
      const { buffer, start, byteLength } = prepare(source);
      try {
        native.parseRawSync(filename, buffer.block, start, byteLength, options);
      } catch (error) {
        release(buffer);
        throw error;
      }
      return construct(buffer, source, start, byteLength);
    },
    async parse(filename, source, options) {
      const { buffer, start, byteLength } = prepare(source);
      try {
        await native.parseRaw(filename, buffer.block, start, byteLength, options);
      } catch (error) {
        release(buffer);
        throw error;
      }
      return construct(buffer, source, start, byteLength);
    },
  };
}
