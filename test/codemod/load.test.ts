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

  it("--flag=value keeps everything after the first `=`, an empty value included", () => {
    expect(parseArgs(["--to=a=b", "--empty=", "--url=https://x.test/?q=1", "--spaced= a "])).toEqual({
      to: "a=b",
      empty: "",
      url: "https://x.test/?q=1",
      spaced: " a ",
      _: [],
    });
  });

  it("--no-flag is false, also for a kebab name; --flag alone (last, or before another flag) is true", () => {
    expect(parseArgs(["--no-dry-run", "--verbose", "--force"])).toEqual({ dryRun: false, verbose: true, force: true, _: [] });
    expect(parseArgs(["--no-sort", "x"])).toEqual({ sort: false, _: ["x"] });
  });

  it("keeps numbers, booleans spelled out and positionals as the strings given", () => {
    expect(parseArgs(["--count", "5", "--ratio=1.50", "--hex", "0x10", "--offset", "-1", "--on", "true", "007", "1e3"])).toEqual({
      count: "5",
      ratio: "1.50",
      hex: "0x10",
      offset: "-1",
      on: "true",
      _: ["007", "1e3"],
    });
  });

  it("collects a repeated flag into strings, whatever the mix of values", () => {
    expect(parseArgs(["--tag", "1", "--tag", "--tag=x"])).toEqual({ tag: ["1", "true", "x"], _: [] });
  });

  it("reads short flags as yargs does", () => {
    expect(parseArgs(["-v", "-n", "3", "-ab"])).toEqual({ v: true, n: "3", a: true, b: true, _: [] });
  });

  it("leaves unknown flags to the codemod (a module reads what it wants)", () => {
    expect(parseArgs(["--whatever-it-is", "x", "--other"])).toEqual({ whateverItIs: "x", other: true, _: [] });
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

  it("refuses an unknown flag, listing the options, in whatever spelling it comes", () => {
    const known = "(options: --from, --name, --to, --to-name)";
    expect(() => parseRuleOptions(rule, ["--from", "a", "--to", "b", "--nope", "x"])).toThrow(`rename-import: unknown option --nope ${known}`);
    expect(() => parseRuleOptions(rule, ["--from", "a", "--to", "b", "--no-such-thing"])).toThrow(`rename-import: unknown option --such-thing ${known}`);
    expect(() => parseRuleOptions(rule, ["--from", "a", "--to", "b", "--extra-flag=1"])).toThrow(`rename-import: unknown option --extra-flag ${known}`);
  });

  it("takes --option=value and keeps a numeric value a string", () => {
    expect(parseRuleOptions(rule, ["--from=lodash", "--to=lodash-es", "--name=1"])).toEqual({ from: "lodash", to: "lodash-es", name: "1" });
  });
});
