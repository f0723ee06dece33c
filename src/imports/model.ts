/**
 * The sorter's data model. A file's statement list is cut into units:
 *
 *   - a Movable is one `import … from "x"` (with at least one binding) or one
 *     `export … from "x"`, together with the comments it owns (its "chunk");
 *   - a Barrier is anything that must stay where it is;
 *   - a Block is a maximal run of consecutive movables of one kind (imports or
 *     re-exports) with no barrier between them. Nothing ever leaves its block.
 */
import type { ExportAllDeclaration, ExportNamedDeclaration, ImportDeclaration } from "@babel/types";

export type MovableNode = ImportDeclaration | ExportNamedDeclaration | ExportAllDeclaration;

export type BlockKind = "imports" | "reexports";

/** The kind of a statement, for ordering statements of the same source. */
export type StatementKind = "type" | "namespace" | "default" | "all" | "named";

export interface Movable {
  readonly node: MovableNode;
  readonly kind: BlockKind;
  readonly source: string;
  readonly statementKind: StatementKind;
  /** `import type …` / `export type … from` (or Flow `import typeof`). */
  readonly typeOnly: boolean;
  /**
   * The chunk: from the start of the line of its first owned leading comment
   * (indentation included) to the end of its line (trailing comments and
   * trailing spaces included, the line terminator excluded).
   */
  readonly start: number;
  readonly end: number;
  /**
   * Where the statement's own text ends: the node's end, except in
   * semicolon-free style, where the `;` the parser counts as the import's
   * own leads the next statement's line; then the import ends at its module
   * string (or attributes) and the `;` is not part of the chunk.
   *
   *   import a from "a"      ← statementEnd
   *   ;[a].forEach(run)      ← node.end is after this `;`
   */
  readonly statementEnd: number;
  /** Position in its block, before sorting. */
  readonly index: number;
}

interface Barrier {
  readonly start: number;
  readonly end: number;
  readonly reason: string;
  /** The statement, when the barrier is one (not for detached comments). */
  readonly statementType?: string;
}

export interface Block {
  readonly kind: BlockKind;
  readonly items: readonly Movable[];
  /** Source of the enclosing `declare module "x" {}`, if any. */
  readonly container?: string;
  readonly start: number;
  readonly end: number;
}

export type Unit = ({ readonly type: "barrier" } & Barrier) | ({ readonly type: "block" } & Block);
