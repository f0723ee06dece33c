/**
 * Sorting framework files through the core: positions in the whole file,
 * skips, and the guard that refuses a splice the framework would read
 * differently.
 */
import { describe, expect, it } from "vitest";

import { processFrameworkSource } from "../../src/frameworks/index.js";
import type { Locator } from "../../src/frameworks/model.js";
import { sortBlocks } from "../../src/frameworks/sort-blocks.js";
import { locateVueScripts } from "../../src/frameworks/vue.js";
import { processSource } from "../../src/pipeline/process-source.js";
import type { SourceOutcome } from "../../src/types.js";
import { testConfig } from "../helpers/config.js";

const config = testConfig();
const sort = (source: string, path: string) => processSource(source, path, config);

describe("errors in whole-file coordinates", () => {
  it("a syntax error on a later line of a block: the block's line offset is added, the frame shows the file", () => {
    const source = '<template>\n  <p/>\n</template>\n<script setup lang="ts">\nimport b from "b";\nimport { a from "a";\n</script>\n';
    const outcome = sort(source, "src/App.vue");
    expect(outcome).toEqual({
      status: "failed",
      diagnostic: {
        code: "syntax-error",
        message: 'Unexpected token, expected ","',
        path: "src/App.vue",
        line: 6,
        column: 12,
        frame: '  5 | import b from "b";\n> 6 | import { a from "a";\n    |            ^\n  7 | </script>',
      },
    });
  });

  it("a syntax error on the block's first line: the column is offset by the start tag", () => {
    const source = '<p>{x}</p>\n<script lang="ts">import { a from "a";</script>\n';
    const outcome = sort(source, "Comp.svelte");
    expect(outcome.status).toBe("failed");
    // Svelte parses the script itself and refuses first, at the same place the core would.
    const d = (outcome as Extract<SourceOutcome, { status: "failed" }>).diagnostic;
    expect([d.message, d.path, d.line, d.column]).toEqual(["Unexpected token", "Comp.svelte", 2, '<script lang="ts">import { a '.length + 1]);
  });

  it("an error the core finds (not the framework) on a block's first line, in an Astro frontmatter", () => {
    const source = '<!-- é -->\n--- import { a from "a"; ---\n<p/>';
    const outcome = sort(source, "Page.astro");
    const d = (outcome as Extract<SourceOutcome, { status: "failed" }>).diagnostic;
    expect([d.code, d.path, d.line, d.column]).toEqual(["syntax-error", "Page.astro", 2, "--- import { a ".length + 1]);
    expect(d.frame).toBe('  1 | <!-- é -->\n> 2 | --- import { a from "a"; ---\n    |                ^\n  3 | <p/>');
  });

  it("a file the framework refuses is a syntax error at the framework's position, untouched", () => {
    const outcome = sort('<template>\n  <div>\n</template>\n<script>\nimport b from "b";\nimport a from "a";\n</script>\n', "App.vue");
    expect(outcome).toMatchObject({ status: "failed", diagnostic: { code: "syntax-error", message: "Element is missing end tag.", line: 2, column: 3 } });
  });
});

describe("skips", () => {
  it("`safesort: skip-file` in any block skips the whole file", () => {
    const source = '<script>\nimport b from "b";\nimport a from "a";\n</script>\n<script setup>\n// safesort: skip-file\nimport d from "d";\n</script>\n';
    expect(sort(source, "App.vue")).toEqual({ status: "skipped", reason: "safesort: skip-file" });
  });

  it("a block in another language is left alone; the JS/TS block next to it is sorted", () => {
    const coffee = '<script lang="coffee">\nimport b from "b"\nimport a from "a"\n</script>\n';
    expect(sort(coffee, "App.vue")).toEqual({ status: "skipped", reason: '<script> with lang="coffee" is not JavaScript or TypeScript' });
    const mixed = coffee + '<script setup lang="ts">\nimport b from "b";\nimport a from "a";\n</script>\n';
    expect(sort(mixed, "App.vue")).toEqual({
      status: "changed",
      output: coffee + '<script setup lang="ts">\nimport a from "a";\nimport b from "b";\n</script>\n',
    });
  });

  it("a file without `import` or `export` never loads a parser and is unchanged", () => {
    const throwing: Locator = () => {
      throw new Error("must not be called");
    };
    expect(processFrameworkSource("<p>hello</p>", "A.vue", throwing, sort)).toEqual({ status: "unchanged" });
  });
});

describe("the splice guard", () => {
  const source = '<template><p/></template>\n<script setup>\nimport b from "b";\n</script>\n<style>p{}</style>\n';

  it("refuses an output in which the framework would find other blocks", () => {
    // A broken core whose output closes the script early: Vue would now see the rest as markup.
    const broken = (text: string): SourceOutcome => ({ status: "changed", output: text.replace("\n", "\n</script>\n<script>\n") });
    expect(sortBlocks(source, "App.vue", locateVueScripts, broken)).toEqual({
      status: "failed",
      diagnostic: { code: "internal-error", message: "internal error, refusing to write (the sorted file has 2 script blocks instead of 1)", path: "App.vue" },
    });
  });

  it("refuses an output whose blocks moved text outside them", () => {
    let calls = 0;
    // The second look (at the output) sees the block one character later: the text before it changed.
    const shifty: Locator = (text) => {
      const located = locateVueScripts(text);
      if (!located.ok || calls++ === 0) return located;
      return { ok: true, blocks: located.blocks.map((b) => ({ ...b, start: b.start + 1 })) };
    };
    const outcome = sortBlocks(source, "App.vue", shifty, () => ({ status: "changed", output: '\nimport a from "a";\n' }));
    expect(outcome).toMatchObject({ status: "failed", diagnostic: { code: "internal-error", message: expect.stringContaining("text before <script setup> changed") } });
  });

  it("a crashing framework parser is an internal error with its stack, never an exception", () => {
    const crashing: Locator = () => {
      throw new Error("wasm trap");
    };
    const outcome = processFrameworkSource('import a from "a";', "A.astro", crashing, sort);
    expect(outcome).toMatchObject({ status: "failed", diagnostic: { code: "internal-error", message: "internal error, refusing to write (wasm trap)", path: "A.astro" } });
    expect((outcome as Extract<SourceOutcome, { status: "failed" }>).diagnostic.stack).toContain("wasm trap");
  });

  it("an internal error of the core inside a block names the framework file", () => {
    const outcome = processSource('<script>\nimport b from "b";\nimport a from "a";\n</script>\n', "App.vue", config, {
      afterRender: (output) => output.replace('"a"', '"z"'),
    });
    expect(outcome).toMatchObject({ status: "failed", diagnostic: { code: "internal-error", path: "App.vue" } });
  });
});
