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

/**
 * The absolute path to sort the document as, or undefined when safesort has
 * nothing to do with it. Throws `UnusableUri` for a `file:` URI that names no
 * local path (a UNC host, an encoded `/`).
 */
export function documentPath(uri: string, languageId: string, root: string): string | undefined {
  if (uri.startsWith("file:")) {
    const path = localPath(uri);
    return isSourcePath(path) ? path : undefined;
  }
  const ext = Object.hasOwn(EXTENSION_BY_LANGUAGE, languageId) ? EXTENSION_BY_LANGUAGE[languageId] : undefined;
  return ext === undefined ? undefined : join(root, `untitled${ext}`);
}

/**
 * The workspace root a client names in `initialize`, as a path; `fallback`
 * when it names none, or names one that is no local path (then `problem` says why).
 */
export function rootPath(
  params: { workspaceFolders?: readonly { uri: string }[] | null; rootUri?: string | null },
  fallback: string,
): { root: string; problem?: string } {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (typeof uri !== "string" || !uri.startsWith("file:")) return { root: fallback };
  try {
    return { root: localPath(uri) };
  } catch (error) {
    return { root: fallback, problem: `${(error as Error).message}; using ${fallback} as the workspace root` };
  }
}

/** A `file:` URI that Node cannot turn into a local path. */
export class UnusableUri extends Error {
  constructor(uri: string, reason: string) {
    super(`cannot use ${uri}: ${reason}`);
    this.name = "UnusableUri";
  }
}

function localPath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch (error) {
    throw new UnusableUri(uri, error instanceof Error ? error.message : String(error));
  }
}
