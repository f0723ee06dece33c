import path from "node:path";

import picomatch from "picomatch";
import { describe, expect, it } from "vitest";

import { aliasToGlob, escapeGlob } from "../../src/config/first-party.js";
import { loadConfig } from "../../src/config/index.js";

import { makeTree } from "./helpers.js";

async function firstPartyOf(files: Record<string, string | object>, file = "src/a.ts"): Promise<readonly string[]> {
  const root = await makeTree(files);
  return (await loadConfig(path.join(root, file))).firstParty;
}

describe("firstParty from the project", () => {
  // "@acme/**" is not a valid paths key (one `*` at most) and is dropped; "#config" comes once.
  it("orders user patterns, package name, tsconfig paths, package imports, without duplicates", async () => {
    expect(
      await firstPartyOf({
        "safesort.config.json": { firstParty: ["@acme/**", "app"] },
        "package.json": { name: "app", imports: { "#internal/*": "./src/internal/*.js", "#config": "./config.js", "#lib/*.js": "./lib/*.js" } },
        "tsconfig.json": { compilerOptions: { paths: { "@/*": ["./src/*"], "@acme/**": ["x"], "~*": ["./src/*"], "#config": ["./config.ts"] } } },
      }),
    ).toEqual(["@acme/**", "app", "@/**", "~*", "#config", "#internal/**", "#lib/**/*.js"]);
  });

  it("follows an extends chain with comments and trailing commas, the nearest `paths` winning", async () => {
    const files = {
      "package.json": { name: "web" },
      "tsconfig.base.json": `{
        // shared settings
        "compilerOptions": {
          "paths": { "@shared/*": ["./shared/*"], }, /* trailing comma above */
        },
      }`,
      "configs/tsconfig.mid.json": `{ "extends": "../tsconfig.base", "compilerOptions": { "strict": true, } }`,
      "tsconfig.json": `{
        "extends": "./configs/tsconfig.mid.json",
        /* no paths here: they come from the base, two levels up */
        "compilerOptions": { "outDir": "dist/*/not-a-comment//really" },
      }`,
    };
    expect(await firstPartyOf(files)).toEqual(["web", "@shared/**"]);
  });

  it("lets a config's own paths override its base, and later extends override earlier ones", async () => {
    expect(
      await firstPartyOf({
        "a.json": { compilerOptions: { paths: { "@a/*": ["a"] } } },
        "b.json": { compilerOptions: { paths: { "@b/*": ["b"] } } },
        "tsconfig.json": { extends: ["./a.json", "./b.json"] },
      }),
    ).toEqual(["@b/**"]);
    expect(
      await firstPartyOf({
        "base.json": { compilerOptions: { paths: { "@base/*": ["x"] } } },
        "tsconfig.json": { extends: "./base.json", compilerOptions: { paths: { "@own/*": ["x"], "@own": ["x"] } } },
      }),
    ).toEqual(["@own/**", "@own"]);
  });

  it("resolves extends from node_modules: a file path in a package, or a bare package name", async () => {
    expect(
      await firstPartyOf({
        "node_modules/@tsconfig/node20/tsconfig.json": { compilerOptions: { paths: { "@node20/*": ["x"] } } },
        "app/tsconfig.json": { extends: "@tsconfig/node20/tsconfig.json" },
      }, "app/src/a.ts"),
    ).toEqual(["@node20/**"]);
    expect(
      await firstPartyOf({
        "node_modules/shared-config/package.json": { name: "shared-config", tsconfig: "./configs/base.json" },
        "node_modules/shared-config/configs/base.json": { compilerOptions: { paths: { "$lib/*": ["x"] } } },
        "tsconfig.json": { extends: "shared-config" },
      }),
    ).toEqual(["$lib/**"]);
  });

  it("ignores a missing, broken or cyclic tsconfig silently", async () => {
    expect(await firstPartyOf({ "package.json": { name: "p" }, "tsconfig.json": "{ this is not json" })).toEqual(["p"]);
    expect(await firstPartyOf({ "package.json": { name: "p" }, "tsconfig.json": { extends: "./missing.json" } })).toEqual(["p"]);
    expect(await firstPartyOf({ "package.json": { name: "p" }, "tsconfig.json": { extends: "@nope/nothing" } })).toEqual(["p"]);
    expect(
      await firstPartyOf({ "a.json": { extends: "./tsconfig.json" }, "tsconfig.json": { extends: "./a.json" } }),
    ).toEqual([]);
  });

  it("drops a catch-all `*` path, which would make every module first-party", async () => {
    expect(await firstPartyOf({ "tsconfig.json": { compilerOptions: { paths: { "*": ["types/*"], "@/*": ["src/*"] } } } })).toEqual(["@/**"]);
  });

  it("uses the nearest package.json for the name and imports, even one without a name", async () => {
    expect(await firstPartyOf({ "package.json": { name: "outer" }, "src/package.json": { type: "module" } })).toEqual([]);
    expect(await firstPartyOf({ "package.json": { name: "outer" }, "src/package.json": { imports: { "#x": "./x.js" } } })).toEqual(["#x"]);
  });
});

describe("aliasToGlob", () => {
  const cases: [string, string | undefined][] = [
    ["@/*", "@/**"],
    ["~/*", "~/**"],
    ["~*", "~*"],
    ["@app/utils", "@app/utils"],
    ["#internal/*", "#internal/**"],
    ["#lib/*.js", "#lib/**/*.js"],
    ["*", undefined],
    ["a/*/b/*", undefined],
  ];
  it.each(cases)("%s → %s", (key, glob) => {
    expect(aliasToGlob(key)).toBe(glob);
  });

  it("produces globs matching the specifiers the alias maps", () => {
    expect(picomatch.isMatch("@/components/Button", aliasToGlob("@/*")!)).toBe(true);
    expect(picomatch.isMatch("@app/utils", aliasToGlob("@app/utils")!)).toBe(true);
    expect(picomatch.isMatch("@app/utils/x", aliasToGlob("@app/utils")!)).toBe(false);
    expect(picomatch.isMatch("#lib/a/b.js", aliasToGlob("#lib/*.js")!)).toBe(true);
    expect(picomatch.isMatch("#lib/a/b.ts", aliasToGlob("#lib/*.js")!)).toBe(false);
  });

  it("escapes characters picomatch would read as syntax", () => {
    expect(escapeGlob("a(b)!{c}[d]")).toBe("a\\(b\\)\\!\\{c\\}\\[d\\]");
    expect(picomatch.isMatch("a(b)!{c}[d]", escapeGlob("a(b)!{c}[d]"))).toBe(true);
    expect(picomatch.isMatch("ab", escapeGlob("a?"))).toBe(false);
  });
});
