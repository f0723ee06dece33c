/**
 * scripts/peer-suites-extract.mjs reads other sorters' test suites into
 * input / expected pairs: Biome snapshots (an old-style unified diff, or the
 * newer numbered fix rows) and simple-import-sort's RuleTester files. Small
 * synthetic samples of each shape, written here, not copied from the suites.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

// @ts-expect-error: a plain .mjs script without types
import { applyFixRows, applyUnifiedDiff, caseFromSnap, casesFromRuleTester } from "../../scripts/peer-suites-extract.mjs";
import { makeTempDir, removeTree } from "../helpers/tree.js";

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir("peer-extract");
});
afterAll(() => removeTree(dir));

describe("peer suite extraction", () => {
  it("applies a unified diff, context checked, to the input", () => {
    const input = 'import b from "b";\nimport a from "a";\nrun();\n';
    const diff = '@@ -1,3 +1,3 @@\n+import a from "a";\n import b from "b";\n-import a from "a";\n run();';
    expect(applyUnifiedDiff(input, diff)).toBe('import a from "a";\nimport b from "b";\nrun();\n');
    expect(applyUnifiedDiff(input, "@@ -1,1 +1,1 @@\n import x from \"x\";")).toBeUndefined();
  });

  it("applies Biome's numbered fix rows (· for spaces, rows not shown unchanged)", () => {
    const input = '// head\nimport { B } from "b";\nimport { A } from "a";\n\nrun();\n';
    const rows = [
      '    1 1 │   // head',
      '    2   │ - import·{·B·}·from·"b";',
      '    3   │ - import·{·A·}·from·"a";',
      '      2 │ + import·{·A·}·from·"a";',
      '      3 │ + import·{·B·}·from·"b";',
      '    4 4 │   ',
    ].join("\n");
    expect(applyFixRows(input, rows)).toBe('// head\nimport { A } from "a";\nimport { B } from "b";\n\nrun();\n');
  });

  it("reads a snapshot: input, and the expected output (none when only diagnostics are shown)", () => {
    const snap = '# Input\n```ts\nimport b from "b";\nimport a from "a";\n\n```\n\n# Actions\n```diff\n@@ -1,2 +1,2 @@\n+import a from "a";\n import b from "b";\n-import a from "a";\n\n```\n';
    expect(caseFromSnap(snap)).toEqual({ ext: "ts", input: 'import b from "b";\nimport a from "a";\n', expected: 'import a from "a";\nimport b from "b";\n' });
    expect(caseFromSnap('# Input\n```js\nimport a from "a";\n\n```\n')).toMatchObject({ expected: 'import a from "a";\n' });
    expect(caseFromSnap('# Input\n```js\nimport a from "a";\n```\n\n# Diagnostics\n```\nsomething\n```\n')).toMatchObject({ expected: undefined });
  });

  it("reads a RuleTester file: valid cases expect no change, invalid ones their inline snapshot", () => {
    const file = join(dir, "imports.test.js");
    writeFileSync(
      file,
      [
        'import { RuleTester } from "eslint";',
        "const tests = (expect) => ({",
        "  valid: [`import a from \"a\"`],",
        "  invalid: [",
        "    {",
        "      code: input`\n          |import b from \"b\"\n          |import a from \"a\"\n      `,",
        "      output: (actual) => {",
        "        expect(actual).toMatchInlineSnapshot(`\n          |import a from \"a\"\n          |→import b from \"b\"\n        `);",
        "      },",
        "      options: [{ groups: [] }],",
        "    },",
        "  ],",
        "});",
        'new RuleTester({ parser: require.resolve("@typescript-eslint/parser") }).run("TS", plugin.rules.imports, tests(expect));',
        "",
      ].join("\n"),
    );
    expect(casesFromRuleTester(file)).toEqual([
      { kind: "valid", ext: "ts", input: 'import a from "a"', expected: 'import a from "a"', options: undefined },
      { kind: "invalid", ext: "ts", input: 'import b from "b"\nimport a from "a"', expected: 'import a from "a"\n\timport b from "b"', options: [{ groups: [] }] },
    ]);
  });
});
