/**
 * picomatch and ignore, evaluated the first time a run needs one: a run with
 * no pattern to compile (no glob argument, no pattern in its config) and no
 * `.gitignore` on its paths never does (a few milliseconds at start-up).
 *
 * In the bundled CLI, esbuild turns `require(…)` into a call of its own lazy
 * loader of the bundled copy (`typeof require` holds there). Elsewhere (the
 * library in dist/src, ESM without `require`), Node's require loads the
 * dependency from node_modules, as the static import did.
 */
import { createRequire } from "node:module";

import type Ignore from "ignore";
import type Picomatch from "picomatch";

let picomatch: typeof Picomatch | undefined;
let ignore: typeof Ignore | undefined;

export function loadPicomatch(): typeof Picomatch {
  return (picomatch ??= (typeof require === "function" ? require("picomatch") : createRequire(import.meta.url)("picomatch")) as typeof Picomatch);
}

export function loadIgnore(): typeof Ignore {
  return (ignore ??= (typeof require === "function" ? require("ignore") : createRequire(import.meta.url)("ignore")) as typeof Ignore);
}
