/**
 * One report model for every command: the real binary runs the sorter,
 * `run <codemod>`, `run --jscodeshift`, `rename-symbol` and `move` over one
 * project with each reporter (text, json, github, sarif), and the output
 * names the same files and lines each way.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { safesort } from "../helpers/bin.js";
import { sarifValidator } from "../helpers/sarif-schema.js";
import { makeTree, removeTree } from "../helpers/tree.js";

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022"], types: [], noEmit: true },
  include: ["src"],
});

const TREE = {
  "tsconfig.json": TSCONFIG,
  "src/math.ts": "export function sum(a: number, b: number): number {\n  return a + b;\n}\n",
  "src/use.ts": 'import { sum } from "./math";\n\nexport const three = sum(1, 2);\n',
  "src/unsorted.ts": 'import { three } from "./use";\nimport { b } from "./b";\n\nexport const c = [three, b];\n',
  "src/b.ts": "export const b = 2;\n",
  "src/timer.ts": 'import { debounce } from "lodash";\n\nexport const f = debounce(() => 1, 10);\n',
  "t.cjs": 'module.exports = (file) => file.source.replace("10)", "20)");\n',
};

interface Case {
  readonly args: readonly string[];
  readonly command: string;
  /** The change rule: its SARIF id and the message of a file that would change. */
  readonly rule: string;
  readonly message: string;
  /** The files that would change, with the original's lines that change. */
  readonly changed: readonly { readonly path: string; readonly start: number; readonly end: number }[];
}

const CASES: readonly Case[] = [
  {
    args: ["--check", "src"],
    command: "sort",
    rule: "unsorted-imports",
    message: "imports are not sorted",
    changed: [{ path: "src/unsorted.ts", start: 1, end: 2 }],
  },
  {
    args: ["run", "rename-import", "src", "--check", "--", "--from", "lodash", "--to", "lodash-es"],
    command: "run",
    rule: "codemod",
    message: "rename-import would change this file",
    changed: [{ path: "src/timer.ts", start: 1, end: 1 }],
  },
  {
    args: ["run", "--jscodeshift", "t.cjs", "src", "--check"],
    command: "run",
    rule: "codemod",
    message: "jscodeshift t.cjs would change this file",
    changed: [{ path: "src/timer.ts", start: 3, end: 3 }],
  },
  {
    args: ["rename-symbol", "src/math.ts#sum", "add", "--check"],
    command: "rename-symbol",
    rule: "rename-symbol",
    message: "rename sum → add: would change this file",
    changed: [
      { path: "src/math.ts", start: 1, end: 1 },
      { path: "src/use.ts", start: 1, end: 3 },
    ],
  },
  {
    args: ["move", "src/use.ts", "src/lib/use.ts", "--check"],
    command: "move",
    rule: "move",
    message: "move src/use.ts → src/lib/use.ts: would change this file",
    changed: [
      { path: "src/unsorted.ts", start: 1, end: 1 },
      { path: "src/use.ts", start: 1, end: 1 },
    ],
  },
];

let root: string;
beforeAll(async () => {
  root = await makeTree("reporters", TREE);
});
afterAll(() => removeTree(root));

/** `--reporter <name>` among safesort's own arguments (what follows `--` is the codemod's). */
function withReporter(args: readonly string[], reporter: string): string[] {
  const end = args.includes("--") ? args.indexOf("--") : args.length;
  return [...args.slice(0, end), "--reporter", reporter, ...args.slice(end)];
}

const name = (c: Case) => (c.command === "sort" ? "sort" : c.args.filter((a) => a !== "--check" && a !== "src").slice(0, 2).join(" "));

describe.each(CASES)("$command: every reporter names the same files", (c) => {
  it(`${name(c)}: text lists the files on stdout and exits 1`, () => {
    const r = safesort(c.args, root);
    expect(r.stdout).toBe(c.changed.map((f) => `${f.path}\n`).join(""));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/would (be sorted|change)/);
  });

  it(`${name(c)}: json is one document of the shared shape`, () => {
    const r = safesort(withReporter(c.args, "json"), root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as { schemaVersion: number; command: string; mode: string; summary: { changed: number }; files: { path: string; status: string }[] };
    expect(report).toMatchObject({ schemaVersion: 2, command: c.command, mode: "check", summary: { changed: c.changed.length, failed: 0 } });
    expect(report.files.filter((f) => f.status === "changed").map((f) => f.path)).toEqual(c.changed.map((f) => f.path));
  });

  it(`${name(c)}: github annotates each file at the lines that change`, () => {
    const r = safesort(withReporter(c.args, "github"), root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(c.changed.map((f) => `::warning file=${f.path},line=${f.start},endLine=${f.end}::${c.message}\n`).join(""));
  });

  it(`${name(c)}: sarif is a valid log locating each file`, async () => {
    const r = safesort(withReporter(c.args, "sarif"), root);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as SarifLog;
    const validate = await sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const [run] = log.runs;
    expect(run!.tool.driver.rules.map((rule) => rule.id)).toEqual([c.rule]);
    expect(
      run!.results.map((result) => ({
        ruleId: result.ruleId,
        level: result.level,
        text: result.message.text,
        uri: result.locations[0]!.physicalLocation.artifactLocation.uri,
        region: result.locations[0]!.physicalLocation.region,
      })),
    ).toEqual(c.changed.map((f) => ({ ruleId: c.rule, level: "warning", text: c.message, uri: f.path, region: { startLine: f.start, endLine: f.end } })));
  });
});

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[];
    }[];
  }[];
}

describe("what a run wrote, and what it refused", () => {
  it("move --reporter github: once written, a notice points at where the file is now", async () => {
    const dir = await makeTree("reporters-move", TREE);
    try {
      const r = safesort(["move", "src/use.ts", "src/lib/use.ts", "--reporter", "github"], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        "::notice file=src/unsorted.ts,line=1,endLine=1::move src/use.ts → src/lib/use.ts: changed this file\n" +
          "::notice file=src/lib/use.ts,line=1,endLine=1::move src/use.ts → src/lib/use.ts: changed this file\n",
      );
      expect(await readFile(join(dir, "src/lib/use.ts"), "utf8")).toBe('import { sum } from "../math";\n\nexport const three = sum(1, 2);\n');
    } finally {
      await removeTree(dir);
    }
  });

  it("rename-symbol --reporter sarif: a refusal is an error result at the file, exit 2", async () => {
    const r = safesort(["rename-symbol", "src/math.ts#nope", "add", "--reporter", "sarif"], root);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(log.runs[0]!.results).toEqual([
      expect.objectContaining({
        ruleId: "not-found",
        level: "error",
        message: { text: 'not found: the file has no export named "nope"' },
        locations: [{ physicalLocation: { artifactLocation: { uri: "src/math.ts", uriBaseId: "%SRCROOT%" } } }],
      }),
    ]);
  });

  it("run --reporter github: a file the codemod cannot parse is an error annotation with its line and column", async () => {
    const dir = await makeTree("reporters-run", { "a.ts": "import { x } from 'lodash';\nconst = ;\n" });
    try {
      const r = safesort(["run", "rename-import", ".", "--check", "--reporter", "github", "--", "--from", "lodash", "--to", "lodash-es"], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/^::error file=a\.ts,line=2,col=\d+::syntax error: .+\n$/);
    } finally {
      await removeTree(dir);
    }
  });
});
