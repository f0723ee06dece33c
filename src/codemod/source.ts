/**
 * Where a query comes from, as plain data: a built-in codemod with its
 * options, or a module with its arguments. A worker loads the query again
 * from it (src/pipeline/codemod/load.ts).
 */

/** Parsed codemod arguments (after `--`): flags by name, positionals in `_`. */
export type CodemodArgs = Readonly<Record<string, string | boolean | readonly string[]>> & { readonly _: readonly string[] };

/** Where a query comes from, as plain data a worker can load again. */
export type CodemodSource =
  | { readonly kind: "builtin"; readonly name: string; readonly options: Readonly<Record<string, unknown>> }
  | { readonly kind: "module"; readonly url: string; readonly args: CodemodArgs };
