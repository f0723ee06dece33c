/**
 * The core for one file as a run calls it: a file proved sorted from its
 * head (fast-path.ts) is answered here, with nothing more loaded; only a file
 * that needs a parse loads the whole core (process-source.ts: the parsers,
 * the planner's render, the verifier, the framework locators).
 *
 *   source ─isScriptPath, no declaration / head proves sorted─▶ unchanged
 *          └otherwise─▶ processSource (loaded by the first file that needs it) ─▶ outcome
 *
 * The answer is processSource's, by construction: for a plain script it
 * takes the same first two steps (no `import`/`export` that could declare
 * anything; the head proof unless `--strict`) before anything else, and any
 * doubt or exception here defers to it. `processSource` itself stays
 * synchronous for the library (src/index.ts).
 */
import { mayDeclare } from "../parse/prefix.js";
import type { ResolvedConfig, SourceOutcome } from "../types.js";

import { headVerdict, isScriptPath } from "./fast-path.js";

type ProcessSource = typeof import("./process-source.js").processSource;

let loading: Promise<ProcessSource> | undefined;
let loaded: ProcessSource | undefined;

/**
 * `processSource(source, filepath, config, { fullParse: strict })`, now:
 * the file is proved sorted by its head, or the core is loaded already.
 * Undefined: load it first (`loadCore`), then call it.
 */
export function processSourceNow(source: string, filepath: string, config: ResolvedConfig, strict: boolean): SourceOutcome | undefined {
  if (provedUnchanged(source, filepath, config, strict)) return { status: "unchanged" };
  return loaded?.(source, filepath, config, { fullParse: strict });
}

/** The whole core, loaded on first call. */
export function loadCore(): Promise<ProcessSource> {
  loading ??= import("./process-source.js").then((module) => (loaded = module.processSource));
  return loading;
}

/** processSource's own first steps for a plain script (planSource): true only where it says "unchanged" without a parser. */
function provedUnchanged(source: string, filepath: string, config: ResolvedConfig, strict: boolean): boolean {
  if (!isScriptPath(filepath)) return false;
  try {
    return !mayDeclare(source) || (!strict && headVerdict(source, filepath, config) === "sorted");
  } catch {
    // processSource runs the same steps again and reports the failure its way.
    return false;
  }
}
