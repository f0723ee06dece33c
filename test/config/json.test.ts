import { describe, expect, it } from "vitest";

import { lineColumn } from "../../src/config/json-locate.js";
import { parseJsonc, parseJsonStrict, stripJsonc } from "../../src/config/json.js";
import { ConfigError } from "../../src/errors.js";

describe("stripJsonc", () => {
  it("removes comments and trailing commas but keeps offsets and strings", () => {
    const text = '{\n  "a": "// not a comment", // yes\n  "b": [1, 2,], /* x */\n}';
    const stripped = stripJsonc(text);
    expect(stripped.length).toBe(text.length);
    expect(stripped.split("\n").length).toBe(text.split("\n").length);
    expect(JSON.parse(stripped)).toEqual({ a: "// not a comment", b: [1, 2] });
  });

  it("handles escaped quotes and comment markers inside strings", () => {
    expect(parseJsonc('{ "a": "x\\" /* y */", "b": "/*", }')).toEqual({ a: 'x" /* y */', b: "/*" });
  });

  it("keeps a comma that is followed by a comment and then a value", () => {
    expect(parseJsonc('[1, /* two */ 2, // three\n 3,\n]')).toEqual([1, 2, 3]);
  });

  it("returns undefined for broken JSONC and strips a BOM", () => {
    expect(parseJsonc("{ nope")).toBeUndefined();
    expect(parseJsonc('\uFEFF{ "a": 1 }')).toEqual({ a: 1 });
  });
});

describe("parseJsonStrict", () => {
  it("rejects comments: safesort's own config files are plain JSON", () => {
    let error: unknown;
    try {
      parseJsonStrict('{\n  // no\n  "a": 1\n}', "/p/safesort.config.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe("/p/safesort.config.json");
    expect([(error as ConfigError).line, (error as ConfigError).column]).toEqual([2, 3]);
  });

  it("parses with a BOM", () => {
    expect(parseJsonStrict('\uFEFF{"a":[1]}', "f.json")).toEqual({ a: [1] });
  });
});

describe("lineColumn", () => {
  it("is 1-based and understands CRLF", () => {
    expect(lineColumn("ab\r\ncd", 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("x", 0)).toEqual({ line: 1, column: 1 });
  });
});
