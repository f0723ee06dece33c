/**
 * What the project itself says is first-party, as picomatch globs: the
 * package's own name and its `imports` keys (nearest package.json), and the
 * `paths` aliases of the nearest tsconfig.json.
 *
 * tsconfig `paths` keys and package `imports` keys share one syntax: a
 * literal, or a literal with one `*` standing for any text, `/` included.
 *
 *   "@/*"           → "@/**"          (after a slash, at the end)
 *   "#lib/*.js"     → "#lib/**\/*.js"  (after a slash, then a suffix)
 *   "~*"            → "~*"            (inside a segment: the core also matches
 *                                      patterns against the package name, `~x`)
 *   "@app/utils"    → "@app/utils"    (exact)
 *   "*"             → dropped         (a catch-all would make every module first-party)
 */
import type { FileCache } from "./files.js";
import { isPlainObject } from "./located.js";
import { tsconfigPathKeys } from "./tsconfig.js";

/** First-party patterns from the nearest package.json and tsconfig.json (either may be absent); deduplicated. */
export async function projectFirstParty(packageFile: string | undefined, tsconfigFile: string | undefined, files: FileCache): Promise<string[]> {
  const manifest = packageFile === undefined ? undefined : await files.json(packageFile);
  // A broken package.json adds nothing here; discovery reports it when it has to read it.
  const pkg = manifest !== undefined && "value" in manifest && isPlainObject(manifest.value) ? manifest.value : {};
  const name = typeof pkg.name === "string" && pkg.name.trim() !== "" ? [escapeGlob(pkg.name)] : [];
  const paths = tsconfigFile === undefined ? [] : await tsconfigPathKeys(tsconfigFile, files);
  const imports = isPlainObject(pkg.imports) ? Object.keys(pkg.imports).filter((key) => key.startsWith("#")) : [];
  const globs = [...name, ...[...paths, ...imports].flatMap((key) => aliasToGlob(key) ?? [])];
  return [...new Set(globs)];
}

/** A `paths` or `imports` key as a glob matching the same specifiers; undefined to drop it. */
export function aliasToGlob(key: string): string | undefined {
  const parts = key.split("*");
  if (key.trim() === "" || key === "*" || key === "#" || parts.length > 2) return undefined;
  if (parts.length === 1) return escapeGlob(key);
  const [prefix, suffix] = parts as [string, string];
  if (!prefix.endsWith("/")) return `${escapeGlob(prefix)}*${escapeGlob(suffix)}`;
  return suffix === "" ? `${escapeGlob(prefix)}**` : `${escapeGlob(prefix)}**/*${escapeGlob(suffix)}`;
}

/** Escape the characters picomatch gives a meaning to, so `text` matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\](){}!|]|[+@](?=\()/g, (ch) => `\\${ch}`);
}
