/**
 * `safesort/prettier` through the real Prettier 3 API. The oracle: formatting
 * with the plugin equals formatting, without it, what the safesort core
 * writes (with the config the CLI finds) — for every wrapped parser, and for
 * Vue, Svelte and Astro files whose scripts Prettier formats as embedded code.
 */
import { createRequire } from "node:module";
import { join } from "node:path";

import * as prettier from "prettier";
import { afterAll, describe, expect, it } from "vitest";

import { loadConfig, sortSource } from "../../src/index.js";
import safesortPlugin from "../../src/plugins/prettier.js";
import { makeProject, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

const require = createRequire(import.meta.url);
const sveltePlugin = require.resolve("prettier-plugin-svelte");
const astroPlugin = require.resolve("prettier-plugin-astro");
const organizePlugin = require.resolve("prettier-plugin-organize-imports");

const JS = 'import z from "./z";\nimport axios from "axios";\nimport fs from "node:fs";\n\nrun(z, axios, fs)\nexport { b, a } from "./x";\nexport * from "./a";\n';
const TS = 'import type { X } from "x";\nimport { type B, A } from "./ab";\nimport { y } from "y";\n\nexport const v: X = y as unknown as X;\nrun(A as B)\n';

async function sortedByCore(text: string, file: string): Promise<string> {
  const result = sortSource(text, { filepath: file, config: await loadConfig(file) });
  expect(result.diagnostics).toEqual([]);
  return result.code;
}

describe("safesort/prettier", () => {
  it("sorts in preprocess for each JavaScript parser: same as formatting the CLI's output", async () => {
    const root = await makeProject({ "package.json": JSON.stringify({ name: "app", safesort: { firstParty: ["axios"] } }) });
    const cases: [string, string, string][] = [
      ["a.js", JS, "babel"],
      ["a.js", JS, "babel-flow"],
      ["a.js", JS, "flow"],
      ["a.js", JS, "acorn"],
      ["a.js", JS, "espree"],
      ["a.js", JS, "meriyah"],
      ["b.ts", TS, "typescript"],
      ["b.ts", TS, "babel-ts"],
    ];
    for (const [name, text, parser] of cases) {
      const filepath = join(root, "src", name);
      const withPlugin = await prettier.format(text, { filepath, parser, plugins: [safesortPlugin] });
      const expected = await prettier.format(await sortedByCore(text, filepath), { filepath, parser });
      expect(withPlugin, parser).toBe(expected);
      expect(withPlugin, parser).not.toBe(await prettier.format(text, { filepath, parser }));
    }
  });

  it("honours the config found from the file (no firstParty here: axios is third-party)", async () => {
    const root = await makeProject({ ".safesortrc.json": JSON.stringify({ blankLinesBetweenGroups: false }) });
    const out = await prettier.format(JS, { filepath: join(root, "a.js"), plugins: [safesortPlugin] });
    expect(out.startsWith('import fs from "node:fs";\nimport axios from "axios";\nimport z from "./z";\n')).toBe(true);
  });

  it("sorts the scripts of .vue (built in), .svelte and .astro files (their plugins)", async () => {
    const root = await makeProject({});
    const cases: [string, string, string[]][] = [
      ["App.vue", '<script setup lang="ts">\nimport { ref } from "vue";\nimport a from "./a";\nimport axios from "axios";\nrun(ref, a, axios)\n</script>\n\n<template>\n  <p>{{ a }}</p>\n</template>\n', []],
      ["Comp.svelte", '<script lang="ts">\n  import Child from "./Child.svelte";\n  import { onMount } from "svelte";\n  onMount(() => Child);\n</script>\n\n<p>hi</p>\n', [sveltePlugin]],
      ["Page.astro", '---\nimport Layout from "../layouts/Layout.astro";\nimport { getCollection } from "astro:content";\nconst all = await getCollection("a");\n---\n\n<Layout><p>{all.length}</p></Layout>\n', [astroPlugin]],
    ];
    for (const [name, text, plugins] of cases) {
      const filepath = join(root, name);
      const expected = await prettier.format(await sortedByCore(text, filepath), { filepath, plugins });
      // Either order of the plugins: the framework plugins define no JavaScript parser.
      for (const order of [[...plugins, safesortPlugin], [safesortPlugin, ...plugins]]) {
        expect(await prettier.format(text, { filepath, plugins: order }), name).toBe(expected);
      }
      expect(expected, name).not.toBe(await prettier.format(text, { filepath, plugins }));
    }
  });

  it("leaves code samples in Markdown alone", async () => {
    const md = '# Doc\n\n```js\nimport b from "b";\nimport a from "a";\n```\n';
    expect(await prettier.format(md, { parser: "markdown", plugins: [safesortPlugin] })).toBe(md);
  });

  it("a file that does not parse gets Prettier's own syntax error", async () => {
    const root = await makeProject({});
    const broken = 'import b from "b";\nimport a from "a";\nconst = 1;\n';
    const error = await prettier.format(broken, { filepath: join(root, "a.js"), plugins: [safesortPlugin] }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error!.message).toMatch(/\(3:7\)/);
    expect(error!.message).not.toContain("safesort");
  });

  it("a broken config stops formatting with safesort's located message, as it stops the CLI", async () => {
    const root = await makeProject({ ".safesortrc.json": JSON.stringify({ typeImports: "sideways" }) });
    await expect(prettier.format(JS, { filepath: join(root, "a.js"), plugins: [safesortPlugin] })).rejects.toThrow(
      `safesort: ${join(root, ".safesortrc.json")}:1:16: typeImports:`,
    );
  });

  it("range formatting leaves imports where they are", async () => {
    const root = await makeProject({});
    const text = 'import b from "b";\nimport a from "a";\nconst   x = 1;\n';
    const out = await prettier.format(text, { filepath: join(root, "a.js"), plugins: [safesortPlugin], rangeStart: 38, rangeEnd: text.length });
    expect(out).toBe('import b from "b";\nimport a from "a";\nconst x = 1;\n');
  });

  it("with prettier-plugin-organize-imports, the plugin listed last wins for the parsers both define", async () => {
    const root = await makeProject({});
    const filepath = join(root, "a.ts");
    // `unused` is removed by organize-imports (TypeScript's "organize imports"), kept by safesort.
    const text = 'import { unused } from "u";\nimport b from "b";\nimport a from "a";\n\nrun(a, b);\n';
    const safesortLast = await prettier.format(text, { filepath, plugins: [organizePlugin, safesortPlugin] });
    const organizeLast = await prettier.format(text, { filepath, plugins: [safesortPlugin, organizePlugin] });
    expect(safesortLast).toBe(await prettier.format(await sortedByCore(text, filepath), { filepath }));
    expect(safesortLast).toContain("unused");
    expect(organizeLast).toBe(await prettier.format(text, { filepath, plugins: [organizePlugin] }));
    expect(organizeLast).not.toContain("unused");
  });
});
