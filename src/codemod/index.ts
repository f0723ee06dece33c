export { BUILTIN_CODEMODS, findCodemod } from "../../rules/index.js";
export type { Prompt, QueryIo, QueryResult } from "../report/query.js";
export { queryIoFrom } from "../report/query.js";
export type { CodemodOutcome } from "./core.js";
export type { ReviewIo } from "./interactive.js";
export type { CodemodFn } from "./load.js";
export type { Capture, Captures, Match, Role } from "./model.js";
export type { AddArgumentOptions, Builders, ModifyFn, ModifyResult } from "./modifiers.js";
export type { PatternCaptures } from "./pattern-types.js";
/**
 * The codemod API, re-exported by src/index.ts:
 *
 *   import { Query } from "safesort";
 *   await new Query(["src"]).selectImport("lodash", "debounce").rename("throttle").diff();
 */
export { Query, type QueryOptions } from "./query.js";
export type { CodemodOption, CodemodRule } from "./rule.js";
export type { CodemodReport, QueryMode } from "./run.js";
export type { CodemodArgs } from "./source.js";
