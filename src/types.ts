/**
 * The shared data model: what a file's outcome is, what a diagnostic says,
 * and the resolved (validated, frozen, serializable) configuration.
 */

/** The built-in categories a module specifier falls into, in default order. */
export type Category = "builtin" | "third-party" | "first-party" | "parent" | "sibling";

export const CATEGORIES: readonly Category[] = ["builtin", "third-party", "first-party", "parent", "sibling"];

/**
 * One group of the resolved order. A group either collects built-in categories
 * (`categories`) or the modules matching custom patterns (`match`), or both.
 * Custom patterns win over categories: an import goes to the first group whose
 * `match` matches it, else to the group holding its category.
 */
export interface ResolvedGroup {
  readonly name: string;
  readonly categories: readonly Category[];
  readonly match: readonly string[];
}

export type TypeImportsPlacement = "first" | "last" | "inline";

/** Configuration after validation: plain data, safe to post to a worker. */
export interface ResolvedConfig {
  readonly groups: readonly ResolvedGroup[];
  /**
   * Module patterns (picomatch globs) classified as first-party: the user's
   * `firstParty`, the package's own name, tsconfig `paths` aliases. A pattern
   * matches a specifier if it matches the whole specifier or its package name
   * (`@scope/name` or the first path segment).
   */
  readonly firstParty: readonly string[];
  /** Module patterns whose imports are barriers (never moved). */
  readonly sideEffectModules: readonly string[];
  readonly blankLinesBetweenGroups: boolean;
  readonly sortReexports: boolean;
  readonly sortSpecifiers: boolean;
  readonly typeImports: TypeImportsPlacement;
  /** Glob patterns relative to `rootDir`: files and directories not walked (every config's `exclude`, rebased). */
  readonly exclude: readonly string[];
  /** Directory that `exclude` patterns are relative to: the outermost config's. */
  readonly rootDir: string;
  /** The nearest config file (the last one applied), or null for defaults. */
  readonly configFile: string | null;
  /** Every options object applied, in order (outermost config first, each followed by its matching overrides). */
  readonly appliedConfigs: readonly AppliedConfig[];
}

/** One options object that went into a ResolvedConfig: a config file, or one of its overrides. */
export interface AppliedConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Where the options sit in it: "" (the whole file), "safesort" (package.json), "overrides[1]", "safesort.overrides[0]". */
  readonly key: string;
}

export type DiagnosticCode =
  | "syntax-error"
  | "binary-file"
  | "invalid-encoding"
  | "unreadable"
  | "not-found"
  | "config-error"
  | "internal-error"
  | "changed-on-disk"
  | "write-failed"
  | "unsafe-path"
  /** rename-symbol: the new name already means something where a renamed identifier sits. */
  | "name-conflict"
  /** rename-symbol: the rename would add a type error to a file it touches (or to a module that `export *`s it). */
  | "type-error"
  /** move: a rewritten module specifier would not name the moved file. */
  | "unresolvable"
  /** Larger than the read limit (`MAX_SOURCE_BYTES`): reported as skipped, never read whole nor parsed. */
  | "too-large"
  /** Nested too deeply for the parser's stack (e.g. 5,000 nested brackets): failed, left untouched. */
  | "too-complex"
  /** `--staged` in write mode: the file also has unstaged changes, so it is not rewritten. */
  | "partially-staged"
  /** An optional peer dependency needed for this file or command is not installed (the message says what to install). */
  | "missing-dependency"
  /** A glob or a directory argument designating no source file (`--no-error-on-unmatched-pattern` allows it). */
  | "unmatched"
  /** A file or directory named explicitly but ignored by a .gitignore file or the config's `exclude`. */
  | "ignored"
  /** A codemod threw (the stack points into it) or asked for an edit that is not safe (a rename that would be captured). */
  | "codemod-error"
  /** A file took longer than `--timeout` (its worker was terminated). */
  | "timeout";

/** Something went wrong with one file (or config), with a location when known. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly path: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  /** A short code frame for syntax errors. */
  readonly frame?: string;
  /** Stack of an unexpected error (a bug in safesort). */
  readonly stack?: string;
}

/** What the pure core decided for one source text. */
export type SourceOutcome =
  | { readonly status: "unchanged" }
  | { readonly status: "changed"; readonly output: string }
  | { readonly status: "skipped"; readonly reason: string }
  | { readonly status: "failed"; readonly diagnostic: Diagnostic };

/** The outcome of one file, carrying its discovery index. */
export type FileResult = SourceOutcome & {
  readonly index: number;
  /** Absolute path. */
  readonly path: string;
  /** Original text (without BOM) when the file was read: for diffs. */
  readonly original?: string;
  /** sha256 of the bytes that were read: a write is refused if the file no longer matches. */
  readonly originalHash?: string;
  /** Whether the file started with a UTF-8 BOM (kept on write). */
  readonly bom?: boolean;
  /**
   * The sorted-files cache key of the file's final content: of what was read
   * when `unchanged`, of the output when `changed` (valid once it is written).
   */
  readonly cacheKey?: string;
  /** The sorted-files cache's metadata key of the file as read, when `unchanged` and its timestamps are old enough (src/cache/cache.ts). */
  readonly statKey?: string;
  /** The configs that applied to the file, in order (added on the main thread, for `--json`). */
  readonly appliedConfigs?: readonly AppliedConfig[];
};
