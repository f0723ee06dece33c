/**
 * Which file a document is: the path of a `file:` URI, or, for an unsaved
 * buffer (`untitled:`), a file named after its language id in the workspace
 * root, so that the right parser and the workspace's config apply.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { isSourcePath } from "../files/discover.js";

/** Language ids (as VS Code and most clients send them) → the extension that picks the parser. */
const EXTENSION_BY_LANGUAGE: Readonly<Record<string, string>> = {
  javascript: ".js",
  javascriptreact: ".jsx",
  typescript: ".ts",
  typescriptreact: ".tsx",
  vue: ".vue",
  svelte: ".svelte",
  astro: ".astro",
};

/** The absolute path to sort the document as, or undefined when safesort has nothing to do with it. */
export function documentPath(uri: string, languageId: string, root: string): string | undefined {
  if (uri.startsWith("file:")) {
    const path = fileURLToPath(uri);
    return isSourcePath(path) ? path : undefined;
  }
  const ext = Object.hasOwn(EXTENSION_BY_LANGUAGE, languageId) ? EXTENSION_BY_LANGUAGE[languageId] : undefined;
  return ext === undefined ? undefined : join(root, `untitled${ext}`);
}

/** The workspace root a client names in `initialize`, as a path; `fallback` when it names none. */
export function rootPath(params: { workspaceFolders?: { uri: string }[] | null; rootUri?: string | null }, fallback: string): string {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  return uri?.startsWith("file:") ? fileURLToPath(uri) : fallback;
}
