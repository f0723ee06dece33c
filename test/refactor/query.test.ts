/**
 * The type-aware Query API: `.project(tsconfig)` enables `.whereType(…)`
 * (a filter on each match's type, or its receiver's) and `.renameSymbol(…)`.
 */
import { afterAll, describe, expect, it } from "vitest";

import { Query, queryIoFrom } from "../../src/index.js";
import { makeProject, read, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022"], types: [], noEmit: true },
  include: ["src"],
});

const STREAMS = `export class Stream<T> {
  subscribe(next: (value: T) => void): void {
    next(undefined as T);
  }
}

export class Special extends Stream<number> {}

export class Mailbox {
  subscribe(address: string): string {
    return address;
  }
}
`;

const APP = `import { Mailbox, Special, Stream } from "./streams";

const stream = new Stream<string>();
stream.subscribe((s) => s.length);
new Special().subscribe((n) => n + 1);
new Mailbox().subscribe("me@example.com");
`;

function capture() {
  const out = { stdout: "", stderr: "" };
  const io = queryIoFrom(
    { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, isTTY: false, env: {} },
    {},
  );
  return { out, io };
}

describe("Query.whereType", () => {
  it("keeps the calls whose receiver is a Stream (subclasses included), not the Mailbox's", async () => {
    const root = await makeProject({ "tsconfig.json": TSCONFIG, "src/streams.ts": STREAMS, "src/app.ts": APP });
    const { io } = capture();
    const result = await new Query(["src/app.ts"], { cwd: root, io })
      .project("tsconfig.json")
      .selectMethod("subscribe")
      .isCall()
      .whereType((t) => t.receiver?.is("Stream") ?? false)
      .rename("observe")
      .write();
    expect(result.filesChanged).toBe(1);
    expect(await read(root, "src/app.ts")).toBe(
      APP.replace("stream.subscribe(", "stream.observe(").replace("new Special().subscribe(", "new Special().observe("),
    );
  });

  it("shows the predicate the type text and the match", async () => {
    const root = await makeProject({ "tsconfig.json": TSCONFIG, "src/streams.ts": STREAMS, "src/app.ts": APP });
    const seen: string[] = [];
    const { io } = capture();
    await new Query(["src/app.ts"], { cwd: root, io })
      .project("tsconfig.json")
      .selectMethod("subscribe")
      .isCall()
      .whereType((t, match) => {
        seen.push(`${match.line}: ${t.receiver?.text} → ${t.type?.text}`);
        return false;
      })
      .rename("observe")
      .check();
    expect(seen).toEqual(["4: Stream<string> → void", "5: Special → void", "6: Mailbox → string"]);
  });

  it("needs project() first", () => {
    expect(() => new Query(["src"]).selectCall("f").whereType(() => true)).toThrow("whereType() needs project(tsconfigPath) before it");
  });
});

describe("Query.renameSymbol", () => {
  const MATH = "export function sum(a: number, b: number): number {\n  return a + b;\n}\n";
  const USE = 'import { sum } from "./math";\n\nexport const three = sum(1, 2);\n';

  it("diff() prints the rename's diffs through the query's io and writes nothing", async () => {
    const root = await makeProject({ "tsconfig.json": TSCONFIG, "src/math.ts": MATH, "src/use.ts": USE });
    const { out, io } = capture();
    const result = await new Query([], { cwd: root, io }).project("tsconfig.json").renameSymbol("src/math.ts#sum", "add").diff();
    expect(result.filesChanged).toBe(2);
    expect(out.stdout).toContain('--- a/src/use.ts\n+++ b/src/use.ts\n@@ -1,3 +1,3 @@\n-import { sum } from "./math";\n+import { add } from "./math";\n');
    expect(await read(root, "src/use.ts")).toBe(USE);
  });

  it("write() renames across files", async () => {
    const root = await makeProject({ "tsconfig.json": TSCONFIG, "src/math.ts": MATH, "src/use.ts": USE });
    const { io } = capture();
    const result = await new Query([], { cwd: root, io }).project("tsconfig.json").renameSymbol("src/math.ts#sum", "add").write();
    expect(result).toMatchObject({ filesChanged: 2, filesFailed: 0 });
    expect(await read(root, "src/use.ts")).toBe(USE.replaceAll("sum", "add"));
  });

  it("a refused rename is a failed file with its diagnostic", async () => {
    const root = await makeProject({ "tsconfig.json": TSCONFIG, "src/math.ts": MATH });
    const { out, io } = capture();
    const result = await new Query([], { cwd: root, io }).project("tsconfig.json").renameSymbol("src/math.ts#nope", "add").write();
    expect(result.filesFailed).toBe(1);
    expect(out.stderr).toContain('src/math.ts: not found: the file has no export named "nope"\n');
  });

  it("runs on its own: one per query, no selectors", async () => {
    expect(() => new Query([]).project("tsconfig.json").renameSymbol("a.ts#a", "b").renameSymbol("a.ts#c", "d")).toThrow(
      "one renameSymbol() per query",
    );
    await expect(new Query([]).project("tsconfig.json").renameSymbol("a.ts#a", "b").selectCall("f").rename("g").diff()).rejects.toThrow(
      "renameSymbol() runs on its own",
    );
  });
});
