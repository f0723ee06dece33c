import { describe, expect, it } from "vitest";

import {
  aliasCandidates,
  type AliasConfig,
  aliasSpecifier,
  formOf,
  newWrittenPath,
  relativeSpecifier,
  resolvedExtension,
} from "../../src/refactor/specifier.js";

const same = (path: string) => path;

/** Respell a relative specifier written in `importer` (both before and after, absolute). */
function respell(specifier: string, importer: string, target: string, newImporter: string, newTarget: string, movedPath = same): string {
  const dir = importer.slice(0, importer.lastIndexOf("/"));
  const written = new URL(specifier, `file://${dir}/`).pathname.replace(/\/$/, "");
  const form = formOf(written, target);
  if (form === undefined) throw new Error(`no form for ${specifier}`);
  const path = newWrittenPath(form, written, target, newTarget, movedPath);
  return relativeSpecifier(newImporter.slice(0, newImporter.lastIndexOf("/")), path, specifier);
}

describe("formOf", () => {
  it.each([
    ["/p/a.ts", "/p/a.ts", { kind: "exact" }],
    ["/p/a.css", "/p/a.css", { kind: "exact" }],
    ["/p/a", "/p/a.ts", { kind: "bare" }],
    ["/p/a", "/p/a.d.ts", { kind: "bare" }],
    ["/p/a", "/p/a.tsx", { kind: "bare" }],
    ["/p/a.js", "/p/a.ts", { kind: "js", ext: ".js" }],
    ["/p/a.js", "/p/a.tsx", { kind: "js", ext: ".js" }],
    ["/p/a.mjs", "/p/a.mts", { kind: "js", ext: ".mjs" }],
    ["/p/a.js", "/p/a.d.ts", { kind: "js", ext: ".js" }],
    ["/p/dir", "/p/dir/index.ts", { kind: "dir" }],
    ["/p/dir/", "/p/dir/index.tsx", { kind: "dir" }],
    ["/p/dir/index", "/p/dir/index.ts", { kind: "bare" }],
    ["/p/pkg", "/p/pkg/src/main.ts", { kind: "entry" }],
  ])("%s naming %s is %o", (written, resolved, form) => {
    expect(formOf(written, resolved)).toEqual(form);
  });

  it("is undefined when the path does not name the file", () => {
    expect(formOf("/p/b", "/p/a.ts")).toBeUndefined();
    expect(formOf("/p/a.ts.js", "/p/a.ts")).toBeUndefined();
  });
});

describe("resolvedExtension", () => {
  it("takes the longest extension resolution adds", () => {
    expect(resolvedExtension("/p/a.d.ts")).toBe(".d.ts");
    expect(resolvedExtension("/p/a.d.mts")).toBe(".d.mts");
    expect(resolvedExtension("/p/a.tsx")).toBe(".tsx");
    expect(resolvedExtension("/p/a.css")).toBe("");
  });
});

describe("respelling a relative specifier", () => {
  it("keeps the form: no extension, .js suffix, explicit extension", () => {
    expect(respell("./a", "/p/src/app.ts", "/p/src/a.ts", "/p/src/app.ts", "/p/src/lib/a.ts")).toBe("./lib/a");
    expect(respell("./a.js", "/p/src/app.ts", "/p/src/a.ts", "/p/src/app.ts", "/p/src/lib/a.ts")).toBe("./lib/a.js");
    expect(respell("./a.ts", "/p/src/app.ts", "/p/src/a.ts", "/p/src/app.ts", "/p/src/lib/a.ts")).toBe("./lib/a.ts");
    expect(respell("./a.css", "/p/src/app.ts", "/p/src/a.css", "/p/src/app.ts", "/p/lib/a.css")).toBe("../lib/a.css");
  });

  it("follows the importer when it moves", () => {
    expect(respell("../config", "/p/src/utils/a.ts", "/p/src/config.ts", "/p/src/x/y/a.ts", "/p/src/config.ts")).toBe("../../config");
    expect(respell("./b", "/p/src/a.ts", "/p/src/b.ts", "/p/a.ts", "/p/src/b.ts")).toBe("./src/b");
  });

  it("keeps index elision while the target stays an index, and gives it up when it does not", () => {
    expect(respell("./ui", "/p/src/app.ts", "/p/src/ui/index.ts", "/p/src/app.ts", "/p/src/widgets/index.ts")).toBe("./widgets");
    expect(respell("./ui/", "/p/src/app.ts", "/p/src/ui/index.ts", "/p/src/app.ts", "/p/src/widgets/index.ts")).toBe("./widgets/");
    expect(respell("./ui", "/p/src/app.ts", "/p/src/ui/index.ts", "/p/src/app.ts", "/p/src/ui.ts")).toBe("./ui");
    expect(respell("./ui", "/p/src/app.ts", "/p/src/ui/index.ts", "/p/src/app.ts", "/p/src/lib/widgets.ts")).toBe("./lib/widgets");
    expect(respell("./ui/index", "/p/src/app.ts", "/p/src/ui/index.ts", "/p/src/app.ts", "/p/src/w/index.ts")).toBe("./w/index");
  });

  it("writes `.` and `..` for an index in the importer's own or parent directory", () => {
    expect(respell("./lib", "/p/src/a.ts", "/p/src/lib/index.ts", "/p/src/lib/a.ts", "/p/src/lib/index.ts")).toBe(".");
    expect(respell("./lib", "/p/src/a.ts", "/p/src/lib/index.ts", "/p/src/lib/x/a.ts", "/p/src/lib/index.ts")).toBe("..");
    expect(respell(".", "/p/src/lib/a.ts", "/p/src/lib/index.ts", "/p/src/a.ts", "/p/src/lib/index.ts")).toBe("./lib");
  });

  it("maps the JavaScript extension when the file changes kind", () => {
    expect(respell("./a.js", "/p/app.ts", "/p/a.ts", "/p/app.ts", "/p/b.mts")).toBe("./b.mjs");
    expect(respell("./a.js", "/p/app.ts", "/p/a.ts", "/p/app.ts", "/p/b.tsx")).toBe("./b.js");
  });

  it("moves a directory entry (package.json main) with its directory", () => {
    const moved = (path: string) => path.replace("/p/vendor/pkg", "/p/third/pkg");
    expect(respell("./vendor/pkg", "/p/app.ts", "/p/vendor/pkg/src/main.ts", "/p/app.ts", "/p/third/pkg/src/main.ts", moved)).toBe("./third/pkg");
  });
});

describe("tsconfig paths aliases", () => {
  const aliases: AliasConfig = {
    pathsBase: "/p",
    paths: { "@/*": ["./src/*"], "@ui/*": ["./src/ui/*", "./legacy/ui/*"], "~config": ["./src/config/index"] },
  };

  it("lists what an alias may stand for, the most specific key first", () => {
    expect(aliasCandidates("@ui/button", aliases)).toEqual([
      { key: "@ui/*", path: "/p/src/ui/button" },
      { key: "@ui/*", path: "/p/legacy/ui/button" },
    ]);
    expect(aliasCandidates("@/ui/button", aliases)).toEqual([{ key: "@/*", path: "/p/src/ui/button" }]);
    expect(aliasCandidates("~config", aliases)).toEqual([{ key: "~config", path: "/p/src/config/index" }]);
    expect(aliasCandidates("react", aliases)).toEqual([]);
  });

  it("adds baseUrl as the last candidate", () => {
    expect(aliasCandidates("lib/a", { ...aliases, baseUrl: "/p/src" })).toEqual([{ key: "", path: "/p/src/lib/a" }]);
  });

  it("spells a new path with the key the importer used, else another key, else nothing", () => {
    expect(aliasSpecifier("/p/src/core/api", aliases, "@/*")).toBe("@/core/api");
    expect(aliasSpecifier("/p/src/ui/card", aliases, "@ui/*")).toBe("@ui/card");
    expect(aliasSpecifier("/p/src/ui/card", aliases, "@/*")).toBe("@/ui/card");
    expect(aliasSpecifier("/p/legacy/ui/card", aliases, "@/*")).toBe("@ui/card");
    expect(aliasSpecifier("/p/src/config/index", aliases, "~config")).toBe("~config");
    expect(aliasSpecifier("/p/other/x", aliases, "@/*")).toBeUndefined();
  });

  it("spells with baseUrl only when the importer used it", () => {
    const withBase = { ...aliases, baseUrl: "/p/src" };
    expect(aliasSpecifier("/p/src/lib/b", withBase, "")).toBe("lib/b");
    expect(aliasSpecifier("/p/src/lib/b", withBase, "@/*")).toBe("@/lib/b");
    expect(aliasSpecifier("/p/lib/b", { pathsBase: "/p", paths: {}, baseUrl: "/p" }, "")).toBe("lib/b");
    expect(aliasSpecifier("/elsewhere/b", { pathsBase: "/p", paths: {}, baseUrl: "/p" }, "")).toBeUndefined();
  });
});
