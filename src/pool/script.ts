/** Where a built worker script lives, for every processor's pool. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A worker script by its bundle entry (`worker`, `codemod-worker`: next to the
 * bundled CLI in dist/bundle/) and its path under dist/src/ (tsc's build, and
 * for tests running from sources, the build in dist/).
 */
export function workerScript(entry: string, distPath: string): URL {
  for (const candidate of [`./${entry}.js`, `../${distPath}`, `../../dist/src/${distPath}`]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(`safesort's worker script ${distPath} is missing: run \`npm run build\``);
}
