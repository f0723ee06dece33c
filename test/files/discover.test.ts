import { chmod, mkdir, symlink } from "node:fs/promises";
import { join, relative, sep } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { discoverBatches, type Discovered, discoverFiles, type DiscoverOptions, isSourcePath, SOURCE_EXTENSIONS } from "../../src/files/discover.js";
import { isRoot, makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

let root: string;
beforeEach(async () => {
  root = await makeTempDir("discover");
});
afterEach(async () => {
  await removeTree(root);
});

type Simple = string | { error: string; path: string; message: string } | { skipped: string; reason: string };

/** Discovered items as short values: files relative to `base` (posix, "!" suffix when explicit), errors as objects. */
async function discover(paths: string[], options: Partial<DiscoverOptions> = {}, base = root): Promise<Simple[]> {
  const out: Simple[] = [];
  for await (const item of discoverFiles(paths, { cwd: root, ...options })) out.push(simplify(item, base));
  return out;
}

function simplify(item: Discovered, base: string): Simple {
  if (item.kind === "error") return { error: item.diagnostic.code, path: item.diagnostic.path, message: item.diagnostic.message };
  if (item.kind === "skipped") return { skipped: relative(base, item.path).split(sep).join("/"), reason: item.reason };
  return relative(base, item.path).split(sep).join("/") + (item.explicit ? "!" : "");
}

describe("isSourcePath", () => {
  it("accepts the JS/TS extensions, declaration files included, and framework files", () => {
    expect(SOURCE_EXTENSIONS).toEqual([".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte", ".astro"]);
    for (const p of ["a.js", "a.jsx", "a.mjs", "a.cjs", "a.ts", "a.tsx", "a.mts", "a.cts", "a.d.ts", "x/a.d.mts", "a.d.cts", "a.vue", "a.svelte", "a.astro"]) {
      expect(isSourcePath(p), p).toBe(true);
    }
    for (const p of ["a.json", "a.md", "a.TS", "ts", ".ts", "a.ts.bak", "a.VUE", "a.html"]) expect(isSourcePath(p), p).toBe(false);
  });
});

describe("directory walk", () => {
  it("yields source files depth-first, each directory sorted by name, skipping node_modules and .git", async () => {
    await writeTree(root, {
      "b.ts": "",
      "a/z.tsx": "",
      "a/inner/y.mjs": "",
      "a/m.cjs": "",
      "B.js": "",
      "c.d.ts": "",
      "c.mts": "",
      "README.md": "",
      "data.json": "",
      "node_modules/dep/index.js": "",
      "a/node_modules/x.js": "",
      ".git/hooks/pre-commit.js": "",
      ".hidden/h.cts": "",
    });
    const first = await discover(["."]);
    expect(first).toEqual([".hidden/h.cts", "B.js", "a/inner/y.mjs", "a/m.cjs", "a/z.tsx", "b.ts", "c.d.ts", "c.mts"]);
    expect(await discover(["."])).toEqual(first);
  });

  it("is lazy: taking the first file does not list the rest of the tree", async () => {
    await writeTree(root, { "a/1.ts": "", "b/2.ts": "", "c/3.ts": "" });
    const asked: string[] = [];
    const isExcluded = (p: string) => {
      asked.push(relative(root, p).split(sep).join("/"));
      return false;
    };
    for await (const item of discoverFiles(["."], { cwd: root, isExcluded })) {
      expect(simplify(item, root)).toBe("a/1.ts");
      break;
    }
    expect(asked).toEqual(["", "a", "a/1.ts"]);
  });

  it("in batches: the same items in the same order, a directory's files together, never an empty batch", async () => {
    const files: Record<string, string> = { "b.ts": "", "z.ts": "", "a/1.ts": "", "a/2.ts": "", "a/sub/3.ts": "", "c/.gitignore": "x.ts\n", "c/4.ts": "", "c/x.ts": "" };
    for (let i = 0; i < 300; i++) files[`big/f${String(i).padStart(3, "0")}.ts`] = "";
    await writeTree(root, files);
    const batches: string[][] = [];
    for await (const batch of discoverBatches([".", "missing.ts"], { cwd: root })) batches.push(batch.map((item) => JSON.stringify(simplify(item, root))));
    const items: string[] = [];
    for await (const item of discoverFiles([".", "missing.ts"], { cwd: root })) items.push(JSON.stringify(simplify(item, root)));
    expect(batches.flat()).toEqual(items);
    expect(batches.every((b) => b.length > 0 && b.length <= 256)).toBe(true);
    expect(batches).toContainEqual(['"a/1.ts"', '"a/2.ts"']);
    // Out of a directory and on in its parent, without waiting: the same batch.
    expect(batches).toContainEqual(['"a/sub/3.ts"', '"b.ts"']);
    expect(batches).toContainEqual(['"c/4.ts"', '"z.ts"']);
    expect(batches.filter((b) => b[0]?.startsWith('"big/')).map((b) => b.length)).toEqual([256, 44]);
  });

  it("tells each directory's listing before any of its entries is asked about", async () => {
    await writeTree(root, { "a/1.ts": "", "a/b/2.ts": "", "c.ts": "", ".safesortrc.json": "{}" });
    const events: string[] = [];
    const rel = (p: string): string => relative(root, p).split(sep).join("/");
    const onListing = (dir: string, entries: readonly { readonly name: string }[]) => void events.push(`list ${rel(dir)}: ${entries.map((e) => e.name).sort().join(",")}`);
    const isExcluded = (p: string) => (events.push(`ask ${rel(p)}`), false);
    for await (const item of discoverFiles(["."], { cwd: root, isExcluded, onListing })) void item;
    for (const [dir, child] of [["", "a"], ["a", "a/1.ts"], ["a/b", "a/b/2.ts"]] as const) {
      const listed = events.findIndex((e) => e.startsWith(`list ${dir}:`));
      expect(listed, dir).toBeGreaterThanOrEqual(0);
      expect(listed, dir).toBeLessThan(events.indexOf(`ask ${child}`));
    }
    expect(events).toContain("list : .safesortrc.json,a,c.ts");
    expect(events).toContain("list a/b: 2.ts");
  });

  it("honours nested .gitignore files, with negation, and never enters ignored directories", async () => {
    await writeTree(root, {
      ".gitignore": "*.gen.ts\nbuild/\n/top-only.ts\n",
      "build/out.js": "",
      "src/.gitignore": "!keep.gen.ts\nlocal.ts\n",
      "src/a.gen.ts": "",
      "src/keep.gen.ts": "",
      "src/local.ts": "",
      "src/main.ts": "",
      "src/top-only.ts": "",
      "src/deep/build/x.ts": "",
      "src/deep/local.ts": "",
      "top-only.ts": "",
      "x.gen.ts": "",
    });
    const asked: string[] = [];
    const isExcluded = (p: string) => {
      asked.push(relative(root, p).split(sep).join("/"));
      return false;
    };
    expect(await discover(["."], { isExcluded })).toEqual(["src/keep.gen.ts", "src/main.ts", "src/top-only.ts"]);
    // Ignored directories are pruned: nothing inside them was even looked at.
    expect(asked.filter((p) => p.includes("build"))).toEqual([]);
  });

  it("honours ancestor .gitignore files up to the git root, and none above it", async () => {
    await writeTree(root, {
      ".gitignore": "*.ts\n", // above the repository: must not apply
      "repo/.gitignore": "*.gen.ts\nvendor/\n",
      "repo/pkg/.gitignore": "secret.ts\n",
      "repo/pkg/src/a.ts": "",
      "repo/pkg/src/a.gen.ts": "",
      "repo/pkg/src/secret.ts": "",
      "repo/pkg/src/vendor/v.ts": "",
    });
    await mkdir(join(root, "repo/.git"));
    expect(await discover(["repo/pkg/src"])).toEqual(["repo/pkg/src/a.ts"]);
    const src = join(root, "repo/pkg/src");
    expect(await discover(["."], { cwd: src }, src)).toEqual(["a.ts"]);
    // A glob applies the same rules.
    expect(await discover(["repo/pkg/src/**/*.ts"])).toEqual(["repo/pkg/src/a.ts"]);
  });

  it("a directory argument that is itself ignored or excluded is not walked, and says so", async () => {
    await writeTree(root, { ".gitignore": "dist/\n", "dist/a.js": "", "src/b.ts": "", "vendor/c.ts": "" });
    await mkdir(join(root, ".git"));
    const isExcluded = (p: string) => relative(root, p) === "vendor";
    expect(await discover(["dist", "src", "vendor"], { isExcluded })).toEqual([
      { skipped: "dist", reason: "ignored by a .gitignore file" },
      "src/b.ts",
      { skipped: "vendor", reason: "excluded by the config's exclude" },
    ]);
  });

  it("calls isExcluded for directories (pruned) and files", async () => {
    await writeTree(root, { "vendor/v.ts": "", "vendor/deep/w.ts": "", "src/skip.ts": "", "src/keep.ts": "" });
    const calls: string[] = [];
    const isExcluded = async (p: string, isDirectory: boolean) => {
      const rel = relative(root, p).split(sep).join("/");
      calls.push(`${rel}${isDirectory ? "/" : ""}`);
      return rel === "vendor" || rel === "src/skip.ts";
    };
    expect(await discover(["."], { isExcluded })).toEqual(["src/keep.ts"]);
    expect(calls).toEqual(["/", "src/", "src/keep.ts", "src/skip.ts", "vendor/"]);
  });
});

describe("explicit files", () => {
  it("are yielded with explicit: true even when ignored or excluded", async () => {
    await writeTree(root, { ".gitignore": "*.gen.ts\n", "x.gen.ts": "", "excluded.ts": "" });
    await mkdir(join(root, ".git"));
    const isExcluded = () => true;
    expect(await discover(["x.gen.ts", join(root, "excluded.ts")], { isExcluded })).toEqual(["x.gen.ts!", "excluded.ts!"]);
  });

  it("are skipped as an unsupported file type without a source extension (never parsed as JavaScript)", async () => {
    const names = ["notes.md", "a.gjs", "a.gts", "a.TS", "Makefile", "a.ts.bak"];
    await writeTree(root, Object.fromEntries([...names, "ok.ts"].map((n) => [n, 'import b from "b";\nimport a from "a";\n'])));
    await symlink(join(root, "ok.ts"), join(root, "link.md"));
    expect(await discover([...names, "link.md", "ok.ts"])).toEqual([
      ...[...names, "link.md"].map((n) => ({ skipped: n, reason: "unsupported file type" })),
      "ok.ts!",
    ]);
  });

  it("a path with glob characters that exists is a file, not a pattern", async () => {
    await writeTree(root, { "pages/[id].tsx": "", "pages/i.tsx": "", "pages/d.tsx": "" });
    expect(await discover(["pages/[id].tsx"])).toEqual(["pages/[id].tsx!"]);
  });
});

describe("globs", () => {
  it("expand with dot files, skip node_modules/.git, filter by extension and .gitignore, in a stable order", async () => {
    await writeTree(root, {
      ".gitignore": "*.gen.ts\n",
      "src/b.ts": "",
      "src/a.ts": "",
      "src/x.gen.ts": "",
      "src/doc.md": "",
      "src/.config.ts": "",
      "src/sub/c.ts": "",
      "src/node_modules/m.ts": "",
      "lib/l.js": "",
    });
    await mkdir(join(root, ".git"));
    const first = await discover(["src/**/*"]);
    expect(first).toEqual(["src/.config.ts", "src/a.ts", "src/b.ts", "src/sub/c.ts"]);
    expect(await discover(["src/**/*"])).toEqual(first);
    expect(await discover(["{src,lib}/*.{ts,js}"])).toEqual(["src/.config.ts", "src/a.ts", "src/b.ts", "lib/l.js"]);
  });

  it("call isExcluded for the directories on the way, as a walk would", async () => {
    await writeTree(root, { "src/a.ts": "", "src/vendor/v.ts": "" });
    const isExcluded = (p: string) => relative(root, p) === join("src", "vendor");
    expect(await discover(["src/**/*.ts"], { isExcluded })).toEqual(["src/a.ts"]);
  });

  it("a glob matching nothing yields nothing", async () => {
    expect(await discover(["nothing/**/*.ts"])).toEqual([]);
  });
});

describe("errors and duplicates", () => {
  it("a missing path is a not-found diagnostic (path as given relative to cwd), and discovery goes on", async () => {
    await writeTree(root, { "src/a.ts": "" });
    expect(await discover(["missing/file.ts", "src"])).toEqual([
      { error: "not-found", path: join("missing", "file.ts"), message: "no such file or directory" },
      "src/a.ts",
    ]);
  });

  it("a diagnostic for a path outside cwd is absolute", async () => {
    const cwd = join(root, "work");
    await mkdir(cwd);
    expect(await discover([join(root, "gone.ts")], { cwd })).toEqual([
      { error: "not-found", path: join(root, "gone.ts"), message: "no such file or directory" },
    ]);
  });

  it("yields a file reached through two arguments once, the first time", async () => {
    await writeTree(root, { "src/a.ts": "", "src/b.ts": "" });
    expect(await discover(["src", "src/a.ts", "./src"])).toEqual(["src/a.ts", "src/b.ts"]);
    expect(await discover(["src/a.ts", "src", "src/*.ts"])).toEqual(["src/a.ts!", "src/b.ts"]);
  });

  it.skipIf(isRoot)("reports a directory it cannot list and goes on (not as root: root reads anything)", async () => {
    await writeTree(root, { "a/locked/x.ts": "", "b/ok.ts": "" });
    await chmod(join(root, "a/locked"), 0o000);
    try {
      expect(await discover(["."])).toEqual([
        { error: "unreadable", path: join("a", "locked"), message: "cannot read directory: permission denied (EACCES)" },
        "b/ok.ts",
      ]);
    } finally {
      await chmod(join(root, "a/locked"), 0o755);
    }
  });

  it.skipIf(isRoot)("a glob reports a directory it cannot list and goes on (not as root)", async () => {
    await writeTree(root, { "a/locked/x.ts": "", "b/ok.ts": "", "c.ts": "" });
    await chmod(join(root, "a/locked"), 0o000);
    try {
      // The walk's order (depth-first), as for the directory argument above.
      expect(await discover(["**/*.ts"])).toEqual([
        { error: "unreadable", path: join("a", "locked"), message: "cannot read directory: permission denied (EACCES)" },
        "b/ok.ts",
        "c.ts",
      ]);
    } finally {
      await chmod(join(root, "a/locked"), 0o755);
    }
  });
});

describe("unreadable ignore files", () => {
  it("are reported (walked directory and ancestor alike), and the walk goes on without them", async () => {
    await writeTree(root, { "repo/pkg/sub/a.ts": "", "repo/pkg/b.ts": "" });
    await mkdir(join(root, "repo/.git"));
    // A link to itself: reading it fails with ELOOP, even for root.
    await symlink(".gitignore", join(root, "repo/.gitignore"));
    await symlink(".gitignore", join(root, "repo/pkg/sub/.gitignore"));
    const message = "cannot read ignore file: too many levels of symbolic links (ELOOP)";
    expect(await discover(["repo/pkg"])).toEqual([
      { error: "unreadable", path: join("repo", ".gitignore"), message },
      "repo/pkg/b.ts",
      { error: "unreadable", path: join("repo", "pkg", "sub", ".gitignore"), message },
      "repo/pkg/sub/a.ts",
    ]);
  });
});

describe("symbolic links", () => {
  it("yields a link to a file under the link's path, does not follow links to directories, skips broken links with the reason", async () => {
    await writeTree(root, { "real/a.ts": "", "other/b.ts": "" });
    await symlink(join(root, "other/b.ts"), join(root, "other/link.ts"));
    await symlink(join(root, "real"), join(root, "other/dirlink"));
    await symlink(root, join(root, "other/loop-to-root"));
    await symlink(join(root, "nowhere.ts"), join(root, "other/dangling.ts"));
    await symlink("self.ts", join(root, "other/self.ts"));
    await symlink(join(root, "nowhere"), join(root, "other/dangling-not-source"));
    expect(await discover(["other"])).toEqual([
      "other/b.ts",
      { skipped: "other/dangling.ts", reason: "dangling symbolic link: its target does not exist" },
      "other/link.ts",
      { skipped: "other/self.ts", reason: "symbolic link loop: too many levels of symbolic links (ELOOP)" },
    ]);
  });

  it("skips a link whose real path is outside the walked directory (or the glob's base), even through a chain of links", async () => {
    await writeTree(root, { "real/a.ts": "", "other/b.ts": "" });
    await symlink(join(root, "real/a.ts"), join(root, "other/out.ts"));
    await symlink("out.ts", join(root, "other/chain.ts"));
    const reason = "symbolic link to a file outside the walked directory other; not followed, not written";
    expect(await discover(["other"])).toEqual([
      "other/b.ts",
      { skipped: "other/chain.ts", reason },
      { skipped: "other/out.ts", reason },
    ]);
    expect(await discover(["other/*.ts"])).toEqual([
      "other/b.ts",
      { skipped: "other/chain.ts", reason },
      { skipped: "other/out.ts", reason },
    ]);
    // Walking the common parent, the same links stay inside the tree.
    expect(await discover(["."])).toEqual(["other/b.ts", "other/chain.ts", "other/out.ts", "real/a.ts"]);
  });

  it("walks a directory argument that is a link, and yields an explicit link to a file", async () => {
    await writeTree(root, { "real/a.ts": "" });
    await symlink(join(root, "real"), join(root, "linked"));
    await symlink(join(root, "real/a.ts"), join(root, "a-link.ts"));
    expect(await discover(["linked", "a-link.ts"])).toEqual(["linked/a.ts", "a-link.ts!"]);
  });

  it("reports an explicit dangling link", async () => {
    await symlink(join(root, "nowhere.ts"), join(root, "broken.ts"));
    expect(await discover(["broken.ts"])).toEqual([
      { error: "unreadable", path: "broken.ts", message: "dangling symbolic link: its target does not exist" },
    ]);
  });
});
