/**
 * Typed captures for `selectPattern`: the metavariables of a pattern literal,
 * read at the type level, so `filter` and `modify` callbacks see
 * `match.captures.X` as a node and `match.captures.ARGS` as a list:
 *
 *   q.selectPattern("setTimeout($FN, $$$REST)")   →   { FN: Node; REST: readonly Node[] }
 *
 * A pattern that is not a literal type gives the untyped record. The same
 * reading types `where`: only the pattern's single metavariables take a
 * constraint, so a misspelled or list name is a type error (and, in plain
 * JavaScript, an error when the query is built).
 */
import type { Node } from "@babel/types";

import type { Captures } from "../model.js";

import type { Constraint } from "./pattern-constraints.js";

type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
type Upper = "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U" | "V" | "W" | "X" | "Y" | "Z";
type NameChar = Upper | Digit | "_";

/** The leading metavariable-name characters of S. */
type TakeName<S extends string, Acc extends string = ""> = S extends `${infer C}${infer R}` ? (C extends NameChar ? TakeName<R, `${Acc}${C}`> : Acc) : Acc;
/** S without its leading name characters. */
type DropName<S extends string> = S extends `${infer C}${infer R}` ? (C extends NameChar ? DropName<R> : S) : S;

/** Names after `$$$`. */
type ListVars<S extends string> = S extends `${string}$$$${infer R}` ? TakeName<R> | ListVars<DropName<R>> : never;
/** Names after a `$` that does not start `$$$`. */
type SingleVars<S extends string> = S extends `${string}$${infer R}`
  ? R extends `$$${infer L}`
    ? SingleVars<DropName<L>>
    : TakeName<R> | SingleVars<DropName<R>>
  : never;

type Named<N> = Exclude<N, "" | "_">;

export type PatternCaptures<P extends string> = string extends P
  ? Captures
  : { readonly [K in Named<SingleVars<P>>]: Node } & { readonly [K in Named<ListVars<P>>]: readonly Node[] };

/** `selectPattern`'s options: `where` keys are the pattern's single metavariables. */
export interface SelectPatternOptions<P extends string = string> {
  readonly where?: PatternWhere<P>;
}

export type PatternWhere<P extends string> = string extends P
  ? Readonly<Record<string, Constraint>>
  : [Named<SingleVars<P>>] extends [never]
    ? { readonly [name: string]: never } // no single metavariable: nothing to constrain (`{}` would take any key)
    : { readonly [K in Named<SingleVars<P>>]?: Constraint };
