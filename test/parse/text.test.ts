import { describe, expect, it } from "vitest";

import { isSpaceCode } from "../../src/parse/text.js";

describe("isSpaceCode", () => {
  it("says what /\\s/ says of every UTF-16 code unit, and no for past the end (NaN)", () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
    expect(isSpaceCode("".charCodeAt(0))).toBe(false);
  });
});
