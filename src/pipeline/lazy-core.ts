/**
 * The core for one file as a run calls it: a file proved sorted from its
 * head (fast-path.ts) is answered here, with nothing more loaded; only a file
 * that needs a parse loads the whole core (process-source.ts: the parsers,
 * the planner's render, the verifier, the framework locators).
 *
 *   source ─isScriptPath, no declaration / head proves sorted─▶ unchanged
 *          └otherwise─▶ processSource (loaded by the first file that needs it,
 *                        given the head's plan if it read one) ─▶ outcome
 *
 * The answer is processSource's, by construction: for a plain script it
 * takes the same first two steps (no `import`/`export` that could declare
 * anything; the head proof unless `--strict`) before anything else, and any
 * doubt or exception here defers to it. `processSource` itself stays
 * synchronous for the library (src/index.ts).
 */
import { mayDeclare } from "../parse/prefix.js";
import type { ResolvedConfig } from "../types.js";

import { type HeadReading, isScriptPath, readHead, SORTED } from "./fast-path.js";

interface Core {
  readonly processSource: typeof import("./process-source.js").processSource;
  /** oxc's import region (what processSource would ask first), on this thread. */
  readonly importRegion: typeof import("../parse/region.js").importRegion;
  /** The same, parsed off the main thread. */
  readonly importRegionAsync: typeof import("../parse/region.js").importRegionAsync;
}

let loading: Promise<Core> | undefined;

/** The whole core, loaded on first call. */
export function loadCore(): Promise<Core> {
  loading ??= Promise.all([import("./process-source.js"), import("../parse/region.js")]).then(([core, region]) => ({
    processSource: core.processSource,
    importRegion: region.importRegion,
    importRegionAsync: region.importRegionAsync,
  }));
  return loading;
}

/**
 * processSource's own first steps for a plain script (planSource): a "sorted"
 * verdict only where it says "unchanged" without a parser; else what the
 * head said, for processSource to reuse (`internals.head`), or undefined.
 */
export function headFirst(source: string, filepath: string, config: ResolvedConfig, strict: boolean): HeadReading | undefined {
  if (!isScriptPath(filepath)) return undefined;
  try {
    // `--strict` keeps only the first step: nothing that could declare, nothing to sort.
    if (strict) return mayDeclare(source) ? undefined : SORTED;
    return readHead(source, filepath, config);
  } catch {
    // processSource runs the same steps again and reports the failure its way.
    return undefined;
  }
}
