/**
 * Where the import region ends, from oxc-parser's module record: the exact
 * end of the last top-level import or re-export, without building a JS AST.
 * oxc is a native parser about ten times faster than a full Babel parse; we
 * use only its module record (which lists every top-level import and export
 * declaration), never its AST, so Babel stays the one parser that the sorter
 * and the verifier read.
 *
 * Undefined whenever the answer is not certain: oxc missing on this platform,
 * oxc reporting errors (Flow files, syntax errors: the full Babel parse
 * reports them), or `declare module` blocks (their imports are not in the
 * module record).
 */
import { createRequire } from "node:module";

import { dialectOf } from "./parser.js";

interface OxcSpan {
  readonly start: number;
  readonly end: number;
}
interface OxcResult {
  readonly errors: readonly unknown[];
  readonly module: {
    readonly staticImports: readonly (OxcSpan & { readonly entries: readonly unknown[] })[];
    readonly staticExports: readonly (OxcSpan & { readonly entries: readonly { readonly moduleRequest: unknown }[] })[];
  };
}
type ParseSync = (filename: string, source: string, options: { lang: string; sourceType: string }) => OxcResult;

let parseSync: ParseSync | null | undefined;

function oxc(): ParseSync | null {
  if (parseSync === undefined) {
    try {
      parseSync = (createRequire(import.meta.url)("oxc-parser") as { parseSync: ParseSync }).parseSync;
    } catch {
      parseSync = null;
    }
  }
  return parseSync;
}

export type Region = { readonly kind: "empty" } | { readonly kind: "ends"; readonly end: number };

/**
 * `empty`: no import with bindings and no re-export at top level (nothing to
 * sort). `ends`: the offset just past the last import or re-export.
 */
export function importRegion(source: string, filepath: string): Region | undefined {
  const parse = oxc();
  if (!parse || /\bdeclare\s+(?:module|global)\b/.test(source)) return undefined;
  const dialect = dialectOf(filepath);
  const lang = dialect === "js" ? "jsx" : dialect;
  let result: OxcResult;
  try {
    result = parse(filepath, source, { lang, sourceType: "module" });
  } catch {
    return undefined;
  }
  if (result.errors.length > 0) return undefined;
  let end = -1;
  let movable = false;
  for (const item of result.module.staticImports) {
    end = Math.max(end, item.end);
    movable ||= item.entries.length > 0;
  }
  for (const item of result.module.staticExports) {
    if (!item.entries.some((e) => e.moduleRequest)) continue;
    end = Math.max(end, item.end);
    movable = true;
  }
  return movable ? { kind: "ends", end } : { kind: "empty" };
}
