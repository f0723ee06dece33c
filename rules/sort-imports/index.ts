import type { Rule } from "../../src/engine/rule.js";
import { planSort } from "../../src/imports/sort.js";

/** The import sorter as a self-describing rule. */
export const sortImports: Rule = {
  id: "sort-imports",
  description: "Sort imports and re-exports inside blocks bounded by barriers; never move one across a barrier.",
  docs: "README.md#how-imports-are-sorted",
  options: [
    { name: "groups", type: "array", default: ["builtin", "third-party", "first-party", "parent", "sibling"], description: "Group order; entries are categories, { name, match } custom groups, or arrays merging several." },
    { name: "firstParty", type: "string[]", default: [], description: "Module patterns classified as first-party (besides the package name, tsconfig paths and #imports)." },
    { name: "sideEffectModules", type: "string[]", default: [], description: "Module patterns whose imports never move (barriers)." },
    { name: "blankLinesBetweenGroups", type: "boolean", default: true, description: "One blank line between non-empty import groups." },
    { name: "sortReexports", type: "boolean", default: true, description: "Sort `export … from` re-exports among themselves." },
    { name: "sortSpecifiers", type: "boolean", default: true, description: "Sort the names inside `{ … }`." },
    { name: "typeImports", type: '"first" | "last" | "inline"', default: "inline", description: "Where `import type` goes inside each group." },
    { name: "exclude", type: "string[]", default: [], description: "Globs (relative to the config file) not walked." },
  ],
  messages: {
    unsorted: "imports are not sorted",
  },
  transform: (parsed, config) => planSort(parsed, config).edits,
};
