/** Paths for messages and module specifiers. */
import { isAbsolute, relative, sep } from "node:path";

/** A path for messages: relative to `cwd` when inside it, else absolute. */
export function displayPath(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath);
  if (rel === "") return ".";
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? absPath : toPosix(rel);
}

/** `a\\b` → `a/b` (module specifiers and diff headers always use `/`). */
export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
