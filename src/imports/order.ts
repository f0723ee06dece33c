/**
 * The sort order. A key is a tuple with a total order; the last element is
 * the original position, so ties never reorder anything and sorting twice
 * changes nothing:
 *
 *   (group, type placement, module specifier (natural, case-insensitive),
 *    statement kind, original index)
 *
 * Statement kinds for one specifier: type < namespace < default < all (export *) < named.
 */
import type { ResolvedConfig } from "../types.js";

import { groupIndexOf } from "./classify.js";
import type { Movable, StatementKind } from "./model.js";

const KIND_RANK: Record<StatementKind, number> = { type: 0, namespace: 1, default: 2, all: 3, named: 4 };

export interface SortKey {
  readonly group: number;
  /** 0 for every import with `typeImports: "inline"`; else type-only imports first (0) or last (1). */
  readonly typePlacement: number;
  readonly source: string;
  readonly kind: number;
  readonly index: number;
}

export function sortKeyOf(item: Movable, config: ResolvedConfig): SortKey {
  let typePlacement = 0;
  if (config.typeImports === "first") typePlacement = item.typeOnly ? 0 : 1;
  if (config.typeImports === "last") typePlacement = item.typeOnly ? 1 : 0;
  return {
    group: groupIndexOf(item.source, config),
    typePlacement,
    source: item.source,
    kind: KIND_RANK[item.statementKind],
    index: item.index,
  };
}

export function compareKeys(a: SortKey, b: SortKey): number {
  return (
    a.group - b.group ||
    a.typePlacement - b.typePlacement ||
    compareNatural(a.source, b.source) ||
    a.kind - b.kind ||
    a.index - b.index
  );
}

/**
 * Case-insensitive natural order: runs of digits compare by value
 * (`a2` < `a10`), everything else by lower-cased code units.
 */
export function compareNatural(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(j);
    if (isDigit(cx) && isDigit(cy)) {
      const endX = digitRunEnd(x, i);
      const endY = digitRunEnd(y, j);
      const diff = compareDigits(x.slice(i, endX), y.slice(j, endY));
      if (diff !== 0) return diff;
      i = endX;
      j = endY;
      continue;
    }
    if (cx !== cy) return cx - cy;
    i++;
    j++;
  }
  return x.length - i - (y.length - j);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function digitRunEnd(text: string, from: number): number {
  let k = from;
  while (k < text.length && isDigit(text.charCodeAt(k))) k++;
  return k;
}

/** Compare two digit runs by value; on equal value the shorter run (fewer leading zeros) first. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, "");
  const y = b.replace(/^0+/, "");
  if (x.length !== y.length) return x.length - y.length;
  if (x !== y) return x < y ? -1 : 1;
  return a.length - b.length;
}
