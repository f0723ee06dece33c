import type { CodemodRule } from "../../src/codemod/rule.js";

export interface RenameImportOptions extends Record<string, unknown> {
  readonly from: string;
  readonly name?: string;
  readonly to: string;
  readonly toName?: string;
}

/**
 * Rename an import source, or move one imported name to another module
 * (optionally under another name), alias-safe:
 *
 *   --from lodash --to lodash-es                          import { a } from "lodash"  → import { a } from "lodash-es"
 *   --from lodash --name debounce --to lodash-es          import { debounce, map } from "lodash"
 *                                                          → import { map } from "lodash"; import { debounce } from "lodash-es"
 *   --from a --name x --to a --to-name y                  import { x as z } from "a"  → import { y as z } from "a"
 *
 * A renamed import keeps its local name behind an alias when renaming the
 * local binding would clash with another name. Imports it changes are then
 * placed by the import sorter.
 */
export const renameImport: CodemodRule<RenameImportOptions> = {
  id: "rename-import",
  description: "Rename an import source, or move an imported name to another module (alias-safe).",
  docs: "README.md#codemods",
  options: [
    { name: "from", type: "string", required: true, default: undefined, description: "The module imported now." },
    { name: "name", type: "string", required: false, default: undefined, description: "One exported name to move (`default` for the default export); without it the whole module is renamed." },
    { name: "to", type: "string", required: true, default: undefined, description: "The module to import from instead." },
    { name: "toName", type: "string", required: false, default: undefined, description: "The name it is exported as in the new module (needs --name)." },
  ],
  validate: (options) => (options.toName !== undefined && options.name === undefined ? "--to-name needs --name" : undefined),
  transform(q, options) {
    if (options.name === undefined) return q.selectImport(options.from).rename(options.to);
    const selected = q.selectImport(options.from, options.name);
    if (options.toName !== undefined && options.toName !== options.name) selected.rename(options.toName);
    return options.to === options.from ? selected : selected.moveTo(options.to);
  },
};
