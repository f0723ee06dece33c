/** The locators: each framework's own parser finds the script blocks, at exact offsets. */
import { describe, expect, it } from "vitest";

import { locateAstroFrontmatter } from "../../src/frameworks/astro.js";
import { extForLang, lineColumnAt, type Located } from "../../src/frameworks/model.js";
import { locateSvelteScripts } from "../../src/frameworks/svelte.js";
import { locateVueScripts } from "../../src/frameworks/vue.js";

/** Each block as `name: ext: content`, so a test reads what was found, not offsets. */
function contents(source: string, located: Located): string[] {
  if (!located.ok) throw new Error(`not located: ${located.error.message}`);
  return located.blocks.map((b) => `${b.name}: ${b.ext ?? "-"}: ${JSON.stringify(source.slice(b.start, b.end))}`);
}

describe("locateVueScripts", () => {
  it("finds <script> and <script setup> in source order, with exact content offsets", () => {
    const source = '<template><p/></template>\r\n<script setup lang="ts">\r\nimport a from "a";\r\n</script>\r\n<script>\nexport default {};\n</script>\n';
    expect(contents(source, locateVueScripts(source))).toEqual([
      '<script setup>: .ts: "\\r\\nimport a from \\"a\\";\\r\\n"',
      '<script>: .js: "\\nexport default {};\\n"',
    ]);
  });

  it("picks the extension from lang; a block with src= has no content and is not a block", () => {
    const tsx = '<script setup lang="tsx">\nconst x = <a/>;\n</script>';
    expect(contents(tsx, locateVueScripts(tsx))).toEqual(['<script setup>: .tsx: "\\nconst x = <a/>;\\n"']);
    const external = '<script src="./x.ts" lang="ts"></script>\n<template><p/></template>';
    expect(locateVueScripts(external)).toEqual({ ok: true, blocks: [] });
    const coffee = '<script lang="coffee">\nx = 1\n</script>';
    expect(locateVueScripts(coffee)).toEqual({ ok: true, blocks: [{ name: "<script>", start: 22, end: 29, ext: undefined, lang: "coffee" }] });
  });

  it("refuses a file Vue refuses, at Vue's position", () => {
    expect(locateVueScripts('<template>\n  <div>\n</template>\n<script>\nimport a from "a";\n</script>')).toEqual({
      ok: false,
      error: { message: "Element is missing end tag.", line: 2, column: 3 },
    });
    const two = locateVueScripts("<script setup>a</script>\n<script setup>b</script>");
    expect(two.ok).toBe(false);
  });
});

describe("locateSvelteScripts", () => {
  it("finds the module and instance scripts (Svelte 5 and Svelte 4 syntax), in source order", () => {
    const source = '<p>{x}</p>\n<script lang="ts">\n  let x: number = 1;\n</script>\n<script context="module">\n  export const y = 2;\n</script>\n';
    expect(contents(source, locateSvelteScripts(source))).toEqual([
      '<script>: .ts: "\\n  let x: number = 1;\\n"',
      '<script module>: .js: "\\n  export const y = 2;\\n"',
    ]);
    const modern = "<script module>import a from 'a';</script>";
    expect(contents(modern, locateSvelteScripts(modern))).toEqual(["<script module>: .js: \"import a from 'a';\""]);
  });

  it("leaves scripts nested in markup alone: they are not component scripts", () => {
    const source = '<svelte:head><script type="module">import a from "a";</script></svelte:head>';
    expect(locateSvelteScripts(source)).toEqual({ ok: true, blocks: [] });
  });

  it("refuses a file Svelte refuses, with a 1-based column and without the documentation link", () => {
    expect(locateSvelteScripts("<div>\n  <p {}></p>\n</div>")).toEqual({
      ok: false,
      error: { message: "Attribute shorthand cannot be empty", line: 2, column: 6 },
    });
  });
});

describe("locateAstroFrontmatter", () => {
  it("finds the content between the fences, always as TypeScript", () => {
    const source = '---\r\nimport a from "a";\r\n---\r\n<div/>\r\n';
    expect(contents(source, locateAstroFrontmatter(source))).toEqual(['frontmatter: .ts: "\\r\\nimport a from \\"a\\";\\r\\n"']);
  });

  it("converts the compiler's UTF-8 byte offsets to string offsets (non-ASCII and astral characters before the fence)", () => {
    const source = '<!-- café 🚀 -->\n---\nimport a from "a"; // ü\n---\n<p>ü</p>';
    expect(contents(source, locateAstroFrontmatter(source))).toEqual(['frontmatter: .ts: "\\nimport a from \\"a\\"; // ü\\n"']);
  });

  it("knows that a --- line inside a template literal is not the closing fence", () => {
    const source = "---\nconst s = `\n---\n`;\n---\n<p/>";
    expect(contents(source, locateAstroFrontmatter(source))).toEqual(['frontmatter: .ts: "\\nconst s = `\\n---\\n`;\\n"']);
  });

  it("finds no block in a file without frontmatter, and refuses an unterminated one", () => {
    expect(locateAstroFrontmatter("<p>hi</p>\n")).toEqual({ ok: true, blocks: [] });
    expect(locateAstroFrontmatter('\n---\nimport a from "a";\n<p/>')).toEqual({
      ok: false,
      error: { message: "the frontmatter has no closing --- fence", line: 2, column: 1 },
    });
  });
});

describe("extForLang and lineColumnAt", () => {
  it("maps lang attributes to the parser's dialect", () => {
    expect([undefined, "js", "JS", "jsx", "ts", "typescript", "tsx", "coffee"].map(extForLang)).toEqual([
      ".js",
      ".js",
      ".js",
      ".jsx",
      ".ts",
      ".ts",
      ".tsx",
      undefined,
    ]);
  });

  it("counts lines as the JS parser does", () => {
    expect(lineColumnAt("a\r\nb\rc\nd\u2028e", 10)).toEqual({ line: 5, column: 2 });
    expect(lineColumnAt("ab", 0)).toEqual({ line: 1, column: 1 });
  });
});
