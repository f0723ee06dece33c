/**
 * A built-in codemod: a self-describing rule whose transform builds a query
 * (the same `(q, args) => Query` shape as a user's codemod module). Its
 * options are CLI flags after `--` (`toName` → `--to-name`), validated before
 * anything runs.
 */
import type { Query } from "../codemod/query.js";

import type { RuleOption } from "./rule.js";

export interface CodemodOption extends RuleOption {
  readonly type: "string" | "boolean";
  readonly required: boolean;
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
