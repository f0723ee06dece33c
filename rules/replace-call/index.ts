import type { CodemodRule } from "../../src/codemod/rule.js";

export interface ReplaceCallOptions extends Record<string, unknown> {
  readonly from: string;
  readonly to: string;
}

/**
 * Call another function with the same arguments: `a.b(x)` → `c.d(x)`.
 * Callees are matched by how they are spelled (`a.b`, `a?.b`, `a["b"]`).
 */
export const replaceCall: CodemodRule<ReplaceCallOptions> = {
  id: "replace-call",
  description: "Replace the callee of calls (`a.b(…)` → `c.d(…)`), keeping the arguments.",
  docs: "README.md#codemods",
  options: [
    { name: "from", type: "string", required: true, default: undefined, description: "The callee to replace, dotted: `foo`, `console.log`, `a.b.c`." },
    { name: "to", type: "string", required: true, default: undefined, description: "The new callee, dotted." },
  ],
  transform: (q, options) => q.selectCall(options.from).rename(options.to),
};
