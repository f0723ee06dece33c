/**
 * A sorted file's run loads only what it needs: `safesort --check one.ts`
 * on a file its head proves sorted (src/pipeline/lazy-core.ts) loads no
 * parser (oxc, Babel), none of the whole-file core (process-source, the
 * verifier, the framework locators), no diff, none of the document
 * reporters, no git, no worker pool, no yargs, and none of node:crypto,
 * node:worker_threads, node:child_process, node:v8, node:vm, node:net,
 * node:tty, node:stream and node:fs/promises. Each of those is a dynamic
 * `import()` (or a lazy `require`, or for node:fs/promises a function
 * taken at its first call) in the run that needs it, stderr is written
 * without a stream (std-streams.ts), and no builtin comes through an ESM
 * import (its facade reads every export: node:fs's loads node:stream;
 * scripts/builtin-imports.mjs).
 *
 * Checked on the built CLI (dist/bundle, which bin/safesort.js runs; the
 * source modules inside each chunk are read from the `// dist/src/…`
 * comments esbuild writes before each module):
 * - statically: the chunks reached from dist/bundle/safesort.js through
 *   static imports hold none of those modules and import none of those
 *   packages or builtins (a new static import anywhere on that path fails);
 * - at run time: the real binary with a probe (`--import`) that lists every
 *   module resolved through the ESM loader, every CommonJS module required,
 *   and every builtin loaded. An unsorted file under `--diff --json` loads
 *   them (the probe can see what it looks for).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REPO } from "../helpers/bin.js";
import { RAW_TRANSFER } from "../helpers/raw-transfer.js";

import { makeProject, removeProjects } from "./project.js";

const BUNDLE = join(REPO, "dist", "bundle");
const BIN = join(REPO, "bin", "safesort.js");

/** Source modules (as esbuild names them in a chunk) a sorted file's run must not load. */
const NOT_FOR_A_SORTED_FILE = [
  /^dist\/src\/pipeline\/process-source\.js$/,
  /^dist\/src\/parse\/(?:parser|region|gate)\.js$/,
  /^dist\/src\/verify\//,
  /^dist\/src\/edit\//,
  /^dist\/src\/frameworks\//,
  /^dist\/src\/report\/(?:diff|github|json|sarif|reporters)\.js$/,
  /^dist\/src\/git\//,
  /^dist\/src\/cli\/(?:args|run-args|refactor-args|git-scope|stdin|explain|init|lsp|refactor|run-codemod)\.js$/,
  /^dist\/src\/pool\/pool\.js$/,
  /(?:^|\/)node_modules\/(?:diff|yargs|yargs-parser)\//,
];
/** Packages and builtins (import specifiers, resolved URLs or loaded builtins) it must not load. */
const PACKAGES = ["oxc-parser", "@oxc-parser", "@babel/parser", "recast", "typescript", "ts-morph", "diff", "yargs", "svelte", "@vue/compiler-sfc", "@astrojs/compiler"];
// With stdout and stderr pipes (as here), creating process.stdout or process.stderr loads node:net (src/cli/std-streams.ts);
// an ESM import of node:fs (its facade) loads node:stream (scripts/builtin-imports.mjs).
// node:fs/promises is taken at the first call of one of its functions (scripts/builtin-imports.mjs): a write needs it, a sorted file's run does not.
const BUILTINS = ["node:crypto", "node:worker_threads", "node:child_process", "node:v8", "node:vm", "node:net", "node:tty", "node:stream", "node:fs/promises"];

/** The source modules esbuild put into a chunk (its `// path` comment before each one). */
function modulesIn(chunk: string): string[] {
  return [...readFileSync(chunk, "utf8").matchAll(/^\/\/ ((?:dist\/src|node_modules)\/\S+\.[cm]?js)$/gm)].map((m) => m[1]!);
}

/**
 * The chunks reached from `entry` through static imports, the specifiers of everything else those import,
 * and the builtins their modules take when they run (scripts/builtin-imports.mjs rewrites a module's
 * builtin imports to `var { a } = process.getBuiltinModule("node:x");` at the chunk's top level).
 */
function staticChunks(entry: string): { chunks: Set<string>; specifiers: Set<string>; builtins: Set<string> } {
  const chunks = new Set<string>();
  const specifiers = new Set<string>();
  const builtins = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (chunks.has(file)) continue;
    chunks.add(file);
    // esbuild writes each import statement at the top level, one per statement (`import { a } from "./x.js";`, `import "./y.js";`).
    for (const [, source] of readFileSync(file, "utf8").matchAll(/^(?:import|export)\s(?:[^"';]*?\sfrom\s*)?"([^"]+)";/gm)) {
      if (source!.startsWith("./")) pending.push(join(BUNDLE, source!));
      else specifiers.add(source!);
    }
    for (const [, name] of readFileSync(file, "utf8").matchAll(/^(?:var|let|const)\s[^\n]*?=\s*process\.getBuiltinModule\("([^"]+)"\)/gm)) builtins.add(name!);
  }
  return { chunks, specifiers, builtins };
}

const isPackage = (specifier: string, name: string): boolean => specifier === name || specifier.startsWith(`${name}/`);
const forbiddenModules = (modules: Iterable<string>): string[] => [...modules].filter((m) => NOT_FOR_A_SORTED_FILE.some((re) => re.test(m)));

interface Loaded {
  /** Source modules in the bundle chunks the ESM loader resolved. */
  readonly modules: Set<string>;
  /** Every URL the ESM loader resolved, every CommonJS module required (as a file URL), every builtin (`node:x`). */
  readonly urls: Set<string>;
  readonly stderr: string;
}

let root: string;
let probe: string;

/** Run the real binary in `root` with the probe; `hooks` adds ESM loader hooks (which themselves start a thread: builtins are read without them). */
function loadedBy(args: readonly string[], hooks: boolean): Loaded {
  const log = join(root, `loaded-${hooks ? "esm" : "builtins"}-${args.join("_").replace(/\W/g, "")}.txt`);
  const env = { ...process.env, SAFESORT_PROBE_LOG: log, SAFESORT_PROBE_HOOKS: hooks ? "1" : "" };
  const run = spawnSync(process.execPath, ["--import", probe, BIN, ...args], { cwd: root, encoding: "utf8", env });
  expect(run.status, run.stderr).toBeLessThanOrEqual(1);
  const urls = new Set(readFileSync(log, "utf8").split("\n").filter(Boolean));
  const chunks = [...urls].filter((url) => url.startsWith("file:") && fileURLToPath(url).startsWith(BUNDLE));
  return { modules: new Set(chunks.flatMap((url) => modulesIn(fileURLToPath(url)))), urls, stderr: run.stderr };
}

const forbiddenUrls = (urls: Iterable<string>): string[] =>
  [...urls].filter((url) => BUILTINS.includes(url) || PACKAGES.some((name) => url.includes(`/node_modules/${name}/`)));

describe("a sorted file's run loads only what it needs", () => {
  beforeAll(async () => {
    if (!existsSync(join(BUNDLE, "safesort.js"))) throw new Error("build first: npm run build (the test reads dist/bundle)");
    root = await makeProject({
      "sorted.ts": 'import { readFile } from "node:fs";\n\nimport a from "a";\nimport { b, c } from "b";\n\nimport { d } from "./d.js";\n\nexport const x = [readFile, a, b, c, d];\n',
      "unsorted.ts": 'import b from "b";\nimport a from "a";\n\nexport const x = a + b;\n',
      "to-write.ts": 'import b from "b";\nimport a from "a";\n\nexport const x = a + b;\n',
    });
    probe = join(root, "probe.mjs");
    // Off-thread hooks (module.register) log every URL the ESM loader resolves (static and dynamic imports);
    // at exit the main thread adds the CommonJS require cache and the builtins loaded (process.moduleLoadList).
    const hooks = [
      'import { appendFileSync } from "node:fs";',
      "export async function resolve(specifier, context, next) {",
      "  const resolved = await next(specifier, context);",
      "  appendFileSync(process.env.SAFESORT_PROBE_LOG, resolved.url + '\\n');",
      "  return resolved;",
      "}",
    ].join("\n");
    await writeFile(
      probe,
      [
        // Builtins without ESM imports: the facade of node:fs would load node:stream into every run.
        'const { appendFileSync } = process.getBuiltinModule("node:fs");',
        'const { createRequire, register } = process.getBuiltinModule("node:module");',
        'const { pathToFileURL } = process.getBuiltinModule("node:url");',
        `if (process.env.SAFESORT_PROBE_HOOKS) register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`,
        "process.on('exit', () => {",
        "  const required = Object.keys(createRequire(import.meta.url).cache).map((path) => pathToFileURL(path).href);",
        "  const builtins = process.env.SAFESORT_PROBE_HOOKS ? [] : process.moduleLoadList.filter((e) => e.startsWith('NativeModule ')).map((e) => 'node:' + e.slice('NativeModule '.length));",
        "  appendFileSync(process.env.SAFESORT_PROBE_LOG, [...required, ...builtins].join('\\n') + '\\n');",
        "});",
      ].join("\n"),
    );
  });
  afterAll(removeProjects);

  it("the bundle's static import graph from the entry holds none of the modules a sorted file does not need", () => {
    const { chunks, specifiers, builtins } = staticChunks(join(BUNDLE, "safesort.js"));
    const modules = [...chunks].flatMap(modulesIn);
    // The walk sees the chunks' modules: the head proof is on the static path.
    expect(modules).toContain("dist/src/pipeline/fast-path.js");
    expect(modules).toContain("dist/src/parse/head.js");
    expect(forbiddenModules(modules)).toEqual([]);
    // The start-up modules come in a few files (3 now: safesort.js, the start-up chunk and esbuild's runtime helpers;
    // 6 when the workers were built with the CLI, 26 before scripts/bundle.mjs `startUpChunk`): each file costs the
    // ESM loader a resolve, a read and a link.
    expect(chunks.size, [...chunks].join("\n")).toBeLessThanOrEqual(4);
    expect([...specifiers].filter((s) => PACKAGES.some((name) => isPackage(s, name)))).toEqual([]);
    // No builtin through an ESM import (its facade reads every export: node:fs's loads node:stream), and the
    // builtins taken at the top level are the ones a sorted file needs.
    expect([...specifiers].filter((s) => isBuiltin(s))).toEqual([]);
    expect(builtins).toContain("node:fs");
    expect([...builtins].filter((name) => BUILTINS.includes(name))).toEqual([]);
  });

  it("at run time, `--check --no-cache sorted.ts` loads none of them", () => {
    const esm = loadedBy(["--check", "--no-cache", "sorted.ts"], true);
    expect(esm.modules).toContain("dist/src/pipeline/fast-path.js");
    expect(forbiddenModules(esm.modules)).toEqual([]);
    expect(forbiddenUrls(esm.urls)).toEqual([]);
    const builtins = loadedBy(["--check", "--no-cache", "sorted.ts"], false);
    expect(builtins.urls).toContain("node:fs");
    expect(forbiddenUrls(builtins.urls)).toEqual([]);
    expect(builtins.stderr).toBe("0 files would be sorted, 1 unchanged\n");
  });

  it("the probe sees them when a run needs them: `--diff --json --no-cache unsorted.ts`, a write", () => {
    const esm = loadedBy(["--diff", "--json", "--no-cache", "unsorted.ts"], true);
    for (const module of ["dist/src/pipeline/process-source.js", "dist/src/verify/verify.js", "dist/src/report/json.js", "dist/src/report/diff.js"]) {
      expect(esm.modules).toContain(module);
    }
    const packages = (urls: Iterable<string>): string[] => forbiddenUrls(urls).map((url) => url.replace(/^.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, "$1"));
    expect(packages(esm.urls)).toContain("oxc-parser");
    // oxc reads the import region the head planned, and the verifier the output: Babel is not loaded where raw transfer is.
    if (RAW_TRANSFER) expect(packages(esm.urls)).not.toContain("@babel/parser");
    // It is where a file takes Babel's parse: `--strict` parses the whole file.
    expect(packages(loadedBy(["--diff", "--json", "--no-cache", "--strict", "unsorted.ts"], true).urls)).toContain("@babel/parser");
    // Only a write (or a cache) takes the hash of what was read: a diff without cache never loads node:crypto.
    expect(forbiddenUrls(loadedBy(["--diff", "--json", "--no-cache", "unsorted.ts"], false).urls)).not.toContain("node:crypto");
    const write = forbiddenUrls(loadedBy(["--no-cache", "to-write.ts"], false).urls);
    expect(write).toContain("node:crypto");
    expect(write).toContain("node:fs/promises");
  });
});
