#!/usr/bin/env node
// Bundles the built CLI (dist/src, from tsc) into dist/bundle/ with esbuild,
// so that `safesort --check one.ts` loads one file instead of ~150 modules.
// Heavy or native packages used only by some commands stay external and are
// loaded on demand (dynamic import) by those commands.
//
// Before that, the vendored modules (src/vendor/*.ts, which re-export a
// devDependency) are replaced in dist/src by one file each holding the
// package and its dependencies: the library and the plugins load them from
// there, and a consumer's install does not add those packages. The licence of
// every package bundled into a shipped file goes to dist/THIRD_PARTY_LICENSES.md.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

import { build } from "esbuild";

import { withoutBuiltinFacades } from "./builtin-imports.mjs";

const external = [
  // Loaded on the first parse only (a file proved sorted from its head needs none).
  "@babel/parser",
  "oxc-parser",
  "ts-morph",
  "typescript",
  "recast",
  "svelte",
  "svelte/*",
  "@vue/compiler-sfc",
  "@astrojs/compiler",
  "vscode-languageserver",
  "vscode-languageserver/*",
  "vscode-languageserver-textdocument",
  "esbuild",
];

// Built beside the old bundle, then swapped in: a CLI running meanwhile never
// finds dist/bundle missing or half written, and old chunks go away.
const fresh = `dist/bundle.${process.pid}.tmp`;
const stale = `dist/bundle.${process.pid}.old`;
// CommonJS dependencies bundled into ESM still call require() for Node's builtins
// (node:module is taken without an ESM import: see builtin-imports.mjs).
const banner = { js: 'const require = process.getBuiltinModule("node:module").createRequire(import.meta.url);' };

/** safesort's modules take Node's builtins without an ESM import (see builtin-imports.mjs). */
const builtinsWithoutFacades = {
  name: "builtins-without-facades",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(resolve("dist/src") + sep)) return undefined;
      return { contents: withoutBuiltinFacades(readFileSync(args.path, "utf8"), args.path), loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

// The CLI bundle takes the vendored modules from src/vendor (a re-export of the
// package it then bundles from node_modules), never from dist/src/vendor, which
// the step below replaces with a bundle: running this script twice gives the same files.
const fromVendorSources = {
  name: "vendor-sources",
  setup(esbuild) {
    esbuild.onResolve({ filter: /\/vendor\/[^/]+\.js$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (!path.startsWith(resolve("dist/src/vendor") + sep)) return undefined;
      return { path: resolve("src/vendor", basename(path).replace(/\.js$/, ".ts")) };
    });
  },
};

/**
 * What the CLI's cache of sorted files is scoped to besides the version
 * (src/cache/cache.ts `cacheScope`): a hash of the code that goes into the
 * bundle (tsc's output, without the vendored modules this script rewrites)
 * and of package-lock.json (the bundled packages, the parsers loaded from
 * node_modules). A development build never trusts what another build wrote.
 */
function buildId() {
  const hash = createHash("sha256");
  const files = readdirSync("dist/src", { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(".js") && !file.startsWith(`vendor${sep}`))
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join("dist/src", file))).update("\0");
  hash.update(readFileSync("package-lock.json"));
  return hash.digest("hex").slice(0, 16);
}

const CLI_ENTRY = "dist/src/cli/bin.js";
const WORKERS = { worker: "dist/src/pool/worker.js", "codemod-worker": "dist/src/pipeline/codemod/worker.js", "jscodeshift-worker": "dist/src/pipeline/jscodeshift/worker.js" };
// The workers are bundled on their own (workerOptions): sharing chunks with them split the CLI's
// start-up modules over five files by which worker also uses them; alone, the start-up is
// safesort.js and one chunk (and esbuild's runtime helpers). Each worker thread loads its own copy anyway.
const cliOptions = {
  define: { __SAFESORT_BUILD__: JSON.stringify(buildId()), __SAFESORT_VERSION__: JSON.stringify(JSON.parse(readFileSync("package.json", "utf8")).version) },
  entryPoints: { safesort: CLI_ENTRY },
  outdir: fresh,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  banner,
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
};

/**
 * One chunk for what the CLI loads at start-up. esbuild puts each module into
 * a chunk by the set of entry points (the bundle's entries and every target
 * of a dynamic `import()`) that reach it, so the ~90 modules a one-file run
 * loads came in some 25 chunks, and each file costs the ESM loader a resolve,
 * a read and a link (~0.5 ms). A dynamic import target loaded from the CLI's
 * main thread only is given a side-effect import of all of them (the
 * `safesort:start-up` module): they then share one set of entry points, one
 * chunk. In that thread they are loaded already when any such target is (the
 * entry imports them first), so nothing runs earlier or twice; they only
 * define things (bin.js, which runs the CLI, is not among them). The workers
 * are another build (`workerOptions`): none of this build's chunks is loaded
 * by a worker thread.
 */
function startUpChunk(metafile) {
  const inputs = metafile.inputs;
  const internal = (edge) => !edge.external && inputs[edge.path] !== undefined;
  const reach = (roots, kinds) => {
    const seen = new Set(roots);
    const pending = [...roots];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      for (const edge of inputs[file].imports) {
        if (internal(edge) && kinds.includes(edge.kind) && !seen.has(edge.path)) {
          seen.add(edge.path);
          pending.push(edge.path);
        }
      }
    }
    return seen;
  };
  const startUp = reach([CLI_ENTRY], ["import-statement", "require-call"]);
  const targets = new Set(
    Object.values(inputs).flatMap((input) => input.imports.filter((edge) => edge.kind === "dynamic-import" && internal(edge)).map((edge) => edge.path)),
  );
  const given = new Set([...targets].filter((target) => !startUp.has(target)));
  startUp.delete(CLI_ENTRY);
  return {
    name: "start-up-chunk",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^safesort:start-up$/ }, () => ({ path: "start-up", namespace: "safesort" }));
      esbuild.onLoad({ filter: /.*/, namespace: "safesort" }, () => ({
        // Packages come along with the modules that import them (and some declare no side effects, so a bare import of theirs is dropped).
        contents: [...startUp].filter((file) => !file.includes("node_modules/")).map((file) => `import ${JSON.stringify(resolve(file))};`).join("\n"),
        resolveDir: resolve("."),
        loader: "js",
      }));
      esbuild.onLoad({ filter: /\.js$/ }, (args) => {
        const file = relative(resolve("."), args.path).split(sep).join("/");
        if (!given.has(file)) return undefined;
        const code = withoutBuiltinFacades(readFileSync(args.path, "utf8"), args.path);
        return { contents: `import "safesort:start-up";\n${code}`, loader: "js", resolveDir: dirname(args.path) };
      });
    },
  };
}

rmSync(fresh, { recursive: true, force: true });
// First the module graph (nothing written), then the bundle with the start-up modules in one chunk.
const graph = await build({ ...cliOptions, plugins: [fromVendorSources, builtinsWithoutFacades], write: false });
const cli = await build({ ...cliOptions, plugins: [fromVendorSources, startUpChunk(graph.metafile), builtinsWithoutFacades] });
const workerOptions = { ...cliOptions, entryPoints: WORKERS, plugins: [fromVendorSources, builtinsWithoutFacades] };
const workers = await build(workerOptions);

// From the sources too (see above).
const vendored = readdirSync("src/vendor").filter((file) => file.endsWith(".ts"));
const vendor = await build({
  entryPoints: vendored.map((file) => `src/vendor/${file}`),
  outdir: "dist/src/vendor",
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner,
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
});

// The ESM loader looks for the package.json that scopes each module it loads (for its "type") in the
// module's folder and upwards, and remembers only what it finds: one here ends the search at once.
writeFileSync(join(fresh, "package.json"), '{ "type": "module" }\n');

if (existsSync("dist/bundle")) renameSync("dist/bundle", stale);
renameSync(fresh, "dist/bundle");
rmSync(stale, { recursive: true, force: true });

writeFileSync("dist/THIRD_PARTY_LICENSES.md", thirdPartyLicenses([vendor.metafile, cli.metafile, workers.metafile]));

/** The licence texts of the packages whose code esbuild put into the outputs (the inputs under node_modules). */
function thirdPartyLicenses(metafiles) {
  const packages = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const at = input.lastIndexOf("node_modules/");
      if (at === -1) continue;
      const rest = input.slice(at + "node_modules/".length).split("/");
      const dir = input.slice(0, at) + "node_modules/" + rest.slice(0, rest[0].startsWith("@") ? 2 : 1).join("/");
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      packages.set(`${manifest.name}@${manifest.version}`, { manifest, dir });
    }
  }
  const sections = [...packages].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, { manifest, dir }]) => {
    const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)([-.][\w.-]+)?$/i.test(name));
    if (file === undefined) throw new Error(`${id}: no licence file in ${dir}; a bundled package must ship its licence`);
    return `## ${id} (${manifest.license})\n\n\`\`\`\n${readFileSync(join(dir, file), "utf8").trim()}\n\`\`\`\n`;
  });
  return `# Third-party licences\n\nsafesort's files in dist/ bundle code from these packages (scripts/bundle.mjs):\n\n${sections.join("\n")}`;
}
