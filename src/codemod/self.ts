/** Where safesort itself lives: for `import "safesort"` in codemods, and to cut its own frames from a codemod's stack. */
import { readFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null | undefined;

/** The directory of safesort's package.json, found upwards from this module (it runs from src/, dist/src/ or dist/bundle/). */
export function packageRoot(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === "safesort") return (cached = dir);
    } catch {
      // not here
    }
    const parent = dirname(dir);
    if (parent === dir) {
      cached = null;
      return undefined;
    }
    dir = parent;
  }
}

/**
 * A codemod's stack without safesort's frames below it: the message and the
 * frames in the codemod, up to the first frame of safesort (or of Node).
 */
export function codemodStack(stack: string | undefined): string | undefined {
  if (!stack) return stack;
  const root = packageRoot();
  const own = root ? [`${root}${sep}src${sep}`, `${root}${sep}dist${sep}`, `file://${root}/src/`, `file://${root}/dist/`] : [];
  const lines = stack.split("\n");
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame === -1) return stack;
  const cut = lines.findIndex((line, i) => i >= firstFrame && (own.some((p) => line.includes(p)) || line.includes("node:internal")));
  return cut <= firstFrame ? stack : lines.slice(0, cut).join("\n");
}
