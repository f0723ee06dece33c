/** The built-in codemods, by id: plain rule objects in a list (`safesort run --list` prints them). */
import { renameImport } from "../../rules/rename-import/index.js";
import { renameJsxProp } from "../../rules/rename-jsx-prop/index.js";
import { replaceCall } from "../../rules/replace-call/index.js";

import type { CodemodRule } from "./codemod.js";

export const BUILTIN_CODEMODS: readonly CodemodRule[] = [renameImport, renameJsxProp, replaceCall] as unknown as readonly CodemodRule[];

export function findCodemod(id: string): CodemodRule | undefined {
  return BUILTIN_CODEMODS.find((rule) => rule.id === id);
}
