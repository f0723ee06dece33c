import path from "node:path";

import { describe, expect, it } from "vitest";

import { defaultConfig, loadConfig } from "../../src/config/index.js";
import type { ResolvedConfig } from "../../src/types.js";

import { makeTree } from "./helpers.js";

function expectDeepFrozen(value: unknown, at = "config"): void {
  if (typeof value !== "object" || value === null) return;
  expect(Object.isFrozen(value), `${at} is frozen`).toBe(true);
  for (const [key, child] of Object.entries(value)) expectDeepFrozen(child, `${at}.${key}`);
}

async function fullConfig(): Promise<ResolvedConfig> {
  const root = await makeTree({
    "package.json": { name: "full", imports: { "#x/*": "./x/*" } },
    "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["src/*"] } } } // jsonc',
    "safesort.config.json": { groups: [["builtin", { name: "react", match: ["react"] }]], firstParty: ["@full/**"], exclude: ["gen/**"] },
  });
  return loadConfig(path.join(root, "src/a.ts"));
}

describe("the resolved config", () => {
  it("is plain data that survives JSON (and so postMessage) unchanged", async () => {
    const config = await fullConfig();
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(structuredClone(config)).toEqual(config);
    expect(config.firstParty).toEqual(["@full/**", "full", "@/**", "#x/**"]);
    expect(config.groups[0]).toEqual({ name: "builtin+react", categories: ["builtin"], match: ["react"] });
  });

  it("is deeply frozen", async () => {
    const config = await fullConfig();
    expectDeepFrozen(config);
    expect(Object.isFrozen(config.groups[0]!.match)).toBe(true);
    expect(() => {
      (config.firstParty as string[]).push("x");
    }).toThrow(TypeError);
  });

  it("defaultConfig gives the documented defaults, frozen and serializable", () => {
    const config = defaultConfig("/some/project/../project");
    expect(config).toEqual({
      groups: [
        { name: "builtin", categories: ["builtin"], match: [] },
        { name: "third-party", categories: ["third-party"], match: [] },
        { name: "first-party", categories: ["first-party"], match: [] },
        { name: "parent", categories: ["parent"], match: [] },
        { name: "sibling", categories: ["sibling"], match: [] },
      ],
      firstParty: [],
      sideEffectModules: [],
      blankLinesBetweenGroups: true,
      sortReexports: true,
      sortSpecifiers: true,
      typeImports: "inline",
      exclude: [],
      rootDir: path.resolve("/some/project"),
      configFile: null,
      appliedConfigs: [],
    });
    expectDeepFrozen(config);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
