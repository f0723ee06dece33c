/**
 * The import helpers (src/codemod/modify/import-helpers.ts) through the public API:
 * what `ensureImport` returns and `removeImport` reports inside a `modify`
 * callback, and the refusals of malformed specs. Placement and the
 * per-file steps are fixtures (fixtures/query/ensure-import, remove-import).
 */
import { describe, expect, it } from "vitest";

import type { ImportSpec, RemoveImportResult } from "../../src/codemod/modify/import-helpers.js";
import type { Query } from "../../src/codemod/query.js";

import { apply, outcome } from "./helpers.js";

describe("ensureImport in a modify callback", () => {
  it("returns the local name of an existing import, aliased or not, and adds nothing", () => {
    const names: string[] = [];
    const source = 'import { logger as log } from "./logger";\nimport * as path from "node:path";\nimport R from "react";\n\nrun();\n';
    const out = apply(
      (q) =>
        q.selectCall("run").modify((_m, b) => {
          names.push(b.ensureImport({ from: "./logger", name: "logger" }), b.ensureImport({ from: "node:path", namespace: "p" }), b.ensureImport({ from: "react", default: "React" }));
        }),
      source,
    );
    expect(out).toBe(source);
    expect(names).toEqual(["log", "path", "R", "log", "path", "R"]); // both printers ran it
  });

  it("is idempotent: asking twice adds one specifier", () => {
    const out = apply(
      (q) => q.selectCall("run").modify((_m, b) => `${b.ensureImport({ from: "./a", name: "x" })}(${b.ensureImport({ from: "./a", name: "x" })})`),
      'import { y } from "./a";\n\nrun();\n',
    );
    expect(out).toBe('import { x, y } from "./a";\n\nx(x);\n');
  });

  it("aliases a taken name, the same alias for every match, and a second run adds nothing", () => {
    const names: string[] = [];
    const codemod = (q: Query) =>
      q.selectCall("console.warn").modify((_m, b) => {
        const local = b.ensureImport({ from: "./logger", name: "logger" });
        names.push(local);
        return `${local}.warn()`;
      });
    const source = 'function f(logger) {\n  console.warn();\n}\nconsole.warn();\n';
    const out = apply(codemod, source);
    expect(out).toBe('import { logger as _logger } from "./logger";\n\nfunction f(logger) {\n  _logger.warn();\n}\n_logger.warn();\n');
    expect(new Set(names)).toEqual(new Set(["_logger"]));
    expect(apply(codemod, out)).toBe(out);
  });

  it("aliases a type whose name a type alias has", () => {
    const out = apply(
      (q) => q.selectCall("run").modify((_m, b) => `run(1 as ${b.ensureImport({ from: "./t", name: "T", type: true })})`),
      "type T = number;\n\nrun(1);\n",
    );
    expect(out).toBe('import type { T as _T } from "./t";\ntype T = number;\n\nrun(1 as _T);\n');
  });

  it("imports a name that is not an identifier under the alias it is given", () => {
    const out = apply((q) => q.selectCall("run").modify((_m, b) => `${b.ensureImport({ from: "./a", name: "a-b", as: "ab" })}()`), 'import { y } from "./a";\n\nrun();\n');
    expect(out).toBe('import { "a-b" as ab, y } from "./a";\n\nab();\n'); // a sorted file: the sorter orders the specifiers
  });

  const refusals: [string, ImportSpec, string][] = [
    ["no kind", { from: "./a" }, 'ensureImport: expected { from: "module" } with exactly one of name, default or namespace, got {"from":"./a"}'],
    ["two kinds", { from: "./a", name: "x", default: "y" }, "exactly one of name, default or namespace"],
    ["a default without a local name", { from: "./a", default: true }, 'ensureImport: a default import needs its local name ({ default: "name" } or { as: "name" })'],
    ["a string name without an alias", { from: "./a", name: "a-b" }, 'ensureImport: a named import needs its local name'],
    ["a local name that is a keyword", { from: "./a", name: "x", as: "class" }, "ensureImport: `class` is not a valid local name"],
  ];
  for (const [what, spec, message] of refusals) {
    it(`refuses ${what}`, () => {
      const result = outcome((q) => q.selectCall("run").modify((_m, b) => void b.ensureImport(spec)), "run();\n");
      expect(result).toMatchObject({ status: "failed", diagnostic: { code: "codemod-error" } });
      expect(result.status === "failed" && result.diagnostic.message).toContain(message);
    });
  }
});

describe("ensureImport on the query (the template spells the name)", () => {
  it("aliases a taken name in the identifiers the codemod wrote, not in the code it kept", () => {
    const codemod = (q: Query) => q.selectPattern("console.warn($X)").replace("logger.warn($X, logger)").ensureImport({ from: "./logger", name: "logger" });
    const out = apply(codemod, "const logger = 5;\n\nconsole.warn(logger);\n");
    expect(out).toBe('import { logger as _logger } from "./logger";\n\nconst logger = 5;\n\n_logger.warn(logger, _logger);\n');
    expect(apply(codemod, out)).toBe(out);
  });

  it("keeps the spelled name where nothing else has it", () => {
    const out = apply((q) => q.selectCall("console.warn").rename("logger.warn").ensureImport({ from: "./logger", name: "logger" }), "console.warn(1);\n");
    expect(out).toBe('import { logger } from "./logger";\n\nlogger.warn(1);\n');
  });
});

describe("removeImport in a modify callback", () => {
  it("reports used, removed and absent, and removes only the unused one", () => {
    const results: RemoveImportResult[] = [];
    const out = apply(
      (q) =>
        q.selectCall("run").modify((_m, b) => {
          results.push(b.removeImport({ from: "./a", name: "used" }), b.removeImport({ from: "./a", name: "unused" }), b.removeImport({ from: "./b", default: true }));
        }),
      'import { used, unused } from "./a";\n\nrun(used);\n',
    );
    expect(out).toBe('import { used } from "./a";\n\nrun(used);\n');
    expect(results.slice(0, 3)).toEqual(["used", "removed", "absent"]);
  });

  it("keeps a type-only import that a type still uses", () => {
    const source = 'import type { T } from "./t";\n\nrun(1 as T);\n';
    expect(apply((q) => q.selectCall("run").modify((_m, b) => void b.removeImport({ from: "./t", name: "T" })), source)).toBe(source);
  });

  it("fails the file when asked to, naming where the binding is still used", () => {
    const result = outcome((q) => q.selectCall("run").removeImport({ from: "./a", name: "a" }, { ifUsed: "fail" }), 'import { a } from "./a";\n\nrun(a);\n');
    expect(result).toMatchObject({
      status: "failed",
      diagnostic: { code: "codemod-error", line: 1, column: 10, message: 'removeImport: `a` from "./a" is still used at 3:5 (a reference); nothing written' },
    });
  });
});

describe("the per-file steps", () => {
  it("do nothing in a file where the transform matched nothing", () => {
    const source = 'import { unused } from "./a";\n\nother();\n';
    expect(apply((q) => q.selectCall("run").ensureImport({ from: "./log", name: "log" }).removeImport({ from: "./a", name: "unused" }), source)).toBe(source);
  });
});
