/**
 * `safesort/eslint`: the ESLint plugin (flat config).
 *
 *   import safesort from "safesort/eslint";
 *   export default [safesort.configs.recommended, safesort.configs["disable-conflicting"]];
 *
 * One rule, `safesort/sort-imports` (eslint-rule.ts). `recommended` turns it
 * on as an error for whatever files the rest of the config lints (it names no
 * `files`: naming `.ts` or `.vue` here would make ESLint lint them with a
 * parser that may not read them). `disable-conflicting` turns off the rules
 * of other import sorters, which would fight over the same lines.
 */
import type { ESLint, Linter } from "eslint";

import { packageVersion } from "../report/version.js";

import { sortImportsRule } from "./eslint-rule.js";

/** Rules that sort imports or re-exports too: with safesort on, each fix would undo the other's. */
export const CONFLICTING_RULES: readonly string[] = [
  "sort-imports",
  "simple-import-sort/imports",
  "simple-import-sort/exports",
  "perfectionist/sort-imports",
  "perfectionist/sort-named-imports",
  "perfectionist/sort-exports",
  "perfectionist/sort-named-exports",
  "import/order",
  "import-x/order",
];

interface SafesortPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: { readonly "sort-imports": typeof sortImportsRule };
  readonly configs: {
    readonly recommended: Linter.Config;
    readonly "disable-conflicting": Linter.Config;
  };
}

const configs: Record<string, Linter.Config> = {};

const plugin: SafesortPlugin = {
  meta: { name: "safesort", version: packageVersion() },
  rules: { "sort-imports": sortImportsRule },
  configs: configs as SafesortPlugin["configs"],
};

configs.recommended = {
  name: "safesort/recommended",
  plugins: { safesort: plugin },
  rules: { "safesort/sort-imports": "error" },
};

configs["disable-conflicting"] = {
  name: "safesort/disable-conflicting",
  rules: Object.fromEntries(CONFLICTING_RULES.map((rule) => [rule, "off"])),
};

export default plugin;
export { sortImportsRule };
