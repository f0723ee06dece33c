/**
 * `safesort run --list`: the built-in codemods and their options, generated
 * from the rules' own descriptions.
 *
 *   rename-jsx-prop  Rename a prop of a JSX component (`<X a=…>` → `<X b=…>`).
 *     --component <string>  required  The element name as written: `Button`, `UI.Button`, `div`.
 */
import { BUILTIN_CODEMODS } from "../../rules/index.js";
import { type CodemodRule, flagOf } from "../codemod/rule.js";

export function formatCodemodList(rules: readonly CodemodRule[] = BUILTIN_CODEMODS): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  return rules.map((rule) => formatRule(rule, width)).join("\n");
}

function formatRule(rule: CodemodRule, width: number): string {
  const options = rule.options.map((o) => ({ flag: `${flagOf(o)} <${o.type}>`, o }));
  const flagWidth = Math.max(0, ...options.map((x) => x.flag.length));
  const lines = [`${rule.id.padEnd(width)}  ${rule.description}`];
  for (const { flag, o } of options) {
    const need = o.required ? "required" : o.default === undefined ? "optional" : `default ${JSON.stringify(o.default)}`;
    lines.push(`  ${flag.padEnd(flagWidth)}  ${need.padEnd(8)}  ${o.description}`);
  }
  return lines.join("\n") + "\n";
}
