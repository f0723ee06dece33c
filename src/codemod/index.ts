export { BUILTIN_CODEMODS, findCodemod } from "../../rules/index.js";
export type { ReviewIo } from "../pipeline/review.js";
export type { CodemodReport, Prompt, QueryIo, QueryMode, QueryResult } from "../report/query.js";
export { queryIoFrom } from "../report/query.js";
export type { CodemodOutcome } from "./core.js";
export type { EnsureImportOptions, ImportSpec, RemoveImportOptions, RemoveImportResult } from "./import-helpers.js";
export type { BindingInfo, Capture, Captures, Match, Role } from "./model.js";
export type { AddArgumentOptions, Builders, ModifyFn, ModifyResult } from "./modifiers.js";
export type { Constraint, NodeKind } from "./pattern-constraints.js";
export type { PatternCaptures, PatternWhere, SelectPatternOptions } from "./pattern-types.js";
/**
 * The codemod API, re-exported by src/index.ts:
 *
 *   import { Query } from "safesort";
 *   await new Query(["src"]).selectImport("lodash", "debounce").rename("throttle").diff();
 */
export { Query, type QueryOptions } from "./query.js";
export type { ImportOrigin, MatchScope, Resolution } from "./resolve.js";
export type { CodemodFn, CodemodOption, CodemodRule } from "./rule.js";
export type { BindingKind } from "./scope-model.js";
export type { CodemodArgs } from "./source.js";
