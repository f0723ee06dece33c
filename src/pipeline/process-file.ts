/**
 * The IO shell around the pure core for one file: read → processSource → a
 * FileResult value. It takes and returns plain data only, so a worker thread
 * can run it unchanged; it never writes (the main thread does) and never throws.
 */
import { statSync } from "node:fs";

import { cacheKey, type KnownSorted, settled, statKey } from "../cache/cache.js";
import { decodeSource, readSourceBytes } from "../files/read.js";
import { hashBytes } from "../files/write.js";
import { nativeMemoryDue, releaseNativeMemory } from "../parse/oxc.js";
import type { Diagnostic, FileResult, ResolvedConfig } from "../types.js";

import { type HeadReading, isScriptPath } from "./fast-path.js";
import { headFirst, loadCore } from "./lazy-core.js";

/**
 * Read and sort one file.
 *
 * `original` is attached only to `changed` results: it is what a diff needs,
 * and not shipping every unchanged file's text back keeps results small (they
 * will cross a worker boundary). `originalHash` and `bom` are always attached
 * when the file was read. `strict` parses the whole file even when its head
 * proves it sorted (`--strict`).
 *
 * With the sorted-files cache (`known`, see src/cache/cache.ts): a file whose
 * content key is known is "unchanged" without being parsed. (One whose
 * metadata key is known never gets here: `resultByStat` settles it on the
 * main thread, unopened.) An unchanged result carries the keys to record: the
 * content key, and the metadata key when the file's timestamps are old enough.
 *
 * A file its head does not settle waits for oxc's parse on a thread of
 * libuv's pool (parse/oxc.ts) while the run reads and proves the next files
 * (drive.ts keeps several in flight), then takes the whole core on the main
 * thread, which is loaded by the first such file (lazy-core.ts). A worker
 * thread (`onThread`) has no next file to read meanwhile: oxc parses on it.
 */
export async function processFile(
  absPath: string,
  index: number,
  config: ResolvedConfig,
  displayPath: string,
  known?: KnownContents,
  strict = false,
  write = true,
  onThread = false,
): Promise<FileResult> {
  const job: Job = { absPath, index, config, displayPath, known, strict, write };
  const read = readAndProve(job);
  const result = "status" in read ? read : await sortRead(read, job, onThread);
  // The parser's native memory is freed on an event-loop turn (parse/oxc.ts), which a run of
  // synchronous reads rarely gives. Only now: the next file's read reuses this one's buffer.
  if (nativeMemoryDue()) await releaseNativeMemory();
  return result;
}

/** One file's step, as processFile was called. */
interface Job {
  readonly absPath: string;
  readonly index: number;
  readonly config: ResolvedConfig;
  readonly displayPath: string;
  readonly known: KnownContents | undefined;
  readonly strict: boolean;
  /** Whether a changed file will be written (write mode): only then does it need the hash of what was read, and a cache the hash of its output. */
  readonly write: boolean;
}

/** What `processFile` needs of the cache's keys: the content keys (metadata keys are `resultByStat`'s). */
export type KnownContents = Pick<KnownSorted, "contents">;

/** A file read and decoded that its head did not prove sorted. */
interface ReadFile {
  readonly text: string;
  readonly bom: boolean;
  /** Taken at once when a write or the cache needs it: the next file's read reuses the buffer (files/read.ts). */
  readonly originalHash: string | undefined;
  /** The cache keys to record if it turns out unchanged. */
  readonly cacheKey: string | undefined;
  readonly statKey: string | undefined;
  /** What its head said (an unsorted head's plan), if the head scanner read it. */
  readonly head: HeadReading | undefined;
}

/** The file's result when the cache, reading it or its head settles it; else what was read. */
function readAndProve({ absPath, index, config, displayPath, known, strict, write }: Job): FileResult | ReadFile {
  try {
    const opened = known ? Date.now() : 0;
    const raw = readSourceBytes(absPath, displayPath, undefined, known !== undefined);
    if (!raw.ok) {
      // Too large to parse within bounded memory: left alone, like a skip-file directive.
      if (raw.diagnostic.code === "too-large") return { status: "skipped", reason: raw.diagnostic.message, index, path: absPath };
      return failedResult(absPath, index, raw.diagnostic);
    }
    // Known to be sorted under this config: no decoding, no parse (the cache only
    // holds bytes that decoded and sorted to themselves).
    const key = known ? cacheKey(raw.hash(), config, strict) : undefined;
    // Recorded only if the file turns out unchanged (a written file has new metadata).
    const stamp = raw.stat && settled(raw.stat, opened) ? statKey(absPath, raw.stat, config, strict) : undefined;
    if (key !== undefined && known!.contents.has(key)) {
      return { status: "unchanged", index, path: absPath, originalHash: raw.hash(), bom: raw.bom, cacheKey: key, statKey: stamp };
    }
    const read = decodeSource(raw.bytes, displayPath);
    if (!read.ok) return failedResult(absPath, index, read.diagnostic);
    // The hash of what was read, while `raw.bytes` still holds it (nothing was read since):
    // a write needs it, and so does the cache; an unchanged file without a cache does not.
    const head = headFirst(read.text, displayPath, config, strict);
    if (head?.verdict === "sorted") {
      return { status: "unchanged", index, path: absPath, originalHash: known ? raw.hash() : undefined, bom: raw.bom, cacheKey: key, statKey: stamp };
    }
    return { text: read.text, bom: read.bom, originalHash: write || known ? raw.hash() : undefined, cacheKey: key, statKey: stamp, head };
  } catch (error) {
    return failedResult(absPath, index, internalError(displayPath, error));
  }
}

/**
 * The whole core on a file its head did not settle. oxc's import region is
 * parsed first: off the thread, while the main thread reads and proves other
 * files; on the calling thread when that thread is a worker (`onThread`),
 * whose files come one after another and have nothing to overlap.
 */
async function sortRead(read: ReadFile, { absPath, index, config, displayPath, known, strict, write }: Job, onThread: boolean): Promise<FileResult> {
  try {
    const { processSource, importRegion, importRegionAsync } = await loadCore();
    // What processSource would ask oxc first (its fast path, for a plain script): asked here, off-thread.
    // Its head has been read already (headFirst): processSource reuses an unsorted head's plan.
    // Where the head proved the imports end, oxc is asked for its errors alone (the syntax gate).
    const importsEnd = read.head?.verdict === "unsorted" ? read.head.importsEnd : undefined;
    const internals =
      strict || !isScriptPath(displayPath)
        ? { fullParse: strict }
        : { head: read.head, region: onThread ? importRegion(read.text, displayPath, true, importsEnd) : await importRegionAsync(read.text, displayPath, true, importsEnd) };
    const outcome = processSource(read.text, displayPath, config, internals);
    const file = { index, path: absPath, originalHash: known || outcome.status === "changed" ? read.originalHash : undefined, bom: read.bom };
    if (outcome.status === "changed") {
      // Recorded as sorted once written (run.ts): only a write with a cache needs it.
      const written = known && write ? hashBytes(Buffer.from(read.bom ? `\uFEFF${outcome.output}` : outcome.output, "utf8")) : undefined;
      return { ...outcome, ...file, original: read.text, cacheKey: written === undefined ? undefined : cacheKey(written, config, strict) };
    }
    return outcome.status === "unchanged" ? { ...outcome, ...file, cacheKey: read.cacheKey, statKey: read.statKey } : { ...outcome, ...file };
  } catch (error) {
    return failedResult(absPath, index, internalError(displayPath, error));
  }
}

/**
 * The file's result when the cache knows it, as it is now, by its metadata
 * alone ("unchanged", never opened); undefined otherwise: any doubt (stat
 * fails) means no. Synchronous, one `stat`: the run driver asks it on the main
 * thread before it gives the file to `processFile` (drive.ts).
 */
export function resultByStat(absPath: string, index: number, config: ResolvedConfig, known: KnownSorted, strict: boolean): FileResult | undefined {
  try {
    const stat = statSync(absPath, { bigint: true, throwIfNoEntry: false });
    return stat !== undefined && known.knownStat(absPath, stat, config, strict) ? { status: "unchanged", index, path: absPath } : undefined;
  } catch {
    return undefined;
  }
}

/** A `failed` result for a file, carrying its discovery index. */
export function failedResult(absPath: string, index: number, diagnostic: Diagnostic): FileResult {
  return { status: "failed", diagnostic, index, path: absPath };
}

/** An unexpected exception is a bug in safesort: keep its stack. */
export function internalError(displayPath: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return { code: "internal-error", message, path: displayPath, stack };
}
