/**
 * The data model of a query: transforms (a selector, its filters and
 * modifiers), what a selector finds in one file, and the per-file context
 * modifiers edit through.
 *
 *   Query ──▶ Transform[] ── per file ──▶ selector.find(ctx) ──▶ Found[] ──filters──▶ modifiers(found, ctx)
 *
 * A **match** is one occurrence (Bowler's model): `selectImport("lodash",
 * "debounce")` finds the specifier and, separately, each reference to its
 * local binding; `isCall()` and `isDef()` keep some of them. Each found
 * occurrence knows how `rename` and the argument modifiers act on it.
 */
import type { Node } from "@babel/types";

import type { NodePath } from "./ast.js";
import type { CodemodAst } from "./parse.js";
import type { Range } from "./positions.js";
import { type MatchScope, matchScope, type Resolution, resolveMatch } from "./scope/resolve.js";
import type { Binding, BindingKind, ScopeInfo } from "./scope/scope.js";
import type { ImportIntent } from "./verify/import-intents.js";

/**
 * What a match is: the import or re-export itself (`import`), a definition
 * (`def`: a function, class, method or variable declaration), a call site
 * (`call`: the call or `new` expression), any other reference, or a node
 * found by `selectPattern`, `select`, or the JSX selectors.
 */
export type Role = "import" | "def" | "call" | "reference" | "node";

/** Captured nodes: one node, or a list for `$$$X` metavariables and argument lists. */
export type Capture = Node | readonly Node[];
export type Captures = Readonly<Record<string, Capture>>;

/** One match, as filters and `modify` callbacks see it. */
export interface Match<C extends Captures = Captures> {
  readonly node: Node;
  readonly path: NodePath;
  readonly role: Role;
  readonly captures: C;
  /** The file, relative to the query's cwd. */
  readonly file: string;
  /** 1-based line and column of the node in the original file (0 for a node a codemod created). */
  readonly line: number;
  readonly column: number;
  /** The node's original text ("" for a node a codemod created). */
  readonly text: string;
  /**
   * For matches that follow a binding (`selectVar`, `selectFunction`,
   * `selectClass`, an imported name): the binding, and where it is declared,
   * so that one binding among several of a name can be picked.
   */
  readonly binding?: BindingInfo;
  /** Name lookups where the match sits: `match.scope.lookup("logger")` (resolve.ts). */
  readonly scope: MatchScope;
  /**
   * What the match's node refers to, when it is a name: an identifier, the
   * root object of `a.b.c`, a call's callee (to its root), a JSX element's or
   * a type reference's name. Undefined for other nodes and non-references.
   */
  resolve(): Resolution | undefined;
}

export interface BindingInfo {
  readonly name: string;
  readonly kind: BindingKind;
  /** Where its first declaration is (1-based; 0 for a type parameter). */
  readonly line: number;
  readonly column: number;
}

/** How `rename` acts on one occurrence. */
type Renamer = (newName: string, ctx: FileContext) => void;

/** What a selector found: a match plus how modifiers act on it. */
export interface Found {
  readonly path: NodePath;
  readonly role: Role;
  readonly captures: Captures;
  readonly rename?: Renamer;
  /** A call site: the call (or `new`) whose arguments the argument modifiers edit. */
  readonly call?: Node & { arguments: Node[] };
  /** A definition: the function whose parameters the argument modifiers edit. */
  readonly fn?: Node & { params: Node[] };
  /**
   * At a call site: the called function's parameter names, when its
   * definition is in this file, as they were when the query selected it. Each
   * call has its own copy, which the argument modifiers keep in step with the
   * arguments they add or remove, so names resolve right after earlier edits.
   */
  readonly paramNames?: string[];
  /** What the match is called in messages (`function foo`, `import "lodash"`). */
  readonly label: string;
  /** The binding the match belongs to, for binding-following selectors. */
  readonly binding?: Binding;
}

export interface Selector {
  /** How the selector reads in dumps and messages: `selectImport("lodash", "debounce")`. */
  readonly description: string;
  /**
   * Text a file must contain for the selector to find anything (all of them):
   * the module name, the identifier. Files without it are never parsed.
   */
  readonly needles: readonly string[];
  find(ctx: FileContext): Found[];
  /** `selectImport(module, name)`: the modules it means and the name (what moveTo checks in files where nothing matched). */
  readonly imported?: { readonly modules: (module: string) => boolean; readonly module?: string; readonly name: string };
}

export type FilterFn = (found: Found, ctx: FileContext) => boolean;
/** A modifier; `splices` marks those that can edit text directly (splice mode: renames). */
export type ModifierFn = ((found: Found, ctx: FileContext) => void) & { readonly splices?: boolean };

/** A step run once per file after a transform's modifiers, when it matched something (`ensureImport`, `removeImport`). */
export type FileStep = (ctx: FileContext) => void;

export interface Transform {
  readonly selector: Selector;
  readonly filters: FilterFn[];
  /** `inFiles` globs: every list must match the file (each list is one `inFiles` call). */
  readonly fileGlobs: (readonly string[])[];
  readonly modifiers: ModifierFn[];
  /** Run on the tree the modifiers left, with fresh scopes (a removed import is unused only once every match was edited). */
  readonly after: FileStep[];
  /**
   * Run in a file where the transform found nothing (its filters included) and whose text `may` accept: a
   * modifier's refusal of forms the selector does not select (moveTo: `export * from "a"`).
   */
  readonly unmatched: { readonly may: (source: string) => boolean; readonly step: FileStep }[];
}

/**
 * One file while a query runs on it: the AST, scope analysis (recomputed
 * after a transform changed something), and the record of edited ranges
 * that verification needs.
 */
export class FileContext {
  /** Ranges of original nodes a modifier replaced, removed or changed. */
  readonly edited: Range[] = [];
  /** Ranges of original nodes a modifier inserted into or next to (an argument list, a statement, an import). */
  readonly inserted: Range[] = [];
  /** Imports the codemod asked for (verify-names.ts checks the output's new imports against them). */
  readonly intents: ImportIntent[] = [];
  /** Ranges of original nodes a template used as captures: their references may appear again in the output. */
  readonly copies: Range[] = [];
  /** Splice mode: the text edits that make the output. */
  readonly edits: { readonly start: number; readonly end: number; readonly text: string }[] = [];
  /** Set when a modifier changed the tree; the printed output may still equal the input. */
  changed = false;
  private scopes: ScopeInfo | undefined;
  /** Per-binding rename decisions, shared by the occurrences of one binding. */
  readonly decisions = new Map<unknown, unknown>();

  constructor(
    readonly ast: CodemodAst,
    /** The file relative to the query's cwd, with `/` separators: what `inFiles` and messages use. */
    readonly file: string,
    private readonly analyze: (ast: CodemodAst) => ScopeInfo,
  ) {}

  scope(): ScopeInfo {
    return (this.scopes ??= this.analyze(this.ast));
  }

  /** Record that `node` (an original node, or one inside it) was edited. */
  touch(node: Node | null | undefined, withComments = false): void {
    this.changed = true;
    if (!node) return;
    const range = this.ast.index.rangeOf(node);
    if (range) this.edited.push(withComments ? this.withComments(node, range) : range);
  }

  /** Record an insertion into or next to `node` (an original node; a made one records nothing). */
  insertInto(node: Node | null | undefined): void {
    this.changed = true;
    const range = node ? this.ast.index.rangeOf(node) : undefined;
    if (range) this.inserted.push(range);
  }

  /** Record that a template used `node` (a captured original node; a made one records nothing). */
  readonly copied = (node: Node): void => {
    const range = this.ast.index.rangeOf(node);
    if (range) this.copies.push(range);
  };

  /** Record that the codemod means to import `name` (`*`: any) from `module` (or modules the predicate accepts). */
  intendImport(module: ImportIntent["module"], name: string): void {
    this.intents.push({ module, name });
  }

  /**
   * Record the text that replaces a node's original range (or part of it),
   * as well as editing the tree: in splice mode this text is the output; in
   * recast mode only the tree counts. A node without a range in the file (one
   * a codemod made) cannot be spliced: the file is done again with recast.
   */
  splice(node: Node | Range, text: string): void {
    const range = "type" in node ? this.ast.index.rangeOf(node) : node;
    if (!range) return this.reprintNeeded("an edit of a node the codemod made");
    this.changed = true;
    this.edited.push(range);
    if (this.ast.mode === "splice") this.edits.push({ start: range.start, end: range.end, text });
  }

  /** A node's original text, for building splice text; in splice mode a node without one means: redo with recast. */
  sourceText(node: Node): string {
    const text = this.ast.index.textOf(node);
    if (text === undefined) this.reprintNeeded("a node the codemod made");
    return text ?? "";
  }

  /** An edit that text splicing cannot express: in splice mode, redo the file with recast. */
  reprintNeeded(reason: string): void {
    if (this.ast.mode === "splice") throw new NeedsReprint(reason);
  }

  /** After a transform's modifiers ran: the tree changed, so scopes must be recomputed. */
  invalidate(): void {
    this.scopes = undefined;
    this.decisions.clear();
  }

  /** The match a filter or callback sees. */
  toMatch(found: Found): Match {
    const node = found.path.node;
    const at = this.ast.index.position(node);
    return {
      node,
      path: found.path,
      role: found.role,
      captures: found.captures,
      file: this.file,
      line: at?.line ?? 0,
      column: at?.column ?? 0,
      text: this.ast.index.textOf(node) ?? "",
      binding: found.binding && this.bindingInfo(found.binding),
      scope: matchScope(found.path, this.resolving()),
      resolve: () => resolveMatch(found.path, this.resolving()),
    };
  }

  private resolving(): { scope(): ScopeInfo; index: CodemodAst["index"] } {
    return { scope: () => this.scope(), index: this.ast.index };
  }

  private bindingInfo(binding: Binding): BindingInfo {
    const declaration = binding.declarations[0]?.node;
    const at = declaration ? this.ast.index.position(declaration) : undefined;
    return { name: binding.name, kind: binding.kind, line: at?.line ?? 0, column: at?.column ?? 0 };
  }

  /** Widen a range over the comments recast attached to the node (they go with it). */
  private withComments(node: Node, range: Range): Range {
    let { start, end } = range;
    for (const comment of (node as { comments?: Node[] }).comments ?? []) {
      const r = this.ast.index.rangeOf(comment);
      if (!r) continue;
      start = Math.min(start, r.start);
      end = Math.max(end, r.end);
    }
    return { start, end };
  }
}

/** Thrown in splice mode by an edit only recast can print: the core redoes the file through recast. */
export class NeedsReprint extends Error {
  override name = "NeedsReprint";
}

/** A codemod's own mistake or a refused edit: fails the file, with the codemod's stack when it threw. */
export class CodemodError extends Error {
  constructor(
    message: string,
    /** The node the problem is about, for a line:column. */
    readonly node?: Node,
  ) {
    super(message);
    this.name = "CodemodError";
  }
}
