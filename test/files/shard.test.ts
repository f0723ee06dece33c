import { join } from "node:path";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { hashPath, inShard, parseShard, shardKey, shardOf } from "../../src/files/shard.js";

describe("parseShard", () => {
  it("reads i/n with 1 ≤ i ≤ n", () => {
    expect(parseShard("1/1")).toEqual({ ok: true, shard: { index: 1, count: 1 } });
    expect(parseShard("3/4")).toEqual({ ok: true, shard: { index: 3, count: 4 } });
    expect(parseShard("4/4")).toEqual({ ok: true, shard: { index: 4, count: 4 } });
  });

  it.each([
    ["0/3", "--shard 0/3: i must be between 1 and 3"],
    ["4/3", "--shard 4/3: i must be between 1 and 3"],
    ["1/0", "--shard 1/0: n must be at least 1"],
    ["1.5/2", '--shard expects i/n (for example 1/4), got "1.5/2"'],
    ["-1/2", '--shard expects i/n (for example 1/4), got "-1/2"'],
    [" 1/2", '--shard expects i/n (for example 1/4), got " 1/2"'],
    ["1/2/3", '--shard expects i/n (for example 1/4), got "1/2/3"'],
    ["2", '--shard expects i/n (for example 1/4), got "2"'],
    ["", '--shard expects i/n (for example 1/4), got ""'],
  ])("rejects %j", (text, message) => {
    expect(parseShard(text)).toEqual({ ok: false, message });
  });
});

describe("shardOf", () => {
  it("is pinned: the same path lands in the same part in every run and version (CI logs stay comparable)", () => {
    expect(hashPath("src/a.ts")).toBe(3876039695);
    expect([shardOf("src/a.ts", 2), shardOf("src/a.ts", 3), shardOf("src/a.ts", 4)]).toEqual([2, 3, 4]);
    expect([shardOf("src/b.ts", 2), shardOf("src/b.ts", 3), shardOf("src/b.ts", 4)]).toEqual([1, 2, 1]);
    expect([shardOf("é/ü.ts", 2), shardOf("é/ü.ts", 3), shardOf("é/ü.ts", 4)]).toEqual([2, 1, 4]);
  });

  it("with n = 1 everything is in part 1", () => {
    fc.assert(fc.property(fc.string(), (path) => shardOf(path, 1) === 1));
  });

  it("splits any set of paths into n disjoint parts whose union is the set, whatever the order", () => {
    const paths = fc.uniqueArray(fc.stringMatching(/^[a-z0-9./_-]{1,30}$/), { maxLength: 60 });
    fc.assert(
      fc.property(paths, fc.integer({ min: 1, max: 8 }), (list, n) => {
        const parts = Array.from({ length: n }, (_, i) => list.filter((p) => shardOf(p, n) === i + 1));
        const union = parts.flat();
        expect(union.length).toBe(list.length); // disjoint: nothing counted twice
        expect(new Set(union)).toEqual(new Set(list));
        const reversed = [...list].reverse();
        expect(parts.map((part) => new Set(part))).toEqual(
          Array.from({ length: n }, (_, i) => new Set(reversed.filter((p) => shardOf(p, n) === i + 1))),
        );
      }),
    );
  });

  it("balances a realistic tree: each of 4 parts holds 25% ± 3% of 4000 files", () => {
    const paths = Array.from({ length: 4000 }, (_, i) => `packages/pkg-${i % 40}/src/module-${i}.ts`);
    const counts = [1, 2, 3, 4].map((part) => paths.filter((p) => shardOf(p, 4) === part).length);
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });
});

describe("inShard / shardKey", () => {
  it("keys a file by its path relative to cwd, with / separators", () => {
    const cwd = join("/", "repo");
    expect(shardKey(join(cwd, "src", "a.ts"), cwd)).toBe("src/a.ts");
    expect(shardKey("src/a.ts", cwd)).toBe("src/a.ts");
    expect(shardKey(join("/", "elsewhere", "b.ts"), cwd)).toBe("../elsewhere/b.ts");
    expect(inShard(join(cwd, "src", "a.ts"), cwd, { index: 2, count: 2 })).toBe(true);
    expect(inShard(join(cwd, "src", "a.ts"), cwd, { index: 1, count: 2 })).toBe(false);
  });
});
