/**
 * The CLI's V8 tuning (src/cli/v8-tuning.ts): set for a run that may be long
 * (a directory, a glob, many files), never for a few files named one by one,
 * whose start-up must stay free of node:v8. On Linux a long sort run lowers
 * V8's background threads, not the main thread nor libuv's pool.
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
    // A probe that says at exit each thread's id, name and niceness (Linux: /proc), as JSON.
    await writeFile(
      join(dir, "threads.mjs"),
      [
        "import { readdirSync, readFileSync } from 'node:fs';",
        "process.on('exit', () => {",
        "  const threads = readdirSync('/proc/self/task').map(Number).sort((a, b) => a - b).map((tid) => {",
        "    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');",
        "    return { tid, main: tid === process.pid, name: readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(), nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) };",
        "  });",
        "  process.stderr.write(`THREADS ${JSON.stringify(threads)}\\n`);",
        "});",
      ].join("\n"),
    );
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

  interface Thread {
    tid: number;
    main: boolean;
    name: string;
    nice: number;
  }
  const threads = (args: string[]): Thread[] => {
    const result = spawnSync(process.execPath, ["--import", join(dir, "threads.mjs"), join(REPO, "bin", "safesort.js"), "--check", "--no-cache", ...args], { cwd: dir, encoding: "utf8" });
    const line = result.stderr.split("\n").find((l) => l.startsWith("THREADS "));
    if (!line) throw new Error(`no THREADS line: ${result.stderr}`);
    return JSON.parse(line.slice("THREADS ".length)) as Thread[];
  };

  it.runIf(process.platform === "linux")("a long sort run lowers V8's background threads, not the main thread nor libuv's pool", () => {
    const all = threads(["src"]);
    const main = all.find((t) => t.main)!;
    expect(main.nice).toBe(0);
    const others = all.filter((t) => !t.main);
    // libuv's pool: named on Node 22 and later; on Node 20 the last threads started (the run used it: file reads, oxc).
    const pool = Number(process.versions.node.split(".")[0]) >= 22 ? others.filter((t) => t.name === "libuv-worker") : others.slice(-4);
    expect(pool.length).toBeGreaterThan(0);
    for (const t of pool) expect(t, JSON.stringify(all)).toMatchObject({ nice: 0 });
    const background = others.filter((t) => !pool.includes(t));
    expect(background.length).toBeGreaterThan(0);
    for (const t of background) expect(t, JSON.stringify(all)).toMatchObject({ nice: 19 });
    // A few named files: nothing lowered.
    for (const t of threads(["b.ts", "c.ts"])) expect(t, t.name).toMatchObject({ nice: 0 });
  });
});
