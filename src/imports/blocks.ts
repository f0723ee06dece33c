/**
 * Cutting a statement list into blocks and barriers.
 *
 * A **movable** is an `import … from "x"` with at least one binding, or (when
 * re-exports are sorted) an `export … from "x"`. A **barrier** is everything
 * else; see `barrierReason` for the full list, one case per line. A **block**
 * is a maximal run of movables of one kind (imports or re-exports) whose
 * chunks are separated only by line breaks and blank lines:
 *
 *   import "./polyfill";        barrier (side-effect import)
 *   import b from "b";          ┐ block 1
 *   import a from "a";          ┘
 *   jest.mock("./c");           barrier (statement)
 *   import c from "./c";        ] block 2
 *
 * Imports inside `declare module "x" { … }` are cut the same way.
 *
 * Comments decide a few cuts too (ownership rules: parse/trivia.ts). A range
 * marker (`/* eslint-disable *\/` … `/* eslint-enable *\/`, `//#region` …
 * `//#endregion`, `// biome-ignore-start` …) is owned by no import, so it
 * splits the run like a detached comment and every range keeps enclosing
 * the same imports:
 *
 *   import b from "b";          ] block 1
 *   // #region icons            barrier (range marker)
 *   import z from "z";          ┐ block 2
 *   import y from "y";          ┘
 *   // #endregion               barrier (range marker)
 */
import type { Comment, Statement, TSModuleDeclaration } from "@babel/types";

import type { ParsedSource } from "../parse/parser.js";
import { endOfLine, isBlank, startOfLine } from "../parse/text.js";
import { CommentIndex, isPinnedComment, isRangeMarker, leadingComments, pinnedHeaderLength, trailingComments } from "../parse/trivia.js";
import type { ResolvedConfig } from "../types.js";

import { matchesModule } from "./classify.js";
import type { BlockKind, Movable, MovableNode, StatementKind, Unit } from "./model.js";

const SKIP = /safesort:\s*skip(?!-file)\b/;
const SEMICOLON_LEADS_NEXT_LINE = "its `;` leads the next line, and imports of its block end with their own `;`";
/** Between two chunks of one block: only line breaks ("\n", "\r\n", a lone "\r") and blank lines. */
const CLEAN_GAP = /^(?:[ \t]*(?:\r\n?|\n))+[ \t]*$/;

interface Candidate {
  readonly kind: BlockKind;
  readonly node: MovableNode;
  readonly start: number;
  readonly end: number;
  /** See Movable.statementEnd. */
  readonly statementEnd: number;
}

export function splitUnits(parsed: Pick<ParsedSource, "source" | "statements" | "comments" | "prologueEnd">, config: ResolvedConfig): Unit[] {
  const comments = new CommentIndex(parsed.comments);
  const units: Unit[] = [];
  cutList(parsed.source, comments, config, parsed.statements, parsed.prologueEnd, parsed.source.length, undefined, units);
  return units;
}

function cutList(
  source: string,
  comments: CommentIndex,
  config: ResolvedConfig,
  statements: readonly Statement[],
  listStart: number,
  listEnd: number,
  container: string | undefined,
  units: Unit[],
): void {
  let run: Candidate[] = [];
  const flush = (): void => {
    if (run.length > 0) units.push(toBlock(run, container));
    run = [];
  };

  statements.forEach((statement, i) => {
    const prevEnd = i === 0 ? listStart : statements[i - 1]!.end!;
    const nextStart = i === statements.length - 1 ? listEnd : statements[i + 1]!.start!;
    const module = declaredModule(statement);
    if (module) {
      flush();
      const body = module.body as { start: number; end: number; body: Statement[] };
      units.push(barrier(statement.start!, body.start + 1, `declare module "${moduleName(module)}" (its imports are sorted inside)`));
      cutList(source, comments, config, body.body, body.start + 1, body.end - 1, moduleName(module), units);
      units.push(barrier(body.end - 1, statement.end!, "end of declare module"));
      return;
    }
    const reason = barrierReason(statement, source, comments, config);
    if (reason !== undefined) {
      // `import a from "a";⏎;` — an import without `;` moved last would take
      // this `;` as its own: the last import keeps its place.
      if (statement.type === "EmptyStatement" && run.some((c) => source[c.statementEnd - 1] !== ";")) {
        const last = run.pop()!;
        flush();
        units.push(barrier(last.node.start!, last.node.end!, "followed by an empty statement `;`", last.node.type));
      }
      flush();
      units.push(barrier(statement.start!, statement.end!, reason, statement.type));
      return;
    }
    const node = statement as MovableNode;
    const kind: BlockKind = node.type === "ImportDeclaration" ? "imports" : "reexports";
    const header = container === undefined && i === 0 ? { fileComments: comments.comments } : undefined;
    const { chunk, statementEnd, whole } = movableChunk(source, comments, node, statements[i + 1], prevEnd, nextStart, header);
    if (!chunk) {
      flush();
      units.push(barrier(statement.start!, statement.end!, sharedLineReason(source, comments, node), statement.type));
      return;
    }
    // A range marker inside the statement or on its lines: moving it would
    // move the range's edge (`import a from "a"; // #endregion`).
    if (chunk.owned.some(isRangeMarker)) {
      flush();
      units.push(barrier(statement.start!, statement.end!, "range marker on its lines (eslint-disable, #region, …)", statement.type));
      return;
    }
    // In the file's first block, a file-level comment (pragma, license) above a
    // later import would become part of the file header if that import moved to the top.
    if (container === undefined && run[0]?.node === statements[0] && chunk.leading.some(isPinnedComment)) {
      flush();
      units.push(barrier(statement.start!, statement.end!, "header-like comment above it (would become the file header)", statement.type));
      return;
    }
    const last = run[run.length - 1];
    if (last && (last.kind !== kind || !CLEAN_GAP.test(source.slice(last.end, chunk.start)))) {
      flush();
      if (last.kind === kind) units.push(detachedBarrier(source, comments, last.end, chunk.start));
    }
    // An import ending with its own `;` sorted last would put an empty
    // statement before the next one: with such imports in the block, this
    // one keeps its place (the others sort among themselves), unless its `;`
    // stands alone on its line and can travel with it.
    if (statementEnd !== node.end && run.some((c) => source[c.statementEnd - 1] === ";")) {
      if (whole && !whole.owned.some(isRangeMarker)) {
        run.push({ kind, node, start: whole.start, end: whole.end, statementEnd: node.end! });
        return;
      }
      flush();
      units.push(barrier(statement.start!, statement.end!, SEMICOLON_LEADS_NEXT_LINE, statement.type));
      return;
    }
    run.push({ kind, node, start: chunk.start, end: chunk.end, statementEnd });
  });
  flush();
}

/**
 * Why a statement may not move, or undefined when it is movable. One case per
 * kind of barrier; the order of the checks is the order of precedence.
 */
function barrierReason(statement: Statement, source: string, comments: CommentIndex, config: ResolvedConfig): string | undefined {
  switch (statement.type) {
    case "ImportDeclaration":
      // `import defer * as x` / `import source x`: evaluation semantics of their own.
      if (statement.phase) return `${statement.phase} phase import`;
      // `import "x"` (and `import {} from "x"`): runs for its effects, order matters.
      if (statement.specifiers.length === 0) return "side-effect import";
      break;
    case "ExportAllDeclaration":
      if (!config.sortReexports) return "re-export (sortReexports is off)";
      break;
    case "ExportNamedDeclaration":
      // `export const x = …`, `export { x }`: local exports are ordinary statements.
      if (!statement.source) return `statement (${statement.type})`;
      // `export {} from "x"`: binds nothing, loads the module for its effects.
      if (statement.specifiers.length === 0) return "side-effect re-export";
      if (!config.sortReexports) return "re-export (sortReexports is off)";
      break;
    // `import x = require("x")`: a TypeScript require, evaluated in place.
    case "TSImportEqualsDeclaration":
      return "import = require()";
    // `export = x`: CommonJS-style export.
    case "TSExportAssignment":
      return "export =";
    // `jest.mock(…)`, `dotenv.config()`, `const x = require(…)`, functions, `;` …
    default:
      return `statement (${describeStatement(statement, source)})`;
  }
  const node = statement as MovableNode;
  // `import a from "a"; // safesort: skip` on the first or last line of the statement.
  if (hasSkipDirective(node, source, comments)) return "safesort: skip directive";
  // Modules the config declares side-effectful keep their place even with bindings.
  if (config.sideEffectModules.length > 0 && matchesModule(config.sideEffectModules, node.source!.value)) {
    return "side-effect module (config sideEffectModules)";
  }
  return undefined;
}

function describeStatement(statement: Statement, source: string): string {
  if (statement.type === "ExpressionStatement" && statement.expression.type === "CallExpression") {
    const callee = statement.expression.callee;
    const text = source.slice(callee.start!, callee.end!);
    if (text.length <= 40 && !text.includes("\n")) return `call ${text}(…)`;
  }
  return statement.type;
}

function hasSkipDirective(node: MovableNode, source: string, comments: CommentIndex): boolean {
  // Most files have no such comment at all: nothing to locate.
  if (!comments.anyMatches(SKIP)) return false;
  // The first line, the last line, and the line where its own text ends when its `;` leads a later
  // line (`} from "b" // safesort: skip⏎;[0].forEach(f)`); and anywhere between its own text and its
  // `;` (`from "b" /*⏎…⏎*/ // safesort: skip⏎;`).
  const attributes = (node as { attributes?: readonly { end?: number | null }[] }).attributes ?? [];
  const ownEnd = Math.max(node.source!.end!, ...attributes.map((a) => a.end ?? 0));
  const lines = [node.start!, ownEnd, node.end!].map((at) => [startOfLine(source, at), endOfLine(source, at)] as const);
  return comments
    .within(lines[0]![0], lines[2]![1])
    .some((c) => SKIP.test(c.value) && (lines.some(([from, to]) => c.start! < to && c.end! > from) || (c.start! >= ownEnd && c.end! <= node.end!)));
}

/**
 * The chunk of a movable statement ending at `end` (see Movable.statementEnd):
 * owned leading comments from the start of
 * their line, the statement, owned trailing comments and trailing spaces up to
 * the line terminator (`owned`: every comment in it, those inside the
 * statement included). Undefined when the statement shares a line with
 * anything else (then it is a barrier).
 */
function chunkOf(
  source: string,
  comments: CommentIndex,
  node: MovableNode,
  end: number,
  prevEnd: number,
  nextStart: number,
  header: { readonly fileComments: readonly Comment[] } | undefined,
): { start: number; end: number; leading: Comment[]; owned: Comment[] } | undefined {
  const before = comments.within(prevEnd, node.start!);
  let leading = leadingComments(source, before, node.start!);
  // The file's first statement: its file header stays where it is.
  if (header && leading.length > 0) leading = leading.slice(pinnedHeaderLength(source, leading, header.fileComments[0] === leading[0]));
  const first = leading[0]?.start ?? node.start!;
  const lineStart = startOfLine(source, first);
  if (lineStart < prevEnd || !isBlank(source.slice(lineStart, first))) return undefined;
  const trailing = trailingComments(source, comments.within(end, nextStart), end);
  const last = trailing[trailing.length - 1]?.end ?? end;
  const lineEnd = endOfLine(source, last);
  if (lineEnd > nextStart || !isBlank(source.slice(last, lineEnd))) return undefined;
  return { start: lineStart, end: lineEnd, leading, owned: comments.within(lineStart, lineEnd) };
}

type Chunk = NonNullable<ReturnType<typeof chunkOf>>;

/**
 * A movable's chunk and where its statement ends for the sorter (see
 * Movable.statementEnd). Semicolon-free style: the `;` that Babel counts as
 * the import's own leads the next statement's line; the import ends at its
 * module string, and the `;` stays where it is (the import sorted last takes
 * it as its own). `whole`: the chunk up to the node's end, when there is one.
 *
 *   import b from "b"          ┐ chunk
 *   import a from "a"          ┘ chunk (Babel: up to the `;` below)
 *   ;[a, b].forEach(run)       stays
 *
 * A `;` alone on its line ends the import too: it keeps its place when the
 * block ends there (before a next import it would split the block, so there
 * it travels with its import, as part of `whole`).
 */
function movableChunk(
  source: string,
  comments: CommentIndex,
  node: MovableNode,
  next: Statement | undefined,
  prevEnd: number,
  nextStart: number,
  header: { readonly fileComments: readonly Comment[] } | undefined,
): { chunk: Chunk | undefined; statementEnd: number; whole: Chunk | undefined } {
  const whole = chunkOf(source, comments, node, node.end!, prevEnd, nextStart, header);
  const endsRun = next === undefined || !(next.type === "ImportDeclaration" || next.type === "ExportNamedDeclaration" || next.type === "ExportAllDeclaration");
  const ownEnd = whole && !endsRun ? undefined : leadingSemicolonEnd(source, comments, node);
  const own = ownEnd === undefined ? undefined : chunkOf(source, comments, node, ownEnd, prevEnd, nextStart, header);
  return own ? { chunk: own, statementEnd: ownEnd!, whole } : { chunk: whole, statementEnd: node.end!, whole };
}

/**
 * Where a movable statement ends without its `;` when that `;` is the first
 * character (after white space) of a later line: the end of the last token
 * before it (its module string, or its `with { … }` attributes), comments and
 * line breaks skipped. Undefined for any other layout.
 *
 *   import a from "a" // about a      → ends after `"a"`
 *   ;(async () => { … })()
 */
function leadingSemicolonEnd(source: string, comments: CommentIndex, node: MovableNode): number | undefined {
  const semicolon = node.end! - 1;
  if (source[semicolon] !== ";" || !isBlank(source.slice(startOfLine(source, semicolon), semicolon))) return undefined;
  const inside = comments.within(node.start!, semicolon);
  let end = semicolon;
  for (let k = inside.length - 1; ; k--) {
    while (end > node.start! && /[ \t\r\n]/.test(source[end - 1]!)) end--;
    const c = inside[k];
    if (c === undefined || c.end !== end) break;
    end = c.start!;
  }
  return startOfLine(source, end) < startOfLine(source, semicolon) ? end : undefined;
}

/**
 * Why a statement that has no chunk shares its lines: code of another
 * statement on its first or last line, or else only a comment it cannot own
 * (a file header or range marker before it, a comment after the previous
 * statement). Comments are blanked out before looking for code.
 */
function sharedLineReason(source: string, comments: CommentIndex, node: MovableNode): string {
  const from = startOfLine(source, node.start!);
  const to = endOfLine(source, node.end!);
  const text = source.slice(from, to).split("");
  for (const c of comments.comments) {
    if (c.start! >= to) break;
    for (let i = Math.max(c.start!, from); i < Math.min(c.end!, to); i++) text[i - from] = " ";
  }
  const around = text.slice(0, node.start! - from).join("") + text.slice(node.end! - from).join("");
  if (!isBlank(around.replace(/[\r\n]/g, ""))) return "shares a line with another statement";
  const commentOnItsLines = comments.comments.some((c) => c.start! < to && c.end! > from && (c.end! <= node.start! || c.start! >= node.end!));
  // Nothing else on its own lines: its comments above cannot be cut from another comment on their line
  // (`/* header */ // note` directly above it).
  return commentOnItsLines ? "shares a line with a comment it does not own" : "a comment above it shares a line with another comment";
}

function toBlock(run: readonly Candidate[], container: string | undefined): Unit {
  // One object per item, built in one go with one shape (no spread of a temporary: this runs for every import of every file).
  const items: Movable[] = new Array<Movable>(run.length);
  for (let index = 0; index < run.length; index++) {
    const c = run[index]!;
    const node = c.node;
    const typeOnly = isTypeOnly(node);
    items[index] = {
      source: node.source!.value,
      statementKind: statementKindOf(node, typeOnly),
      typeOnly,
      kind: c.kind,
      node,
      start: c.start,
      end: c.end,
      statementEnd: c.statementEnd,
      index,
    };
  }
  return { type: "block", kind: run[0]!.kind, items, container, start: run[0]!.start, end: run[run.length - 1]!.end };
}

function isTypeOnly(node: MovableNode): boolean {
  if (node.type === "ImportDeclaration") return node.importKind === "type" || node.importKind === "typeof";
  return node.exportKind === "type";
}

function statementKindOf(node: MovableNode, typeOnly: boolean): StatementKind {
  if (typeOnly) return "type";
  if (node.type === "ExportAllDeclaration") return "all";
  let namespace = false;
  let defaultImport = false;
  for (const s of node.specifiers) {
    if (s.type === "ImportNamespaceSpecifier" || s.type === "ExportNamespaceSpecifier") namespace = true;
    else if (s.type === "ImportDefaultSpecifier") defaultImport = true;
  }
  return namespace ? "namespace" : defaultImport ? "default" : "named";
}

function barrier(start: number, end: number, reason: string, statementType?: string): Unit {
  return { type: "barrier", start, end, reason, statementType };
}

/** The comments (detached, or range markers) or odd white space between two chunks that split a run. */
function detachedBarrier(source: string, comments: CommentIndex, from: number, to: number): Unit {
  const found: Comment[] = comments.within(from, to);
  if (found.length === 0) return barrier(from, to, "unusual white space between imports");
  const marker = found.find(isRangeMarker);
  const reason = marker ? `range marker ${JSON.stringify(marker.value.trim().slice(0, 40))}` : "detached comment (separated by a blank line)";
  return barrier(found[0]!.start!, found[found.length - 1]!.end!, reason);
}

function declaredModule(statement: Statement): TSModuleDeclaration | undefined {
  if (statement.type !== "TSModuleDeclaration" || statement.id.type !== "StringLiteral") return undefined;
  return statement.body?.type === "TSModuleBlock" ? statement : undefined;
}

function moduleName(module: TSModuleDeclaration): string {
  return module.id.type === "StringLiteral" ? module.id.value : "";
}
