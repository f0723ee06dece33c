import type { CodemodRule } from "../../src/codemod/rule.js";

export interface ReplaceCallOptions extends Record<string, unknown> {
  readonly from: string;
  readonly to: string;
  /** The callee's root is an import of this module (under any local name), not the global. */
  readonly fromModule?: string;
  /** Import the new callee's root (`logger` of `logger.warn`) from this module where a call changed. */
  readonly toModule?: string;
}

/**
 * Call another function with the same arguments: `a.b(x)` → `c.d(x)`.
 * The callee's root is the global (`--from-module m`: an import of `m`), in
 * any spelling (`a.b`, `a?.b`, `a["b"]`); `--to-module m` imports the new
 * root from `m` (ensureImport) in each file where a call changed.
 */
export const replaceCall: CodemodRule<ReplaceCallOptions> = {
  id: "replace-call",
  description: "Replace the callee of calls (`a.b(…)` → `c.d(…)`), keeping the arguments.",
  docs: "README.md#codemods",
  options: [
    { name: "from", type: "string", required: true, default: undefined, description: "The callee to replace, dotted: `foo`, `console.log`, `a.b.c`." },
    { name: "to", type: "string", required: true, default: undefined, description: "The new callee, dotted." },
    { name: "fromModule", type: "string", required: false, default: undefined, description: "Match calls whose root is imported from this module instead of the global." },
    { name: "toModule", type: "string", required: false, default: undefined, description: "Import the new callee's root from this module where a call changed." },
  ],
  transform: (q, options) => {
    const calls = q.selectCall(options.from, options.fromModule === undefined ? {} : { from: options.fromModule }).rename(options.to);
    const root = options.to.split(".")[0]!;
    return options.toModule === undefined ? calls : calls.ensureImport({ from: options.toModule, name: root });
  },
};
