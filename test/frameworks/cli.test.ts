/**
 * Framework files end to end: the real `node bin/safesort.js` (built CLI in
 * dist/) on a temp project with Vue, Svelte and Astro files, and proof that
 * the framework parsers are loaded only for those files.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects, snapshot } from "../cli/project.js";
import { REPO as repo, safesort } from "../helpers/bin.js";

afterAll(removeProjects);


const crlf = (text: string) => text.replaceAll("\n", "\r\n");

const VUE_IN = crlf('<template>\n  <p>{{ a }}</p>\n</template>\n\n<script setup lang="ts">\nimport { ref } from "vue";\nimport a from "./a";\nimport axios from "axios";\n</script>\n');
const VUE_OUT = crlf('<template>\n  <p>{{ a }}</p>\n</template>\n\n<script setup lang="ts">\nimport axios from "axios";\nimport { ref } from "vue";\n\nimport a from "./a";\n</script>\n');
const SVELTE_IN = '<script module>\n  import { b } from "./b.js";\n  import { a } from "./a.js";\n</script>\n\n<p>hi</p>\n\n<script lang="ts">\n\timport Child from "./Child.svelte";\n\timport { onMount } from "svelte";\n</script>\n';
const SVELTE_OUT = '<script module>\n  import { a } from "./a.js";\n  import { b } from "./b.js";\n</script>\n\n<p>hi</p>\n\n<script lang="ts">\n\timport { onMount } from "svelte";\n\n\timport Child from "./Child.svelte";\n</script>\n';
const ASTRO_IN = '---\nimport Layout from "../layouts/Layout.astro";\nimport { getCollection } from "astro:content";\n---\n<Layout><p>ü</p></Layout>\n';
const ASTRO_OUT = '---\nimport { getCollection } from "astro:content";\n\nimport Layout from "../layouts/Layout.astro";\n---\n<Layout><p>ü</p></Layout>\n';
const SORTED_VUE = '<script setup lang="ts">\nimport a from "a";\nimport b from "b";\n</script>\n';
const BROKEN_VUE = '<template>\n  <p/>\n</template>\n<script setup lang="ts">\nimport b from "b";\nimport { a from "a";\n</script>\n';

describe("framework files through bin/safesort.js", () => {
  it("discovers .vue, .svelte and .astro files: --check lists them, a syntax error names the file's own line:col", async () => {
    const root = await makeProject({
      "src/App.vue": VUE_IN,
      "src/Comp.svelte": SVELTE_IN,
      "src/pages/index.astro": ASTRO_IN,
      "src/Sorted.vue": SORTED_VUE,
      "src/Broken.vue": BROKEN_VUE,
    });
    const before = await snapshot(root, "src/App.vue");
    const result = safesort(["--check", "."], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("src/App.vue\nsrc/Comp.svelte\nsrc/pages/index.astro\n");
    expect(result.stderr).toMatch(/^src\/Broken\.vue:6:12: syntax error: Unexpected token, expected ","\n/);
    expect(result.stderr).toContain('> 6 | import { a from "a";');
    expect(await snapshot(root, "src/App.vue")).toEqual(before);
  });

  it("sorts in place block by block, CRLF kept, every byte outside the blocks untouched; a second run changes nothing", async () => {
    const root = await makeProject({ "App.vue": VUE_IN, "Comp.svelte": SVELTE_IN, "index.astro": ASTRO_IN, "Sorted.vue": SORTED_VUE });
    expect(safesort(["."], root)).toEqual({ code: 0, stdout: "3 files sorted, 1 unchanged\n", stderr: "" });
    expect(await read(root, "App.vue")).toBe(VUE_OUT);
    expect(await read(root, "Comp.svelte")).toBe(SVELTE_OUT);
    expect(await read(root, "index.astro")).toBe(ASTRO_OUT);
    expect(safesort(["--check", "."], root)).toMatchObject({ code: 0, stdout: "" });
  });

  it("--diff shows the block's change in the file's own lines; --stdin-filepath sorts a .svelte from stdin", async () => {
    const root = await makeProject({ "index.astro": ASTRO_IN });
    const diff = safesort(["--diff", "index.astro"], root);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toBe(
      [
        "--- a/index.astro",
        "+++ b/index.astro",
        "@@ -1,5 +1,6 @@",
        " ---",
        '-import Layout from "../layouts/Layout.astro";',
        ' import { getCollection } from "astro:content";',
        "+",
        '+import Layout from "../layouts/Layout.astro";',
        " ---",
        " <Layout><p>ü</p></Layout>",
        "",
      ].join("\n"),
    );
    expect(safesort(["--stdin-filepath", "src/Comp.svelte"], root, SVELTE_IN)).toEqual({ code: 0, stdout: SVELTE_OUT, stderr: "" });
  });
});

describe("framework files in worker threads", () => {
  it("a run large enough for the pool sorts them there as well", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      files[`vue/C${i}.vue`] = VUE_IN;
      files[`svelte/C${i}.svelte`] = SVELTE_IN;
      files[`astro/p${i}.astro`] = ASTRO_IN;
    }
    const root = await makeProject(files);
    expect(safesort(["--jobs", "2", "."], root)).toEqual({ code: 0, stdout: "90 files sorted, 0 unchanged\n", stderr: "" });
    expect(await read(root, "vue/C29.vue")).toBe(VUE_OUT);
    expect(await read(root, "svelte/C0.svelte")).toBe(SVELTE_OUT);
    expect(await read(root, "astro/p17.astro")).toBe(ASTRO_OUT);
  });
});

describe("lazy loading", () => {
  /** Which framework parsers a fresh process has loaded after sorting `filepath`. */
  function loadedAfterSorting(filepath: string, source: string): string[] {
    const script = `
      import { createRequire } from "node:module";
      const { sortSource } = await import(${JSON.stringify(join(repo, "dist", "src", "index.js"))});
      const result = sortSource(${JSON.stringify(source)}, { filepath: ${JSON.stringify(filepath)} });
      if (!result.changed) throw new Error("expected a change");
      const cache = Object.keys(createRequire(import.meta.url).cache);
      const names = ["@vue/compiler-sfc", "svelte/compiler", "@astrojs/compiler"];
      console.log(JSON.stringify(names.filter((name) => cache.some((file) => file.includes("/node_modules/" + name + "/")))));
    `;
    // Not runNode: an inline module (`node --input-type=module -e`), not a script file.
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo, encoding: "utf8" });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as string[];
  }

  it("sorting a .ts file loads no framework parser; a .vue file loads Vue's only", () => {
    expect(loadedAfterSorting("a.ts", 'import b from "b";\nimport a from "a";\n')).toEqual([]);
    expect(loadedAfterSorting("A.vue", '<script>\nimport b from "b";\nimport a from "a";\n</script>\n')).toEqual(["@vue/compiler-sfc"]);
  });
});
