/**
 * The built-in codemods' fixtures (fixtures/<codemod>/), through the same
 * harness users get from "safesort/testing": output byte for byte, a second
 * run changes nothing, inputs without an output file stay byte-identical,
 * `.error.txt` cases fail with that message.
 */
import { fileURLToPath } from "node:url";

import { describe, it } from "vitest";

import { BUILTIN_CODEMODS } from "../../rules/index.js";
import { defineCodemodTest } from "../../src/testing/index.js";

for (const rule of BUILTIN_CODEMODS) {
  defineCodemodTest({ codemod: rule, fixtures: fileURLToPath(new URL(`../../fixtures/${rule.id}`, import.meta.url)), describe, it });
}
