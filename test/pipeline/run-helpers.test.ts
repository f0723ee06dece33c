import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { defaultConfig } from "../../src/config/index.js";
import { excludeByConfig } from "../../src/pipeline/sources.js";
import { unifiedDiff } from "../../src/report/diff.js";
import { displayPathFor } from "../../src/report/paths.js";
import type { ResolvedConfig } from "../../src/types.js";

describe("unifiedDiff", () => {
  it("has a/ and b/ headers and no jsdiff preamble", () => {
    expect(unifiedDiff("src/a.ts", 'import b from "b";\nimport a from "a";\n', 'import a from "a";\nimport b from "b";\n')).toBe(
      [
        "--- a/src/a.ts",
        "+++ b/src/a.ts",
        "@@ -1,2 +1,2 @@",
        '-import b from "b";',
        ' import a from "a";',
        '+import b from "b";',
        "",
      ].join("\n"),
    );
  });

  it("marks a missing final newline and keeps CRLF lines as they are", () => {
    const diff = unifiedDiff("x.ts", "b\r\na", "a\r\nb");
    expect(diff).toContain("\\ No newline at end of file");
    expect(diff).toContain("-b\r\n");
  });

  it("keeps context to three lines around a change", () => {
    const before = ["1", "2", "3", "4", "5", "6", "x", "8"].join("\n") + "\n";
    const after = before.replace("x", "y");
    expect(unifiedDiff("f.ts", before, after)).toContain("@@ -4,5 +4,5 @@\n 4\n 5\n 6\n-x\n+y\n 8\n");
  });
});

describe("displayPathFor", () => {
  const cwd = "/work/project";

  it("shows paths relative to cwd", () => {
    const display = displayPathFor(cwd, ["src"]);
    expect(display("/work/project/src/a.ts")).toBe(join("src", "a.ts"));
    expect(display("/work/project")).toBe(".");
  });

  it("shows a file outside cwd relatively, unless the user gave absolute paths", () => {
    expect(displayPathFor(cwd, ["../other"])("/work/other/a.ts")).toBe(join("..", "other", "a.ts"));
    expect(displayPathFor(cwd, ["/work/other"])("/work/other/a.ts")).toBe("/work/other/a.ts");
    // Inside cwd it stays relative even when given absolute.
    expect(displayPathFor(cwd, ["/work/project/src"])("/work/project/src/a.ts")).toBe(join("src", "a.ts"));
  });
});

describe("excludeByConfig", () => {
  const root = "/repo";
  const config: ResolvedConfig = { ...defaultConfig(root), exclude: ["generated/**", "**/*.gen.ts", "vendor"] };
  const resolver = { forFile: async () => config };

  it("matches exclude globs relative to the config's rootDir, for files and directories", async () => {
    const isExcluded = excludeByConfig(resolver);
    expect(await isExcluded(join(root, "generated"))).toBe(true);
    expect(await isExcluded(join(root, "generated/deep/a.ts"))).toBe(true);
    expect(await isExcluded(join(root, "src/a.gen.ts"))).toBe(true);
    expect(await isExcluded(join(root, "vendor"))).toBe(true);
    expect(await isExcluded(join(root, "src/a.ts"))).toBe(false);
    expect(await isExcluded(join(root, ".hidden/a.gen.ts"))).toBe(true);
  });

  it("never excludes a path outside rootDir, or the rootDir itself", async () => {
    const isExcluded = excludeByConfig(resolver);
    expect(await isExcluded("/elsewhere/generated/a.ts")).toBe(false);
    expect(await isExcluded(root)).toBe(false);
  });

  it("answers at once, with the same verdicts, when the resolver knows the config", async () => {
    const isExcluded = excludeByConfig({ forFile: async () => config, known: () => config });
    expect(isExcluded(join(root, "generated/deep/a.ts"))).toBe(true);
    expect(isExcluded(join(root, "src/a.gen.ts"))).toBe(true);
    expect(isExcluded(join(root, "src/a.ts"))).toBe(false);
    expect(isExcluded("/elsewhere/generated/a.ts")).toBe(false);
    // Not known: asked (a promise), same answer.
    const asked = excludeByConfig({ forFile: async () => config, known: () => undefined })(join(root, "src/a.gen.ts"));
    expect(asked).toBeInstanceOf(Promise);
    expect(await asked).toBe(true);
  });

  it("excludes nothing when the config is broken (its files then fail with the config error)", async () => {
    const isExcluded = excludeByConfig({
      forFile: async () => {
        throw new Error("bad config");
      },
    });
    expect(await isExcluded(join(root, "generated/a.ts"))).toBe(false);
  });
});
