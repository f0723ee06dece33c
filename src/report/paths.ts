/** How every command names files in its reports and messages: the one display path. */
import { isAbsolute, relative, sep } from "node:path";

import { isResolved } from "../files/resolved.js";

/**
 * A path as the user sees it: relative to `cwd`, `/`-separated (`"."` for
 * cwd itself). A path outside cwd is shown absolute, or as `../x` with
 * `absoluteOutside: false`.
 */
export function displayPath(cwd: string, absPath: string, { absoluteOutside = true }: { readonly absoluteOutside?: boolean } = {}): string {
  const rel = relative(cwd, absPath);
  if (rel === "") return ".";
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (outside && absoluteOutside) return absPath;
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/**
 * A run's display paths: a file outside cwd is shown as `../x`, unless the
 * user gave absolute paths, in which case it is shown absolute.
 */
export function displayPathFor(cwd: string, given: readonly string[]): (absPath: string) => string {
  const absoluteOutside = given.some((p) => isAbsolute(p));
  // Below cwd, both in normal form (a run's paths are): the rest of the path, without `relative`'s normalizing.
  const below = isResolved(cwd) ? (cwd.endsWith("/") ? cwd : `${cwd}/`) : undefined;
  return (absPath) =>
    below !== undefined && absPath.startsWith(below) && absPath.length > below.length && isResolved(absPath)
      ? absPath.slice(below.length)
      : displayPath(cwd, absPath, { absoluteOutside });
}
