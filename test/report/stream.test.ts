import { describe, expect, it } from "vitest";

import type { FileReport } from "../../src/report/model.js";
import { type ReportHead, streamReport } from "../../src/report/stream.js";

const HEAD: ReportHead = { version: "0.0.0", command: "sort", mode: "check" };
const TEXT = { reporter: "text", quiet: false, color: false } as const;

/** Both streams into one log, as a terminal or `2>&1` shows them, with each write kept apart. */
function streams() {
  const log: string[] = [];
  const writes = { stdout: [] as string[], stderr: [] as string[] };
  let onStdout: (() => void) | undefined;
  return {
    log,
    writes,
    /** Resolves once stdout has had a write (rejects after 5 s without one). */
    stdoutWritten: () =>
      new Promise<void>((resolve, reject) => {
        if (writes.stdout.length > 0) return resolve();
        const timer = setTimeout(() => reject(new Error("nothing was written to stdout in 5 s")), 5000);
        onStdout = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    out: {
      stdout: {
        write(text: string) {
          writes.stdout.push(text);
          log.push(text);
          onStdout?.();
        },
      },
      stderr: {
        write(text: string) {
          writes.stderr.push(text);
          log.push(text);
        },
      },
    },
  };
}

const changed = (path: string): FileReport => ({ path, status: "changed" });
const failed = (path: string): FileReport => ({ path, status: "failed", diagnostics: [{ code: "syntax-error", message: "bad", path, line: 1, column: 2 }] });

describe("streamReport: data lines in chunks", () => {
  it("writes a --check run's paths in one write, in order, the summary after them", async () => {
    const s = streams();
    const reports = Array.from({ length: 500 }, (_, i) => changed(`src/f${i}.ts`));
    await streamReport(reports, HEAD, TEXT, s.out);
    expect(s.writes.stdout).toEqual([reports.map((r) => `${r.path}\n`).join("")]);
    expect(s.writes.stderr).toEqual(["500 files would be sorted, 0 unchanged\n"]);
  });

  it("sends what stdout holds before anything on stderr: the two streams keep the files' order", async () => {
    const s = streams();
    await streamReport([changed("a.ts"), changed("b.ts"), failed("c.ts"), changed("d.ts")], HEAD, TEXT, s.out);
    expect(s.log).toEqual(["a.ts\nb.ts\n", "c.ts:1:2: syntax error: bad\n", "d.ts\n", "3 files would be sorted, 0 unchanged, 1 failed\n"]);
  });

  it("starts a new write from CHUNK bytes on: a long run's output is not held in one string", async () => {
    const s = streams();
    const reports = Array.from({ length: 5000 }, (_, i) => changed(`packages/some-package/src/file-${i}.ts`));
    await streamReport(reports, HEAD, TEXT, s.out);
    expect(s.writes.stdout.length).toBeGreaterThan(1);
    expect(s.writes.stdout.slice(0, -1).every((w) => w.length >= 32 * 1024 && w.length < 33 * 1024)).toBe(true);
    expect(s.writes.stdout.join("")).toBe(reports.map((r) => `${r.path}\n`).join(""));
  });

  it("writes a held line while the run waits for the next file (no line waits for the end of a slow run)", async () => {
    const s = streams();
    async function* slow(): AsyncGenerator<FileReport> {
      yield changed("first.ts");
      // The run is now waiting; the line must go out without a further report.
      await s.stdoutWritten();
      yield changed("second.ts");
    }
    await streamReport(slow(), HEAD, TEXT, s.out);
    expect(s.writes.stdout).toEqual(["first.ts\n", "second.ts\n"]);
  });

  it("writes what it holds when the run fails (an interrupted run still lists the files it found)", async () => {
    const s = streams();
    async function* interrupted(): AsyncGenerator<FileReport> {
      yield changed("a.ts");
      yield changed("b.ts");
      throw new Error("interrupted");
    }
    await expect(streamReport(interrupted(), HEAD, TEXT, s.out)).rejects.toThrow("interrupted");
    expect(s.log).toEqual(["a.ts\nb.ts\n"]);
  });

  it("writes each text at once next to a progress line or an interactive prompt", async () => {
    const s = streams();
    const progress = { clear: () => s.log.push("<clear>"), tick: () => undefined };
    await streamReport([changed("a.ts"), changed("b.ts")], HEAD, { ...TEXT, progress }, s.out);
    expect(s.log.slice(0, 4)).toEqual(["<clear>", "a.ts\n", "<clear>", "b.ts\n"]);
    const t = streams();
    const dumps: FileReport[] = [
      { path: "a.ts", status: "unchanged", dump: "a.ts:1:1 match\n" },
      { path: "b.ts", status: "unchanged", dump: "b.ts:2:1 match\n" },
    ];
    await streamReport(dumps, { ...HEAD, command: "run", mode: "interactive" }, TEXT, t.out);
    expect(t.writes.stdout).toEqual(["a.ts:1:1 match\n", "b.ts:2:1 match\n"]);
  });
});
