/**
 * The pure core for one file: `(source, path, config) → outcome`. Parse once,
 * plan the sort, splice, verify. Never throws: a syntax error is a `failed`
 * outcome with its location, a verification failure is an internal error and
 * nothing is written.
 */
import { applyEdits } from "../edit/apply.js";
import { SafesortError } from "../errors.js";
import { planSort } from "../imports/sort.js";
import { parseSource } from "../parse/parser.js";
import type { ResolvedConfig, SourceOutcome } from "../types.js";
import { verifyOutput } from "../verify/verify.js";

/** Hooks for tests only: e.g. break the render on purpose to prove the verifier refuses it. */
export interface CoreInternals {
  readonly afterRender?: (output: string) => string;
}

const SKIP_FILE = /safesort:\s*skip-file\b/;
/** Keywords cannot be written with escapes: a file without these has nothing to sort. */
const MAY_HAVE_IMPORTS = /\bimport\b|\bexport\b/;

export function processSource(source: string, filepath: string, config: ResolvedConfig, internals: CoreInternals = {}): SourceOutcome {
  try {
    if (!MAY_HAVE_IMPORTS.test(source)) return { status: "unchanged" };
    const parsed = parseSource(source, filepath);
    if (SKIP_FILE.test(source) && parsed.comments.some((c) => SKIP_FILE.test(c.value))) {
      return { status: "skipped", reason: "safesort: skip-file" };
    }
    const plan = planSort(parsed, config);
    if (plan.edits.length === 0 && !internals.afterRender) return { status: "unchanged" };
    let output = applyEdits(source, plan.edits);
    if (internals.afterRender) output = internals.afterRender(output);
    if (output === source) return { status: "unchanged" };
    const problem = verifyOutput({ parsed, units: plan.units }, output, filepath, config);
    if (problem) {
      return {
        status: "failed",
        diagnostic: { code: "internal-error", message: `internal error, refusing to write (${problem})`, path: filepath },
      };
    }
    return { status: "changed", output };
  } catch (error) {
    if (error instanceof SafesortError) return { status: "failed", diagnostic: error.toDiagnostic() };
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      status: "failed",
      diagnostic: { code: "internal-error", message: `internal error, refusing to write (${e.message})`, path: filepath, stack: e.stack },
    };
  }
}
