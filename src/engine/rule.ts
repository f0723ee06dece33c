/**
 * The rule interface. A rule describes itself (id, description, options with
 * defaults, messages) and transforms one parsed file into edits; it never does
 * IO. The import sorter is the first rule; codemods are rules too.
 */
import type { Edit } from "../edit/apply.js";
import type { ParsedSource } from "../parse/parser.js";
import type { ResolvedConfig } from "../types.js";

export interface RuleOption {
  readonly name: string;
  readonly type: string;
  readonly default: unknown;
  readonly description: string;
}

export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly docs: string;
  readonly options: readonly RuleOption[];
  readonly messages: Readonly<Record<string, string>>;
  transform(parsed: ParsedSource, config: ResolvedConfig): readonly Edit[];
}
