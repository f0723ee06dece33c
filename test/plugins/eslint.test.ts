/**
 * `safesort/eslint` through the real ESLint 9 and 10 `Linter`: reports at
 * each unsorted block's first line, fixes to exactly what the library core
 * writes with the config the CLI finds, leaves unparsable files to ESLint, and
 * works with the TypeScript, Vue, Svelte and Astro ESLint parsers.
 */
import { join } from "node:path";

import * as tsParser from "@typescript-eslint/parser";
import astroParser from "astro-eslint-parser";
import { Linter as Linter9 } from "eslint";
import { Linter as Linter10 } from "eslint10";
import svelteParser from "svelte-eslint-parser";
import { afterAll, describe, expect, it } from "vitest";
import vueParser from "vue-eslint-parser";

import { loadConfig, sortSource } from "../../src/index.js";
import safesort, { CONFLICTING_RULES } from "../../src/plugins/eslint.js";
import { makeProject, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

type FlatConfig = Linter9.Config[];

/** What these tests use of a Linter, the same in ESLint 9 and 10. */
interface AnyLinter {
  verify(code: string, config: FlatConfig, filename: string): Linter9.LintMessage[];
  verifyAndFix(code: string, config: FlatConfig, filename: string): Linter9.FixReport;
}

const UNSORTED = 'import z from "./z";\nimport axios from "axios";\nimport fs from "node:fs";\n\nrun(z, axios, fs);\nexport { b, a } from "./x";\nexport * from "./a";\n';

/** What the CLI's core writes for `text` at `file`, with the config it finds there. */
async function cliOutput(text: string, file: string): Promise<string> {
  const result = sortSource(text, { filepath: file, config: await loadConfig(file) });
  expect(result.diagnostics).toEqual([]);
  return result.code;
}

/** ESLint matches configs against paths relative to its cwd: each project is linted from its root. */
const linters: [string, (cwd: string) => AnyLinter][] = [
  ["ESLint 9", (cwd) => new Linter9({ cwd }) as AnyLinter],
  ["ESLint 10", (cwd) => new Linter10({ cwd }) as unknown as AnyLinter],
];

describe.each(linters)("%s Linter", (_name, makeLinter) => {
  const recommended = [safesort.configs.recommended] as FlatConfig;

  it("reports each unsorted block at its first line, and --fix writes the CLI's output", async () => {
    const root = await makeProject({ "package.json": "{}\n" });
    const file = join(root, "src", "a.js");
    const linter = makeLinter(root);
    const messages = linter.verify(UNSORTED, recommended, file);
    expect(messages.map((m) => [m.ruleId, m.messageId, m.line, m.endLine, m.column])).toEqual([
      ["safesort/sort-imports", "unsorted", 1, 3, 1],
      ["safesort/sort-imports", "unsorted", 6, 7, 1],
    ]);
    expect(messages.map((m) => m.message)).toEqual(["Imports are not sorted (safesort).", "Re-exports are not sorted (safesort)."]);
    const fixed = linter.verifyAndFix(UNSORTED, recommended, file);
    expect(fixed.messages).toEqual([]);
    expect(fixed.output).toBe(await cliOutput(UNSORTED, file));
    expect(fixed.output).not.toBe(UNSORTED);
    // Already sorted: nothing to say.
    expect(linter.verify(fixed.output, recommended, file)).toEqual([]);
  });

  it("honours the config files the CLI finds from the linted file's directory", async () => {
    const root = await makeProject({
      "package.json": JSON.stringify({ name: "app", safesort: { firstParty: ["axios"] } }),
      "lib/.safesortrc.json": JSON.stringify({ blankLinesBetweenGroups: false }),
      "gen/safesort.config.json": JSON.stringify({ exclude: ["skipped.js"] }),
    });
    const linter = makeLinter(root);
    for (const file of [join(root, "src", "a.js"), join(root, "lib", "a.js")]) {
      const fixed = linter.verifyAndFix(UNSORTED, recommended, file);
      expect(fixed.output).toBe(await cliOutput(UNSORTED, file));
    }
    // The two configs differ, and the rule saw the difference.
    expect(linter.verifyAndFix(UNSORTED, recommended, join(root, "src", "a.js")).output).toContain('"axios";\n\nimport z');
    expect(linter.verifyAndFix(UNSORTED, recommended, join(root, "lib", "a.js")).output).not.toContain("\n\nimport");
    // `exclude` covers the file: no report, as the CLI would not walk it.
    expect(linter.verify(UNSORTED, recommended, join(root, "gen", "skipped.js"))).toEqual([]);
    expect(linter.verify(UNSORTED, recommended, join(root, "gen", "kept.js"))).toHaveLength(2);
  });

  it("an invalid config is reported without a fix, naming the config file and key", async () => {
    const root = await makeProject({ ".safesortrc.json": JSON.stringify({ typeImports: "sideways" }) });
    const file = join(root, "a.js");
    const messages = makeLinter(root).verify(UNSORTED, recommended, file);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.messageId).toBe("failed");
    expect(messages[0]!.message).toContain(`${join(root, ".safesortrc.json")}:1:16`);
    expect(messages[0]!.message).toContain("typeImports");
    expect(messages[0]!.fix).toBeUndefined();
  });

  it("a file that does not parse is left to ESLint's own parse error", async () => {
    const root = await makeProject({});
    const broken = 'import b from "b";\nimport a from "a";\nconst = 1;\n';
    const linter = makeLinter(root);
    const messages = linter.verify(broken, recommended, join(root, "a.js"));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 3 });
    expect(linter.verifyAndFix(broken, recommended, join(root, "a.js")).output).toBe(broken);
  });

  it("keeps CRLF line endings and a BOM, as the CLI does", async () => {
    const root = await makeProject({});
    const file = join(root, "a.ts");
    const text = "\uFEFF" + UNSORTED.replaceAll("\n", "\r\n");
    const config = [...recommended, { files: ["**/*.ts"], languageOptions: { parser: tsParser } }] as FlatConfig;
    const fixed = makeLinter(root).verifyAndFix(text, config, file);
    expect(fixed.output).toBe(await cliOutput(text, file));
    expect(fixed.output.startsWith("\uFEFF")).toBe(true);
    expect(fixed.output).toContain('import fs from "node:fs";\r\n\r\nimport axios');
  });

  it("works with @typescript-eslint/parser: type imports, TS-only syntax", async () => {
    const root = await makeProject({});
    const file = join(root, "a.ts");
    const text = 'import { type B, A } from "./ab";\nimport type { X } from "x";\nimport { y } from "y";\n\nenum E { A }\nexport const v: X = y as unknown as X;\n';
    const config = [...recommended, { files: ["**/*.ts"], languageOptions: { parser: tsParser } }] as FlatConfig;
    const linter = makeLinter(root);
    expect(linter.verify(text, config, file).map((m) => m.line)).toEqual([1]);
    expect(linter.verifyAndFix(text, config, file).output).toBe(await cliOutput(text, file));
  });

  it("sorts .vue, .svelte and .astro files whole with their ESLint parsers, as the CLI does", async () => {
    const root = await makeProject({});
    // Name, text, parser, its options, the line the unsorted block starts on in the component.
    const cases: [string, string, unknown, object, number][] = [
      ["App.vue", '<template>\n  <p>{{ a }}</p>\n</template>\n\n<script setup lang="ts">\nimport { ref } from "vue";\nimport a from "./a";\nimport axios from "axios";\nconsole.log(ref, a, axios);\n</script>\n', vueParser, { parser: tsParser }, 6],
      ["Comp.svelte", '<script lang="ts">\n\timport Child from "./Child.svelte";\n\timport { onMount } from "svelte";\n\tonMount(() => Child);\n</script>\n\n<p>hi</p>\n', svelteParser, { parser: tsParser }, 2],
      ["Page.astro", '---\nimport Layout from "../layouts/Layout.astro";\nimport { getCollection } from "astro:content";\nconst all = await getCollection("a");\n---\n<Layout><p>{all.length}</p></Layout>\n', astroParser, { parser: tsParser }, 2],
    ];
    const linter = makeLinter(root);
    for (const [name, text, parser, parserOptions, line] of cases) {
      const file = join(root, "src", name);
      const config = [...recommended, { files: [`**/${name}`], languageOptions: { parser, parserOptions } }] as FlatConfig;
      const messages = linter.verify(text, config, file);
      expect(messages.map((m) => [m.ruleId, m.messageId, m.line]), name).toEqual([["safesort/sort-imports", "unsorted", line]]);
      const expected = await cliOutput(text, file);
      expect(expected, name).not.toBe(text);
      expect(linter.verifyAndFix(text, config, file).output, name).toBe(expected);
    }
  });

  it("a processor's virtual file is sorted as a script by its own name, with the real file's config", async () => {
    const root = await makeProject({ "docs/.safesortrc.json": JSON.stringify({ blankLinesBetweenGroups: false }) });
    // Hands ESLint the text between the fences as `<file>/0.js`.
    const fences: Linter9.Processor = {
      supportsAutofix: true,
      preprocess: (text) => [{ text: text.split("```js\n")[1]!.split("```")[0]!, filename: "0.js" }],
      postprocess: (messages) => messages.flat(),
    };
    const doc = "# Doc\n\n```js\n" + UNSORTED + "```\n";
    const config = [{ files: ["**/*.md"], processor: fences }, { files: ["**/*.md/*.js"], ...safesort.configs.recommended }] as FlatConfig;
    const messages = makeLinter(root).verify(doc, config, join(root, "docs", "doc.md"));
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
      ["safesort/sort-imports", 1],
      ["safesort/sort-imports", 6],
    ]);
    const fix = messages[0]!.fix!;
    const block = UNSORTED.slice(0, fix.range[0]) + fix.text + UNSORTED.slice(fix.range[1]);
    expect(block).toBe(await cliOutput(UNSORTED, join(root, "docs", "doc.md.js")));
    expect(block).toContain('import fs from "node:fs";\nimport axios from "axios";\nimport z');
  });

  it("disable-conflicting turns off other import sorters' rules, known to ESLint or not", async () => {
    const root = await makeProject({});
    const linter = makeLinter(root);
    const before = linter.verify(UNSORTED, [{ rules: { "sort-imports": "error" } }] as FlatConfig, "a.js");
    expect(before.some((m) => m.ruleId === "sort-imports")).toBe(true);
    const config = [{ rules: { "sort-imports": "error" } }, safesort.configs["disable-conflicting"]] as FlatConfig;
    expect(linter.verify(UNSORTED, config, "a.js")).toEqual([]);
    expect(Object.keys(safesort.configs["disable-conflicting"].rules ?? {})).toEqual(CONFLICTING_RULES);
  });
});
