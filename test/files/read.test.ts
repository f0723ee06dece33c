import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";

import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { decodeSource, firstInvalidUtf8, readSourceBytes, readSourceFile } from "../../src/files/read.js";
import { isRoot, makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("decodeSource", () => {
  it("decodes UTF-8 without a BOM", () => {
    expect(decodeSource(bytes('import a from "a";\r\nconst é = "😀";\n'), "a.ts")).toEqual({
      ok: true,
      text: 'import a from "a";\r\nconst é = "😀";\n',
      bom: false,
    });
  });

  it("strips a UTF-8 BOM and reports it", () => {
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], "x;\n"), "a.ts")).toEqual({ ok: true, text: "x;\n", bom: true });
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf]), "a.ts")).toEqual({ ok: true, text: "", bom: true });
    expect(decodeSource(Buffer.alloc(0), "a.ts")).toEqual({ ok: true, text: "", bom: false });
  });

  it("refuses a NUL byte as binary, at its line and column", () => {
    expect(decodeSource(bytes("ab\ncd", [0], "ef"), "src/x.ts")).toEqual({
      ok: false,
      diagnostic: { code: "binary-file", message: "contains a NUL byte", path: "src/x.ts", line: 2, column: 3 },
    });
    // Columns count UTF-16 code units ("é" is 1, "😀" is 2); the BOM is not counted; CRLF and lone CR end lines.
    const located = decodeSource(bytes([0xef, 0xbb, 0xbf], "a\r\nb\ré😀", [0]), "x.ts");
    expect(located).toMatchObject({ ok: false, diagnostic: { code: "binary-file", line: 3, column: 4 } });
  });

  it("refuses invalid UTF-8 at the first invalid byte", () => {
    expect(decodeSource(bytes("ok\nab", [0xff], "c"), "x.js")).toEqual({
      ok: false,
      diagnostic: { code: "invalid-encoding", message: "invalid UTF-8 (byte 0xFF); save the file as UTF-8", path: "x.js", line: 2, column: 3 },
    });
    const cases: [string, Buffer, number, number][] = [
      ["Latin-1 é", bytes("const s = 'caf", [0xe9], "';"), 1, 15],
      ["truncated at the end", bytes("x", [0xe2, 0x82]), 1, 2],
      ["truncated before ASCII", bytes("\n\n  ", [0xe2, 0x82], "a"), 3, 3],
      ["overlong '/'", bytes("é", [0xc0, 0xaf]), 1, 2],
      ["UTF-8 encoded surrogate", bytes("😀", [0xed, 0xa0, 0x80]), 1, 3],
      ["above U+10FFFF", bytes([0xf4, 0x90, 0x80, 0x80]), 1, 1],
      ["lone continuation byte", bytes("a\r", [0x80]), 2, 1],
    ];
    for (const [name, input, line, column] of cases) {
      expect(decodeSource(input, "x.js"), name).toMatchObject({ ok: false, diagnostic: { code: "invalid-encoding", line, column } });
    }
  });

  it("refuses UTF-16 and UTF-32 byte order marks", () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("import a;", "utf16le")]);
    expect(decodeSource(utf16le, "w.ts")).toEqual({
      ok: false,
      diagnostic: {
        code: "invalid-encoding",
        message: "UTF-16 is not supported (the file starts with a UTF-16 LE byte order mark); save it as UTF-8",
        path: "w.ts",
        line: 1,
        column: 1,
      },
    });
    expect(decodeSource(bytes([0xfe, 0xff, 0x00, 0x61]), "w.ts")).toMatchObject({
      ok: false,
      diagnostic: { code: "invalid-encoding", message: expect.stringMatching(/^UTF-16 is not supported .*UTF-16 BE/) },
    });
    expect(decodeSource(bytes([0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0]), "w.ts")).toMatchObject({
      ok: false,
      diagnostic: { code: "invalid-encoding", message: expect.stringMatching(/^UTF-32 is not supported .*UTF-32 LE/) },
    });
  });
});

describe("firstInvalidUtf8", () => {
  it("agrees with the strict WHATWG decoder on random bytes (property)", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    // Mostly valid text with a few random bytes spliced in, so that both outcomes are common.
    const input = fc
      .tuple(fc.string({ unit: "grapheme", maxLength: 20 }), fc.uint8Array({ maxLength: 4 }), fc.string({ maxLength: 5 }))
      .map(([a, b, c]) => Buffer.concat([Buffer.from(a, "utf8"), Buffer.from(b), Buffer.from(c, "utf8")]));
    fc.assert(
      fc.property(fc.oneof(input, fc.uint8Array({ maxLength: 12 })), (buf) => {
        const offset = firstInvalidUtf8(buf);
        expect(offset === -1).toBe(valid(buf));
        expect(offset === -1).toBe(isUtf8(buf));
        if (offset !== -1) {
          // Everything before the offset is valid; the sequence starting there is not.
          expect(valid(buf.subarray(0, offset))).toBe(true);
          expect(firstInvalidUtf8(buf.subarray(offset))).toBe(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("readSourceFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir("read");
  });
  afterEach(async () => {
    await removeTree(dir);
  });

  it("returns the text, the BOM flag and the sha256 of the raw bytes", async () => {
    const raw = bytes([0xef, 0xbb, 0xbf], 'import "x";\n');
    await writeTree(dir, { "a.ts": raw });
    expect(await readSourceFile(join(dir, "a.ts"), "a.ts")).toEqual({
      ok: true,
      text: 'import "x";\n',
      bom: true,
      hash: createHash("sha256").update(raw).digest("hex"),
    });
  });

  it("reads files of every size up to the limit whole, one after the other (the read buffer is reused and grows)", async () => {
    // Sizes around the buffer's growth steps (64 KiB, doubling) and the limit itself.
    const limit = 300 * 1024;
    const sizes = [0, 1, 65_535, 65_536, 65_537, 10, 131_072, 200_000, limit, 3];
    for (const [i, size] of sizes.entries()) {
      const text = `// ${i}\n`.padEnd(size, "x").slice(0, size);
      await writeTree(dir, { [`f${i}.ts`]: text });
      const read = readSourceBytes(join(dir, `f${i}.ts`), `f${i}.ts`, limit);
      expect(read.ok && read.bytes.toString("utf8") === text).toBe(true);
      expect(read.ok && read.hash()).toBe(createHash("sha256").update(text).digest("hex"));
    }
  });

  it("a hash asked for after the next read is refused (the buffer holds another file by then), never wrong", async () => {
    await writeTree(dir, { "a.ts": "a", "b.ts": "b" });
    const a = readSourceBytes(join(dir, "a.ts"), "a.ts");
    const b = readSourceBytes(join(dir, "b.ts"), "b.ts");
    expect(b.ok && b.hash()).toBe(createHash("sha256").update("b").digest("hex"));
    expect(() => a.ok && a.hash()).toThrow(/reused before the file's hash was taken/);
  });

  it("refuses a file over the limit as too large, with its size", async () => {
    await writeTree(dir, { "big.ts": "x".repeat(3 * 1024 * 1024 + 1) });
    expect(readSourceBytes(join(dir, "big.ts"), "big.ts", 2 * 1024 * 1024)).toEqual({
      ok: false,
      diagnostic: { code: "too-large", message: "file too large: 3 MB, the limit is 2 MB", path: "big.ts" },
    });
  });

  it("reports decoding problems with the display path", async () => {
    await writeTree(dir, { "bin.js": bytes("x", [0], "y") });
    expect(await readSourceFile(join(dir, "bin.js"), "src/bin.js")).toEqual({
      ok: false,
      diagnostic: { code: "binary-file", message: "contains a NUL byte", path: "src/bin.js", line: 1, column: 2 },
    });
  });

  it("reports a missing file and a directory with the OS reason", async () => {
    expect(await readSourceFile(join(dir, "gone.ts"), "gone.ts")).toEqual({
      ok: false,
      diagnostic: { code: "not-found", message: "cannot read file: no such file or directory (ENOENT)", path: "gone.ts" },
    });
    await mkdir(join(dir, "d.ts"));
    expect(await readSourceFile(join(dir, "d.ts"), "d.ts")).toEqual({
      ok: false,
      diagnostic: { code: "unreadable", message: "cannot read file: is a directory (EISDIR)", path: "d.ts" },
    });
  });

  it.skipIf(isRoot)("reports a file without read permission (not as root: root reads anything)", async () => {
    await writeTree(dir, { "secret.ts": "x" });
    await chmod(join(dir, "secret.ts"), 0o000);
    expect(await readSourceFile(join(dir, "secret.ts"), "secret.ts")).toEqual({
      ok: false,
      diagnostic: { code: "unreadable", message: "cannot read file: permission denied (EACCES)", path: "secret.ts" },
    });
  });
});
