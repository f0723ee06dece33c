/**
 * The cache's metadata entries (src/cache/stats.ts) on their own: exact
 * values by config group, directory and name; a file's latest entry per group;
 * stored a directory per string and cut a directory at a time.
 */
import { describe, expect, it } from "vitest";

import { entryKey, type FileStamp, isStatsJson, MetadataEntries, stampText } from "../../src/cache/stats.js";

const stamp = (n: number): FileStamp => ({ dev: 1n, ino: BigInt(n), size: 3n, mtimeNs: 1_700_000_000_000_000_000n + BigInt(n), ctimeNs: 1_700_000_000_000_000_001n });
const G = "a".repeat(40);

describe("metadata entries", () => {
  it("know a file only with its exact stamp, path and group", () => {
    const entries = new MetadataEntries();
    expect(entries.empty).toBe(true);
    expect(entries.add(entryKey(G, "/p/src/a.ts", stamp(1)))).toBe(true);
    expect(entries.add(entryKey(G, "/p/src/a.ts", stamp(1)))).toBe(false); // known already
    expect(entries.empty).toBe(false);
    expect(entries.has(G, "/p/src/a.ts", stampText(stamp(1)))).toBe(true);
    expect(entries.has(G, "/p/src/a.ts", stampText(stamp(2)))).toBe(false);
    expect(entries.has(G, "/p/src/b.ts", stampText(stamp(1)))).toBe(false);
    expect(entries.has(G, "/p/src/x/a.ts", stampText(stamp(1)))).toBe(false);
    expect(entries.has(G, "/p/a.ts", stampText(stamp(1)))).toBe(false);
    expect(entries.has(`${G} strict`, "/p/src/a.ts", stampText(stamp(1)))).toBe(false);
    expect(entries.has("b".repeat(40), "/p/src/a.ts", stampText(stamp(1)))).toBe(false);
  });

  it("keep a file's latest stamp per group (an older one can never match again: ctime does not go back)", () => {
    const entries = new MetadataEntries();
    entries.add(entryKey(G, "/p/a.ts", stamp(1)));
    entries.add(entryKey(G, "/p/a.ts", stamp(2)));
    entries.add(entryKey(`${G} strict`, "/p/a.ts", stamp(1)));
    expect(entries.has(G, "/p/a.ts", stampText(stamp(2)))).toBe(true);
    expect(entries.has(G, "/p/a.ts", stampText(stamp(1)))).toBe(false);
    expect(entries.has(`${G} strict`, "/p/a.ts", stampText(stamp(1)))).toBe(true);
  });

  it("round-trip through their stored form, names of any characters but the separator included", () => {
    const names = ["/p/a b.ts", "/p/a:1.ts", "/p/new\nline.ts", "/p/ünï.ts", "/p/q/deep.ts", "/root.ts"];
    const entries = new MetadataEntries();
    names.forEach((name, i) => entries.add(entryKey(G, name, stamp(i))));
    const json = JSON.parse(JSON.stringify(entries.toJson(100))) as unknown;
    expect(isStatsJson(json)).toBe(true);
    const again = new MetadataEntries(json as Record<string, Record<string, string>>);
    names.forEach((name, i) => {
      expect(again.has(G, name, stampText(stamp(i))), name).toBe(true);
      expect(again.has(G, name, stampText(stamp(i + 1))), name).toBe(false);
    });
    // Asked in another order than stored, and a directory asked after another one.
    expect(again.has(G, "/p/q/deep.ts", stampText(stamp(4)))).toBe(true);
    expect(again.has(G, "/p/a b.ts", stampText(stamp(0)))).toBe(true);
  });

  it("are cut a directory at a time, those written to longest ago first", () => {
    const entries = new MetadataEntries();
    entries.add(entryKey(G, "/old/a.ts", stamp(1)));
    entries.add(entryKey(G, "/old/b.ts", stamp(2)));
    entries.add(entryKey(G, "/mid/a.ts", stamp(3)));
    entries.add(entryKey(G, "/new/a.ts", stamp(4)));
    entries.add(entryKey(G, "/mid/b.ts", stamp(5))); // /mid is now the newest
    const cut = new MetadataEntries(entries.toJson(3));
    expect(cut.has(G, "/old/a.ts", stampText(stamp(1)))).toBe(false);
    expect(cut.has(G, "/old/b.ts", stampText(stamp(2)))).toBe(false);
    expect(cut.has(G, "/new/a.ts", stampText(stamp(4)))).toBe(true);
    expect(cut.has(G, "/mid/a.ts", stampText(stamp(3)))).toBe(true);
    expect(cut.has(G, "/mid/b.ts", stampText(stamp(5)))).toBe(true);
    // A stored directory never asked about is counted and kept as it is.
    expect(new MetadataEntries(cut.toJson(3)).toJson(3)).toEqual(cut.toJson(3));
    expect(Object.keys(new MetadataEntries(cut.toJson(3)).toJson(1)[G] ?? {})).toEqual([]);
  });

  it("refuse a malformed key to record, and a stored form of another shape", () => {
    const entries = new MetadataEntries();
    expect(entries.add("no separators")).toBe(false);
    expect(entries.add(`${G}\0relative.ts\0${stampText(stamp(1))}`)).toBe(false); // no directory
    expect(entries.empty).toBe(true);
    expect(isStatsJson([])).toBe(false);
    expect(isStatsJson({ [G]: ["a"] })).toBe(false);
    expect(isStatsJson({ [G]: { "/p": 1 } })).toBe(false);
    expect(isStatsJson({ [G]: { "/p": "a.ts/1:2:3:4:5" } })).toBe(true);
  });
});
