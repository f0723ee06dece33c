/**
 * Semicolon-free style: the verifier proves from the re-parse alone that the
 * `;` leading the line after the imports stayed where it was and that no two
 * statements were glued (src/verify/terminators.ts). Each case shows the real
 * render is accepted and a render broken on purpose (processSource's
 * `afterRender` hook) is refused with the fact's own message, not merely
 * because the output no longer parses or some text changed.
 */
import { describe, expect, it } from "vitest";

import { parseSource } from "../src/parse/parser.js";
import { processSource } from "../src/pipeline/process-source.js";
import { verifyOutput } from "../src/verify/verify.js";

import { testConfig } from "./helpers/config.js";
import { itRefusesEachBreakage, type MutationCase } from "./helpers/verifier-mutations.js";

const config = testConfig();

const ASI = 'import b from "b"\nimport a from "a"\n;[a, b].forEach(run)\n';
const ASI_SORTED = 'import a from "a"\nimport b from "b"\n;[a, b].forEach(run)\n';

const CASES: Record<string, MutationCase> = {
  "moves the leading `;` to the end of the last import's line": {
    file: "/p/src/a.js",
    input: ASI,
    sorted: ASI_SORTED,
    broken: 'import a from "a"\nimport b from "b";\n[a, b].forEach(run)\n',
    message: /`;` leading a line moved/,
  },
  "drops the leading `;` (the next line still parses, by ASI)": {
    file: "/p/src/a.js",
    input: ASI,
    sorted: ASI_SORTED,
    broken: 'import a from "a"\nimport b from "b"\n[a, b].forEach(run)\n',
    message: /`;` leading a line moved/,
  },
  "moves the leading `;` in front of the last import": {
    file: "/p/src/a.js",
    input: ASI,
    sorted: ASI_SORTED,
    broken: 'import a from "a"\n;import b from "b"\n[a, b].forEach(run)\n',
    message: /share a line with the statement before them/,
  },
  "glues two imports on one line (each with its `;`)": {
    file: "/p/src/a.ts",
    input: 'import b from "b";\nimport a from "a";\n\nrun(a, b);\n',
    sorted: 'import a from "a";\nimport b from "b";\n\nrun(a, b);\n',
    broken: 'import a from "a"; import b from "b";\n\nrun(a, b);\n',
    message: /share a line with the statement before them/,
  },
  "gives an import the `;` of another (semicolons mixed)": {
    file: "/p/src/a.ts",
    input: 'import b from "b";\nimport a from "a"\n\nrun(a, b);\n',
    sorted: 'import a from "a"\nimport b from "b";\n\nrun(a, b);\n',
    broken: 'import a from "a";\nimport b from "b"\n\nrun(a, b);\n',
    message: /gained or lost its `;`/,
  },
  "sorts an import ending with its own `;` last before a leading `;`": {
    file: "/p/src/a.js",
    input: 'import c from "c";\nimport b from "b"\nimport a from "a"\n;(async () => run(a, b, c))()\n',
    sorted: 'import b from "b"\nimport c from "c";\nimport a from "a"\n;(async () => run(a, b, c))()\n',
    broken: 'import a from "a"\nimport b from "b"\nimport c from "c";\n;(async () => run(a, b, c))()\n',
    message: /fixed statements before/,
  },
  "moves an import whose skip directive ends its module line, its `;` leading the next line": {
    file: "/p/src/a.ts",
    input: 'import c from "c"\nimport b from "b"\nimport type {\n  z\n} from "z" // safesort: skip\n;[b, c].forEach(run)\n',
    sorted: 'import b from "b"\nimport c from "c"\nimport type {\n  z\n} from "z" // safesort: skip\n;[b, c].forEach(run)\n',
    broken: 'import type {\n  z\n} from "z" // safesort: skip\nimport b from "b"\nimport c from "c"\n;[b, c].forEach(run)\n',
    message: /a fixed statement changed or moved: "import type \{\\n {2}z\\n\} from \\"z\\" \/\/ safesort: skip/,
  },
};

describe("semicolon-free style: the verifier's facts", () => {
  itRefusesEachBreakage(CASES, config);

  it("refuses a render that glues two semicolon-free imports on one line (the output does not parse)", () => {
    const outcome = processSource(ASI, "/p/src/a.js", config, { afterRender: () => 'import a from "a" import b from "b"\n;[a, b].forEach(run)\n' });
    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(outcome.diagnostic.message).toMatch(/^internal error, refusing to write \(output does not parse/);
  });

  // Fact 10: when only the import region is parsed, the verifier reads the
  // rest's first token itself, so a region cut in the wrong place (the
  // region finder once missed a line comment ended by a lone CR) cannot hide
  // an import without `;` sorted last before a `;` or `with`.
  describe("the seam between the import region and the rest", () => {
    const region = 'import c from "c"\nimport b from "b"\nimport a from "a";\n';
    const parsed = parseSource(region, "/p/src/a.ts");
    const moved = 'import a from "a";\nimport b from "b"\nimport c from "c"\n';

    it.each([
      ["a `;` after a line comment ended by a lone CR", "// note\r;[a, b, c].forEach(run)\n", /would take the `;` that follows the region/],
      ["a `;` after a block comment", "/* note */ ;[a, b, c].forEach(run)\n", /would take the `;` that follows the region/],
      ["attributes", "with { type: \"json\" };\n", /would take the `with` that follows the region/],
    ])("refuses a render whose last import, without `;`, is followed by %s", (_name, rest, message) => {
      expect(verifyOutput({ parsed }, moved, "/p/src/a.ts", config)).toBeUndefined();
      expect(verifyOutput({ parsed }, moved, "/p/src/a.ts", config, rest)).toMatch(message);
    });

    it("accepts it before anything else, and an import ending with `;` before a `;`", () => {
      expect(verifyOutput({ parsed }, moved, "/p/src/a.ts", config, "// note\rrun(a, b, c);\n")).toBeUndefined();
      expect(verifyOutput({ parsed }, moved, "/p/src/a.ts", config, "assert(a)\n")).toBeUndefined();
      const semi = 'import b from "b";\nimport a from "a";\n';
      expect(verifyOutput({ parsed: parseSource(semi, "/p/src/a.ts") }, 'import a from "a";\nimport b from "b";\n', "/p/src/a.ts", config, ";[a, b].forEach(run)\n")).toBeUndefined();
    });
  });
});
