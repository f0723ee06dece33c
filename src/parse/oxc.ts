/**
 * oxc-parser's parse, reading only its errors and its module record: never
 * the JSON of its AST.
 *
 * Where it loads (parse/oxc-raw.ts: Node 20.19+, 22.13+, 24), oxc-parser's
 * raw transfer writes the AST into one reused buffer and the record is read
 * from there (no JSON at all, nothing left in native memory). On the
 * benchmark corpus as shipped, against the JSON transport below: CPU time of
 * the whole `--check` run 7.9 → 6.5 s on Node 24 and 8.1 → 6.5 s on
 * Node 22, peak RSS 283 → 240 MB and 214 → 167 MB. A Node where raw
 * transfer does not load takes the JSON transport:
 *
 * The native side serializes the whole AST as JSON (about nine times the
 * size of the source). The package's `parseSync` turns that into a JS string
 * for a lazy `program` getter; on the benchmark corpus that string cost more
 * than the parse (3.1 s against 1.1 s for 5,600 files, and a peak RSS of
 * 380 MB on Node 20, 590 MB on Node 24, where the strings fill the young
 * generation). Here the binding is called directly and the JSON stays in
 * native memory, freed when the result object's finalizer runs: after a GC
 * has collected the object, on an event-loop turn. V8 cannot see that
 * memory, so nothing makes it collect sooner by itself. Two rules bound it:
 *
 * - `releaseNativeMemory()`, awaited by the per-file IO shell when
 *   `nativeMemoryDue()`, runs a young-generation GC (the results are young)
 *   and turns the event loop, which runs the finalizers;
 * - past `MAX_PENDING` (the sources parsed since the last release), a parse
 *   takes its JSON out as a string at once, as the package's wrapper does:
 *   ordinary garbage. So a caller that never releases (a plugin, the
 *   language server) holds at most that much, and then costs what the
 *   wrapper costs. (A FinalizationRegistry cannot count what is freed: an
 *   object registered in one survives young-generation GCs, and its
 *   finalizer waits for a full GC: measured, 530 MB instead of 94 MB.)
 */
import { createRequire } from "node:module";

import { loadRawTransfer, type OxcModule, type RawResult, type RawTransfer } from "./oxc-raw.js";

/** What we read of oxc's answer: its errors (semantic ones when asked) and, from its module record, the top-level imports and re-exports. */
export interface OxcResult {
  /** oxc's error messages. */
  readonly errors: readonly string[];
  /** Every top-level `import` declaration: its span, and whether it binds a name (not `import "x"`). */
  readonly imports: readonly OxcImport[];
  /**
   * The spans of top-level declarations that export a name from another
   * module: `export … from "x"`, and an import whose binding a later
   * `export { a }` exports (the module record counts it as indirect).
   */
  readonly reexports: readonly OxcSpan[];
  /**
   * Where each top-level statement starts (asked with `statements`, read
   * from raw transfer only: undefined on the JSON transport, whose AST is a
   * string). A decorated `export` starts at the word `export`.
   */
  readonly statements?: readonly number[];
}
/**
 * What to read of a parse besides its errors: its module record (default
 * yes), where its top-level statements start (default no), and anything
 * else `whole` reads of the AST (raw transfer only), given what was read,
 * before the buffer goes back for the next parse.
 */
export interface Reading {
  readonly record?: boolean;
  readonly statements?: boolean;
  readonly whole?: (result: RawResult, read: OxcResult) => void;
}
interface OxcSpan {
  readonly start: number;
  readonly end: number;
}
interface OxcImport extends OxcSpan {
  readonly binds: boolean;
}
export interface OxcOptions {
  readonly lang: string;
  readonly sourceType: string;
  readonly showSemanticErrors: boolean;
}
/** The JSON binding's result: each getter moves its field out of native memory. */
interface NativeResult {
  readonly errors: ArrayLike<{ readonly message: string }>;
  readonly module: OxcModule;
  readonly program: string;
}
type NativeParse = (filename: string, source: string, options: OxcOptions) => NativeResult;

/** Source characters whose AST JSON may be held natively before a parse frees its own at once (≈ 18 MB of JSON in typical code). */
const MAX_PENDING = 2_000_000;
/** Source characters after which the IO shell releases (≈ 9 MB of JSON): measured on the corpus, 180 MB peak RSS at 20 files between releases. */
const RELEASE_AT = 1_000_000;

interface Binding {
  readonly parseSync: NativeParse;
  /** The same parse on a thread of libuv's pool (8 MB stacks, like the main thread's). */
  readonly parse: (...args: Parameters<NativeParse>) => Promise<NativeResult>;
}

let native: Binding | null | undefined;
let pending = 0;
const load = createRequire(import.meta.url);

function binding(): Binding | null {
  if (native === undefined) {
    try {
      native = loadNative("oxc-parser/src-js/bindings") as Binding;
    } catch {
      native = null;
    }
  }
  return native;
}

/**
 * Load oxc-parser's JSON binding, whose native part allocates with
 * mimalloc. mimalloc hands memory back to the OS 10 ms after it was freed,
 * and each parse frees its AST and its JSON: on the benchmark's VM the page
 * faults and TLB flushes of giving memory back and taking it again cost
 * more than the parse (perf: most of the main thread's time in the
 * binding's call was the kernel's). With a delay of 1 s it is reused while a
 * run goes on and still given back once it stops. mimalloc reads its
 * options when the library loads: the variable is set for the load only,
 * unless the user set it. Raw transfer (below) writes into one reused
 * buffer and gains nothing from it (measured: same CPU, 21 MB more RSS), so
 * it loads the library as it is. Measured: README "Speed".
 */
function loadNative(specifier: string): unknown {
  if (process.env["MIMALLOC_PURGE_DELAY"] !== undefined) return load(specifier);
  process.env["MIMALLOC_PURGE_DELAY"] = "1000";
  try {
    return load(specifier);
  } finally {
    delete process.env["MIMALLOC_PURGE_DELAY"];
  }
}

let raw: RawTransfer | null | undefined;

/**
 * oxc-parser's raw transfer (parse/oxc-raw.ts), where the running Node
 * loads its ES modules by `require` without a warning on stderr (20.19+,
 * 22.13+, 23.5+, 24+; 22.12 and 23.0–23.4 warn, 22.0–22.11 cannot) and
 * allocates its buffer: the AST is written into a reused buffer instead of
 * JSON, and the module record is read from it.
 */
function rawTransfer(): RawTransfer | null {
  if (raw === undefined) {
    try {
      raw = quietRequireOfEsm() ? loadRawTransfer() : null;
    } catch {
      raw = null;
    }
  }
  return raw;
}

function quietRequireOfEsm(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  return major >= 24 || major === 20 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
}

/**
 * Raw transfer parses into a fixed-size arena, and some of oxc's module
 * record does not fit it once a file holds a few thousand import
 * declarations: oxc panics ("out of memory") and the process aborts
 * (measured on oxc-parser 0.159: 4,700 one-binding imports parse, 4,900 do
 * not; 4,000 with long names do not). Such a file takes the JSON transport,
 * whose allocator grows: at most RAW_MAX_IMPORTS occurrences of the word
 * `import` (comments and strings included) go through raw transfer.
 */
const RAW_MAX_IMPORTS = 1_000;

/** Raw transfer for this parse: none when asked for JSON, when this Node has none (checked first: no scan of the source there), or when the file does not fit. */
function rawTransferFor(source: string, transport: Transport | undefined): RawTransfer | null {
  const raw = transport === "json" ? null : rawTransfer();
  return raw && fitsRawTransfer(source) ? raw : null;
}

function fitsRawTransfer(source: string): boolean {
  // Fewer characters than that many words `import`: no need to count them.
  if (source.length <= RAW_MAX_IMPORTS * 6) return true;
  let count = 0;
  for (let at = source.indexOf("import"); at !== -1; at = source.indexOf("import", at + 6)) if (++count > RAW_MAX_IMPORTS) return false;
  return true;
}

/** The transports: raw transfer where there is one, else the JSON binding. Tests ask for one. */
export type Transport = "raw" | "json";

/** oxc's errors and module record for `source` (what `reading` asks), or null when oxc-parser cannot be loaded here (or not by `transport`). Throws what the binding throws. */
export function parseModuleRecord(filename: string, source: string, options: OxcOptions, transport?: Transport, reading: Reading = {}): OxcResult | null {
  const lazy = rawTransferFor(source, transport);
  if (lazy) return fromLazy(lazy.parseSyncLazy(filename, source, options), reading);
  if (transport === "raw") return null;
  const parse = binding();
  return parse ? taken(parse.parseSync(filename, source, options), source, reading) : null;
}

/**
 * oxc's lazy AST of `source` by raw transfer (the caller disposes of it), or
 * null where there is none: this Node has no raw transfer, or the file does
 * not fit it. No JSON fallback: the JSON transport's AST is read by nothing.
 */
export function parseLazily(filename: string, source: string, options: OxcOptions): RawResult | null {
  const lazy = rawTransferFor(source, undefined);
  return lazy ? lazy.parseSyncLazy(filename, source, options) : null;
}

/**
 * Async parses at once (the rest wait their turn, in order). One at a time
 * left the second core idle: the next parse started only once the main
 * thread, busy sorting another file, took the last one's answer (and the
 * main thread then waited for oxc about 15% of a run). Three keep libuv's
 * pool fed meanwhile. Measured on the benchmark corpus as shipped (`--check
 * --no-cache`, 5 alternating runs, medians): Node 20 3.77 → 3.49 s,
 * Node 24 3.46 → 3.15 s; one, two, three, four and eight at once were
 * tried, three was best; peak RSS 8–14 MB more on Node 20, the same on
 * Node 24 (each parse in flight holds a buffer). (Earlier, on the JSON
 * transport, four at once cost 30 MB more than one, in the same time: that
 * transport is now a fallback.)
 */
const PARSES_AT_ONCE = 3;
let running = 0;
const waiting: (() => void)[] = [];

/**
 * The same, parsed off the main thread: a run starts it for a file its head
 * did not settle and sorts other files meanwhile (the second core does the
 * native parse). Rejects with what the binding throws. `reading.record`
 * false: the errors alone, no imports or re-exports read (for a caller that
 * knows where they end; on the JSON transport the module record is the
 * dearer part, every import's entries becoming objects).
 */
export async function parseModuleRecordAsync(filename: string, source: string, options: OxcOptions, transport?: Transport, reading: Reading = {}): Promise<OxcResult | null> {
  const lazy = rawTransferFor(source, transport);
  const parse = lazy || transport === "raw" ? null : binding();
  if (!lazy && !parse) return null;
  if (running >= PARSES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return lazy ? fromLazy(await lazy.parse(filename, source, options), reading) : taken(await parse!.parse(filename, source, options), source, reading);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** The module record read when none is asked for. */
const NO_RECORD: OxcModule = { staticImports: [], staticExports: [] };

/** What we read of a JSON-transport result (the module record only if asked), its JSON left to the finalizer unless too much is held already. */
function taken(result: NativeResult, source: string, { record = true }: Reading): OxcResult {
  const errors = result.errors;
  const module = record ? result.module : NO_RECORD;
  if (pending + source.length > MAX_PENDING) void result.program; // taken out as a JS string, and dropped: the GC frees it
  else pending += source.length;
  return recordOf(errors, module);
}

/** What we read of a raw-transfer result (the module record only if asked), copied out before its buffer goes back for the next parse. */
function fromLazy(result: RawResult, { record = true, statements = false, whole }: Reading): OxcResult {
  try {
    const recorded = recordOf(result.errors, record ? result.module : NO_RECORD);
    const read = statements ? { ...recorded, statements: statementStarts(result.program.body) } : recorded;
    whole?.(result, read);
    return read;
  } finally {
    result.dispose();
  }
}

function statementStarts(body: RawResult["program"]["body"]): number[] {
  const starts: number[] = [];
  // Iterated, not indexed: an index goes through the lazy array's proxy.
  for (const statement of body) starts.push(statement.start);
  return starts;
}

function recordOf(errors: NativeResult["errors"], module: OxcModule): OxcResult {
  const imports: OxcImport[] = [];
  for (let i = 0; i < module.staticImports.length; i++) {
    const item = module.staticImports[i]!;
    imports.push({ start: item.start, end: item.end, binds: item.entries.length > 0 });
  }
  const reexports: OxcSpan[] = [];
  for (let i = 0; i < module.staticExports.length; i++) {
    const item = module.staticExports[i]!;
    for (let j = 0; j < item.entries.length; j++) {
      if (!item.entries[j]!.moduleRequest) continue;
      reexports.push({ start: item.start, end: item.end });
      break;
    }
  }
  return { errors: Array.from(errors, (e) => e.message), imports, reexports };
}

/** Whether enough AST JSON may be waiting in native memory that the caller should `releaseNativeMemory()`. */
export function nativeMemoryDue(): boolean {
  return pending >= RELEASE_AT;
}

let collect: ((options: { type: "minor" }) => void) | null | undefined;

/**
 * V8's `gc`, made reachable without `--expose-gc` on the command line (the
 * flag exposes it to contexts created afterwards), as Jest does for
 * `--logHeapUsage`. Null if that fails: then the finalizers wait for V8's own
 * collections, and MAX_PENDING still bounds the memory held.
 */
function gcFunction(): typeof collect {
  if (collect === undefined) {
    try {
      // Loaded here, not at start-up: node:v8 alone costs a one-file run ~3 ms.
      process.getBuiltinModule("node:v8").setFlagsFromString("--expose-gc");
      collect = process.getBuiltinModule("node:vm").runInNewContext("gc") as typeof collect;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Collect the young generation (where the parse results are) and turn the event loop, on which their finalizers free the JSON. */
export async function releaseNativeMemory(): Promise<void> {
  gcFunction()?.({ type: "minor" });
  await new Promise<void>((resolve) => setImmediate(resolve));
  pending = 0;
}
