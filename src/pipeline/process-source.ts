// CONTRACT STUB — implemented by the core. Signature is fixed.
import type { ResolvedConfig, SourceOutcome } from "../types.js";

/**
 * The pure core: sort the imports of one source text (without BOM).
 * Never throws: syntax errors and internal failures become `failed` outcomes.
 */
export function processSource(source: string, filepath: string, config: ResolvedConfig): SourceOutcome {
  return { status: "unchanged" };
}
