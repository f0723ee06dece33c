/** `safesort run --jscodeshift` through the real binary, on small transforms written into temp projects. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { afterEach, describe, expect, test } from "vitest";

import { safesort } from "../helpers/bin.js";
import { makeTree, removeTree } from "../helpers/tree.js";

let dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs) await removeTree(dir);
  dirs = [];
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await makeTree("jscodeshift", files);
  dirs.push(dir);
  return dir;
}

function run(cwd: string, args: readonly string[]) {
  return safesort(["run", ...args], cwd, { timeout: 60_000 });
}

/** Rename every identifier `foo` to `bar` (jscodeshift style, CommonJS). */
const RENAME = `module.exports = function (file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  const found = root.find(j.Identifier, { name: "foo" });
  if (found.size() === 0) return undefined;
  api.stats("renamed", found.size());
  found.forEach((p) => { p.node.name = "bar"; });
  return root.toSource();
};
`;

describe("safesort run --jscodeshift", () => {
  test("writes changed files, leaves the others, exit 0; --check lists them, exit 1; --diff prints a diff", async () => {
    const dir = await tree({ "t.cjs": RENAME, "src/a.js": "const foo = 1;\nexport { foo };\n", "src/b.js": "const x = 2;\n" });
    const check = run(dir, ["--jscodeshift", "t.cjs", "src", "--check"]);
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toBe("src/a.js\n");
    const diff = run(dir, ["--jscodeshift", "t.cjs", "src"]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^--- a\/src\/a\.js\n\+\+\+ b\/src\/a\.js\n/);
    expect(diff.stdout).toContain("-const foo = 1;\n");
    expect(diff.stdout).toContain("+const bar = 1;\n");
    expect(check.stderr).toContain("stats: renamed 3");
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("const foo = 1;\nexport { foo };\n");
    const write = run(dir, ["--jscodeshift", "t.cjs", "src", "--write"]);
    expect(write.code, write.stderr).toBe(0);
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("const bar = 1;\nexport { bar };\n");
    expect(readFileSync(join(dir, "src/b.js"), "utf8")).toBe("const x = 2;\n");
    expect(write.stdout).toMatch(/1 file changed, 1 unchanged/);
  });

  test("a TypeScript transform with export default and a parser export; the parser by extension otherwise", async () => {
    const ts = `import type { API, FileInfo } from "jscodeshift";
export const parser = "tsx";
export default function transform(file: FileInfo, api: API): string | undefined {
  const j = api.jscodeshift;
  return j(file.source).find(j.Identifier, { name: "foo" }).forEach((p) => { p.node.name = "bar"; }).toSource();
}
`;
    const dir = await tree({ "t.ts": ts, "a.tsx": "const foo = <div />;\nexport default foo;\n", "b.ts": "let foo: number = 1;\nfoo++;\n" });
    const r = run(dir, ["--jscodeshift", "t.ts", ".", "--write"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "a.tsx"), "utf8")).toBe("const bar = <div />;\nexport default bar;\n");
    expect(readFileSync(join(dir, "b.ts"), "utf8")).toBe("let bar: number = 1;\nbar++;\n");
  });

  test("a transform that throws fails only that file, with its stack; the others are written; exit 2", async () => {
    const throwing = `module.exports = (file, api) => {
  if (file.path.endsWith("bad.js")) throw new Error("cannot handle " + file.path);
  const j = api.jscodeshift;
  return j(file.source).find(j.Identifier, { name: "foo" }).forEach((p) => { p.node.name = "bar"; }).toSource();
};
`;
    const dir = await tree({ "t.cjs": throwing, "src/bad.js": "const foo = 1;\n", "src/good.js": "const foo = 2;\n" });
    const r = run(dir, ["--jscodeshift", "t.cjs", "src", "--write", "--jobs", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("src/bad.js");
    expect(r.stderr).toContain("threw: cannot handle src/bad.js");
    expect(r.stderr).toMatch(/at .*t\.cjs:2/);
    expect(readFileSync(join(dir, "src/bad.js"), "utf8")).toBe("const foo = 1;\n");
    expect(readFileSync(join(dir, "src/good.js"), "utf8")).toBe("const bar = 2;\n");
  });

  test("output that does not parse is refused: the file stays as it was, exit 2", async () => {
    const broken = `module.exports = (file) => file.source.includes("foo") ? file.source.replace("foo", "foo(") : undefined;\n`;
    const dir = await tree({ "t.cjs": broken, "a.js": "const foo = 1;\n", "b.js": "const x = 1;\n" });
    const r = run(dir, ["--jscodeshift", "t.cjs", ".", "--write", "--json"]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { files: { path: string; status: string; diagnostics?: { message: string }[] }[] };
    const a = report.files.find((f) => f.path === "a.js")!;
    expect(a.status).toBe("failed");
    expect(a.diagnostics?.[0]?.message).toMatch(/output does not parse.*refusing to write/);
    expect(report.files.find((f) => f.path === "b.js")!.status).toBe("unchanged");
    expect(readFileSync(join(dir, "a.js"), "utf8")).toBe("const foo = 1;\n");
  });

  test("--timeout fails a file whose transform never returns, and the run goes on", async () => {
    const hanging = `module.exports = (file) => {
  if (file.path.endsWith("loop.js")) for (;;) {}
  return file.source.replace("foo", "bar");
};
`;
    const dir = await tree({ "t.cjs": hanging, "src/loop.js": "const foo = 1;\n", "src/ok.js": "const foo = 2;\n" });
    const r = run(dir, ["--jscodeshift", "t.cjs", "src", "--write", "--timeout", "1500"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/src\/loop\.js.*timed out after 1500 ms/);
    expect(readFileSync(join(dir, "src/loop.js"), "utf8")).toBe("const foo = 1;\n");
    expect(readFileSync(join(dir, "src/ok.js"), "utf8")).toBe("const bar = 2;\n");
  });

  test("options after -- reach the transform (JSON values parsed, as jscodeshift does); api.report and stats are printed", async () => {
    const withOptions = `module.exports = (file, api, options) => {
  api.report("to " + options.to + " " + JSON.stringify(options.quote));
  return file.source.replace("foo", options.to);
};
`;
    const dir = await tree({ "t.cjs": withOptions, "a.js": "const foo = 1;\n" });
    const r = run(dir, ["--jscodeshift", "t.cjs", "a.js", "--write", "--", "--to", "baz", '--quote={"single":true}']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "a.js"), "utf8")).toBe("const baz = 1;\n");
    expect(r.stderr).toContain('a.js: to baz {"single":true}');
  });

  test("a missing transform and bad flags are usage errors (exit 2)", async () => {
    const dir = await tree({ "a.js": "const foo = 1;\n" });
    expect(run(dir, ["--jscodeshift", "nope.js", "."]).stderr).toMatch(/nope\.js: no such transform/);
    expect(run(dir, ["--jscodeshift", "nope.js", ".", "--timeout", "-1"]).code).toBe(2);
    expect(run(dir, ["rename-import", ".", "--parser", "flow"]).stderr).toMatch(/--parser and --timeout go with --jscodeshift/);
  });
});
