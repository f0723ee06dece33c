/**
 * End to end: the real `node bin/safesort.js` (the built CLI in dist/, which
 * `npm test` builds first) in temp directories.
 */
import { chmod, readFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { REPO, safesort } from "../helpers/bin.js";

import { BROKEN, makeProject, read, removeProjects, snapshot, SORTED, UNSORTED } from "./project.js";

afterAll(removeProjects);

const pkg = JSON.parse(await readFile(join(REPO, "package.json"), "utf8")) as { version: string };

describe("bin/safesort.js", () => {
  it("sorts a project in place: exit 0", async () => {
    const root = await makeProject({ "src/a.ts": UNSORTED, "src/b.ts": SORTED });
    expect(safesort(["."], root)).toEqual({ code: 0, stdout: "1 file sorted, 1 unchanged\n", stderr: "" });
    expect(await read(root, "src/a.ts")).toBe(SORTED);
    // Idempotent: a second run changes nothing.
    expect(safesort(["."], root).stdout).toBe("0 files sorted, 2 unchanged\n");
  });

  it("--check: exit 1, lists the file, writes nothing (bytes and mtime)", async () => {
    const root = await makeProject({ "src/a.ts": UNSORTED });
    const before = await snapshot(root, "src/a.ts");
    const result = safesort(["--check", "src"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("src/a.ts\n");
    expect(await snapshot(root, "src/a.ts")).toEqual(before);
  });

  it("--diff: exit 1, a plain unified diff (not a TTY), writes nothing", async () => {
    const root = await makeProject({ "a.ts": UNSORTED });
    const before = await snapshot(root, "a.ts");
    const result = safesort(["--diff", "a.ts"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('--- a/a.ts\n+++ b/a.ts\n@@ -1,2 +1,2 @@\n-import b from "b";\n import a from "a";\n+import b from "b";\n');
    expect(await snapshot(root, "a.ts")).toEqual(before);
  });

  it("--check on sorted files: exit 0", async () => {
    const root = await makeProject({ "a.ts": SORTED });
    expect(safesort(["--check", "."], root).code).toBe(0);
  });

  it("a syntax-error file is reported and untouched while its neighbours are sorted: exit 2", async () => {
    const root = await makeProject({ "a.ts": UNSORTED, "broken.ts": BROKEN, "c.mjs": UNSORTED });
    const before = await snapshot(root, "broken.ts");
    const result = safesort(["."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broken\.ts:1:\d+: syntax error: /);
    expect(await snapshot(root, "broken.ts")).toEqual(before);
    expect(await read(root, "a.ts")).toBe(SORTED);
    expect(await read(root, "c.mjs")).toBe(SORTED);
  });

  it("a read-only file is reported, not written: exit 2", async () => {
    const root = await makeProject({ "ro.ts": UNSORTED });
    await chmod(join(root, "ro.ts"), 0o444);
    const result = safesort(["ro.ts"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ro\.ts: /);
    expect(await read(root, "ro.ts")).toBe(UNSORTED);
  });

  it("--stdin-filepath: sorted source on stdout; a syntax error leaves stdout empty, exit 2", async () => {
    const root = await makeProject({});
    expect(safesort(["--stdin-filepath", "src/a.ts"], root, UNSORTED)).toEqual({ code: 0, stdout: SORTED, stderr: "" });
    const broken = safesort(["--stdin-filepath", "src/a.ts"], root, BROKEN);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(/^src\/a\.ts:1:\d+: syntax error: /);
  });

  it("--json prints one parseable document", async () => {
    const root = await makeProject({ "a.ts": UNSORTED, "b.ts": SORTED });
    const result = safesort(["--json", "--check", "."], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      version: pkg.version,
      mode: "check",
      summary: { changed: 1, unchanged: 1, skipped: 0, failed: 0 },
      files: [
        { path: "a.ts", status: "changed" },
        { path: "b.ts", status: "unchanged" },
      ],
    });
  });

  it("a missing path argument is an error: exit 2", async () => {
    const root = await makeProject({});
    const result = safesort(["does-not-exist"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("does-not-exist");
  });

  it("an unknown option is a usage error: exit 2", async () => {
    const root = await makeProject({});
    expect(safesort(["--nope"], root).code).toBe(2);
  });

  it("--version matches package.json", async () => {
    const root = await makeProject({});
    expect(safesort(["--version"], root)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });
});
