/**
 * The verifier's facts about what never moves, each shown refusing a render
 * broken on purpose (processSource's `afterRender` hook) with the fact's own
 * message: the file header (first comment, triple-slash directives, pragmas),
 * range markers, line breaks. Each case also shows the unbroken render is
 * accepted, so a refusal comes from the breakage.
 */
import { describe, expect, it } from "vitest";

import { processSource } from "../src/pipeline/process-source.js";

import { testConfig } from "./helpers/config.js";
import { itRefusesEachBreakage, type MutationCase } from "./helpers/verifier-mutations.js";

const config = testConfig();

const CASES: Record<string, MutationCase> = {
  "moves a triple-slash directive below an import": {
    file: "/p/src/a.ts",
    input: '/// <reference types="node" />\nimport { b } from "./b";\nimport { a } from "./a";\n',
    sorted: '/// <reference types="node" />\nimport { a } from "./a";\nimport { b } from "./b";\n',
    broken: 'import { a } from "./a";\n/// <reference types="node" />\nimport { b } from "./b";\n',
    message: /file header/,
  },
  "moves the file's first comment with its import": {
    file: "/p/src/a.ts",
    input: '// Widgets.\nimport { b } from "./b";\nimport { a } from "./a";\n',
    sorted: '// Widgets.\nimport { a } from "./a";\nimport { b } from "./b";\n',
    broken: 'import { a } from "./a";\n// Widgets.\nimport { b } from "./b";\n',
    message: /file header/,
  },
  "moves a hashbang-and-pragma header below an import": {
    file: "/p/src/a.js",
    input: '#!/usr/bin/env node\n// @flow\n/** @jsx h */\nimport { b } from "./b";\nimport { a } from "./a";\n',
    sorted: '#!/usr/bin/env node\n// @flow\n/** @jsx h */\nimport { a } from "./a";\nimport { b } from "./b";\n',
    broken: '#!/usr/bin/env node\n// @flow\nimport { a } from "./a";\n/** @jsx h */\nimport { b } from "./b";\n',
    message: /file header/,
  },
  "carries a pragma from a later import to the top": {
    file: "/p/src/a.jsx",
    input: 'import { z } from "./z";\n/** @jsx h */\nimport { h } from "preact";\nimport { y } from "./y";\n',
    sorted: 'import { z } from "./z";\n/** @jsx h */\nimport { h } from "preact";\nimport { y } from "./y";\n',
    broken: '/** @jsx h */\nimport { h } from "preact";\nimport { z } from "./z";\nimport { y } from "./y";\n',
    message: /file-level comment moved before the first statement/,
  },
  "moves an import out of an eslint-disable range": {
    file: "/p/src/a.ts",
    input: 'import { c } from "./c";\n/* eslint-disable no-console */\nimport { b } from "./b";\nimport { a } from "./a";\n/* eslint-enable no-console */\n',
    sorted: 'import { c } from "./c";\n/* eslint-disable no-console */\nimport { a } from "./a";\nimport { b } from "./b";\n/* eslint-enable no-console */\n',
    broken: 'import { a } from "./a";\n/* eslint-disable no-console */\nimport { c } from "./c";\nimport { b } from "./b";\n/* eslint-enable no-console */\n',
    message: /crossed a range marker/,
  },
  "moves an import into a region": {
    file: "/p/src/a.ts",
    input: '// #region icons\nimport { z } from "./z";\nimport { y } from "./y";\n// #endregion\nimport { a } from "./a";\n',
    sorted: '// #region icons\nimport { y } from "./y";\nimport { z } from "./z";\n// #endregion\nimport { a } from "./a";\n',
    broken: '// #region icons\nimport { a } from "./a";\nimport { y } from "./y";\n// #endregion\nimport { z } from "./z";\n',
    message: /crossed a range marker/,
  },
  "swaps the markers of two ranges": {
    file: "/p/src/a.ts",
    input: 'import { c } from "./c";\n// biome-ignore-start lint: x\nimport { b } from "./b";\nimport { a } from "./a";\n// biome-ignore-end lint: x\nimport { d } from "./d";\n',
    sorted: 'import { c } from "./c";\n// biome-ignore-start lint: x\nimport { a } from "./a";\nimport { b } from "./b";\n// biome-ignore-end lint: x\nimport { d } from "./d";\n',
    broken: 'import { c } from "./c";\n// biome-ignore-end lint: x\nimport { a } from "./a";\nimport { b } from "./b";\n// biome-ignore-start lint: x\nimport { d } from "./d";\n',
    message: /range markers .* changed or were reordered/,
  },
  "writes an LF into a CR-only file": {
    file: "/p/src/a.ts",
    input: 'import { b } from "./b";\rimport { a } from "./a";\r\rexport { a, b };\r',
    sorted: 'import { a } from "./a";\rimport { b } from "./b";\r\rexport { a, b };\r',
    broken: 'import { a } from "./a";\nimport { b } from "./b";\r\rexport { a, b };\r',
    message: /line break "\\n" appeared in the file/,
  },
  "writes an LF between CRLF imports of a mixed file": {
    file: "/p/src/a.ts",
    input: 'import { b } from "./b";\r\nimport { a } from "./a";\r\n\nexport { a, b };\n',
    sorted: 'import { a } from "./a";\r\nimport { b } from "./b";\r\n\nexport { a, b };\n',
    broken: 'import { a } from "./a";\nimport { b } from "./b";\r\n\nexport { a, b };\n',
    message: /line break "\\n" appeared between fixed statements/,
  },
  "writes a lone CR into an LF file": {
    file: "/p/src/a.ts",
    input: 'import { b } from "./b";\nimport { a } from "./a";\n',
    sorted: 'import { a } from "./a";\nimport { b } from "./b";\n',
    broken: 'import { a } from "./a";\rimport { b } from "./b";\n',
    message: /line break "\\r" appeared/,
  },
};

describe("the verifier's facts about what never moves", () => {
  itRefusesEachBreakage(CASES, config);
});

describe("line breaks as the parser counts them", () => {
  it("a syntax error in a CR-only file gets the parser's line and a code frame", () => {
    const source = 'import { b } from "./b";\rimport { a from "./a";\rexport { b };\r';
    const outcome = processSource(source, "/p/src/broken.ts", config);
    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(outcome.diagnostic.code).not.toBe("internal-error");
    expect(outcome.diagnostic.line).toBe(2);
    expect(outcome.diagnostic.frame).toContain('> 2 | import { a from "./a";');
    expect(outcome.diagnostic.frame).toContain('  1 | import { b } from "./b";');
  });

  it("never writes an LF into a CR-only file, blank lines between groups included", () => {
    const source = 'import { z } from "./z";\rimport { readFile } from "node:fs";\rimport { a } from "a";\r';
    const outcome = processSource(source, "/p/src/cr.ts", config);
    expect(outcome).toEqual({ status: "changed", output: 'import { readFile } from "node:fs";\r\rimport { a } from "a";\r\rimport { z } from "./z";\r' });
  });
});
