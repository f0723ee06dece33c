import { describe, expect, it } from "vitest";

import { invalidNewName, parseTarget } from "../../src/refactor/target.js";

describe("parseTarget", () => {
  it("reads <file>#<exportName>", () => {
    expect(parseTarget("src/math.ts#sum")).toEqual({ kind: "export", file: "src/math.ts", exportName: "sum" });
    expect(parseTarget("src/ui/Button.tsx#default")).toEqual({ kind: "export", file: "src/ui/Button.tsx", exportName: "default" });
  });

  it("reads <file>:<line>:<column> (1-based)", () => {
    expect(parseTarget("src/math.ts:12:17")).toEqual({ kind: "position", file: "src/math.ts", line: 12, column: 17 });
    expect(parseTarget("C:/x/a.ts:1:1")).toEqual({ kind: "position", file: "C:/x/a.ts", line: 1, column: 1 });
  });

  it.each(["src/math.ts", "src/math.ts#", "#sum", "src/math.ts:0:1", "src/math.ts:3"])("refuses %s", (text) => {
    expect(parseTarget(text)).toEqual({ error: `expected <file>#<exportName> or <file>:<line>:<column>, got "${text}"` });
  });
});

describe("invalidNewName", () => {
  it.each(["add", "_private", "$store", "Ünïcode", "type", "of", "async"])("accepts %s", (name) => {
    expect(invalidNewName(name)).toBeUndefined();
  });

  it.each([
    ["class", '"class" is a reserved word'],
    ["let", '"let" is a reserved word'],
    ["await", '"await" is a reserved word'],
    ["1st", '"1st" is not an identifier'],
    ["a-b", '"a-b" is not an identifier'],
    ["", '"" is not an identifier'],
  ])("refuses %s", (name, message) => {
    expect(invalidNewName(name)).toBe(message);
  });
});
