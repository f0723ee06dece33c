/**
 * A built-in codemod: a self-describing rule whose transform builds a query
 * (registered in rules/index.ts)
 * (the same `(q, args) => Query` shape as a user's codemod module). Its
 * options are CLI flags after `--` (`toName` → `--to-name`), validated before
 * anything runs.
 */
import type { Query } from "./query.js";

/** One option of a built-in codemod, as `safesort run --list` and `--help` show it. */
export interface CodemodOption {
  /** camelCase; the flag is its kebab-case form (`flagOf`). */
  readonly name: string;
  readonly type: "string" | "boolean";
  readonly required: boolean;
  readonly default: unknown;
  readonly description: string;
}

export interface CodemodRule<O extends Record<string, unknown> = Record<string, unknown>> {
  readonly id: string;
  readonly description: string;
  readonly docs: string;
  readonly options: readonly CodemodOption[];
  /** Extra checks across options (`--to-name` needs `--name`); the message, or undefined when fine. */
  readonly validate?: (options: O) => string | undefined;
  transform(q: Query, options: O): Query;
}

/** `toName` → `--to-name`. */
export function flagOf(option: Pick<CodemodOption, "name">): string {
  return `--${option.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * A codemod module's default export. It receives the parsed arguments after
 * `--` (a CodemodArgs); its parameter may be typed as the codemod needs
 * (`args: { to?: string }`), which is why the type says `never` here.
 */
export type CodemodFn = (q: Query, args: never) => Query;
