import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { locateKey, syntaxErrorOffset } from "../../src/config/json-locate.js";
import { parseJsonStrict } from "../../src/config/json.js";
import { ConfigError } from "../../src/errors.js";

const RUNS = Number(process.env.SAFESORT_FC_RUNS ?? 300);

describe("locateKey", () => {
  const text = '{\n  "groups": [\n    { "name": "a" },\n    { "name": "b", "match": ["x", 5] }\n  ],\n  "we ird": true\n}\n';

  it("finds the value at a key path, through objects and arrays", () => {
    expect(locateKey(text, "groups")).toEqual({ line: 2, column: 13 });
    expect(locateKey(text, "groups[1]")).toEqual({ line: 4, column: 5 });
    expect(locateKey(text, "groups[1].match[1]")).toEqual({ line: 4, column: 35 });
    expect(locateKey(text, '["we ird"]')).toEqual({ line: 6, column: 13 });
  });

  it("stops at the deepest key that exists (a missing key points at its parent)", () => {
    expect(locateKey(text, "groups[1].nope")).toEqual({ line: 4, column: 5 });
    expect(locateKey(text, "nope")).toEqual({ line: 1, column: 1 });
  });

  it("takes the last of repeated keys, as JSON.parse does, and ignores a BOM", () => {
    expect(locateKey('{ "a": 1,\n  "a": 2 }', "a")).toEqual({ line: 2, column: 8 });
    expect(locateKey('\uFEFF{ "a": 1 }', "a")).toEqual({ line: 1, column: 8 });
  });

  it("gives nothing for text that is not JSON", () => {
    expect(locateKey('{ "a": 1, }', "a")).toBeUndefined();
  });
});

describe("syntaxErrorOffset", () => {
  it.each([
    ['{ "groups": [ }', 14],
    ['{ "a": 1, }', 10],
    ["{ a: 1 }", 2],
    ['{ "a": 01 }', 8],
    ['{ "a": "x\ny" }', 9],
    ['{ "a": 1 } x', 11],
    ['{ "a": tru }', 7],
    ["", 0],
    ['{ "a": "\\x" }', 8],
  ])("%j fails at %i", (text, offset) => {
    expect(syntaxErrorOffset(text)).toBe(offset);
  });

  it("agrees with JSON.parse on what is valid (generated JSON, then broken at random)", () => {
    const json = fc.jsonValue().map((value) => JSON.stringify(value, null, 2));
    const edited = fc.tuple(json, fc.nat(), fc.constantFrom("", ",", "}", "]", '"', ":", "x", " ", "0", "\n", "\\", "-", "."), fc.boolean());
    fc.assert(
      fc.property(edited, ([text, at, insert, remove]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        const broken = text.slice(0, i) + insert + text.slice(remove ? i + 1 : i);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(syntaxErrorOffset(broken) === undefined).toBe(valid);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe("config errors say path:line:col", () => {
  it("an invalid JSON file: where the scan fails, also where V8's message says nothing", () => {
    let error: unknown;
    try {
      parseJsonStrict('{\n  "groups": [ }\n', "/p/safesort.config.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect([(error as ConfigError).line, (error as ConfigError).column]).toEqual([2, 15]);
    expect((error as ConfigError).message).not.toMatch(/is not valid JSON/);
  });
});
