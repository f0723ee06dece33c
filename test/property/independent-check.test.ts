/**
 * The independent checker must not be vacuous: it accepts a correct sort and
 * refuses each kind of damage a broken sorter could do.
 */
import { describe, expect, it } from "vitest";

import { checkCommentAttachment, checkSortOutput } from "../helpers/independent-check.js";

const ts = { filepath: "/project/src/a.ts" };

const input = [
  "#!/usr/bin/env node",
  '"use client";',
  "/* header */",
  "",
  "// about b",
  'import b, { y, x } from "b"; // b',
  'import a from "a";',
  'jest.mock("./m");',
  'import type { T } from "./t";',
  'import * as c from "../c";',
  "",
].join("\n");

const sorted = [
  "#!/usr/bin/env node",
  '"use client";',
  "/* header */",
  "",
  'import a from "a";',
  "// about b",
  'import b, { x, y } from "b"; // b',
  'jest.mock("./m");',
  'import * as c from "../c";',
  'import type { T } from "./t";',
  "",
].join("\n");

describe("independent checker", () => {
  it("accepts a correct sort (statements, specifiers and comments moved inside their runs)", () => {
    expect(checkSortOutput(input, sorted, ts)).toEqual([]);
    expect(checkCommentAttachment(input, sorted, ts)).toEqual([]);
  });

  it("accepts a sort inside `declare module` and flattens it", () => {
    const before = 'declare module "m" {\n  import b from "b";\n  import a from "a";\n}\n';
    const after = 'declare module "m" {\n  import a from "a";\n  import b from "b";\n}\n';
    expect(checkSortOutput(before, after, ts)).toEqual([]);
    const crossed = 'import b from "b";\ndeclare module "m" {\n  import a from "a";\n}\n';
    expect(checkSortOutput('declare module "m" {\n  import a from "a";\n}\nimport b from "b";\n', crossed, ts)).not.toEqual([]);
  });

  const broken: Record<string, string> = {
    "an import crossed a barrier": sorted.replace('jest.mock("./m");\nimport * as c from "../c";', 'import * as c from "../c";\njest.mock("./m");'),
    "a barrier changed": sorted.replace('jest.mock("./m");', 'jest.mock( "./m");'),
    "a comment was dropped": sorted.replace(" // b", ""),
    "a comment was changed": sorted.replace("// about b", "// about B"),
    "a specifier was dropped": sorted.replace("{ x, y }", "{ x }"),
    "a binding was renamed": sorted.replace("import a from", "import a2 from"),
    "the output does not parse": sorted.replace('import a from "a";', 'import a from "a;'),
    "the hashbang changed": sorted.replace("#!/usr/bin/env node", "#!/usr/bin/env bun"),
    "a directive changed": sorted.replace('"use client";', "'use client';"),
    "a character was added (`;` on an empty line)": `${sorted};\n`,
    "an attribute was added": sorted.replace('from "a";', 'from "a" with { type: "json" };'),
  };

  for (const [damage, output] of Object.entries(broken)) {
    it(`refuses an output where ${damage}`, () => {
      expect(checkSortOutput(input, output, ts)).not.toEqual([]);
    });
  }

  it("treats side-effect imports (`import \"x\"`, `import {} from \"x\"`) as barriers", () => {
    for (const barrier of ['import "./m";', 'import {} from "./m";']) {
      expect(checkSortOutput(`${barrier}\nimport b from "b";\n`, `import b from "b";\n${barrier}\n`, ts)).not.toEqual([]);
    }
  });

  it("treats an import with `// safesort: skip` on its first or last line as a barrier", () => {
    const before = 'import b from "b"; // safesort: skip\nimport a from "a";\n';
    expect(checkSortOutput(before, 'import a from "a";\nimport b from "b"; // safesort: skip\n', ts)).not.toEqual([]);
    const multi = 'import {\n  b,\n} from "b"; // safesort: skip\nimport a from "a";\n';
    expect(checkSortOutput(multi, 'import a from "a";\nimport {\n  b,\n} from "b"; // safesort: skip\n', ts)).not.toEqual([]);
  });

  it("treats re-exports as barriers when they are not sorted, and side-effect modules as barriers", () => {
    const before = 'export * from "b";\nexport * from "a";\n';
    const after = 'export * from "a";\nexport * from "b";\n';
    expect(checkSortOutput(before, after, ts)).toEqual([]);
    expect(checkSortOutput(before, after, { ...ts, sortReexports: false })).not.toEqual([]);
    const imports = 'import b from "b";\nimport a from "a";\n';
    expect(checkSortOutput(imports, 'import a from "a";\nimport b from "b";\n', { ...ts, isSideEffectModule: (s) => s === "b" })).not.toEqual([]);
  });

  it("sees a comment that did not travel with its import", () => {
    const before = 'foo();\n// about b\nimport b from "b"; // b\nimport a from "a";\n';
    const left = 'foo();\n// about b\nimport a from "a";\nimport b from "b"; // b\n';
    expect(checkSortOutput(before, left, ts)).toEqual([]);
    expect(checkCommentAttachment(before, left, ts)).not.toEqual([]);
    const trailingLeft = 'foo();\n// about b\nimport b from "b";\nimport a from "a"; // b\n';
    expect(checkCommentAttachment(before, trailingLeft, ts)).not.toEqual([]);
  });
});
