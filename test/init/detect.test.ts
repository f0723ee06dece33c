import { describe, expect, it } from "vitest";

import { firstPartyEntries, initConfigText, packageName, workspacePatterns } from "../../src/init/detect.js";

describe("workspacePatterns", () => {
  it("reads an array or Yarn's { packages }", () => {
    expect(workspacePatterns({ workspaces: ["packages/*", "apps/web"] })).toEqual(["packages/*", "apps/web"]);
    expect(workspacePatterns({ workspaces: { packages: ["packages/*"], nohoist: ["**/x"] } })).toEqual(["packages/*"]);
  });

  it("drops what is not a pattern", () => {
    expect(workspacePatterns({ workspaces: ["a/*", 3, "", null] })).toEqual(["a/*"]);
    expect(workspacePatterns({ workspaces: "packages/*" })).toEqual([]);
    expect(workspacePatterns(undefined)).toEqual([]);
    expect(workspacePatterns([])).toEqual([]);
  });
});

describe("packageName", () => {
  it("is the trimmed non-empty string name", () => {
    expect(packageName({ name: " @acme/app " })).toBe("@acme/app");
    expect(packageName({ name: "" })).toBeUndefined();
    expect(packageName({ name: 3 })).toBeUndefined();
    expect(packageName(null)).toBeUndefined();
  });
});

describe("firstPartyEntries", () => {
  it("lists the package name, workspace packages by directory and path aliases as globs, each once, with its source", () => {
    const entries = firstPartyEntries({
      packageName: "@acme/root",
      workspaces: [
        { dir: "packages/ui", name: "@acme/ui" },
        { dir: "apps/web", name: "web" },
        { dir: "packages/root-again", name: "@acme/root" },
      ],
      pathAliases: ["@/*", "~utils", "*", "#lib/*.js"],
    });
    expect(entries).toEqual([
      { pattern: "@acme/root", source: "package.json name" },
      { pattern: "web", source: "workspace apps/web" },
      { pattern: "@acme/ui", source: "workspace packages/ui" },
      { pattern: "@/**", source: 'tsconfig paths "@/*"' },
      { pattern: "~utils", source: 'tsconfig paths "~utils"' },
      { pattern: "#lib/**/*.js", source: 'tsconfig paths "#lib/*.js"' },
    ]);
  });

  it("escapes glob characters in names", () => {
    expect(firstPartyEntries({ packageName: "weird(name)", workspaces: [], pathAliases: [] })).toEqual([
      { pattern: "weird\\(name\\)", source: "package.json name" },
    ]);
  });

  it("writes the patterns as the config's firstParty", () => {
    expect(initConfigText([{ pattern: "@acme/ui", source: "x" }])).toBe('{\n  "firstParty": [\n    "@acme/ui"\n  ]\n}\n');
    expect(initConfigText([])).toBe('{\n  "firstParty": []\n}\n');
  });
});
