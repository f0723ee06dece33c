export { BUILTIN_CODEMODS, findCodemod } from "../../rules/index.js";
export type { ReviewIo } from "../pipeline/review.js";
export type { CodemodReport, Prompt, QueryIo, QueryMode, QueryResult } from "../report/query.js";
export { queryIoFrom } from "../report/query.js";
export type { CodemodOutcome } from "./core.js";
export type { BindingInfo, Capture, Captures, Match, Role } from "./model.js";
export type { EnsureImportOptions, ImportSpec, RemoveImportOptions, RemoveImportResult } from "./modify/import-helpers.js";
export type { AddArgumentOptions, Builders, ModifyFn, ModifyResult } from "./modify/modifiers.js";
/**
 * The codemod API, re-exported by src/index.ts:
 *
 *   import { Query } from "safesort";
 *   await new Query(["src"]).selectImport("lodash", "debounce").rename("throttle").diff();
 */
export { Query, type QueryOptions } from "./query.js";
export type { CodemodFn, CodemodOption, CodemodRule } from "./rule.js";
export type { ImportOrigin, MatchScope, Resolution } from "./scope/resolve.js";
export type { BindingKind } from "./scope/scope-model.js";
export type { Constraint, NodeKind } from "./select/pattern-constraints.js";
export type { PatternCaptures, PatternWhere, SelectPatternOptions } from "./select/pattern-types.js";
export type { CodemodArgs } from "./source.js";
