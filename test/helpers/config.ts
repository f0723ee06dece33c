import type { ResolvedConfig } from "../../src/types.js";

/** A resolved config built directly (no files): defaults plus overrides. */
export function testConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
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
    rootDir: "/",
    configFile: null,
    ...overrides,
  };
}
