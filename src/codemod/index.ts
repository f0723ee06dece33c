export type { CodemodOption, CodemodRule } from "../engine/codemod.js";
export { BUILTIN_CODEMODS, findCodemod } from "../engine/codemods.js";
export type { CodemodOutcome } from "./core.js";
export type { ReviewIo } from "./interactive.js";
export type { CodemodArgs, CodemodFn } from "./load.js";
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
export type { QueryIo, QueryResult } from "./report.js";
export { queryIoFrom } from "./report.js";
export type { CodemodReport, QueryMode } from "./run.js";
