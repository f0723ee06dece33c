/**
 * `safesort/refactor`: the type-aware Query API's types with TypeScript's own
 * (their declarations need ts-morph, the optional peer dependency that
 * `project()`, `whereType()` and `renameSymbol()` load at run time).
 *
 *   import type {} from "safesort/refactor";   // or import type { TypeView } from "safesort/refactor";
 *   import { Query } from "safesort";
 *
 *   new Query(["src"]).project("tsconfig.json").selectCall("f")
 *     .whereType((t) => t.type !== undefined && t.type.checker.isArrayType(t.type.type));
 *
 * Importing it gives `TypeView.type` and `.checker` the types `ts.Type` and
 * `ts.TypeChecker` (ts-morph's `ts`) everywhere in the program; without it
 * they are `unknown`, and safesort's main entry compiles without ts-morph.
 */
import type { ts } from "ts-morph";

export type { RenameSymbolStep, TypedMatch, TypePredicate, TypeView } from "./type-view.js";

declare module "./type-view.js" {
  interface TypeScriptTypes {
    readonly type: ts.Type;
    readonly checker: ts.TypeChecker;
  }
}
