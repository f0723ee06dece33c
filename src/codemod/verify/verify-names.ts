/**
 * The codemod verifier for meaning: before a file is written, the input and
 * the output are parsed again, their scopes analysed, and their tokens
 * aligned (tokens.ts), from the two texts alone. Nothing the modifiers
 * concluded is reused; what the codemod *asked for* comes in as its edited
 * ranges and its import intents, and the facts are checked against it.
 *
 * The guarantees, as checked here:
 *   1. untouched code keeps its tokens: every hunk of the alignment lies in
 *      a range the codemod edited or inserted into (separators `,` `;` next
 *      to an edit go with it; inside a node it inserted into, tokens may
 *      realign). Parentheses a printer added around untouched
 *      code, or a statement it split, fail the file.
 *   2. a kept reference keeps its meaning: an identifier present in both
 *      resolves to the same declaration (matched through the alignment) or
 *      to the same global. A reference left behind by a removed declaration
 *      (`function f(a, repeat) { if (repeat) … }` without `repeat`) fails.
 *   3. an introduced reference means what the codemod meant: a global, a
 *      declaration the codemod wrote or changed, a binding some removed
 *      reference meant (a captured node moved), a binding a reference of
 *      the same name inside a node the codemod copied meant (a capture used
 *      again: `setup(options)` → `check(options)` after it), once per
 *      copy, or an import the codemod said it uses (`ensureImport`) —
 *      never another existing local that shares its name (`logger.warn()`
 *      next to `const logger = 5`).
 *   4. no import names a specifier the codemod did not ask for: each
 *      (module, name) an output import has and the input had not is covered
 *      by an intent (the module `selectImport` named, the target of
 *      `moveTo`, the module an `ensureImport` added).
 */
import type { File } from "@babel/types";

import type { Range } from "../positions.js";
import { analyzeScopes, type Binding, type ScopeInfo } from "../scope/scope.js";

import { type ImportIntent, intendedImport, inventedImport } from "./import-intents.js";
import { statementJoined } from "./statements.js";
import { type Alignment, alignTokens, type Hunk, type Token, tokenize, type Tokenized, tokensOf } from "./tokens.js";

export interface NameCheckInput {
  readonly source: string;
  readonly output: string;
  readonly filepath: string;
  /** Input ranges whose tokens the codemod replaced or removed. */
  readonly edited: readonly Range[];
  /** Input ranges the codemod inserted into (an argument list, next to a statement, an import block). */
  readonly inserted: readonly Range[];
  readonly intents: readonly ImportIntent[];
  /** Input ranges of nodes the codemod's templates used as captures (their references may appear again). */
  readonly copies?: readonly Range[];
  /** The output as the output verifier parsed it (verify.ts, with its tokens), not to parse it twice. */
  readonly parsedOutput?: File;
}

export type NameCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly message: string;
      readonly line: number;
      readonly column: number;
      /** Where the problem is and, for a reference, where what it meant before is declared: offsets in the input. */
      readonly offset: number;
      readonly declaration?: number;
    };

/** Check the four guarantees; the first broken one is the answer. Throws ParseError when the output does not parse. */
export function checkNames(input: NameCheckInput): NameCheck {
  const before = tokenize(input.source, input.filepath);
  const after = input.parsedOutput ? tokensOf(input.parsedOutput) : tokenize(input.output, input.filepath);
  const alignment = alignTokens(before.tokens, after.tokens);
  const at = (offset: number): { line: number; column: number } => lineColumn(input.source, offset);
  const outside = tokensOutsideEdits(before, after, alignment, input) ?? statementJoined(input.source, before, after, alignment);
  if (outside) return { ok: false, ...at(outside.offset), offset: outside.offset, message: outside.message };
  const invented = inventedImport(before.file, after.file, input.intents);
  if (invented) {
    const offset = inputOffsetOf(invented.node.start ?? 0, after, before, alignment);
    return { ok: false, ...at(offset), offset, message: invented.message };
  }
  // Only literals changed (a module string, a number): no scope and no reference can have changed.
  if (alignment.hunks.every((h) => onlyLiterals(before, h.inStart, h.inEnd) && onlyLiterals(after, h.outStart, h.outEnd))) return { ok: true };
  const scopesBefore = analyzeScopes(before.file);
  const scopesAfter = analyzeScopes(after.file);
  const sides = { before: side(before, scopesBefore, input.source), after: side(after, scopesAfter, input.output) };
  const merged = mergedDeclaration(sides.before, sides.after, alignment);
  if (merged) return { ok: false, ...at(merged.offset), ...merged };
  const meaning = referencesChanged(sides.before, sides.after, alignment, input.intents, input.copies ?? []);
  if (meaning) return { ok: false, ...at(meaning.offset), ...meaning };
  const shadowed = input.copies?.length ? copiedReferenceLost(sides.before, sides.after, alignment, input.copies, input.edited) : undefined;
  if (shadowed) return { ok: false, ...at(shadowed.offset), ...shadowed };
  return { ok: true };
}

const LITERALS = /^(?:string|num|bigint|decimal|regexp|template)\u0000/;

function onlyLiterals(side: Tokenized, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!LITERALS.test(side.tokens[k]!.key)) return false;
  return true;
}

interface Problem {
  /** Where, in the input. */
  readonly offset: number;
  readonly message: string;
  /** For a reference: where the binding it meant in the input is declared (an input offset). */
  readonly declaration?: number;
}

const SEPARATORS = new Set([",\u0000", ";\u0000", ",\u0000,", ";\u0000;"]);

/** Guarantee 1: every hunk lies in what the codemod edited or inserted into. */
function tokensOutsideEdits(before: Tokenized, after: Tokenized, alignment: Alignment, input: NameCheckInput): Problem | undefined {
  // A token removed inside a node the codemod inserted into may be an artefact of the alignment (`f(1, 2)` → `f(0, 1)`): allowed.
  const inEdit = (start: number, end: number) => [...input.edited, ...input.inserted].some((r) => r.start <= start && end <= r.end);
  const touches = (start: number, end: number) => [...input.edited, ...input.inserted].some((r) => r.start <= end && start <= r.end);
  const problemOf = (hunk: Hunk): Problem | undefined => {
    const removed = before.tokens.slice(hunk.inStart, hunk.inEnd);
    const gapStart = hunk.inStart > 0 ? before.tokens[hunk.inStart - 1]!.end : 0;
    const gapEnd = hunk.inEnd < before.tokens.length ? before.tokens[hunk.inEnd]!.start : input.source.length;
    const stray = removed.find((t) => !SEPARATORS.has(t.key) && !inEdit(t.start, t.end));
    if (stray) return { offset: stray.start, message: `codemod changed code it did not edit: \`${input.source.slice(stray.start, stray.end)}\` removed or rewritten` };
    if (!touches(gapStart, gapEnd)) {
      const added = after.tokens.slice(hunk.outStart, hunk.outEnd).map((t) => input.output.slice(t.start, t.end)).join(" ");
      return { offset: removed[0]?.start ?? gapEnd, message: `codemod changed code it did not edit: \`${excerpt(added)}\` added` };
    }
    return undefined;
  };
  for (const hunk of alignment.hunks) {
    const problem = problemOf(hunk);
    if (problem && slides(hunk, before.tokens, after.tokens).every((slid) => problemOf(slid) !== undefined)) return problem;
  }
  return undefined;
}

/**
 * The same pure insertion or deletion, slid along equal tokens: removing the
 * first of `import a; import b;` aligns as `a; import` removed after the
 * first `import` just as well as `import a;`. The alignment picks one; any
 * of them inside the edits will do.
 */
function slides(hunk: Hunk, input: readonly Token[], output: readonly Token[]): Hunk[] {
  const found: Hunk[] = [];
  const deletion = hunk.outStart === hunk.outEnd;
  if (!deletion && hunk.inStart !== hunk.inEnd) return found;
  const side = deletion ? input : output;
  const [start, end] = deletion ? [hunk.inStart, hunk.inEnd] : [hunk.outStart, hunk.outEnd];
  const other = deletion ? hunk.outStart : hunk.inStart;
  const make = (d: number): Hunk =>
    deletion ? { inStart: start + d, inEnd: end + d, outStart: other + d, outEnd: other + d } : { inStart: other + d, inEnd: other + d, outStart: start + d, outEnd: end + d };
  for (let d = -1; d >= -MAX_SLIDE && start + d >= 0 && side[start + d]!.key === side[end + d]!.key; d--) found.push(make(d));
  for (let d = 1; d <= MAX_SLIDE && end + d - 1 < side.length && side[start + d - 1]!.key === side[end + d - 1]!.key; d++) found.push(make(d));
  return found;
}

const MAX_SLIDE = 64;

interface Side {
  readonly tokenized: Tokenized;
  readonly scopes: ScopeInfo;
  readonly text: string;
  /** Reference identifiers by token index. */
  readonly refs: Map<number, { name: string; binding: Binding | undefined }>;
}

function side(tokenized: Tokenized, scopes: ScopeInfo, text: string): Side {
  const refs = new Map<number, { name: string; binding: Binding | undefined }>();
  for (const ref of scopes.references) {
    const index = tokenized.atOffset.get(ref.path.node.start ?? -1);
    if (index !== undefined) refs.set(index, { name: (ref.path.node as { name: string }).name, binding: ref.binding });
  }
  return { tokenized, scopes, text, refs };
}

/**
 * What a reference means, as a key comparable across the two versions: the
 * same global, or the binding of that name in the same scope. A binding is
 * one per name (and space) in its scope, so it is named by its scope: the
 * program, or a scope whose first token is kept (named by its output token
 * on both sides), or one inside hunk N (a scope the codemod rewrote or
 * wrote). A declaration that moves inside its scope (an imported name
 * moved to another import) keeps its meaning; one that disappears, or a
 * name now found in another scope, does not.
 */
function meaningKey(s: Side, binding: Binding | undefined, name: string, which: "before" | "after", alignment: Alignment): string {
  if (!binding) return `global ${name}`;
  const space = [...binding.spaces].sort().join("+");
  const scope = binding.scope;
  if (scope.kind === "program") return `program ${name} ${space}`;
  const token = s.tokenized.atOffset.get(scope.node.start ?? -1);
  if (token === undefined) return `unknown ${name}`;
  const kept = which === "before" ? alignment.toOutput[token]! : alignment.toInput[token]! >= 0 ? token : -1;
  if (kept >= 0) return `${scope.kind}@${kept} ${name} ${space}`;
  const hunk = which === "before" ? alignment.hunkOfInput[token]! : alignment.hunkOfOutput[token]!;
  return `hunk ${hunk} ${scope.kind} ${name} ${space}`;
}

/** Is the binding declared inside a hunk (by the codemod), not in a scope that was there before? */
function declaredByCodemod(s: Side, binding: Binding, alignment: Alignment): boolean {
  const token = s.tokenized.atOffset.get(binding.declarations[0]?.node.start ?? -1);
  return token !== undefined && alignment.hunkOfOutput[token]! >= 0;
}

function describe(s: Side, binding: Binding | undefined, name: string): string {
  if (!binding) return `the global ${name}`;
  const node = binding.declarations[0]?.node;
  const loc = node?.loc?.start;
  return `the ${binding.kind} ${name}${loc ? ` at ${loc.line}:${loc.column + 1}` : ""}`;
}

/** Guarantees 2 and 3. */
function referencesChanged(before: Side, after: Side, alignment: Alignment, intents: readonly ImportIntent[], copies: readonly Range[]): Problem | undefined {
  // What introduced references may mean, by count: a reference inside nodes the codemod's templates used
  // (captures), once per use; else a reference the codemod removed (or turned into something else), once.
  const released = new Map<string, number>();
  for (const [index, ref] of before.refs) {
    const { start, end } = before.tokenized.tokens[index]!;
    const uses = copies.filter((copy) => copy.start <= start && end <= copy.end).length;
    const kept = alignment.toOutput[index]!;
    const removed = !(kept >= 0 && after.refs.has(kept));
    const allowance = uses > 0 ? uses : removed ? 1 : 0;
    if (allowance === 0) continue;
    const key = meaningKey(before, ref.binding, ref.name, "before", alignment);
    released.set(key, (released.get(key) ?? 0) + allowance);
  }
  for (const [index, ref] of before.refs) {
    const kept = alignment.toOutput[index]!;
    const now = kept >= 0 ? after.refs.get(kept) : undefined;
    if (!now) continue;
    const was = meaningKey(before, ref.binding, ref.name, "before", alignment);
    const is = meaningKey(after, now.binding, now.name, "after", alignment);
    if (was === is) continue;
    const start = before.tokenized.tokens[index]!.start;
    const message = changedMessage(ref.name, describe(before, ref.binding, ref.name), now.binding ? describe(after, now.binding, now.name) : `unresolved (a global)`);
    return { offset: start, message, declaration: ref.binding?.declarations[0]?.node.start ?? undefined };
  }
  for (const [index, ref] of after.refs) {
    const from = alignment.toInput[index]!;
    if (from >= 0 && before.refs.has(from)) continue;
    if (!ref.binding) continue; // a global: what a template's free name means
    const key = meaningKey(after, ref.binding, ref.name, "after", alignment);
    const left = released.get(key) ?? 0;
    if (left > 0) {
      released.set(key, left - 1);
      continue;
    }
    if (intendedImport(ref.binding, intents)) continue;
    // Declared by the codemod itself (a renamed binding, a template's own parameter), and not an old binding it happens to share a name with.
    if (declaredByCodemod(after, ref.binding, alignment) && !existedBefore(before, ref.binding, key, alignment)) continue;
    const offset = inputOffsetOf(after.tokenized.tokens[index]!.start, after.tokenized, before.tokenized, alignment);
    const declared = ref.binding.declarations[0]?.node.start;
    const declaration = declared == null ? undefined : inputOffsetOf(declared, after.tokenized, before.tokenized, alignment);
    return { offset, message: changedMessage(ref.name, `the global ${ref.name}, as the codemod wrote it`, describe(after, ref.binding, ref.name)), declaration };
  }
  return undefined;
}

/**
 * Guarantee 3 for captures a template used: each use brings the captured
 * references along, meaning what they meant. Counted per meaning: a
 * reference in a capture stands in the output once per use, plus once where
 * it stays (its node was not edited: `insertAfter` copying the anchor's
 * arguments); fewer references with that meaning, while the meaning is still
 * there, means a copy now refers to something else — a binding the template
 * declared around it, which `declaredByCodemod` would accept as the
 * template's own:
 *
 *   function main(value) { run(value) }
 *   replace("run($X, (value) => $X)")  →  run(value, (value) => value)   the copy means the arrow's parameter
 */
function copiedReferenceLost(before: Side, after: Side, alignment: Alignment, copies: readonly Range[], edited: readonly Range[]): Problem | undefined {
  const required = new Map<string, number>();
  const first = new Map<string, { index: number; name: string; binding: Binding | undefined }>();
  const inside = (ranges: readonly Range[], start: number, end: number) => ranges.filter((r) => r.start <= start && end <= r.end).length;
  const keysBefore = new Map<number, string>();
  for (const [index, ref] of before.refs) keysBefore.set(index, meaningKey(before, ref.binding, ref.name, "before", alignment));
  for (const [index, ref] of before.refs) {
    const { start, end } = before.tokenized.tokens[index]!;
    if (inside(copies, start, end) > 0 && !first.has(keysBefore.get(index)!)) first.set(keysBefore.get(index)!, { index, ...ref });
  }
  if (first.size === 0) return undefined;
  for (const [index] of before.refs) {
    const key = keysBefore.get(index)!;
    if (!first.has(key)) continue;
    const { start, end } = before.tokenized.tokens[index]!;
    const stays = inside(edited, start, end) === 0 ? 1 : 0;
    // A copy whose part around the reference was edited too (a nested match replaced: `wrap(wrap(1))`) need not bring it.
    const uses = copies.filter((c) => c.start <= start && end <= c.end && !edited.some((e) => c.start <= e.start && e.end <= c.end && e.start <= start && end <= e.end)).length;
    required.set(key, (required.get(key) ?? 0) + stays + uses);
  }
  const found = new Map<string, number>();
  for (const [, ref] of after.refs) {
    const key = meaningKey(after, ref.binding, ref.name, "after", alignment);
    if (required.has(key)) found.set(key, (found.get(key) ?? 0) + 1);
  }
  // A meaning the output no longer has (a binding the codemod renamed) is guarantee 2's business.
  const present = new Set(after.scopes.bindings.map((b) => meaningKey(after, b, b.name, "after", alignment)));
  for (const [key, count] of required) {
    if ((found.get(key) ?? 0) >= count || !(key.startsWith("global ") || present.has(key))) continue;
    const ref = first.get(key)!;
    const now = [...after.refs.entries()].find(([i, r]) => r.name === ref.name && alignment.toInput[i]! < 0 && meaningKey(after, r.binding, r.name, "after", alignment) !== key);
    const is = now ? describe(after, now[1].binding, ref.name) : "not there";
    return { offset: before.tokenized.tokens[ref.index]!.start, message: changedMessage(ref.name, describe(before, ref.binding, ref.name), is), declaration: ref.binding?.declarations[0]?.node.start ?? undefined };
  }
  return undefined;
}

/**
 * A declaration the codemod wrote or renamed that joins an existing binding
 * (`function m(b) { function c() {} }` with `c` renamed to `b`: one binding,
 * and the function now overwrites the parameter): every reference to the old
 * binding changed meaning, though its name and scope did not.
 */
function mergedDeclaration(before: Side, after: Side, alignment: Alignment): Problem | undefined {
  const inputBinding = new Map<number, Binding>();
  for (const binding of before.scopes.bindings) for (const d of binding.declarations) inputBinding.set(d.node.start ?? -1, binding);
  for (const binding of after.scopes.bindings) {
    if (binding.declarations.length < 2) continue;
    const tokens = binding.declarations.map((d) => after.tokenized.atOffset.get(d.node.start ?? -1) ?? -1);
    const keptToken = tokens.find((t) => t >= 0 && alignment.toInput[t]! >= 0);
    if (keptToken === undefined || !tokens.some((t) => t >= 0 && alignment.toInput[t]! < 0)) continue;
    const offset = before.tokenized.tokens[alignment.toInput[keptToken]!]!.start;
    const old = inputBinding.get(offset);
    if (!old || old.declarations.length >= binding.declarations.length) continue;
    return { offset, declaration: offset, message: changedMessage(binding.name, describe(before, old, binding.name), `one binding with a declaration the codemod wrote`) };
  }
  return undefined;
}

/** Did the input have a binding with the same meaning key (the same name in the same scope)? */
function existedBefore(before: Side, binding: Binding, key: string, alignment: Alignment): boolean {
  return before.scopes.bindings.some((b) => b.name === binding.name && meaningKey(before, b, b.name, "before", alignment) === key);
}

function changedMessage(name: string, was: string, now: string): string {
  return `codemod changed what ${name} refers to (was ${was}, now ${now})`;
}

/** An output offset as an input one: a kept token's own, else where its hunk starts in the input. */
function inputOffsetOf(outputOffset: number, after: Tokenized, before: Tokenized, alignment: Alignment): number {
  const index = after.atOffset.get(outputOffset);
  if (index === undefined) return 0;
  const kept = alignment.toInput[index]!;
  if (kept >= 0) return before.tokens[kept]!.start;
  const hunk = alignment.hunks[alignment.hunkOfOutput[index]!];
  if (!hunk) return 0;
  if (hunk.inStart < hunk.inEnd) return before.tokens[hunk.inStart]!.start;
  return hunk.inStart > 0 ? before.tokens[hunk.inStart - 1]!.end : 0;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
