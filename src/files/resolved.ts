/** Paths already in the form `path.resolve` gives, recognised without resolving them again. */
import { resolve, sep } from "node:path";

/** `//`, a `.` or `..` segment, or a trailing `/`: not what `path.resolve` returns. */
const UNRESOLVED = /\/\/|\/\.\.?(?:\/|$)|.\/$/;

/**
 * Whether `path` is absolute and in the normal form `path.resolve` gives
 * (POSIX only; elsewhere always false), so that resolving it is a no-op:
 * a test much cheaper than resolving, which builds the result anew.
 */
export function isResolved(path: string): boolean {
  return sep === "/" && path.charCodeAt(0) === 0x2f && !UNRESOLVED.test(path);
}

/** `resolve(cwd, path)`, without the work when `path` is resolved already. */
export function resolvedPath(cwd: string, path: string): string {
  return isResolved(path) ? path : resolve(cwd, path);
}
