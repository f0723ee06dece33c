/**
 * bin.ts's standard outputs without Node's stream objects (src/cli/std-streams.ts):
 * write(2) on the descriptor while it takes everything, the stream from the
 * first write it does not take on; terminals told apart without node:tty for
 * anything that is not a character device.
 */
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { directOutput, isTerminal } from "../../src/cli/std-streams.js";

import { makeProject, removeProjects } from "./project.js";

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
