/** Codemod arguments after `--`: parsing, and a built-in's option checks. */
import { describe, expect, it } from "vitest";

import { findCodemod } from "../../rules/index.js";
import { parseArgs, parseRuleOptions } from "../../src/pipeline/codemod/load.js";

describe("parseArgs", () => {
  it("reads --key value, --key=value, flags, --no-flags, repeats and positionals", () => {
    expect(parseArgs(["--from", "a", "--to=b", "--dry", "--no-sort", "x", "--tag", "1", "--tag", "2", "--", "--raw"])).toEqual({
      from: "a",
      to: "b",
      dry: true,
      sort: false,
      tag: ["1", "2"],
      _: ["x", "--raw"],
    });
    expect(parseArgs(["--to-name", "c"])).toEqual({ toName: "c", _: [] });
  });
});

describe("parseRuleOptions", () => {
  const rule = findCodemod("rename-import")!;

  it("maps flags to options and leaves out absent optional ones", () => {
    expect(parseRuleOptions(rule, ["--from", "a", "--to", "b", "--name", "x", "--to-name", "y"])).toEqual({ from: "a", to: "b", name: "x", toName: "y" });
    expect(parseRuleOptions(rule, ["--from", "a", "--to", "b"])).toEqual({ from: "a", to: "b" });
  });

  it("refuses missing values, repeats, positionals and cross-option mistakes", () => {
    expect(() => parseRuleOptions(rule, ["--from", "--to", "b"])).toThrow("rename-import: --from needs a value");
    expect(() => parseRuleOptions(rule, ["--from", "a", "--from", "c", "--to", "b"])).toThrow("--from given more than once");
    expect(() => parseRuleOptions(rule, ["x", "--from", "a", "--to", "b"])).toThrow('unexpected argument "x"');
    expect(() => parseRuleOptions(rule, ["--from", "a", "--to", "b", "--to-name", "c"])).toThrow("--to-name needs --name");
  });
});
