/**
 * `safesort/testing`: fixture tests for codemods.
 *
 *   import { describe, it } from "vitest";
 *   import { defineCodemodTest } from "safesort/testing";
 *   import codemod from "../codemods/rename-button.js";
 *
 *   defineCodemodTest({ codemod, fixtures: new URL("./fixtures/rename-button", import.meta.url), describe, it });
 *
 * A fixture folder holds, per case (named by behaviour):
 *   <case>.input.<ext>     the source (the extension chooses the parser: ts, tsx, js, jsx, mjs, cjs, mts, cts)
 *   <case>.output.<ext>    what the codemod gives; absent: the input must come out byte-identical
 *   <case>.args.json       the codemod's arguments (a built-in's options), optional
 *   <case>.error.txt       instead of an output: the run must fail with this message (a substring),
 *                          or building the query must throw it (an argument the codemod refuses)
 *
 * Every case checks, byte for byte and never trimmed: the output; that a
 * second run on the output changes nothing; without an output file, that the
 * file is reported unchanged; and that the output is the same code (the same
 * tokens; recast may lay out a list it reprints differently) with text
 * splicing off (recast printing every edit).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { findCodemod } from "../../rules/index.js";
import type { CodemodOutcome, SortImports } from "../codemod/core.js";
import { Query } from "../codemod/query.js";
import type { CodemodFn, CodemodRule } from "../codemod/rule.js";
import type { CodemodArgs } from "../codemod/source.js";
import { tokenize } from "../codemod/verify/tokens.js";
import { defaultConfig } from "../config/index.js";
import { callCodemod } from "../pipeline/codemod/load.js";
import { unifiedDiff } from "../report/diff.js";
import type { ResolvedConfig } from "../types.js";

export type TestedCodemod = string | CodemodRule | CodemodFn | { readonly default: CodemodFn };

export interface CodemodFixture {
  /** The case, e.g. `aliased-import-keeps-alias`. */
  readonly name: string;
  /** `ts`, `tsx`, … */
  readonly ext: string;
  /** The path the codemod sees (chooses the parser). */
  readonly filepath: string;
  readonly input: string;
  /** Absent when the input must come out unchanged (or the case expects an error). */
  readonly output?: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The expected failure message (a substring), when the case expects one. */
  readonly error?: string;
}

export interface CodemodTestOptions {
  /** The codemod: a built-in name, a rule, a `(q, args) => Query` function or a module namespace with that default. */
  readonly codemod: TestedCodemod;
  /** The fixture folder (a path or a file: URL). */
  readonly fixtures: string | URL;
  /** Your runner's functions; default: the global `describe` and `it` (jest, mocha, vitest with globals). */
  readonly describe?: (name: string, fn: () => void) => unknown;
  readonly it?: (name: string, fn: () => void | Promise<void>) => unknown;
  /** The sorter's config for imports the codemod changes; default: safesort's defaults. */
  readonly config?: Partial<ResolvedConfig>;
  /** When the import sorter runs on the output, as `QueryOptions.sortImports` (default: keep sorted files sorted, as `safesort run`). */
  readonly sortImports?: boolean | SortImports;
}

const FILE = /^(?<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?<role>input|output)\.(?<ext>d\.ts|[a-z]+)$/;
const EXTRA = /^(?<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?<role>args\.json|error\.txt)$/;

/** Register one test per fixture case with the runner's `describe`/`it`. */
export function defineCodemodTest(options: CodemodTestOptions): void {
  const describe = options.describe ?? globalFunction("describe");
  const it = options.it ?? globalFunction("it");
  const dir = options.fixtures instanceof URL ? fileURLToPath(options.fixtures) : options.fixtures;
  const site = callerFrames(defineCodemodTest);
  const fixtures = loadCodemodFixtures(dir);
  describe(`codemod fixtures: ${dir}`, () => {
    for (const fixture of fixtures) it(fixture.name, () => reportedAt(site, () => checkCodemodFixture(fixture, options)));
  });
}

/** The errors a case fails with (a diff, a wrong status): their stacks are replaced, see `reportedAt`. */
const failures = new WeakSet<Error>();

function failure(message: string): Error {
  const error = new Error(message);
  failures.add(error);
  return error;
}

/** The stack frames below `fn`'s frame: the caller's file and line first. */
function callerFrames(fn: (...args: never[]) => unknown): string {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  return (holder.stack ?? "").split("\n").slice(1).join("\n");
}

/**
 * Run a case; when it fails, its failure's stack is the `defineCodemodTest`
 * call's: the test runner then shows the user's test file and line, where the
 * stack of the check (inside this package, called by the runner) names no
 * file of the user's. An error the user's codemod throws keeps its own stack.
 */
function reportedAt(site: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof Error && failures.has(error) && site !== "") error.stack = `${error.name}: ${error.message}\n${site}`;
    throw error;
  }
}

function globalFunction(name: "describe" | "it"): (name: string, fn: () => void) => unknown {
  const fn = (globalThis as Record<string, unknown>)[name];
  if (typeof fn !== "function") {
    throw new Error(`defineCodemodTest: no global ${name}(); pass your test runner's: defineCodemodTest({ …, describe, it })`);
  }
  return fn as (name: string, fn: () => void) => unknown;
}

/** Every case of a fixture folder, sorted by name. A stray file is an error, so a typo never drops a case silently. */
export function loadCodemodFixtures(dir: string): CodemodFixture[] {
  const inputs = new Map<string, string>();
  const outputs = new Map<string, string>();
  const extras = new Map<string, Set<string>>();
  for (const file of readdirSync(dir).filter((f) => !f.startsWith("."))) {
    const match = FILE.exec(file)?.groups;
    if (match) {
      const map = match["role"] === "input" ? inputs : outputs;
      if (map.has(match["name"]!)) throw new Error(`${dir}: case ${match["name"]} has two ${match["role"]} files`);
      map.set(match["name"]!, match["ext"]!);
      continue;
    }
    const extra = EXTRA.exec(file)?.groups;
    if (extra) {
      const set = extras.get(extra["name"]!) ?? new Set<string>();
      set.add(extra["role"]!);
      extras.set(extra["name"]!, set);
      continue;
    }
    throw new Error(`${dir}: unexpected file ${file} (expected <case>.input.<ext>, .output.<ext>, .args.json or .error.txt)`);
  }
  for (const [name, ext] of outputs) if (inputs.get(name) !== ext) throw new Error(`${dir}: ${name}.output.${ext} has no ${name}.input.${ext}`);
  for (const name of extras.keys()) if (!inputs.has(name)) throw new Error(`${dir}: ${name} has extra files but no input`);
  return [...inputs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, ext]) => {
      const read = (file: string) => readFileSync(join(dir, file), "utf8");
      const has = extras.get(name) ?? new Set<string>();
      const error = has.has("error.txt") ? read(`${name}.error.txt`).replace(/\r?\n$/, "") : undefined;
      if (error !== undefined && outputs.has(name)) throw new Error(`${dir}: ${name} has both an output and an error file`);
      return {
        name,
        ext,
        filepath: join(dir, `${name}.${ext}`),
        input: read(`${name}.input.${ext}`),
        output: outputs.has(name) ? read(`${name}.output.${ext}`) : undefined,
        args: has.has("args.json") ? (JSON.parse(read(`${name}.args.json`)) as Record<string, unknown>) : {},
        error,
      };
    });
}

/** Run one case and throw (with a diff) when it does not hold. */
export function checkCodemodFixture(fixture: CodemodFixture, options: Omit<CodemodTestOptions, "fixtures" | "describe" | "it">): void {
  const run = (source: string, printer: "auto" | "recast" = "auto"): CodemodOutcome => {
    const query = buildFixtureQuery(options.codemod, fixture.args, options.sortImports);
    const config = { ...defaultConfig(join(fixture.filepath, "..")), ...options.config };
    return query.applyToSource(source, fixture.filepath, config, { printer });
  };
  if (fixture.error !== undefined) return checkExpectedError(fixture, fixture.error, () => run(fixture.input));
  const first = run(fixture.input);
  const text = textOf(first, fixture.input, fixture);
  const expected = fixture.output ?? fixture.input;
  if (text !== expected) throw mismatch(fixture, expected, text, "output");
  if (fixture.output === undefined && first.status !== "unchanged") {
    throw failure(`${fixture.name}: no output file, so the input must be reported unchanged, but it was ${first.status}`);
  }
  const second = run(text);
  const again = textOf(second, text, fixture);
  if (again !== text) throw mismatch(fixture, text, again, "second run (must change nothing)");
  // Renames and argument lists are text edits (splice mode) unless recast must print: both printers must
  // give the same code (tokens); splicing keeps the list's own layout, where recast may reflow it.
  const viaRecast = textOf(run(fixture.input, "recast"), fixture.input, fixture);
  if (viaRecast !== expected && !sameTokens(viaRecast, expected, fixture.filepath)) throw mismatch(fixture, expected, viaRecast, "output through recast (splice mode off)");
}

/** A case with an error file: the run fails with the message, or building the query throws it (a refused argument). */
function checkExpectedError(fixture: CodemodFixture, expected: string, run: () => CodemodOutcome): void {
  let message: string;
  try {
    const first = run();
    if (first.status !== "failed") throw failure(`${fixture.name}: expected the codemod to fail with "${expected}", but it was ${first.status}`);
    message = first.diagnostic.message;
  } catch (error) {
    if (!(error instanceof Error) || failures.has(error)) throw error;
    message = error.message;
  }
  if (!message.includes(expected)) throw failure(`${fixture.name}: expected a failure mentioning "${expected}", got: ${message}`);
}

function sameTokens(a: string, b: string, filepath: string): boolean {
  try {
    // A trailing comma is layout too (recast drops the one of a list it reprints).
    const keys = (text: string) => tokenize(text, filepath).tokens.map((t) => t.key).join("\u0001").replace(/,\u0000\u0001(?=[)\]}])/g, "");
    return keys(a) === keys(b);
  } catch {
    return false;
  }
}

/** The text a run leaves: its output when changed, else the source it ran on. */
function textOf(outcome: CodemodOutcome, source: string, fixture: CodemodFixture): string {
  if (outcome.status === "failed") {
    const d = outcome.diagnostic;
    const where = d.line === undefined ? "" : `:${d.line}:${d.column ?? 0}`;
    throw failure(`${fixture.name}${where}: ${d.code}: ${d.message}${d.frame ? `\n${d.frame}` : ""}${d.stack ? `\n${d.stack}` : ""}`);
  }
  return outcome.status === "changed" ? outcome.output : source;
}

function mismatch(fixture: CodemodFixture, expected: string, actual: string, what: string): Error {
  const diff = unifiedDiff(`${fixture.name}.${fixture.ext}`, visible(expected), visible(actual));
  return failure(`${fixture.name}: ${what} differs from the expected text (- expected, + actual; ␍ is a CR):\n${diff}`);
}

function visible(text: string): string {
  return text.replaceAll("\uFEFF", "⟨BOM⟩").replaceAll("\r", "␍");
}

/** A query with the codemod applied, for one case's arguments. */
export function buildFixtureQuery(codemod: TestedCodemod, args: Readonly<Record<string, unknown>>, sortImports?: boolean | SortImports): Query {
  const q = new Query([], { sortImports });
  if (typeof codemod === "string") {
    const rule = findCodemod(codemod);
    if (!rule) throw failure(`unknown built-in codemod ${codemod}`);
    return rule.transform(q, withDefaults(rule, args));
  }
  if (typeof codemod === "function") return callCodemod(codemod, q, { _: [], ...args } as CodemodArgs);
  if ("transform" in codemod) return codemod.transform(q, withDefaults(codemod, args));
  return callCodemod(codemod.default, q, { _: [], ...args } as CodemodArgs);
}

function withDefaults(rule: CodemodRule, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const option of rule.options) {
    const value = args[option.name] ?? option.default;
    if (value === undefined && option.required) throw failure(`${rule.id}: the fixture's args.json lacks the required option "${option.name}"`);
    if (value !== undefined) options[option.name] = value;
  }
  const unknown = Object.keys(args).filter((k) => !rule.options.some((o) => o.name === k));
  if (unknown.length > 0) throw failure(`${rule.id}: unknown option(s) in args.json: ${unknown.join(", ")}`);
  const problem = rule.validate?.(options);
  if (problem) throw failure(`${rule.id}: ${problem}`);
  return options;
}
