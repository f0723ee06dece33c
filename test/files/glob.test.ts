/** Globs are walks: a base directory and a matcher over the same walk as a directory argument (src/files/glob.ts). */
import { mkdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { discoverFiles, type DiscoverOptions } from "../../src/files/discover.js";
import { expandBraces, globWalks } from "../../src/files/glob.js";
import { makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

let root: string;
beforeEach(async () => {
  root = await makeTempDir("glob");
});
afterEach(async () => {
  await removeTree(root);
});

/** Discovered files relative to root (posix); skips and errors as `kind:path`. */
async function discover(paths: string[], options: Partial<DiscoverOptions> = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const item of discoverFiles(paths, { cwd: root, ...options })) {
    const path = item.kind === "error" ? item.diagnostic.path : relative(root, item.path);
    out.push((item.kind === "file" ? "" : `${item.kind}:`) + path.split(sep).join("/"));
  }
  return out;
}

const TREE = {
  "src/z.ts": "",
  "src/a/b/deep.ts": "",
  "src/a/one.ts": "",
  "src/m.tsx": "",
  "src/a.ts": "",
  "src/.hidden/h.ts": "",
  "src/zz/last.js": "",
  "src/notes.md": "",
};

describe("a glob is the directory walk plus a matcher", () => {
  it("a glob and a directory argument that reach the same files give them in the same order", async () => {
    await writeTree(root, TREE);
    const walked = await discover(["src"]);
    // Depth-first, each directory sorted: `a/` is entered before `a.ts` and `m.tsx` are yielded (a breadth-first order would differ).
    expect(walked).toEqual(["src/.hidden/h.ts", "src/a/b/deep.ts", "src/a/one.ts", "src/a.ts", "src/m.tsx", "src/z.ts", "src/zz/last.js"]);
    expect(await discover(["src/**/*"])).toEqual(walked);
    expect(await discover(["src/**"])).toEqual(walked);
    expect(await discover(["**/*"])).toEqual(walked);
    expect(await discover(["src/**/*.ts"])).toEqual(walked.filter((p) => p.endsWith(".ts")));
  });

  it("keeps the walk's order for any tree and any file-name glob (property)", async () => {
    const name = fc.constantFrom("a", "b", "a.b", "_", "Z", "a-1");
    const file = fc.tuple(fc.array(name, { maxLength: 3 }), name, fc.constantFrom(".ts", ".js", ".tsx")).map(([dirs, base, ext]) => [...dirs, base + ext].join("/"));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(file, { minLength: 1, maxLength: 12 }), fc.constantFrom("**/*", "**/*.ts", "**/a*", "*/**/*.{js,tsx}"), async (files, glob) => {
        const dir = join(root, `case-${Math.random().toString(36).slice(2)}`);
        // A file and a directory of the same name cannot both exist: keep the first one made.
        for (const f of files) await writeTree(dir, { [f]: "" }).catch(() => undefined);
        const rel = relative(root, dir).split(sep).join("/");
        const walked = await discover([rel]);
        const globbed = await discover([`${rel}/${glob}`]);
        // Same files in the same relative order: the glob's result is a subsequence of the walk's.
        expect(globbed).toEqual(walked.filter((p) => globbed.includes(p)));
        if (glob === "**/*") expect(globbed).toEqual(walked);
      }),
      { numRuns: 25 },
    );
  });

  it("a glob under an ignored or excluded directory yields nothing (a named directory would be reported as skipped)", async () => {
    await writeTree(root, { ".gitignore": "dist/\n", "dist/a.ts": "", "dist/sub/b.ts": "", "vendor/v.ts": "", "src/s.ts": "" });
    await mkdir(join(root, ".git"));
    const isExcluded = (p: string) => relative(root, p) === "vendor";
    expect(await discover(["dist/**/*.ts", "dist/*.ts", "vendor/*.ts", "src/*.ts"], { isExcluded })).toEqual(["src/s.ts"]);
    expect(await discover(["**/*.ts"], { isExcluded })).toEqual(["src/s.ts"]);
    expect(await discover(["dist", "vendor"], { isExcluded })).toEqual(["skipped:dist", "skipped:vendor"]);
  });

  it("a glob whose base lies under node_modules or .git yields nothing, as those are never entered", async () => {
    await writeTree(root, { "node_modules/dep/a.ts": "", "src/node_modules/b.ts": "", "src/c.ts": "" });
    expect(await discover(["node_modules/**/*.ts", "src/node_modules/*.ts", "**/node_modules/**"])).toEqual([]);
    expect(await discover(["**/*.ts"])).toEqual(["src/c.ts"]);
  });

  it("expands braces (alternatives with different bases walked in the pattern's order) and matches extglobs, classes and ranges", async () => {
    await writeTree(root, { ...TREE, "lib/l.ts": "", "lib/l.js": "", "f1.ts": "", "f2.ts": "", "f3.ts": "" });
    expect(await discover(["{src,lib}/*.ts"])).toEqual(["src/a.ts", "src/z.ts", "lib/l.ts"]);
    expect(await discover(["{lib,src}/*.ts"])).toEqual(["lib/l.ts", "src/a.ts", "src/z.ts"]);
    // One base: the walk's order, whatever the order of the alternatives.
    expect(await discover(["src/{z,a}.ts"])).toEqual(["src/a.ts", "src/z.ts"]);
    expect(await discover(["src/{a/**/*.ts,m.tsx}"])).toEqual(["src/a/b/deep.ts", "src/a/one.ts", "src/m.tsx"]);
    expect(await discover(["src/*.+(tsx|js)", "src/!(a).t*"])).toEqual(["src/m.tsx", "src/z.ts"]);
    expect(await discover(["src/**/@(one|last).*"])).toEqual(["src/a/one.ts", "src/zz/last.js"]);
    expect(await discover(["f[13].ts", "f{2..3}.ts"])).toEqual(["f1.ts", "f3.ts", "f2.ts"]);
  });

  it("a negative pattern designates nothing (as before, with fast-glob): it is not an exclusion", async () => {
    await writeTree(root, TREE);
    expect(await discover(["!src/*.ts"])).toEqual([]);
    expect(await discover(["src/*.ts", "!src/a*.ts"])).toEqual(["src/a.ts", "src/z.ts"]);
    // Without glob characters it is a path, and a missing one.
    expect(await discover(["!src/a.ts"])).toEqual(["error:!src/a.ts"]);
  });

  it("enters only the directories the pattern can match below", async () => {
    await writeTree(root, TREE);
    const entered = async (pattern: string) => {
      const dirs: string[] = [];
      const isExcluded = (p: string, isDirectory: boolean) => {
        if (isDirectory) dirs.push(relative(root, p).split(sep).join("/"));
        return false;
      };
      await discover([pattern], { isExcluded });
      return dirs;
    };
    expect(await entered("src/*.ts")).toEqual(["src"]);
    expect(await entered("src/a/*.ts")).toEqual(["src/a"]);
    expect(await entered("src/*/*.ts")).toEqual(["src", "src/.hidden", "src/a", "src/zz"]);
    expect(await entered("src/a*/**/*.ts")).toEqual(["src", "src/a", "src/a/b"]);
    expect(await entered("*/a/*.ts")).toEqual(["", "src", "src/a"]);
  });
});

describe("globWalks", () => {
  it("groups alternatives by base, in order, and drops negative patterns and directory names", () => {
    const walks = (pattern: string) => globWalks(pattern, "/r").map((w) => w.base);
    expect(walks("{src,lib,src/x}/**/*.ts")).toEqual(["/r/src", "/r/lib", "/r/src/x"]);
    expect(walks("./src/{a,b}.ts")).toEqual(["/r/src"]);
    expect(walks("pages/\\[id\\]/*.tsx")).toEqual(["/r/pages/[id]"]);
    expect(walks("!src/*.ts")).toEqual([]);
    expect(walks("{src/,lib/}")).toEqual([]);
    expect(walks("!(a).ts")).toEqual(["/r"]);
  });
});

describe("expandBraces", () => {
  it("expands comma alternatives, nested and in sequence, leaving ranges, single words and escapes to the matcher", () => {
    expect(expandBraces("{a,b}/{c,d}")).toEqual(["a/c", "a/d", "b/c", "b/d"]);
    expect(expandBraces("x{a,b{c,d}}y")).toEqual(["xay", "xbcy", "xbdy"]);
    expect(expandBraces("f{1..3}.ts")).toEqual(["f{1..3}.ts"]);
    expect(expandBraces("{a}{b,c}")).toEqual(["{a}b", "{a}c"]);
    expect(expandBraces("\\{a,b}")).toEqual(["\\{a,b}"]);
    expect(expandBraces("{a,a,b}")).toEqual(["a", "b"]);
    expect(expandBraces("{a,b")).toEqual(["{a,b"]);
    expect(expandBraces("{,x}.ts")).toEqual([".ts", "x.ts"]);
  });
});
