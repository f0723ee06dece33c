/**
 * The fluent query, in the spirit of Python's Bowler:
 *
 *   await new Query(["src"])
 *     .selectImport("lodash", "debounce")   // a selector starts a transform
 *     .rename("throttle")                   // filters and modifiers apply to it
 *     .diff();                              // or write(), check(), interactive(), dump()
 *
 * Each selector starts a new transform; filters and modifiers that follow
 * apply to the latest one. Transforms run in order on each file, parsed once.
 * The output methods run the query over the files with the sorter's pipeline
 * and resolve to `{ filesChanged, filesUnchanged, filesFailed, matches }`
 * (plus the per-file reports). They print through `options.io` (default:
 * the process's streams) — the only printing the library does, because
 * printing the diff is what `diff()` is asked for.
 */
import { resolve } from "node:path";

import type { Node } from "@babel/types";

import { defaultConfig } from "../config/index.js";
import { runQuery } from "../pipeline/codemod/run.js";
import { TypeAwareQuery } from "../refactor/query.js";
import type { RenameSymbolStep, TypePredicate } from "../refactor/type-view.js";
import { type QueryIo, queryIoFrom, type QueryMode, type QueryResult, reportQuery } from "../report/query.js";
import type { ResolvedConfig } from "../types.js";

import { applyCodemod, type CodemodOutcome, type CodemodPlan, type SortImports, sortImportsMode } from "./core.js";
import type { Captures, FileStep, FilterFn, Match, ModifierFn, Selector, Transform } from "./model.js";
import { ensureImport, type ImportSpec, removeImport, type RemoveImportOptions } from "./modify/import-helpers.js";
import type { AddArgumentOptions, ModifyFn } from "./modify/modifiers.js";
import * as modifiers from "./modify/modifiers.js";
import { moveTo, unmovableCheck } from "./modify/move-import.js";
import { remove } from "./modify/remove.js";
import type { PatternCaptures, SelectPatternOptions } from "./select/pattern-types.js";
import { selectPattern } from "./select/pattern.js";
import { type DefinitionOptions, selectClass, selectFunction, selectMethod, selectVar } from "./select/select-bindings.js";
import { type CallOptions, select, selectCall, selectJsxAttribute, selectJsxElement } from "./select/select-code.js";
import { type ModuleMatcher, selectImport } from "./select/select-imports.js";
import type { CodemodSource } from "./source.js";
import { guard } from "./user-code.js";

export interface QueryOptions {
  /** Paths resolve against it; reports and `inFiles` globs are relative to it. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Worker threads for queries loaded from a module (`safesort run`); a query built in code runs in-process. */
  readonly jobs?: number;
  /** One config file for every file (the sorter's config: groups for imports the codemod changes). */
  readonly configFile?: string | false;
  /**
   * When the import sorter runs on a changed file. Default (`"if-sorted"`):
   * when the codemod changed its imports and they were sorted before, so a
   * sorted file stays sorted and a hand-ordered one keeps its order.
   * `true` / `"always"`: sort every changed file; `false` / `"never"`: never.
   */
  readonly sortImports?: boolean | SortImports;
  /** Where output goes and interactive answers come from. Default: the process's streams. */
  readonly io?: QueryIo;
  readonly signal?: AbortSignal;
  /** Verify meaning before writing (untouched tokens kept, names resolve as before; see verify-names.ts). Default true. */
  readonly verifyNames?: boolean;
}

export class Query<C extends Captures = Captures> {
  private readonly paths: readonly string[];
  private readonly transforms: Transform[] = [];
  private readonly options: QueryOptions;
  /** Set when the query was loaded from a module or a built-in: workers can load it again. */
  private source: CodemodSource | undefined;
  /** Set by `project()`: the type-aware operations (src/refactor/query.ts). */
  private types: TypeAwareQuery | undefined;

  constructor(paths: string | readonly string[] = ["."], options: QueryOptions = {}) {
    this.paths = typeof paths === "string" ? [paths] : [...paths];
    this.options = options;
  }

  // ── selectors: each starts a transform ─────────────────────────────────────

  /**
   * The module (`import`, re-export, `import()`, `require()`), or with `name`
   * its specifier and every use of its binding. `module`: a name, a RegExp
   * (`/^lodash(\/|$)/`) or a predicate on the module text.
   */
  selectImport(module: ModuleMatcher, name?: string): Query {
    return this.start(selectImport(module, name));
  }

  /**
   * Calls of `callee` (`"foo"`, `"console.log"`, `"a.b.c"`) whose root is the
   * global (`{ from: "m" }`: an import from "m", under any local name;
   * `{ bySpelling: true }`: whatever it means).
   */
  selectCall(callee: string, options: CallOptions = {}): Query {
    return this.start(selectCall(callee, options));
  }

  /**
   * The module-level function `name` (declared, or a function bound to it),
   * its imports from the package's own modules (`{ from }`: these modules),
   * and its call sites and references; `{ bySpelling: true }`: every `name`.
   */
  selectFunction(name: string, options: DefinitionOptions = {}): Query {
    return this.start(selectFunction(name, options));
  }

  /** The module-level class `name`, its `extends` and `new` sites and other references (options as selectFunction). */
  selectClass(name: string, options: DefinitionOptions = {}): Query {
    return this.start(selectClass(name, options));
  }

  /** Methods named `name` (class, object, interface) and calls `x.name()`. */
  selectMethod(name: string): Query {
    return this.start(selectMethod(name));
  }

  /** Every binding named `name` with its references, scope-aware (each shadowing binding is its own). */
  selectVar(name: string): Query {
    return this.start(selectVar(name));
  }

  /** JSX elements named `name` (`"Button"`, `"Foo.Bar"`, `"div"`). */
  selectJsxElement(name: string): Query {
    return this.start(selectJsxElement(name));
  }

  /** The `attr` attribute of `element` elements (`"*"`: any element). */
  selectJsxAttribute(element: string, attr: string): Query {
    return this.start(selectJsxAttribute(element, attr));
  }

  /**
   * Code with metavariables: `$X` one node, `$$$X` a list, `$_` any node
   * uncaptured; `where` constrains what each `$X` captures (`{ kind, regex,
   * pattern, inside, has, not, any }`). A wrong `where` throws here.
   */
  selectPattern<P extends string>(code: P, options: SelectPatternOptions<P> = {}): Query<PatternCaptures<P>> {
    return this.start(selectPattern(code, options as SelectPatternOptions)) as unknown as Query<PatternCaptures<P>>;
  }

  /** Every node of a Babel type, optionally narrowed. */
  select(nodeType: string, predicate?: (node: Node) => boolean): Query {
    return this.start(select(nodeType, predicate && guard(`select(${JSON.stringify(nodeType)}) predicate`, predicate)));
  }

  // ── filters ─────────────────────────────────────────────────────────────────

  /** Keep call sites (`foo()`, `new Foo()`). */
  isCall(): this {
    return this.addFilter((found) => found.role === "call");
  }

  /** Keep definitions (declarations of functions, classes, methods, variables). */
  isDef(): this {
    return this.addFilter((found) => found.role === "def");
  }

  /** Keep matches inside the class `name` (declared, or assigned as `const name = class {}`). */
  inClass(name: string): this {
    return this.addFilter((found) => {
      for (let p = found.path.parent; p; p = p.parent) {
        const node = p.node;
        if ((node.type === "ClassDeclaration" || node.type === "ClassExpression") && className(p) === name) return true;
      }
      return false;
    });
  }

  /** Keep files matching a glob (relative to the cwd; a glob without `/` matches the base name). Files that cannot match are not parsed. */
  inFiles(glob: string | readonly string[]): this {
    const globs = typeof glob === "string" ? [glob] : [...glob];
    this.current("inFiles").fileGlobs.push(globs);
    return this;
  }

  /** Keep the matches `fn` accepts. */
  filter(fn: (match: Match<C>) => boolean): this {
    const check = guard("filter()", fn as (match: Match) => boolean);
    return this.addFilter((found, ctx) => check(ctx.toMatch(found)));
  }

  // ── modifiers ───────────────────────────────────────────────────────────────

  /**
   * Rename, scope-aware: a module (`selectImport(module)`), an imported name
   * with its local uses (alias kept right), a binding with its references, a
   * call's callee, a method, a JSX element or attribute. A rename that would
   * change what a name refers to fails the file instead.
   */
  rename(newName: string): this {
    return this.addModifier(modifiers.rename(newName));
  }

  /** Move an imported name to another module (merged into an existing import of it, or a new one the sorter places). */
  moveTo(module: string): this {
    const imported = this.current("moveTo").selector.imported;
    if (imported) this.current("moveTo").unmatched.push(unmovableCheck(imported, module));
    return this.addModifier(moveTo(module));
  }

  /** Replace the match with a template; `$name` uses a capture (`$$$name` a list). */
  replace(template: string): this {
    return this.addModifier(modifiers.replace(template));
  }

  /** Remove the match (a statement, a specifier, an argument, an attribute, a property…). */
  remove(): this {
    return this.addModifier(remove());
  }

  /** Insert statements (or class members) before the statement (or member) holding the match. */
  insertBefore(code: string): this {
    return this.addModifier(modifiers.insert("before", code));
  }

  /** Insert statements (or class members) after the statement (or member) holding the match. */
  insertAfter(code: string): this {
    return this.addModifier(modifiers.insert("after", code));
  }

  /** Add an argument at call sites (and a parameter at definitions: `options.param`, default `code`). */
  addArgument(code: string, options: AddArgumentOptions = {}): this {
    return this.addModifier(modifiers.addArgument(code, options));
  }

  /** Remove an argument (and the parameter at definitions), by index or parameter name. */
  removeArgument(indexOrName: number | string): this {
    return this.addModifier(modifiers.removeArgument(indexOrName));
  }

  /** Replace an argument with a template (`$ARG` is the old one); at definitions, the parameter. */
  modifyArgument(indexOrName: number | string, code: string): this {
    return this.addModifier(modifiers.modifyArgument(indexOrName, code));
  }

  /** Change each match in code: mutate `match.node`, or return a node or a template to replace it. */
  modify(fn: ModifyFn<C>): this {
    return this.addModifier(modifiers.modify(guard("modify()", fn as ModifyFn)));
  }

  /**
   * In each file where the transform matched: make `as ?? name` (or the
   * default or namespace local name) the import of `from`, as a template
   * spells it — reused when the file has it, added to an import of the module
   * or as a new import placed next to its closest sibling. When the file
   * has the name already, the import and the identifiers the codemod wrote
   * take an alias (`_logger`).
   */
  ensureImport(spec: ImportSpec): this {
    return this.addStep((ctx) => void ensureImport(ctx, spec, { local: "exact" }));
  }

  /**
   * In each file where the transform matched, after its edits: remove the
   * import (the specifier; the import when it was the last) if its binding
   * is no longer used. A used one stays, or fails the file with `{ ifUsed: "fail" }`.
   */
  removeImport(spec: ImportSpec, options: RemoveImportOptions = {}): this {
    return this.addStep((ctx) => void removeImport(ctx, spec, options));
  }

  // ── type-aware (src/refactor/query.ts; ts-morph loads on first use) ────────

  /** Enable `whereType` and `renameSymbol` with this tsconfig (relative to the query's cwd). */
  project(tsconfigPath: string): this {
    const cwd = resolve(this.options.cwd ?? process.cwd());
    this.types = new TypeAwareQuery(resolve(cwd, tsconfigPath), cwd);
    return this;
  }

  /** Keep matches whose type the predicate accepts: `whereType((t) => t.receiver?.is("Observable") ?? false)`. Needs `project()`. */
  whereType(predicate: TypePredicate<C>): this {
    return this.addFilter(this.typeAware("whereType").filter(predicate as TypePredicate));
  }

  /**
   * Rename a symbol across the project with the language service, as
   * `safesort rename-symbol`: `renameSymbol("src/math.ts#sum", "add")`. Needs
   * `project()`; runs on its own (one per query, no selectors).
   */
  renameSymbol(target: string, newName: string, options: Omit<RenameSymbolStep, "target" | "newName"> = {}): this {
    this.typeAware("renameSymbol").addRename({ ...options, target, newName });
    return this;
  }

  private typeAware(what: string): TypeAwareQuery {
    if (!this.types) throw new Error(`${what}() needs project(tsconfigPath) before it`);
    return this.types;
  }

  // ── output ─────────────────────────────────────────────────────────────────

  /** Print unified diffs; write nothing. */
  diff(): Promise<QueryResult> {
    return this.run("diff");
  }

  /** Write the changes (atomically; a file changed since it was read is refused). */
  write(): Promise<QueryResult> {
    return this.run("write");
  }

  /** Print the files that would change; write nothing. */
  check(): Promise<QueryResult> {
    return this.run("check");
  }

  /** Ask per hunk: y, n, a, d, q, e, ? (default n). */
  interactive(): Promise<QueryResult> {
    return this.run("interactive");
  }

  /** Print each match with its captures, to help write selectors; write nothing. */
  dump(): Promise<QueryResult> {
    return this.run("dump");
  }

  /**
   * Apply the query to one source text (no IO): what the test harness and
   * editors use. `printer: "recast"` turns splice mode off (see core.ts).
   */
  applyToSource(source: string, filepath: string, config?: ResolvedConfig, options: { printer?: "auto" | "recast" } = {}): CodemodOutcome {
    const absolute = resolve(this.options.cwd ?? process.cwd(), filepath);
    const plan = { ...this.plan(false), printer: options.printer ?? "auto" };
    return applyCodemod(source, filepath, filepath.split("\\").join("/"), plan, config ?? defaultConfig(resolve(absolute, "..")));
  }

  /** The transforms as the engine runs them. */
  plan(dump = false): CodemodPlan {
    return { transforms: this.transforms, sortImports: sortImportsMode(this.options.sortImports), dump, verifyNames: this.options.verifyNames ?? true };
  }

  /** @internal Mark the query as loaded from `source`, so that workers can load it again. */
  withSource(source: CodemodSource): this {
    this.source = source;
    return this;
  }

  private async run(mode: QueryMode): Promise<QueryResult> {
    if (this.types?.hasRename) {
      if (this.transforms.length > 0) throw new Error("renameSymbol() runs on its own: run the other transforms in another query");
      return this.types.runRename(mode, this.options.io ?? processIo(), { configFile: this.options.configFile, sortImports: this.options.sortImports !== false && this.options.sortImports !== "never" });
    }
    if (this.transforms.length === 0) throw new Error("the query has no selector: start with selectImport(), selectCall(), … before diff()/write()");
    const io = this.options.io ?? processIo();
    const cwd = resolve(this.options.cwd ?? process.cwd());
    const reports = runQuery(this.plan(mode === "dump"), this.paths, {
      mode,
      cwd,
      jobs: this.source ? this.options.jobs : 1,
      configFile: this.options.configFile,
      signal: this.options.signal,
      source: this.source,
      review: mode === "interactive" ? io.review() : undefined,
    });
    return reportQuery(reports, mode, io);
  }

  private start(selector: Selector): Query {
    this.transforms.push({ selector, filters: [], fileGlobs: [], modifiers: [], after: [], unmatched: [] });
    return this as unknown as Query;
  }

  private current(what: string): Transform {
    const transform = this.transforms[this.transforms.length - 1];
    if (!transform) throw new Error(`${what}() needs a selector before it (selectImport(), selectCall(), …)`);
    return transform;
  }

  private addFilter(filter: FilterFn): this {
    this.current("a filter").filters.push(filter);
    return this;
  }

  private addModifier(modifier: ModifierFn): this {
    this.current("a modifier").modifiers.push(modifier);
    return this;
  }

  private addStep(step: FileStep): this {
    this.current("a modifier").after.push(step);
    return this;
  }
}

function className(path: { node: Node; parent: { node: Node } | null }): string | undefined {
  const node = path.node as Node & { id?: { name: string } | null };
  if (node.id) return node.id.name;
  const parent = path.parent?.node;
  if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  return undefined;
}

function processIo(): QueryIo {
  return queryIoFrom({ stdout: process.stdout, stderr: process.stderr, isTTY: process.stdout.isTTY === true, env: process.env });
}
