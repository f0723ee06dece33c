/**
 * oxc-parser's parse, reading only its errors and its module record: never
 * the JSON of its AST.
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

interface OxcSpan {
  readonly start: number;
  readonly end: number;
}
interface OxcModule {
  readonly staticImports: readonly (OxcSpan & { readonly entries: readonly unknown[] })[];
  readonly staticExports: readonly (OxcSpan & { readonly entries: readonly { readonly moduleRequest: unknown }[] })[];
}
export interface OxcResult {
  readonly errors: readonly unknown[];
  readonly module: OxcModule;
}
export interface OxcOptions {
  readonly lang: string;
  readonly sourceType: string;
  readonly showSemanticErrors: boolean;
}
/** The binding's result: each getter moves its field out of native memory. */
interface NativeResult extends OxcResult {
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

function binding(): Binding | null {
  if (native === undefined) {
    try {
      native = createRequire(import.meta.url)("oxc-parser/src-js/bindings") as Binding;
    } catch {
      native = null;
    }
  }
  return native;
}

/** oxc's errors and module record for `source`, or null when oxc-parser cannot be loaded here. Throws what the binding throws. */
export function parseModuleRecord(filename: string, source: string, options: OxcOptions): OxcResult | null {
  const parse = binding();
  return parse ? taken(parse.parseSync(filename, source, options), source) : null;
}

/**
 * The async parses run one at a time: the main thread is busy with the rest,
 * so one other core is all they can use, and each parse in flight holds its
 * AST JSON, allocated in its pool thread's malloc arena (measured on Node 24:
 * peak RSS about 30 MB lower than with four at once, same time).
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The same, parsed off the main thread: a run starts it for a file its head
 * did not settle and sorts other files meanwhile (the second core does the
 * native parse). Rejects with what the binding throws.
 */
export async function parseModuleRecordAsync(filename: string, source: string, options: OxcOptions): Promise<OxcResult | null> {
  const parse = binding();
  if (!parse) return null;
  const result = queue.then(() => parse.parse(filename, source, options));
  queue = result.then(
    () => undefined,
    () => undefined,
  );
  return taken(await result, source);
}


/** What we read of a result, its JSON left to the finalizer unless too much is held already. */
function taken(result: NativeResult, source: string): OxcResult {
  const { errors, module } = result;
  if (pending + source.length > MAX_PENDING) void result.program; // taken out as a JS string, and dropped: the GC frees it
  else pending += source.length;
  return { errors, module };
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
