/**
 * The pure core of a codemod run on one file:
 *
 *   source ─text pre-filter─▶ parse once (recast) ─transforms─▶ print ─verify─▶ sort imports if they changed ─▶ outcome
 *
 * - **pre-filter**: a transform whose selector needs text the file does not
 *   contain (`selectImport("lodash")` in a file without "lodash") is skipped;
 *   a file no transform applies to is never parsed.
 * - **one parse** for all transforms: each runs on the tree the previous ones
 *   left, with scopes analysed again after a transform changed something.
 * - **print**: recast reprints only the nodes that changed.
 * - **verify**: the output parses and no comment outside an edited node is
 *   lost (verify.ts); untouched code keeps its tokens and every name keeps
 *   its meaning (verify-names.ts); otherwise the file fails and nothing is
 *   written.
 * - **sort** (minimal diffs): when the top-level imports (or re-exports)
 *   differ from the input's and the input's imports were sorted (the sorter
 *   leaves the input unchanged), the sorter runs on the output, so a sorted
 *   file stays sorted. A file in its own order keeps it: a changed import
 *   stays where it was and a new one sits where the modifier put it (next to
 *   an import of the same module, else at the end of the first import block).
 *   `sortImports: "always"` sorts every changed file; `"never"` none.
 *
 * Never throws. A selector, filter or modifier callback that throws fails
 * the file with its stack (`codemod-error`); a refused edit fails it with the
 * reason and the location of the node; anything else is an internal error.
 */
import type { Node } from "@babel/types";
import picomatch from "picomatch";

import { applyEdits } from "../edit/apply.js";
import { SafesortError } from "../errors.js";
import { importsSorted, processSource } from "../pipeline/process-source.js";
import type { Diagnostic, ResolvedConfig, SourceOutcome } from "../types.js";

import { formatDump } from "./dump.js";
import { CodemodError, FileContext, type Found, NeedsReprint, type Transform } from "./model.js";
import { type CodemodAst, parseForCodemod, parseForSplice, printAst } from "./parse.js";
import { dropStrayTokens } from "./print.js";
import { analyzeScopes } from "./scope/scope.js";
import { codemodStack } from "./self.js";
import { UserCodeError } from "./user-code.js";
import { checkNames } from "./verify/verify-names.js";
import { verifyCodemodOutput } from "./verify/verify.js";

/**
 * When the import sorter runs on a codemod's output:
 *   `if-sorted`  (default) the imports changed and the input's were sorted: a sorted file stays sorted;
 *   `always`     every changed file has its imports sorted (`--sort-imports`);
 *   `never`      the sorter never runs (`--no-sort-imports`).
 */
export type SortImports = "if-sorted" | "always" | "never";

/** The API's and CLI's spelling of the choice: `true` is `always`, `false` `never`, nothing `if-sorted`. */
export function sortImportsMode(value: boolean | SortImports | undefined): SortImports {
  return value === true ? "always" : value === false ? "never" : (value ?? "if-sorted");
}

export interface CodemodPlan {
  readonly transforms: readonly Transform[];
  /** When the import sorter runs on the output (see SortImports). */
  readonly sortImports: SortImports;
  /** Describe the matches instead of editing (`dump()`). */
  readonly dump: boolean;
  /** `recast`: never use splice mode (tests check that both modes agree). Default `auto`. */
  readonly printer?: "auto" | "recast";
  /** Check meaning before writing (verify-names.ts). Default true. */
  readonly verifyNames?: boolean;
}

/** A file's outcome plus what a query reports: its match count and, for `dump()`, the description. */
export type CodemodOutcome = SourceOutcome & { readonly matches: number; readonly dump?: string };

const SKIP_FILE = /safesort:\s*skip-file\b/;

/**
 * Apply a query's transforms to one source text.
 * `filepath` chooses the parser and names the file in diagnostics; `file` is
 * the path `inFiles` globs match (relative to the query's cwd, `/`-separated).
 *
 * Splice mode: when every modifier of the query only renames (or there are
 * none: `dump()`), the file is parsed by Babel alone and the renames are text
 * edits applied to the source, which costs a third of going through recast.
 * An edit that text cannot express (a default import becoming named, two
 * edits of one range) sends the file through recast instead, from the start.
 */
export function applyCodemod(source: string, filepath: string, file: string, plan: CodemodPlan, config: ResolvedConfig): CodemodOutcome {
  if (!couldMatch(plan, source, file)) return { status: "unchanged", matches: 0 };
  const transforms = plan.transforms.filter((t) => inFiles(t, file));
  const splices = plan.printer !== "recast" && transforms.every((t) => t.after.length === 0 && t.modifiers.every((m) => m.splices === true));
  if (splices) {
    const outcome = runTransforms(source, filepath, file, transforms, plan, config, "splice");
    if (outcome !== REPRINT) return outcome;
  }
  return runTransforms(source, filepath, file, transforms, plan, config, "recast") as CodemodOutcome;
}

const REPRINT = Symbol("reprint");

function runTransforms(
  source: string,
  filepath: string,
  file: string,
  transforms: readonly Transform[],
  plan: CodemodPlan,
  config: ResolvedConfig,
  mode: CodemodAst["mode"],
): CodemodOutcome | typeof REPRINT {
  let matches = 0;
  let ast: CodemodAst | undefined;
  try {
    ast = mode === "splice" ? parseForSplice(source, filepath) : parseForCodemod(source, filepath);
    if (SKIP_FILE.test(source) && ast.comments.some((c) => SKIP_FILE.test(c.value))) {
      return { status: "skipped", reason: "safesort: skip-file", matches: 0 };
    }
    const importsBefore = importsOf(ast.file.program.body, (n) => ast!.index.textOf(n));
    const ctx = new FileContext(ast, file, (a) => analyzeScopes(a.file));
    const dumped: string[] = [];
    for (const transform of transforms) {
      // A transform whose text is not in the file can still match what an earlier one wrote.
      if (!ctx.changed && !mayMatch(transform, source)) continue;
      const found = findMatches(transform, ctx);
      matches += found.length;
      if (plan.dump) {
        if (found.length > 0) dumped.push(formatDump(transform.selector.description, found, ctx));
        continue;
      }
      applyModifiers(transform, found, ctx);
      if (found.length === 0) for (const check of transform.unmatched) if (check.may(source)) check.step(ctx);
    }
    if (plan.dump) return { status: "unchanged", matches, dump: dumped.join("") || undefined };
    if (!ctx.changed) return { status: "unchanged", matches };
    const printed = mode === "splice" ? spliced(source, ctx) : dropStrayTokens(source, printAst(ast), filepath, ctx.edited, ctx.inserted);
    if (printed === REPRINT) return REPRINT;
    return finish(source, printed, filepath, ctx, importsBefore, plan, config, matches);
  } catch (error) {
    if (error instanceof NeedsReprint) return REPRINT;
    return { status: "failed", diagnostic: toDiagnostic(error, filepath, ast), matches };
  }
}

/** The source with the splice edits applied; overlapping edits need recast. */
function spliced(source: string, ctx: FileContext): string | typeof REPRINT {
  const edits = [...ctx.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.start < edits[i - 1]!.end) return REPRINT;
  return applyEdits(source, edits);
}

/** The pre-filter for a whole file: could any transform match it? When not, the file is not parsed. */
export function couldMatch(plan: CodemodPlan, source: string, file: string): boolean {
  return plan.transforms.some((t) => inFiles(t, file) && mayMatch(t, source));
}

/** Each `inFiles` call narrows the transform to files matching one of its globs. */
function inFiles(transform: Transform, file: string): boolean {
  return transform.fileGlobs.every((globs) => picomatch.isMatch(file, [...globs], { dot: true, basename: !globs.some((g) => g.includes("/")) }));
}

/**
 * The text pre-filter. Identifiers and strings can spell a character with
 * an escape (`\u0061`), which a text search would miss: a file with `\u` or
 * `\x` in it is parsed whatever the needles say.
 */
function mayMatch(transform: Transform, source: string): boolean {
  const needles = transform.selector.needles;
  if (needles.every((needle) => source.includes(needle)) || transform.unmatched.some((check) => check.may(source))) return true;
  return /\\[ux]/.test(source);
}

function findMatches(transform: Transform, ctx: FileContext): Found[] {
  const found = transform.selector.find(ctx);
  return found.filter((f) => transform.filters.every((filter) => filter(f, ctx)));
}

/** Match after match, each modifier in order (Bowler's model); then scopes are stale; then the per-file steps, when something matched. */
function applyModifiers(transform: Transform, found: readonly Found[], ctx: FileContext): void {
  for (const f of found) for (const modifier of transform.modifiers) modifier(f, ctx);
  ctx.invalidate();
  if (found.length === 0) return;
  for (const step of transform.after) {
    step(ctx);
    ctx.invalidate();
  }
}

function finish(
  source: string,
  printed: string,
  filepath: string,
  ctx: FileContext,
  importsBefore: string,
  plan: CodemodPlan,
  config: ResolvedConfig,
  matches: number,
): CodemodOutcome {
  if (printed === source) return { status: "unchanged", matches };
  const verified = verifyCodemodOutput({ comments: ctx.ast.comments, index: ctx.ast.index, edited: ctx.edited }, printed, filepath);
  if (!verified.ok) return refused(verified.problem, filepath, matches);
  if (plan.verifyNames !== false) {
    const meaning = checkNames({ source, output: printed, filepath, edited: ctx.edited, inserted: ctx.inserted, intents: ctx.intents, copies: ctx.copies, parsedOutput: verified.parsed.file });
    if (!meaning.ok) return { status: "failed", diagnostic: { code: "codemod-error", message: meaning.message, path: filepath, line: meaning.line, column: meaning.column }, matches };
  }
  let output = printed;
  if (shouldSort(plan.sortImports, source, filepath, config, () => importsBefore !== importsOf(verified.parsed.statements, (n) => printed.slice(n.start!, n.end!)))) {
    // The verifier's whole-file parse of the output serves the sorter's plan (its own verifier parses again).
    const sorted = processSource(printed, filepath, config, { parsed: verified.parsed });
    if (sorted.status === "failed") return { status: "failed", diagnostic: { ...sorted.diagnostic, message: `sorting the imports after the codemod: ${sorted.diagnostic.message}` }, matches };
    if (sorted.status === "changed") output = sorted.output;
  }
  return output === source ? { status: "unchanged", matches } : { status: "changed", output, matches };
}

/** Whether the sorter runs on the output: see SortImports. "Sorted" is the sorter's own verdict on the input. */
function shouldSort(mode: SortImports, source: string, filepath: string, config: ResolvedConfig, importsChanged: () => boolean): boolean {
  if (mode === "never") return false;
  if (mode === "always") return true;
  return importsChanged() && importsSorted(source, filepath, config);
}

/** The top-level imports and re-exports, as text: when they differ, the sorter runs. */
function importsOf(statements: readonly Node[], text: (node: Node) => string | undefined): string {
  return statements
    .filter((s) => s.type === "ImportDeclaration" || s.type === "ExportAllDeclaration" || (s.type === "ExportNamedDeclaration" && s.source) || s.type === "TSImportEqualsDeclaration")
    .map((s) => text(s) ?? "\u0000new")
    .join("\u0000");
}

function refused(problem: string, filepath: string, matches: number): CodemodOutcome {
  return { status: "failed", diagnostic: { code: "internal-error", message: `internal error, refusing to write (${problem})`, path: filepath }, matches };
}

function toDiagnostic(error: unknown, filepath: string, ast: CodemodAst | undefined): Diagnostic {
  if (error instanceof SafesortError) return error.toDiagnostic();
  if (error instanceof UserCodeError) {
    const cause = error.cause instanceof Error ? error.cause : new Error(String(error.cause));
    return { code: "codemod-error", message: `${error.where} threw: ${cause.message}`, path: filepath, stack: codemodStack(cause.stack) };
  }
  if (error instanceof CodemodError) {
    const position = error.node && ast ? ast.index.position(error.node) : undefined;
    return { code: "codemod-error", message: error.message, path: filepath, ...position };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { code: "internal-error", message: `internal error, refusing to write (${e.message})`, path: filepath, stack: e.stack };
}
