import { describe, expect, it } from "vitest";

import { parsePnpmWorkspace } from "../../src/init/pnpm-workspace.js";

describe("parsePnpmWorkspace", () => {
  it("reads a block list: quoted, plain, with comments, negations kept", () => {
    const text = [
      "# the workspace",
      "packages:",
      '  - "packages/*"',
      "  - apps/*   # the apps",
      "",
      "  # tools too",
      "  - 'tools/**'",
      "  - '!**/test/**'",
      "  - \"it's/*\"",
      "  - 'it''s/b'",
      "catalog:",
      "  react: ^18",
      "",
    ].join("\n");
    expect(parsePnpmWorkspace(text)).toEqual({ ok: true, patterns: ["packages/*", "apps/*", "tools/**", "!**/test/**", "it's/*", "it's/b"] });
  });

  it("reads a one-line flow list", () => {
    expect(parsePnpmWorkspace('packages: [packages/*, "apps/*", \'a,b\']\n')).toEqual({ ok: true, patterns: ["packages/*", "apps/*", "a,b"] });
    expect(parsePnpmWorkspace("packages: []\n")).toEqual({ ok: true, patterns: [] });
  });

  it("handles CRLF, a BOM, indentation with dashes at column 2 or 4, and a key after other keys", () => {
    const text = "\uFEFFonlyBuiltDependencies:\r\n  - esbuild\r\npackages:\r\n    - pkgs/*\r\n    - more/*\r\n";
    expect(parsePnpmWorkspace(text)).toEqual({ ok: true, patterns: ["pkgs/*", "more/*"] });
  });

  it("is empty without a packages key, and does not take an indented `packages:` for it", () => {
    expect(parsePnpmWorkspace("catalog:\n  packages: x\n")).toEqual({ ok: true, patterns: [] });
    expect(parsePnpmWorkspace("")).toEqual({ ok: true, patterns: [] });
  });

  it.each([
    ["packages:\n  nested:\n    - a\n", 'pnpm-workspace.yaml:2: expected a list item (- pattern); only a simple "packages:" list is understood'],
    ["packages:\n  - *alias\n", 'pnpm-workspace.yaml:2: expected a pattern after -; only a simple "packages:" list is understood'],
    ["packages:\n  - !tag x\n", 'pnpm-workspace.yaml:2: expected a pattern after -; only a simple "packages:" list is understood'],
    ["packages:\n  - 'unclosed\n", 'pnpm-workspace.yaml:2: expected a pattern after -; only a simple "packages:" list is understood'],
    ["packages:\n  -\n", 'pnpm-workspace.yaml:2: expected a pattern after -; only a simple "packages:" list is understood'],
    ["packages: [a,\n  b]\n", 'pnpm-workspace.yaml:1: expected a list; only a simple "packages:" list is understood'],
    ["packages: &anchor\n  - a\n", 'pnpm-workspace.yaml:1: expected a list; only a simple "packages:" list is understood'],
  ])("refuses what it does not understand: %j", (text, message) => {
    expect(parsePnpmWorkspace(text)).toEqual({ ok: false, message });
  });
});
