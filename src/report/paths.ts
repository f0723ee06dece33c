/** How a run names files in its reports and messages. */
import { isAbsolute, relative, sep } from "node:path";

/**
 * Display paths are relative to cwd. A file outside cwd is shown as `../x`
 * unless the user gave absolute paths, in which case it is shown absolute.
 */
export function displayPathFor(cwd: string, given: readonly string[]): (absPath: string) => string {
  const absoluteOutside = given.some((p) => isAbsolute(p));
  return (absPath) => {
    const rel = relative(cwd, absPath);
    if (rel === "") return ".";
    const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
    return outside && absoluteOutside ? absPath : rel;
  };
}
