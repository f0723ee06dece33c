/** The built-in codemods, by id: plain rule objects in a list (`safesort run --list` prints them). */
import type { CodemodRule } from "../src/codemod/rule.js";

import { renameImport } from "./rename-import/index.js";
import { renameJsxProp } from "./rename-jsx-prop/index.js";
import { replaceCall } from "./replace-call/index.js";

export const BUILTIN_CODEMODS: readonly CodemodRule[] = [renameImport, renameJsxProp, replaceCall] as unknown as readonly CodemodRule[];

export function findCodemod(id: string): CodemodRule | undefined {
  return BUILTIN_CODEMODS.find((rule) => rule.id === id);
}
