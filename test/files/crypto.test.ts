/**
 * The JavaScript SHA-256 that a warm run uses for its few short texts
 * (src/files/crypto.ts) is node:crypto's SHA-256: the same hex for any text,
 * so a cache location or a config's key never depends on which one ran.
 */
import { createHash } from "node:crypto";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { sha256Short } from "../../src/files/crypto.js";

const reference = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256Short", () => {
  it("is the standard SHA-256 (FIPS 180-4 test vectors)", () => {
    expect(sha256Short("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Short("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Short("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("agrees with node:crypto at every padding boundary and on non-ASCII text, lone surrogates included", () => {
    for (let n = 0; n <= 200; n++) expect(sha256Short("x".repeat(n)), String(n)).toBe(reference("x".repeat(n)));
    for (const text of ["é", "😀", "\u0000", "\ud800", "a\udc00b", "ü".repeat(4000), "/home/user/project", '{"groups":[{"name":"builtin"}]}']) {
      expect(sha256Short(text), JSON.stringify(text.slice(0, 20))).toBe(reference(text));
    }
  });

  it("agrees with node:crypto on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 600 }), (text) => sha256Short(text) === reference(text)),
      { numRuns: 2000 },
    );
  });
});
