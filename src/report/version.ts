import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** Set by scripts/bundle.mjs in the bundled CLI (package.json's version, which it is built with); undefined elsewhere. */
declare const __SAFESORT_VERSION__: string | undefined;

/**
 * safesort's version from its package.json, found by walking up from this
 * module (it runs both from `src/cli/` under vitest and from `dist/src/cli/`).
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  // The bundle knows it: no package.json to look for at start-up.
  if (typeof __SAFESORT_VERSION__ === "string") return (cached = __SAFESORT_VERSION__);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const found = readVersion(join(dir, "package.json"));
    if (found !== undefined) return (cached = found);
    const parent = dirname(dir);
    if (parent === dir) return (cached = "0.0.0");
    dir = parent;
  }
}

function readVersion(file: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    return pkg.name === "safesort" && typeof pkg.version === "string" ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
