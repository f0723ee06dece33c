/**
 * The types of the type-aware Query API (`project()`, `whereType()`,
 * `renameSymbol()`), without TypeScript's own: safesort's main entry
 * exports them, and its declarations must compile for a project that has not
 * installed ts-morph (an optional peer dependency, loaded on first use).
 *
 * `TypeView.type` and `.checker` are TypeScript's `Type` and `TypeChecker`
 * (ts-morph's bundled compiler). Here they are `unknown`; the
 * `safesort/refactor` entry (src/refactor/index.ts), whose declarations need
 * ts-morph, fills in `TypeScriptTypes` so that they have those types:
 *
 *   import type {} from "safesort/refactor";
 */
import type { Match } from "../codemod/model.js";

/** Filled in by `safesort/refactor` (module augmentation): `{ type: ts.Type; checker: ts.TypeChecker }`. */
export interface TypeScriptTypes {}

type TypeScriptType<K extends string> = TypeScriptTypes extends { readonly [P in K]: infer T } ? T : unknown;

/** A type, as a `whereType` predicate sees it. */
export interface TypeView {
  /** As TypeScript prints it: `Observable<number>`, `string[]`, `Promise<void>`. */
  readonly text: string;
  /**
   * Whether the type is named `name` (`Observable`, `Promise`, `Map`): its
   * symbol, the target of an alias, a member of a union, or a base class or
   * interface of any of those.
   */
  is(name: string): boolean;
  /** The TypeScript type (`ts.Type` with `import type {} from "safesort/refactor"`; else `unknown`). */
  readonly type: TypeScriptType<"type">;
  /** The type checker (`ts.TypeChecker` with `import type {} from "safesort/refactor"`; else `unknown`). */
  readonly checker: TypeScriptType<"checker">;
}

export interface TypedMatch {
  /** The matched node's type (for a call: what it returns); undefined when it has none (a declaration name, a statement). */
  readonly type: TypeView | undefined;
  /** For `a.b` and `a.b()`: the type of `a`. */
  readonly receiver: TypeView | undefined;
}

export type TypePredicate<C extends Match["captures"] = Match["captures"]> = (typed: TypedMatch, match: Match<C>) => boolean;

export interface RenameSymbolStep {
  readonly target: string;
  readonly newName: string;
  /** Re-exports keep their public name (`export { new as old }`), as editors do. */
  readonly keepReexportNames?: boolean;
}
