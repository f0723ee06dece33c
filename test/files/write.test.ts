import { chmod, link, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { SafesortError } from "../../src/errors.js";
import { hashBytes, writeFileAtomic } from "../../src/files/write.js";
import { isRoot, makeTempDir, removeTree } from "../helpers/tree.js";

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir("write");
});
afterEach(async () => {
  await removeTree(dir);
});

/** Create a file and return its path and the hash a reader would have recorded. */
async function fileWith(name: string, content: string | Buffer, mode = 0o644): Promise<{ path: string; hash: string }> {
  const path = join(dir, name);
  await writeFile(path, content);
  await chmod(path, mode);
  return { path, hash: hashBytes(await readFile(path)) };
}

/** The SafesortError a call rejects with (fails the test if it resolves or throws something else). */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; path: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SafesortError);
  const { code, message, path } = error as SafesortError;
  return { code, message, path };
}

describe("hashBytes", () => {
  it("is the sha256 hex digest", () => {
    expect(hashBytes(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("writeFileAtomic", () => {
  it("replaces the content and leaves no temporary file", async () => {
    const { path, hash } = await fileWith("a.ts", "b;\na;\n");
    await writeFileAtomic(path, "a;\nb;\n", { bom: false, expectedHash: hash });
    expect(await readFile(path, "utf8")).toBe("a;\nb;\n");
    expect(await readdir(dir)).toEqual(["a.ts"]);
  });

  it("puts the BOM back when asked", async () => {
    const { path, hash } = await fileWith("bom.ts", Buffer.from([0xef, 0xbb, 0xbf, 0x78]));
    await writeFileAtomic(path, "y;\n", { bom: true, expectedHash: hash });
    expect([...(await readFile(path))]).toEqual([0xef, 0xbb, 0xbf, 0x79, 0x3b, 0x0a]);
  });

  it.each([0o755, 0o640, 0o666, 0o600])("keeps the mode %o (the umask does not apply)", async (mode) => {
    const { path, hash } = await fileWith("m.ts", "x", mode);
    await writeFileAtomic(path, "y", { bom: false, expectedHash: hash });
    expect((await stat(path)).mode & 0o7777).toBe(mode);
    expect(await readFile(path, "utf8")).toBe("y");
  });

  it("writes through a symbolic link: the link stays a link, the target gets the content", async () => {
    await mkdir(join(dir, "real"));
    const { path: target, hash } = await fileWith("real/t.ts", "old", 0o755);
    const linkPath = join(dir, "link.ts");
    await symlink("real/t.ts", linkPath);
    await writeFileAtomic(linkPath, "new", { bom: false, expectedHash: hash });
    expect((await lstat(linkPath)).isSymbolicLink()).toBe(true);
    expect(await readlink(linkPath)).toBe("real/t.ts");
    expect(await readFile(target, "utf8")).toBe("new");
    expect((await stat(target)).mode & 0o777).toBe(0o755);
    expect(await readdir(join(dir, "real"))).toEqual(["t.ts"]);
    expect((await readdir(dir)).sort()).toEqual(["link.ts", "real"]);
  });

  it("refuses a file changed since it was read, leaves it untouched and removes its temporary file", async () => {
    const { path, hash } = await fileWith("c.ts", "as read");
    await writeFile(path, "edited by someone else");
    expect(await refusal(writeFileAtomic(path, "sorted", { bom: false, expectedHash: hash }))).toEqual({
      code: "changed-on-disk",
      message: "the file changed on disk since it was read; not written",
      path,
    });
    expect(await readFile(path, "utf8")).toBe("edited by someone else");
    // The temporary file had been written (the check runs just before the rename): it is gone.
    expect(await readdir(dir)).toEqual(["c.ts"]);
  });

  it("refuses a file deleted since it was read, without recreating it", async () => {
    const path = join(dir, "gone.ts");
    expect(await refusal(writeFileAtomic(path, "x", { bom: false, expectedHash: hashBytes(Buffer.from("x")) }))).toMatchObject({
      code: "changed-on-disk",
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([0o444, 0o400, 0o555])("refuses a read-only file (mode %o) and leaves it untouched", async (mode) => {
    const { path, hash } = await fileWith("ro.ts", "original", mode);
    expect(await refusal(writeFileAtomic(path, "changed", { bom: false, expectedHash: hash }))).toEqual({
      code: "write-failed",
      message: "file is read-only",
      path,
    });
    expect(await readFile(path, "utf8")).toBe("original");
    expect((await stat(path)).mode & 0o777).toBe(mode);
    expect(await readdir(dir)).toEqual(["ro.ts"]);
  });

  it("refuses what is not a regular file, a file with hard links, and a relative path", async () => {
    await mkdir(join(dir, "d.ts"));
    expect(await refusal(writeFileAtomic(join(dir, "d.ts"), "x", { bom: false, expectedHash: "" }))).toEqual({
      code: "unsafe-path",
      message: "not a regular file",
      path: join(dir, "d.ts"),
    });
    const { path, hash } = await fileWith("h.ts", "linked");
    await link(path, join(dir, "h2.ts"));
    expect(await refusal(writeFileAtomic(path, "x", { bom: false, expectedHash: hash }))).toEqual({
      code: "unsafe-path",
      message: "the file has 2 hard links; replacing it would detach it from the others",
      path,
    });
    expect(await readFile(join(dir, "h2.ts"), "utf8")).toBe("linked");
    expect(await refusal(writeFileAtomic("rel/a.ts", "x", { bom: false, expectedHash: hash }))).toMatchObject({ code: "unsafe-path" });
    expect((await readdir(dir)).sort()).toEqual(["d.ts", "h.ts", "h2.ts"]);
  });

  it.skipIf(isRoot)("reports a read-only directory as write-failed, file untouched (not as root: root writes anywhere)", async () => {
    await mkdir(join(dir, "locked"));
    const { path, hash } = await fileWith("locked/a.ts", "original");
    await chmod(join(dir, "locked"), 0o555);
    try {
      expect(await refusal(writeFileAtomic(path, "new", { bom: false, expectedHash: hash }))).toEqual({
        code: "write-failed",
        message: "cannot create a temporary file in the file's directory: permission denied (EACCES)",
        path,
      });
      expect(await readFile(path, "utf8")).toBe("original");
      expect(await readdir(join(dir, "locked"))).toEqual(["a.ts"]);
    } finally {
      await chmod(join(dir, "locked"), 0o755);
    }
  });
});
