/** Paths in module specifiers (display paths: src/report/paths.ts). */
import { sep } from "node:path";

/** `a\\b` → `a/b` (module specifiers and diff headers always use `/`). */
export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
