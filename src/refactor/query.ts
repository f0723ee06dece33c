/**
 * The type-aware half of the Query API (src/codemod/query.ts delegates here):
 *
 *   await new Query(["src"], { cwd })
 *     .project("tsconfig.json")                       // enables the two below
 *     .selectMethod("subscribe").isCall()
 *     .whereType((t) => t.receiver?.is("Observable") ?? false)   // calls on an Observable only
 *     .rename("observe")
 *     .diff();
 *
 *   await new Query([], { cwd }).project("tsconfig.json").renameSymbol("src/math.ts#sum", "add").write();
 *
 * `whereType` is a filter: each match's node is found in the TypeScript
 * program by its offsets (the codemod and TypeScript read the same text), and
 * the predicate sees its type and, for `a.b` / `a.b()`, the type of `a`.
 * The project loads on the first match that needs it (in each worker, when
 * the query runs on workers). A node a modifier created has no type: such a
 * match is dropped.
 *
 * `renameSymbol` is a whole-project step (the language service, as
 * `safesort rename-symbol`), so it runs on its own: one per query, without
 * selectors. Its per-file results go through the codemods' reporter.
 */
import { resolve } from "node:path";

import type { ts as TsNamespace } from "ts-morph";

import type { FileContext, Found } from "../codemod/model.js";
import { reviewFile } from "../pipeline/review.js";
import { displayPath } from "../report/paths.js";
import { type CodemodReport, type QueryIo, type QueryMode, type QueryResult, reportQuery } from "../report/query.js";
import type { Diagnostic } from "../types.js";

import { commitPlan } from "./commit.js";
import { changeDiff } from "./diff.js";
import { analysis, type LoadedProject, loadProjectSync } from "./project.js";
import type { RenameSymbolStep, TypedMatch, TypePredicate, TypeView } from "./type-view.js";
import type { FileChange, RefactorPlan } from "./types.js";

export class TypeAwareQuery {
  private loaded: LoadedProject | undefined;
  private rename: RenameSymbolStep | undefined;

  constructor(
    /** Absolute path of the tsconfig. */
    readonly tsconfigPath: string,
    /** The query's cwd: match files are relative to it. */
    private readonly cwd: string,
  ) {}

  /** The filter behind `whereType`. */
  filter(predicate: TypePredicate): (found: Found, ctx: FileContext) => boolean {
    return (found, ctx) => {
      const range = ctx.ast.index.rangeOf(found.path.node);
      if (!range) return false;
      const typed = this.typeAt(resolve(this.cwd, ctx.file), range.start, range.end);
      return typed !== undefined && predicate(typed, ctx.toMatch(found));
    };
  }

  /** The type of the node spanning exactly `start`–`end` in `file`, and of its receiver. */
  typeAt(file: string, start: number, end: number): TypedMatch | undefined {
    this.loaded ??= loadProjectSync(this.tsconfigPath);
    const { ts } = this.loaded;
    const { program, checker } = analysis(this.loaded);
    const sourceFile = program.getSourceFile(file);
    const node = sourceFile && nodeSpanning(ts, sourceFile, start, end);
    if (node === undefined) return undefined;
    const view = (expression: TsNamespace.Node): TypeView => typeView(ts, checker, checker.getTypeAtLocation(expression));
    const receiver = receiverOf(ts, node);
    return { type: ts.isExpression(node) ? view(node) : undefined, receiver: receiver && view(receiver) };
  }

  /** Record the query's `renameSymbol` step (one per query). */
  addRename(step: RenameSymbolStep): void {
    if (this.rename) throw new Error("one renameSymbol() per query: run another query for the next rename");
    this.rename = step;
  }

  get hasRename(): boolean {
    return this.rename !== undefined;
  }

  /** Run the `renameSymbol` step in `mode`, reporting through the codemods' reporter. */
  async runRename(mode: QueryMode, io: QueryIo, options: { configFile?: string | false; sortImports?: boolean }): Promise<QueryResult> {
    const step = this.rename;
    if (step === undefined) throw new Error("the query has no renameSymbol() step");
    const { planRenameSymbol } = await import("./rename-symbol.js");
    const result = await planRenameSymbol({ ...step, cwd: this.cwd, project: this.tsconfigPath, ...options });
    return reportQuery(this.reports(result.ok ? result.plan : undefined, result.ok ? [] : result.diagnostics, mode, io), mode, io);
  }

  /** One report per changed file (`matches` counts files: the service reports sites, the reporter files). */
  private async *reports(plan: RefactorPlan | undefined, failures: readonly Diagnostic[], mode: QueryMode, io: QueryIo): AsyncGenerator<CodemodReport> {
    if (plan === undefined) {
      for (const diagnostic of failures) yield { path: diagnostic.path, status: "failed", diagnostics: [diagnostic], matches: 0 };
      return;
    }
    let changes: readonly FileChange[] = plan.changes;
    if (mode === "interactive") changes = await this.review(changes, io);
    if (mode === "write" || mode === "interactive") {
      const committed = await commitPlan({ changes, moves: [] }, this.cwd);
      if (!committed.ok) {
        for (const diagnostic of committed.failures) yield { path: diagnostic.path, status: "failed", diagnostics: [diagnostic], matches: 0 };
        return;
      }
    }
    for (const change of changes) {
      const path = displayPath(this.cwd, change.path);
      yield { path, status: "changed", matches: 1, ...(mode === "diff" ? { diff: changeDiff(change, this.cwd) } : {}) };
    }
  }

  private async review(changes: readonly FileChange[], io: QueryIo): Promise<FileChange[]> {
    const accepted: FileChange[] = [];
    for (const change of changes) {
      const { text, quit } = await reviewFile(displayPath(this.cwd, change.path), change.original, change.output, io.review());
      if (text !== undefined && text !== change.original) accepted.push({ ...change, output: text });
      if (quit) break;
    }
    return accepted;
  }
}

/** The deepest node whose text spans exactly `start`–`end` (leading trivia excluded). */
function nodeSpanning(ts: typeof TsNamespace, sourceFile: TsNamespace.SourceFile, start: number, end: number): TsNamespace.Node | undefined {
  let found: TsNamespace.Node | undefined;
  const visit = (node: TsNamespace.Node): void => {
    const nodeStart = node.getStart(sourceFile);
    if (nodeStart > start || node.end < end) return;
    if (nodeStart === start && node.end === end) found = node;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

/** `a` in `a.b`, `a.b()`, `a?.b()`, `a[b]()`, and in the `b` of `a.b`. */
function receiverOf(ts: typeof TsNamespace, node: TsNamespace.Node): TsNamespace.Node | undefined {
  let target = node;
  if (ts.isIdentifier(target) && ts.isPropertyAccessExpression(target.parent) && target.parent.name === target) target = target.parent;
  if (ts.isCallExpression(target) || ts.isNewExpression(target)) target = target.expression;
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) return target.expression;
  return undefined;
}

function typeView(ts: typeof TsNamespace, checker: TsNamespace.TypeChecker, type: TsNamespace.Type): TypeView {
  return {
    text: checker.typeToString(type),
    is: (name) => namesOf(ts, checker, type, new Set()).has(name),
    type,
    checker,
  };
}

/** The names a type answers to: its symbol, alias, union members, base types. */
function namesOf(ts: typeof TsNamespace, checker: TsNamespace.TypeChecker, type: TsNamespace.Type, seen: Set<TsNamespace.Type>): Set<string> {
  const names = new Set<string>();
  if (seen.has(type)) return names;
  seen.add(type);
  const add = (other: TsNamespace.Type) => namesOf(ts, checker, other, seen).forEach((n) => names.add(n));
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (symbol) names.add(symbol.getName());
  if (type.getSymbol()) names.add(type.getSymbol()!.getName());
  if (type.isUnion() || type.isIntersection()) type.types.forEach(add);
  const target = (type as TsNamespace.TypeReference).target;
  if (target && target !== type) add(target);
  if (type.isClassOrInterface()) checker.getBaseTypes(type).forEach(add);
  return names;
}
