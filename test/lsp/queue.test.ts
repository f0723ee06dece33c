/**
 * The sort queue in-process, with a computation the test controls: one
 * computation per document version, cancellation, newer versions winning.
 */
import { describe, expect, it } from "vitest";
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from "vscode-languageserver/node";

import { SortQueue } from "../../src/lsp/queue.js";

function setup() {
  const versions = new Map<string, number>([["a", 1]]);
  const started: string[] = [];
  const releases: (() => void)[] = [];
  const queue = new SortQueue<string>(
    async (uri, version) => {
      started.push(`${uri}@${version}`);
      await new Promise<void>((resolve) => releases.push(resolve));
      return `edits for ${uri}@${version}`;
    },
    (uri) => versions.get(uri),
  );
  return { queue, versions, started, release: () => releases.shift()?.() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const token = () => new CancellationTokenSource();
const code = (error: unknown) => (error instanceof ResponseError ? error.code : error);

describe("SortQueue", () => {
  it("computes once for any number of requests for one version while it is queued or running; the next computes afresh", async () => {
    const { queue, started, release } = setup();
    const answers = Array.from({ length: 50 }, () => queue.get("a", 1, token().token));
    await tick();
    await tick();
    release();
    expect(new Set(await Promise.all(answers))).toEqual(new Set(["edits for a@1"]));
    expect(started).toEqual(["a@1"]);
    const again = queue.get("a", 1, token().token);
    await tick();
    await tick();
    release();
    expect(await again).toBe("edits for a@1");
    expect(started).toEqual(["a@1", "a@1"]);
    expect(queue.computed).toBe(2);
  });

  it("a cancelled request is answered with RequestCancelled at once; a job nobody waits for is never computed", async () => {
    const { queue, versions, started, release } = setup();
    versions.set("b", 1);
    const first = queue.get("a", 1, token().token);
    const sources = [token(), token()];
    const cancelled = sources.map((s) => queue.get("b", 1, s.token).catch(code));
    const kept = queue.get("a", 1, token().token);
    for (const s of sources) s.cancel();
    expect(await Promise.all(cancelled)).toEqual([LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled]);
    await tick();
    release();
    expect(await first).toBe("edits for a@1");
    expect(await kept).toBe("edits for a@1");
    await tick();
    await tick();
    expect(started).toEqual(["a@1"]);
    // Already cancelled when asked: refused without queueing.
    const source = token();
    source.cancel();
    await expect(queue.get("a", 1, source.token)).rejects.toMatchObject({ code: LSPErrorCodes.RequestCancelled });
  });

  it("a newer version answers queued work for older ones with ContentModified; a running job that went stale too", async () => {
    const { queue, versions, started, release } = setup();
    versions.set("b", 1);
    const running = queue.get("b", 1, token().token).catch(code);
    await tick();
    await tick();
    const queued = queue.get("a", 1, token().token).catch(code);
    versions.set("a", 2);
    queue.supersede("a", 2);
    expect(await queued).toBe(LSPErrorCodes.ContentModified);
    versions.set("b", 2);
    release();
    expect(await running).toBe(LSPErrorCodes.ContentModified);
    const fresh = queue.get("a", 2, token().token);
    await tick();
    await tick();
    release();
    expect(await fresh).toBe("edits for a@2");
    expect(started).toEqual(["b@1", "a@2"]);
  });

  it("a change handled right after the request, while a computation that never waits runs, still makes it ContentModified", async () => {
    const versions = new Map<string, number>([["a", 1]]);
    const queue = new SortQueue<string>(async (uri, version) => `edits for ${uri}@${version}`, (uri) => versions.get(uri));
    const answer = queue.get("a", 1, token().token).catch(code);
    // The connection handles the next message (didChange) one event-loop turn later.
    setImmediate(() => {
      versions.set("a", 2);
      queue.supersede("a", 2);
    });
    expect(await answer).toBe(LSPErrorCodes.ContentModified);
    expect(queue.computed).toBe(1);
    expect(await queue.get("a", 2, token().token)).toBe("edits for a@2");
  });

  it("a failed computation reaches every waiter and is not kept", async () => {
    let calls = 0;
    const queue = new SortQueue<string>(
      async () => {
        calls++;
        if (calls === 1) throw new Error("boom");
        return "ok";
      },
      () => 1,
    );
    const both = [queue.get("a", 1, token().token), queue.get("a", 1, token().token)];
    await expect(Promise.all(both)).rejects.toThrow("boom");
    expect(await queue.get("a", 1, token().token)).toBe("ok");
  });
});
