/**
 * The CLI's V8 tuning (src/cli/v8-tuning.ts): set for a run that may be long
 * (a directory, a glob, many files), never for a few files named one by one,
 * whose start-up must stay free of node:v8.
 */
import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mayBeLongRun } from "../../src/cli/v8-tuning.js";
import { REPO } from "../helpers/bin.js";
import { makeTree, removeTree } from "../helpers/tree.js";

describe("which runs are tuned", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTree("tuning", { "src/a.ts": 'import a from "a";\n', "b.ts": 'import b from "b";\n', "c.ts": "export {};\n" });
    // A probe that says at exit whether node:v8 was loaded.
    await writeFile(join(dir, "probe.mjs"), "process.on('exit', () => process.stderr.write(process.moduleLoadList.includes('NativeModule v8') ? 'V8 LOADED\\n' : 'V8 NOT LOADED\\n'));\n");
  });
  afterAll(() => removeTree(dir));

  it("a directory, a glob, no path (the working directory) or 16 files may be long; a few named files or a missing path are not", () => {
    expect(mayBeLongRun(["src"], dir)).toBe(true);
    expect(mayBeLongRun(["b.ts", "src"], dir)).toBe(true);
    expect(mayBeLongRun(["src/**/*.ts"], dir)).toBe(true);
    expect(mayBeLongRun(["{b,c}.ts"], dir)).toBe(true);
    expect(mayBeLongRun([], dir)).toBe(true);
    expect(mayBeLongRun(Array.from({ length: 16 }, () => "b.ts"), dir)).toBe(true);
    expect(mayBeLongRun(["b.ts"], dir)).toBe(false);
    expect(mayBeLongRun(["b.ts", "c.ts", "src/a.ts"], dir)).toBe(false);
    expect(mayBeLongRun(Array.from({ length: 15 }, () => "b.ts"), dir)).toBe(false);
    expect(mayBeLongRun(["missing.ts"], dir)).toBe(false);
  });

  const run = (args: string[]): string => {
    const result = spawnSync(process.execPath, ["--import", join(dir, "probe.mjs"), join(REPO, "bin", "safesort.js"), "--check", "--no-cache", ...args], { cwd: dir, encoding: "utf8" });
    return result.stderr;
  };

  it("the real CLI loads node:v8 (to set the flag) for a directory, not for two named files", () => {
    expect(run(["src"])).toContain("V8 LOADED");
    expect(run(["b.ts", "c.ts"])).toContain("V8 NOT LOADED");
  });
});
