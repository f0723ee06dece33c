/**
 * The frame reader in-process: bytes in, messages and problems out. Each way
 * a Content-Length can be wrong, bodies that are not JSON, garbage between
 * frames, and a property: whatever one frame's header claims and however the
 * bytes are cut into chunks, every message still arrives, in order.
 */
import { PassThrough } from "node:stream";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { type FrameProblem, FrameReader } from "../../src/lsp/framing.js";

const IDLE_MS = 20;

function body(id: number, text = "x"): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method: "m", params: { text } });
}

function frame(json: string, length = Buffer.byteLength(json)): string {
  return `Content-Length: ${length}\r\n\r\n${json}`;
}

/**
 * Feed `chunks` to a reader, wait until it is idle (or has delivered
 * `count` messages), and return what it delivered and reported.
 */
async function read(chunks: readonly (string | Buffer)[], count = Infinity): Promise<{ ids: unknown[]; problems: FrameProblem[] }> {
  const input = new PassThrough();
  const problems: FrameProblem[] = [];
  const ids: unknown[] = [];
  const reader = new FrameReader(input, (problem) => problems.push(problem), IDLE_MS);
  reader.listen((message) => ids.push((message as { id?: unknown }).id));
  for (const chunk of chunks) input.write(chunk);
  for (let waited = 0; waited < IDLE_MS * 5 && ids.length < count; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  reader.dispose();
  return { ids, problems };
}

describe("FrameReader", () => {
  it("reads well-framed messages, in one chunk or byte by byte, reporting nothing", async () => {
    const text = frame(body(1, "é ☃ 𝄞")) + frame(body(2)) + "\r\n" + frame(body(3));
    expect(await read([text])).toEqual({ ids: [1, 2, 3], problems: [] });
    expect(await read([...Buffer.from(text)].map((b) => Buffer.from([b])))).toEqual({ ids: [1, 2, 3], problems: [] });
  });

  it.each([
    ["too short", (json: string) => frame(json, Buffer.byteLength(json) - 7)],
    ["too long, followed by the next frame", (json: string) => frame(json, Buffer.byteLength(json) + 9)],
    ["counted in UTF-16 units", (json: string) => frame(json, json.length)],
    ["missing", (json: string) => `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${json}`],
    ["not a number", (json: string) => `Content-Length: twelve\r\n\r\n${json}`],
    ["absent with no header at all", (json: string) => json],
  ])("Content-Length %s: the message and the ones after it arrive, the problem is reported", async (_name, broken) => {
    const { ids, problems } = await read([frame(body(1)) + broken(body(2, "naïve — ünïcödé ☃")) + frame(body(3)) + frame(body(4))]);
    expect(ids).toEqual([1, 2, 3, 4]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.kind === "framing")).toBe(true);
  });

  it("a too-long Content-Length on the last frame: delivered once no more bytes come", async () => {
    const { ids, problems } = await read([frame(body(1)), frame(body(2), Buffer.byteLength(body(2)) + 40)]);
    expect(ids).toEqual([1, 2]);
    expect(problems).toEqual([{ kind: "framing", message: `Content-Length was ${Buffer.byteLength(body(2)) + 40}, the message has ${Buffer.byteLength(body(2))} bytes` }]);
  });

  it("a Content-Length too long by more than the next header, the chunk ending one byte past the claimed end (a `c`): both messages arrive", async () => {
    // Found by the property below (seed 476735329): a `c` at the end of a chunk was taken for the start of the next header.
    const first = body(1, "\n𝄞aa\\☃aé\n");
    const second = body(2, '"𝄞☃a');
    const head = frame(first, Buffer.byteLength(first) + 30);
    const bytes = Buffer.from(head + frame(second) + frame(body(3)));
    // Where the claimed body ends (30 bytes into the next frame), plus one byte: the chunk ends in `c`.
    const cut = Buffer.byteLength(head) + 30 + 1;
    expect(bytes.subarray(cut - 1, cut).toString()).toBe("c");
    const { ids, problems } = await read([bytes.subarray(0, cut), bytes.subarray(cut)], 3);
    expect(ids).toEqual([1, 2, 3]);
    expect(problems.map((p) => p.kind)).toEqual(["framing"]);
  });

  it("a well-framed body that is not JSON is a parse error; the next frame is read", async () => {
    const { ids, problems } = await read([frame('{"jsonrpc":"2.0","id":1,') + frame("not json") + frame(body(3))]);
    expect(ids).toEqual([3]);
    expect(problems.map((p) => p.kind)).toEqual(["parse-error", "parse-error"]);
  });

  it("a JSON value that is no message object (a batch, a number) is reported as such", async () => {
    const { ids, problems } = await read([frame("[1,2]") + frame("42") + frame(body(3))]);
    expect(ids).toEqual([3]);
    expect(problems.map((p) => p.kind)).toEqual(["invalid-message", "invalid-message"]);
  });

  it("garbage between frames is skipped up to the next header and reported", async () => {
    const { ids, problems } = await read([frame(body(1)) + "garbage\x00\xff!" + frame(body(2)) + "Content-Len" + "gth: 5\r\nX\r\n\r\n" + frame(body(3))]);
    expect(ids).toEqual([1, 2, 3]);
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });

  it("an incomplete header that never completes is dropped and reported; later frames are read", async () => {
    const input = new PassThrough();
    const problems: FrameProblem[] = [];
    const ids: unknown[] = [];
    const reader = new FrameReader(input, (problem) => problems.push(problem), IDLE_MS);
    reader.listen((message) => ids.push((message as { id?: unknown }).id));
    input.write("Content-Length: 1");
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 4));
    input.write(frame(body(7)));
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 4));
    reader.dispose();
    expect(ids).toEqual([7]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^an incomplete header: "Content-Length: 1"/)]);
  });

  it("property: one frame's Content-Length wrong in any way, bytes cut anywhere: every message arrives in order", async () => {
    const text = fc.string({ unit: fc.constantFrom("a", "é", "☃", "𝄞", '"', "\\", "{", "}", "[", "\n", " ") });
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom("short", "long", "utf16", "missing", "right"),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (texts, which, how, by, cuts) => {
          const bad = which % texts.length;
          const stream = texts
            .map((t, i) => {
              const json = body(i, t);
              const bytes = Buffer.byteLength(json);
              if (i !== bad || how === "right") return frame(json);
              if (how === "short") return frame(json, Math.max(0, bytes - by));
              if (how === "long") return frame(json, bytes + by);
              if (how === "utf16") return frame(json, json.length);
              return json;
            })
            .join("");
          const bytes = Buffer.from(stream);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, i) => bytes.subarray(start, [...points, bytes.length][i]));
          const { ids } = await read(chunks, texts.length);
          expect(ids).toEqual(texts.map((_, i) => i));
        },
      ),
      { numRuns: 150 },
    );
  });
});
