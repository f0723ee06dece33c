import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadConfig } from "../../src/config/index.js";

import { configError, makeTree, shown } from "./helpers.js";

interface Case {
  readonly name: string;
  /** The options object written to safesort.config.json (or under package.json "safesort"). */
  readonly options: unknown;
  readonly inPackageJson?: boolean;
  readonly keyPath: string;
  /** The message after `keyPath: `. */
  readonly message: string;
}

const CATEGORY_LIST = '"builtin", "third-party", "first-party", "parent", "sibling"';
const KNOWN_KEYS = "$schema, groups, firstParty, sideEffectModules, blankLinesBetweenGroups, sortReexports, sortSpecifiers, typeImports, exclude, root, overrides";

const cases: Case[] = [
  {
    name: "unknown top-level key, with a suggestion",
    options: { grups: ["builtin"] },
    keyPath: "grups",
    message: `unknown key "grups" (did you mean "groups"?); expected one of ${KNOWN_KEYS}`,
  },
  { name: "$schema that is not a string", options: { $schema: 1 }, keyPath: "$schema", message: "expected a string, got number" },
  { name: "firstParty not an array", options: { firstParty: 3 }, keyPath: "firstParty", message: "expected an array of strings, got number" },
  { name: "firstParty element not a string", options: { firstParty: ["a", 2] }, keyPath: "firstParty[1]", message: "expected a string, got number" },
  { name: "firstParty pattern with spaces", options: { firstParty: [" react"] }, keyPath: "firstParty[0]", message: 'expected a pattern without surrounding spaces, got string " react"' },
  { name: "empty sideEffectModules pattern", options: { sideEffectModules: ["polyfill", ""] }, keyPath: "sideEffectModules[1]", message: 'expected a non-empty pattern, got string ""' },
  { name: "sideEffectModules as a string", options: { sideEffectModules: "polyfill" }, keyPath: "sideEffectModules", message: 'expected an array of strings, got string "polyfill"' },
  {
    name: "invalid glob in exclude",
    options: { exclude: ["dist/**", "src/[abc"] },
    keyPath: "exclude[1]",
    message: 'expected a valid glob pattern, got string "src/[abc": Missing closing: "]" - use "\\\\]" to match literal characters',
  },
  { name: "exclude climbing out of the config's directory", options: { exclude: ["../other/**"] }, keyPath: "exclude[0]", message: `expected a pattern relative to the config file's directory, got string "../other/**"` },
  { name: "absolute exclude", options: { exclude: ["/abs/**"] }, keyPath: "exclude[0]", message: `expected a pattern relative to the config file's directory, got string "/abs/**"` },
  { name: "negated pattern", options: { firstParty: ["!lodash"] }, keyPath: "firstParty[0]", message: 'expected a pattern; negated patterns are not supported, got string "!lodash"' },
  { name: "typeImports out of its enum", options: { typeImports: "top" }, keyPath: "typeImports", message: 'expected one of "first", "last", "inline", got string "top"' },
  { name: "blankLinesBetweenGroups as a string", options: { blankLinesBetweenGroups: "yes" }, keyPath: "blankLinesBetweenGroups", message: 'expected a boolean (true or false), got string "yes"' },
  { name: "sortReexports null", options: { sortReexports: null }, keyPath: "sortReexports", message: "expected a boolean (true or false), got null" },
  { name: "sortSpecifiers as a number", options: { sortSpecifiers: 0 }, keyPath: "sortSpecifiers", message: "expected a boolean (true or false), got number" },
  { name: "groups not an array", options: { groups: "builtin" }, keyPath: "groups", message: 'expected an array of groups, got string "builtin"' },
  {
    name: "unknown category, with a hint",
    options: { groups: ["builtin", "lodash"] },
    keyPath: "groups[1]",
    message: `expected one of ${CATEGORY_LIST}, got string "lodash" (to group modules by name, write { "match": ["lodash"] })`,
  },
  {
    name: "group entry of a wrong type",
    options: { groups: ["builtin", 42] },
    keyPath: "groups[1]",
    message: `expected a category name (${CATEGORY_LIST}) or a { "match": [...] } object, or an array of those, got number`,
  },
  { name: "non-string match pattern", options: { groups: [{ match: ["react", 3] }] }, keyPath: "groups[0].match[1]", message: "expected a string, got number" },
  { name: "empty match in a merged group", options: { groups: [["parent", { match: [] }]] }, keyPath: "groups[0][1].match", message: "expected at least one module pattern, got an empty array" },
  { name: "custom group without match", options: { groups: [{ name: "react" }] }, keyPath: "groups[0]", message: 'expected a "match" key with an array of module patterns, got none' },
  { name: "unknown key in a custom group", options: { groups: [{ match: ["a"], nmae: "x" }] }, keyPath: "groups[0].nmae", message: 'unknown key "nmae" (did you mean "name"?); expected one of name, match' },
  { name: "empty custom group name", options: { groups: [{ name: "", match: ["a"] }] }, keyPath: "groups[0].name", message: 'expected a non-empty name, got string ""' },
  { name: "empty merged group", options: { groups: ["builtin", []] }, keyPath: "groups[1]", message: "expected a non-empty array of groups to merge, got an empty array" },
  {
    name: "nested merge arrays",
    options: { groups: [["parent", ["sibling"]]] },
    keyPath: "groups[0][1]",
    message: `expected a category name (${CATEGORY_LIST}) or a { "match": [...] } object, got array`,
  },
  { name: "options that are not an object", options: ["builtin"], keyPath: "", message: "expected an object of safesort options, got array" },
  {
    name: "duplicate category",
    options: { groups: ["builtin", ["parent", "builtin"]] },
    keyPath: "groups[1][1]",
    message: 'expected each category at most once, got "builtin" again (first at groups[0])',
  },
  // In package.json, every key path starts with `safesort.`.
  { name: "package.json: the safesort key is not an object", options: "strict", inPackageJson: true, keyPath: "safesort", message: 'expected an object of safesort options, got string "strict"' },
  { name: "package.json: bad glob", options: { groups: [{ match: ["@app/{a,b"] }] }, inPackageJson: true, keyPath: "safesort.groups[0].match[0]", message: 'expected a valid glob pattern, got string "@app/{a,b": Missing closing: "}" - use "\\\\}" to match literal characters' },
  { name: "package.json: unknown key", options: { typeimports: "first" }, inPackageJson: true, keyPath: "safesort.typeimports", message: `unknown key "typeimports" (did you mean "typeImports"?); expected one of ${KNOWN_KEYS}` },
  { name: "unknown key without a close match", options: { indent: 2 }, keyPath: "indent", message: `unknown key "indent"; expected one of ${KNOWN_KEYS}` },
  {
    name: "package.json: duplicate category",
    options: { groups: ["sibling", "parent", "sibling"] },
    inPackageJson: true,
    keyPath: "safesort.groups[2]",
    message: 'expected each category at most once, got "sibling" again (first at safesort.groups[0])',
  },
];

describe("validation errors name the file, the key path, what was expected and what was found", () => {
  it.each(cases)("$name → $keyPath", async ({ options, inPackageJson, keyPath, message }) => {
    const configName = inPackageJson ? "package.json" : "safesort.config.json";
    const root = await makeTree({ [configName]: inPackageJson ? { name: "x", safesort: options } : (options as object) });
    const file = path.join(root, configName);

    const error = await configError(loadConfig(path.join(root, "src/a.ts")));

    expect(error.path).toBe(file);
    expect(error.code).toBe("config-error");
    expect(error.keyPath).toBe(keyPath);
    expect(error.message).toBe(keyPath === "" ? message : `${keyPath}: ${message}`);
    // What the user sees starts with the file that holds the mistake, and where in it.
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(shown(error).startsWith(`${file}:${error.line}:${error.column}: ${keyPath}`)).toBe(true);
  });

  it("reports invalid JSON with the parser's message and line:col", async () => {
    const root = await makeTree({ "safesort.config.json": '{\n  "typeImports": "first"\n  "exclude": []\n}\n' });
    const file = path.join(root, "safesort.config.json");
    const error = await configError(loadConfig(path.join(root, "a.ts")));
    expect(error.path).toBe(file);
    expect(error.keyPath).toBe("");
    expect(error.message).toBe("invalid JSON: Expected ',' or '}' after property value");
    expect([error.line, error.column]).toEqual([3, 3]);
    expect(shown(error).startsWith(`${file}:3:3: invalid JSON`)).toBe(true);
  });

  it("reports an empty config file at its end", async () => {
    const root = await makeTree({ ".safesortrc.json": "" });
    const error = await configError(loadConfig(path.join(root, "a.ts")));
    expect(error.path).toBe(path.join(root, ".safesortrc.json"));
    expect(error.message).toBe("invalid JSON: Unexpected end of JSON input");
    expect([error.line, error.column]).toEqual([1, 1]);
  });

  it("accepts a config using every key, ignoring $schema", async () => {
    const root = await makeTree({
      "package.json": { name: "full" },
      "safesort.config.json": {
        $schema: "https://example.com/safesort.schema.json",
        groups: ["builtin"],
        firstParty: ["@full/**", "@full/**"],
        sideEffectModules: ["./polyfills", "reflect-metadata"],
        blankLinesBetweenGroups: false,
        sortReexports: false,
        sortSpecifiers: false,
        typeImports: "last",
        exclude: ["./generated/**", "**/*.d.ts"],
      },
    });
    const config = await loadConfig(path.join(root, "a.ts"));
    expect(config).toEqual({
      groups: [
        { name: "builtin", categories: ["builtin"], match: [] },
        { name: "third-party", categories: ["third-party"], match: [] },
        { name: "first-party", categories: ["first-party"], match: [] },
        { name: "parent", categories: ["parent"], match: [] },
        { name: "sibling", categories: ["sibling"], match: [] },
      ],
      firstParty: ["@full/**", "full"],
      sideEffectModules: ["./polyfills", "reflect-metadata"],
      blankLinesBetweenGroups: false,
      sortReexports: false,
      sortSpecifiers: false,
      typeImports: "last",
      exclude: ["generated/**", "**/*.d.ts"],
      rootDir: root,
      configFile: path.join(root, "safesort.config.json"),
      appliedConfigs: [{ file: path.join(root, "safesort.config.json"), key: "" }],
    });
    expect(Object.keys(config)).not.toContain("$schema");
  });
});
