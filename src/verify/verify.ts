/**
 * Verify before write. The output is parsed again and compared with the
 * input; any difference beyond "imports moved inside their block" is a bug in
 * safesort, and the file must not be written:
 *
 *   - the output parses;
 *   - it cuts into the same sequence of barriers and blocks;
 *   - every barrier is byte-identical, and so is all text outside blocks;
 *   - each block holds the same statements (source, kind, bindings, attributes);
 *   - every comment is still there.
 */
import type { Comment } from "@babel/types";

import { SafesortError } from "../errors.js";
import { splitUnits } from "../imports/blocks.js";
import type { Block, Movable, Unit } from "../imports/model.js";
import { type ParsedSource, parseSource } from "../parse/parser.js";
import type { ResolvedConfig } from "../types.js";

export interface Analyzed {
  readonly parsed: ParsedSource;
  readonly units: readonly Unit[];
}

/** Undefined when `output` is a safe rewrite of `before`, else why not. */
export function verifyOutput(before: Analyzed, output: string, filepath: string, config: ResolvedConfig): string | undefined {
  let parsed: ParsedSource;
  try {
    parsed = parseSource(output, filepath);
  } catch (error) {
    const where = error instanceof SafesortError ? ` at ${error.line}:${error.column}` : "";
    return `output does not parse${where}: ${(error as Error).message}`;
  }
  const after: Analyzed = { parsed, units: splitUnits(parsed, config) };
  return compareUnits(before, after) ?? compareOutside(before, after) ?? compareComments(before.parsed.comments, parsed.comments);
}

function compareUnits(before: Analyzed, after: Analyzed): string | undefined {
  if (before.units.length !== after.units.length) {
    return `${before.units.length} blocks and barriers before, ${after.units.length} after`;
  }
  for (let i = 0; i < before.units.length; i++) {
    const a = before.units[i]!;
    const b = after.units[i]!;
    if (a.type !== b.type) return `unit ${i + 1} was a ${a.type}, is a ${b.type}`;
    if (a.type === "barrier" && b.type === "barrier") {
      if (textOf(before, a) !== textOf(after, b) || a.reason !== b.reason) return `barrier changed: ${JSON.stringify(textOf(before, a).slice(0, 60))}`;
    }
    if (a.type === "block" && b.type === "block") {
      const problem = compareBlocks(a, b);
      if (problem) return problem;
    }
  }
  return undefined;
}

function compareBlocks(a: Block, b: Block): string | undefined {
  if (a.kind !== b.kind || a.container !== b.container) return "a block changed kind";
  const x = a.items.map(signature).sort();
  const y = b.items.map(signature).sort();
  if (x.length !== y.length || x.some((s, i) => s !== y[i])) return `a block's statements changed (${x.length} before, ${y.length} after)`;
  return undefined;
}

/** What a movable statement imports or exports, independent of its layout. */
function signature(item: Movable): string {
  const node = item.node;
  const specifiers =
    node.type === "ExportAllDeclaration"
      ? []
      : node.specifiers.map((s) => {
          const parts: string[] = [s.type];
          if ("importKind" in s && s.importKind) parts.push(s.importKind);
          if ("exportKind" in s && s.exportKind) parts.push(s.exportKind);
          if ("imported" in s) parts.push(nameOf(s.imported));
          if ("local" in s && s.local) parts.push(nameOf(s.local));
          if ("exported" in s) parts.push(nameOf(s.exported));
          return parts.join(":");
        });
  const attributes = (node.attributes ?? []).map((a) => `${nameOf(a.key)}=${a.value.value}`);
  const kind = node.type === "ImportDeclaration" ? node.importKind : node.exportKind;
  return JSON.stringify([node.type, kind, item.source, attributes, specifiers.sort()]);
}

function nameOf(node: { type: string; name?: string; value?: string }): string {
  return node.type === "StringLiteral" ? `"${node.value}"` : node.name!;
}

function textOf(analyzed: Analyzed, unit: { start: number; end: number }): string {
  return analyzed.parsed.source.slice(unit.start, unit.end);
}

/** Everything outside blocks must be byte-identical. */
function compareOutside(before: Analyzed, after: Analyzed): string | undefined {
  const x = outside(before);
  const y = outside(after);
  if (x === y) return undefined;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return `text outside import blocks changed near ${JSON.stringify(x.slice(Math.max(0, i - 20), i + 20))}`;
}

function outside(analyzed: Analyzed): string {
  const source = analyzed.parsed.source;
  let out = "";
  let at = 0;
  for (const unit of analyzed.units) {
    if (unit.type !== "block") continue;
    out += `${source.slice(at, unit.start)}\u0000`;
    at = unit.end;
  }
  return out + source.slice(at);
}

function compareComments(before: readonly Comment[], after: readonly Comment[]): string | undefined {
  const x = before.map((c) => `${c.type}:${c.value}`).sort();
  const y = after.map((c) => `${c.type}:${c.value}`).sort();
  if (x.length !== y.length) return `${x.length} comments before, ${y.length} after`;
  const i = x.findIndex((c, k) => c !== y[k]);
  return i === -1 ? undefined : `comment changed: ${JSON.stringify(x[i]!.slice(0, 60))}`;
}
