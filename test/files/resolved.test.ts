/**
 * The cheap test for "already resolved" (src/files/resolved.ts) and the
 * display paths built on it (src/report/paths.ts) agree with `path` itself.
 */
import { relative, resolve } from "node:path";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { isResolved, resolvedPath } from "../../src/files/resolved.js";
import { displayPath, displayPathFor } from "../../src/report/paths.js";

/** Paths made of the pieces that matter: separators, `.`, `..`, names. */
const pathArb = fc
  .array(fc.constantFrom("/", "/", "a", "b.ts", ".", "..", "...", ".a", "a.", " ", "é"), { maxLength: 12 })
  .map((parts) => parts.join(""));

describe("isResolved", () => {
  it("is true only where resolving changes nothing, and for whatever resolve returns", () => {
    fc.assert(
      fc.property(pathArb, (path) => {
        if (isResolved(path)) expect(resolve(path)).toBe(path);
        expect(isResolved(resolve("/", path))).toBe(true);
        expect(resolvedPath("/cwd", path)).toBe(resolve("/cwd", path));
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses the forms resolve rewrites", () => {
    for (const path of ["a/b", "/a//b", "/a/./b", "/a/../b", "/a/b/", "/a/.", "/a/..", "//a"]) expect(isResolved(path), path).toBe(false);
    for (const path of ["/", "/a", "/a/b.ts", "/a/...", "/.a/b", "/a./b"]) expect(isResolved(path), path).toBe(true);
  });
});

describe("displayPathFor", () => {
  it("shows every path as displayPath does, below cwd or not", () => {
    fc.assert(
      fc.property(pathArb, pathArb, fc.boolean(), (cwdPart, path, absoluteGiven) => {
        const cwd = resolve("/", cwdPart);
        const abs = path.startsWith("/") ? path : `${cwd}/${path}`;
        const display = displayPathFor(cwd, [absoluteGiven ? "/x" : "x"]);
        expect(display(abs)).toBe(displayPath(cwd, abs, { absoluteOutside: absoluteGiven }));
      }),
      { numRuns: 3000 },
    );
    expect(displayPathFor("/w", ["x"])("/w/a/b.ts")).toBe(relative("/w", "/w/a/b.ts"));
  });
});
