// Reading other import sorters' test suites into input / expected-output
// pairs, for scripts/peer-suites.mjs. The suites themselves are not in this
// repository (corpora are not committed): save them under one directory,
// one folder per peer, and the runner finds these shapes in it:
//
//   <name>.<ext>                 an input (any source extension safesort reads)
//   <name>.expected.<ext>        the peer's expected output for it (optional)
//   <name>.options.json          the peer ran it with non-default options
//   <name>.snap                  a Biome spec snapshot: "# Input" plus the
//                                "# Actions" unified diff (applied here)
//   <name>.test.js               eslint-plugin-simple-import-sort's RuleTester
//                                file (test/imports.test.js, test/exports.test.js):
//                                evaluated with stubs, every `code` and its
//                                inline-snapshot `output` (a `valid` case
//                                expects no change)
import { readFileSync } from "node:fs";
import vm from "node:vm";

/**
 * The cases of a Jest/Vitest snapshot file of prettier's format tests
 * (@ianvs/prettier-plugin-sort-imports `tests/<Dir>/__snapshots__/ppsi.spec.ts.snap`):
 * each entry holds the input and the printed output, separated by a line of `~`.
 */
export function casesFromFormatSnapshot(text) {
  const cases = [];
  for (const m of text.matchAll(/^exports\[`([^`]*?) - [^`]*`\] = `\n([\s\S]*?)\n`;$/gm)) {
    const body = m[2].replace(/\\`/g, "`").replace(/\\\$\{/g, "${").replace(/\\\\/g, "\\");
    const cut = body.indexOf(`\n${"~".repeat(80)}\n`);
    if (cut === -1) continue;
    const name = m[1];
    const dot = name.lastIndexOf(".");
    const input = `${body.slice(0, cut).replace(/\n+$/, "")}\n`;
    const expected = body.slice(cut + 82).replace(/\n+$/, "\n");
    cases.push({ name: name.slice(0, dot), ext: name.slice(dot + 1), input, expected });
  }
  return cases;
}

/** One case: its input text, the peer's expected output when known, whether the peer used options. */
export function caseFromSnap(text) {
  const input = /# Input\n```(\w+)\n([\s\S]*?)\n```\n/.exec(text);
  if (!input) return undefined;
  const ext = { js: "js", jsx: "jsx", ts: "ts", tsx: "tsx", svelte: "svelte", vue: "vue", astro: "astro" }[input[1]] ?? "js";
  const diff = /# Actions\n```diff\n([\s\S]*?)\n```/.exec(text);
  const fix = /Safe fix: [^\n]*\n([\s\S]*?)(?:\n```|$)/.exec(text);
  const diagnostics = /# Diagnostics/.test(text);
  let expected;
  if (diff) expected = applyUnifiedDiff(input[2], diff[1]);
  else if (fix) expected = applyFixRows(input[2], fix[1]);
  else if (!diagnostics) expected = input[2];
  return { ext, input: input[2], expected };
}

/**
 * Biome's newer snapshots show the fix as numbered rows (`old new │ op text`,
 * `·` for a space, `→` for a tab); rows not shown are unchanged.
 */
export function applyFixRows(text, rows) {
  const lines = text.split("\n");
  const out = [];
  let at = 0;
  for (const row of rows.split("\n")) {
    const m = /^\s*(\d+)?\s+(\d+)?\s│ ([-+ ]) ?(.*)$/.exec(row);
    if (!m) continue;
    const old = m[1] === undefined ? undefined : Number(m[1]) - 1;
    const body = m[4].replace(/→ ?/g, "\t").replace(/·/g, " ");
    if (old !== undefined && m[3] !== "+") while (at < old) out.push(lines[at++]);
    if (m[3] === "+") out.push(body);
    else if (m[3] === "-") at++;
    else out.push(lines[at++]);
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join("\n");
}

/** Apply the hunks of a unified diff to `text`; undefined when a context line does not match. */
export function applyUnifiedDiff(text, diff) {
  const lines = text.split("\n");
  const out = [];
  let at = 0;
  const hunks = diff.split(/^(?=@@ )/m).filter((h) => h.startsWith("@@"));
  for (const hunk of hunks) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(hunk);
    if (!m) return undefined;
    const start = Number(m[1]) - (m[2] === "0" ? 0 : 1);
    while (at < start) out.push(lines[at++]);
    const body = hunk.slice(hunk.indexOf("\n") + 1).split("\n");
    if (body[body.length - 1] === "") body.pop();
    for (const line of body) {
      const op = line[0];
      const rest = line.slice(1);
      if (op === " " || op === undefined) {
        if (lines[at] !== rest) return undefined;
        out.push(lines[at++]);
      } else if (op === "-") {
        if (lines[at] !== rest) return undefined;
        at++;
      } else if (op === "+") out.push(rest);
      else if (op !== "\\") return undefined;
    }
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join("\n");
}

/** simple-import-sort's `input` tag and inline-snapshot text (test/helpers.js), without the margins. */
function strip(text) {
  return text.replace(/\n *\|/g, "\n").replace(/^\n|\n[^\S\n]*$/g, "");
}

/** Every case of a simple-import-sort RuleTester file, with the extension of the parser it ran under. */
export function casesFromRuleTester(file) {
  const source = readFileSync(file, "utf8")
    .replace(/^import [^;]*;$/gm, "")
    .replace(/^"use strict";$/m, "");
  const cases = [];
  const seen = new Set();
  class RuleTester {
    constructor(config = {}) {
      this.config = config;
    }
    run(_name, _rule, { valid = [], invalid = [] }) {
      const parser = JSON.stringify(this.config).toLowerCase();
      const ext = parser.includes("typescript") ? "ts" : parser.includes("flow") ? "js" : "js";
      const add = (kind, test) => {
        const t = typeof test === "string" ? { code: test } : test;
        let output = kind === "valid" ? t.code : undefined;
        if (typeof t.output === "function") {
          t.output({ __actual: true });
        } else if (typeof t.output === "string") output = t.output;
        if (captured !== undefined) {
          output = captured.replace(/→/g, "\t").replace(/<CR>/g, "\r");
          captured = undefined;
        }
        const key = t.code;
        if (seen.has(key)) return;
        seen.add(key);
        cases.push({ kind, ext, input: t.code, expected: output, options: t.options });
      };
      valid.forEach((t) => add("valid", t));
      invalid.forEach((t) => add("invalid", t));
    }
  }
  let captured;
  const expect = () => ({
    toMatchInlineSnapshot: (text) => {
      captured = strip(text);
    },
    toBe: (text) => {
      captured = text;
    },
  });
  const sandbox = {
    RuleTester,
    describe: () => {},
    test: () => {},
    expect,
    input: (strings) => strip(strings[0]),
    setup: () => expect,
    plugin: { rules: { imports: {}, exports: {} } },
    require: Object.assign(() => ({}), { resolve: (name) => name }),
    console,
  };
  vm.runInNewContext(source, sandbox, { filename: file });
  return cases;
}
