/**
 * bin.ts's standard outputs without Node's stream objects (src/cli/std-streams.ts):
 * write(2) on the descriptor while it takes everything, the stream from the
 * first write it does not take on; terminals told apart without node:tty for
 * anything that is not a character device.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { directOutput, isTerminal } from "../../src/cli/std-streams.js";
import { REPO, safesort, type SyncResult } from "../helpers/bin.js";

import { makeProject, read, removeProjects, SORTED, UNSORTED } from "./project.js";

describe("directOutput", () => {
  afterAll(removeProjects);

  it("writes every text to the descriptor, in order, without asking for the stream", async () => {
    const file = join(await makeProject({}), "out.txt");
    const fd = openSync(file, "w");
    const output = directOutput(fd, () => {
      throw new Error("the stream was created");
    });
    output.write("safesort: ");
    output.write("0 files would be sorted, 1 unchanged\n");
    output.write("é → ✓\n");
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe("safesort: 0 files would be sorted, 1 unchanged\né → ✓\n");
  });

  it("hands a text the descriptor refuses, and every later one, to the stream", async () => {
    const fd = openSync(join(await makeProject({}), "closed.txt"), "w");
    closeSync(fd); // EBADF from now on
    const streamed: string[] = [];
    let created = 0;
    const output = directOutput(fd, () => {
      created += 1;
      return { write: (text: string) => streamed.push(text) };
    });
    output.write("first\n");
    output.write("second\n");
    expect(streamed).toEqual(["first\n", "second\n"]);
    expect(created).toBe(1);
  });
});

describe("isTerminal", () => {
  it("is false for a file, a character device that is no terminal, and a closed descriptor", async () => {
    const fd = openSync(join(await makeProject({}), "f.txt"), "w");
    expect(isTerminal(fd)).toBe(false);
    closeSync(fd);
    expect(isTerminal(fd)).toBe(false);
    const devNull = openSync("/dev/null", "w");
    expect(isTerminal(devNull)).toBe(false);
    closeSync(devNull);
  });
});

/** The real binary with its standard output's reader gone before it writes (`safesort . | true`): its exit code and standard error. */
function withReaderGone(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, "bin", "safesort.js"), ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject).on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a standard output whose reader went away (EPIPE)", () => {
  afterAll(removeProjects);
  const files = (text: string): Record<string, string> => Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`src/f${i}.ts`, text]));

  it("ends the listing, not the run: every file is still sorted and the exit code is the run's", async () => {
    const root = await makeProject(files(UNSORTED));
    const result = await withReaderGone(["src"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (let i = 0; i < 120; i++) expect(await read(root, `src/f${i}.ts`)).toBe(SORTED);
  });

  it("keeps --check's verdict (exit 1) and its summary on standard error", async () => {
    const root = await makeProject(files(UNSORTED));
    const result = await withReaderGone(["--check", "src"], root);
    expect(result.stderr).toBe("120 files would be sorted, 0 unchanged\n");
    expect(result.code).toBe(1);
    expect(await read(root, "src/f0.ts")).toBe(UNSORTED);
  });
});

/**
 * The real binary's standard output through a pipe whose reader (a shell's
 * `sleep; cat`) starts reading only `delay` seconds after the start: what the
 * binary writes beyond the pipe's capacity (64 KiB on Linux) waits in its
 * stream until then.
 */
function withLateReader(args: readonly string[], cwd: string, delay: number): SyncResult {
  const script = `"$0" "$1" "$@" | (sleep ${delay}; cat)`;
  const result = spawnSync("sh", ["-c", script, process.execPath, join(REPO, "bin", "safesort.js"), ...args], { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("a standard output read late (a full pipe)", () => {
  afterAll(removeProjects);

  it("is written whole before the process exits", async () => {
    // 40 files whose diffs make ~190 KB: three times what a pipe holds.
    const lines = Array.from({ length: 40 }, (_, j) => `import { n${40 - j} } from "./a-module-with-a-rather-long-name-${40 - j}";\n`).join("");
    const root = await makeProject(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/f${i}.ts`, `${lines}console.log(n1);\n`])));
    const direct = safesort(["--diff", "--no-cache", "src"], root);
    expect(direct.stdout.length).toBeGreaterThan(2.5 * 65536);
    const late = withLateReader(["--diff", "--no-cache", "src"], root, 1);
    expect(late.stdout).toBe(direct.stdout);
  });
});
