/** `explain` on framework files: each script block, with the component's own line numbers. */
import { describe, expect, it } from "vitest";

import { ParseError } from "../../src/errors.js";
import { sortSource } from "../../src/index.js";
import { explainFile } from "../../src/pipeline/explain.js";
import { testConfig } from "../helpers/config.js";

const config = testConfig();

describe("explainFile on framework files", () => {
  it("explains every script block in the component's lines", () => {
    const source = [
      "<script module>",
      '  import { b } from "./b.js";',
      '  import { a } from "./a.js";',
      "</script>",
      "",
      "<p>hi</p>",
      "",
      '<script lang="ts">',
      '  import "./setup";',
      '  import { onMount } from "svelte";',
      "</script>",
      "",
    ].join("\n");
    const explanation = explainFile(source, "Comp.svelte", config);
    expect(explanation.blocks.map((b) => [b.startLine, b.endLine, b.changed, b.imports.map((i) => `${i.line}:${i.source}`)])).toEqual([
      [2, 3, true, ["3:./a.js", "2:./b.js"]],
      [10, 10, false, ["10:svelte"]],
    ]);
    expect(explanation.barriers.map((b) => [b.line, b.reason])).toEqual([[9, "side-effect import"]]);
    expect(sortSource(source, { filepath: "Comp.svelte", config }).blocks).toBe(2);
  });

  it("throws a ParseError at the component's line and column", () => {
    const source = '---\nimport b from "b";\nimport { a from "a";\n---\n<p/>\n';
    let error: unknown;
    try {
      explainFile(source, "Page.astro", config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect([(error as ParseError).path, (error as ParseError).line, (error as ParseError).column]).toEqual(["Page.astro", 3, 12]);
  });
});
