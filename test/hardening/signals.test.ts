/**
 * SIGINT and SIGTERM at random moments of a large write run, through the real
 * binary: after each kill, no `*.safesort-tmp` file is left and every file
 * holds exactly its old bytes or exactly its new (sorted) bytes.
 *
 * The tree is generated once and the new content of every file computed
 * in-process (same config resolution as the CLI); then, ITERATIONS times:
 * restore the old content, start `safesort .`, send the signal after a
 * random delay in [startup / 2, startup + WINDOW_MS], where `startup` is
 * measured first (a run on a one-file tree: loading the CLI takes most of a
 * second here), and check. Writing dominates a run (each write is fsynced,
 * ~3 ms a file here), so a run of FILES files is still writing when the
 * window closes, and the delays land at start-up (before and after the
 * handlers exist), during discovery and all along the first part of the
 * write phase. Delays come from a seeded generator (SAFESORT_SIGNAL_SEED
 * replays a sequence).
 */
import { readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type CliIo, Interrupted, type Interrupts, type InterruptSignal } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { loadConfig, sortSource } from "../../src/index.js";
import { runBin } from "../helpers/bin.js";
import { listFiles, makeTempDir, removeTree, writeTree } from "../helpers/tree.js";

const FILES = Number(process.env.SAFESORT_SIGNAL_FILES ?? 1200);
const ITERATIONS = Number(process.env.SAFESORT_SIGNAL_ITERATIONS ?? 20);
const SEED = Number(process.env.SAFESORT_SIGNAL_SEED ?? Date.now() % 2 ** 31);
const CACHE = "node_modules/.cache/safesort/sorted.json";
const WINDOW_MS = Number(process.env.SAFESORT_SIGNAL_WINDOW_MS ?? 1500);

/** Small deterministic PRNG (mulberry32), so a failing sequence of delays can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file whose imports are out of order, in a few shapes (CRLF, comments, multi-line, a barrier). */
function unsortedSource(i: number): string {
  const lines = [
    `// file ${i}`,
    `import { z${i}, a${i} } from "./z${i % 7}";`,
    `import b${i} from "b-${i % 13}";`,
    `/* owned by the next import */`,
    `import {`,
    `  y${i},`,
    `  x${i}, // trailing comment`,
    `} from "../y";`,
    `import * as fs${i} from "node:fs";`,
    `import "./side-effect";`,
    `import d${i} from "d";`,
    `import c${i} from "c";`,
    `export const v${i} = [a${i}, b${i}, c${i}, d${i}, fs${i}, x${i}, y${i}, z${i}];`,
  ];
  const eol = i % 3 === 0 ? "\r\n" : "\n";
  return lines.join(eol) + (i % 5 === 0 ? "" : eol);
}

let root: string;
const oldContent = new Map<string, string>();
const newContent = new Map<string, string>();
let startupMs = 0;

beforeAll(async () => {
  root = await makeTempDir("signals");
  const tree: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) tree[`d${i % 20}/f${i}.ts`] = unsortedSource(i);
  await writeTree(root, tree);
  for (const [path, text] of Object.entries(tree)) oldContent.set(path, text);

  const small = await makeTempDir("signals-startup");
  await writeTree(small, { "a.ts": 'import b from "b";\nimport a from "a";\n' });
  const started = performance.now();
  await runBin(["--no-cache", "."], { cwd: small });
  startupMs = performance.now() - started;
  await removeTree(small);

  for (const [path, text] of oldContent) {
    const abs = join(root, path);
    const sorted = sortSource(text, { filepath: abs, config: await loadConfig(abs) });
    expect(sorted.diagnostics, path).toEqual([]);
    expect(sorted.changed, path).toBe(true);
    newContent.set(path, sorted.code);
  }
});

afterAll(async () => {
  await removeTree(root);
});

/** Put the old bytes back where a run changed them. */
async function restore(): Promise<void> {
  await rm(join(root, "node_modules"), { recursive: true, force: true });
  for (const [path, text] of oldContent) {
    const abs = join(root, path);
    if ((await readFile(abs, "utf8")) !== text) await writeFile(abs, text);
  }
}

describe("interrupting a large write run with SIGINT / SIGTERM", () => {
  it(`leaves no temp file and no half-written file, ${ITERATIONS} times at random moments`, async () => {
    const random = prng(SEED);
    const log: string[] = [];
    let midRun = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      await restore();
      const signal: NodeJS.Signals = i % 2 === 0 ? "SIGINT" : "SIGTERM";
      const ms = Math.round(startupMs / 2 + random() * (startupMs / 2 + WINDOW_MS));
      const result = await runBin(["."], { cwd: root, killAfter: { ms, signal } });

      const files = await listFiles(root);
      expect(files.filter((f) => f.endsWith(".safesort-tmp")), `temp files after ${signal} at ${ms} ms (seed ${SEED})`).toEqual([]);
      // The sorted-files cache (on by default) is saved when the run ends, interrupted or not: whole, never a stray temp file.
      expect(files.filter((f) => !oldContent.has(f))).toEqual(files.includes(CACHE) ? [CACHE] : []);
      if (files.includes(CACHE)) expect(() => JSON.parse(readFileSync(join(root, CACHE), "utf8"))).not.toThrow();
      let written = 0;
      for (const [path, before] of oldContent) {
        const now = await readFile(join(root, path), "utf8");
        if (now === newContent.get(path)) written++;
        else if (now !== before) throw new Error(`${path} holds neither its old nor its new content after ${signal} at ${ms} ms (seed ${SEED}):\n${JSON.stringify(now)}`);
      }

      if (result.code === 0) {
        // The run ended before the signal arrived.
        expect(written).toBe(FILES);
      } else if (result.code === null) {
        // Killed where the CLI does not handle signals: before it installed its handlers (still loading), when
        // nothing was written yet, or after the run, every file written and the cache saved, while the process exits.
        expect(result.signal).toBe(signal);
        expect([0, FILES], `${written} of ${FILES} files written when ${signal} at ${ms} ms killed the process (seed ${SEED})`).toContain(written);
      } else {
        expect(result.code, result.stderr).toBe(signal === "SIGINT" ? 130 : 143);
        expect(result.stderr).toMatch(new RegExp(`^safesort: interrupted by ${signal} after \\d+ files? \\(${written} sorted\\); the others were not touched\\n$`));
      }
      if (written > 0 && written < FILES) midRun++;
      log.push(`${signal}@${ms}ms→${result.code ?? result.signal}:${written}`);
    }
    console.log(`signals: ${FILES} files, start-up ${Math.round(startupMs)} ms, delays in [start-up / 2, start-up + ${WINDOW_MS}] ms, seed ${SEED}; ${midRun}/${ITERATIONS} stopped mid-write\n  ${log.join(" ")}`);
    // The delays must actually land inside the write phase most of the time, or the test proves little.
    expect(midRun).toBeGreaterThanOrEqual(Math.ceil(ITERATIONS / 4));
  }, 150_000); // ~40 s here; the margin is for a loaded CI machine
});

describe("an interrupted run, in-process (the CLI's side of the signal handling)", () => {
  /** `io.interrupts` whose signal aborts when `abortWhen` says so (bin.ts wires the real signals the same way). */
  function interruptsAborting(signal: InterruptSignal) {
    const controller = new AbortController();
    const interrupts: Interrupts = { guard: (run) => run(controller.signal) };
    return { interrupts, abort: () => controller.abort(new Interrupted(signal)) };
  }

  it("stops a pooled check run at the first report, terminates the workers and exits 130", async () => {
    const dir = await makeTempDir("signals-in-process");
    const tree: Record<string, string> = {};
    for (let i = 0; i < 200; i++) tree[`f${String(i).padStart(3, "0")}.ts`] = unsortedSource(i);
    await writeTree(dir, tree);
    const { interrupts, abort } = interruptsAborting("SIGINT");
    let stdout = "";
    let stderr = "";
    const io: CliIo = {
      stdout: {
        write: (text: string) => {
          stdout += text;
          abort(); // the user presses Ctrl-C as the first file is listed
        },
      },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: [],
      cwd: dir,
      isTTY: false,
      env: {},
      interrupts,
    };
    const code = await main(["--no-cache", "--check", "--jobs", "2", "."], io);
    expect(code).toBe(130);
    const listed = stdout.split("\n").filter(Boolean).length;
    expect(listed).toBeGreaterThanOrEqual(1);
    expect(listed).toBeLessThan(200);
    expect(stderr).toBe(`safesort: interrupted by SIGINT after ${listed} ${listed === 1 ? "file" : "files"}; the others were not touched\n`);
    await removeTree(dir);
  });

  it("a signal before anything was processed writes nothing and exits 143 for SIGTERM", async () => {
    const dir = await makeTempDir("signals-in-process");
    await writeTree(dir, { "a.ts": unsortedSource(1) });
    const { interrupts, abort } = interruptsAborting("SIGTERM");
    abort();
    let stderr = "";
    const io: CliIo = {
      stdout: { write: () => undefined },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: [],
      cwd: dir,
      isTTY: false,
      env: {},
      interrupts,
    };
    expect(await main(["--no-cache", "."], io)).toBe(143);
    expect(stderr).toBe("safesort: interrupted by SIGTERM after 0 files (0 sorted); the others were not touched\n");
    expect(await readFile(join(dir, "a.ts"), "utf8")).toBe(unsortedSource(1));
    await removeTree(dir);
  });
});
