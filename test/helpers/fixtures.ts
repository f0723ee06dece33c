/**
 * Fixture discovery for spec tests named by behaviour:
 *
 *   fixtures/<rule>/<behaviour>.input.<ext>     the source (required)
 *   fixtures/<rule>/<behaviour>.output.<ext>    what sorting gives (absent: byte-identical)
 *   fixtures/<rule>/<behaviour>.options.json    overrides for testConfig (optional)
 *
 * `<ext>` is the real extension the file would have (`ts`, `tsx`, `js`, `jsx`,
 * `mjs`, `cjs`, `mts`, `cts`, `d.ts`), so the parser sees what a user's file
 * would give it. Files are read as they are: never trimmed, never normalized.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "vitest";

import { processSource } from "../../src/pipeline/process-source.js";
import type { ResolvedConfig, SourceOutcome } from "../../src/types.js";

export interface Fixture {
  /** The behaviour, e.g. `barrier-jest-mock`. */
  readonly name: string;
  /** Without the dot: `ts`, `d.ts`, `mjs`, … */
  readonly ext: string;
  /** The path handed to the core: it picks the parser by extension. */
  readonly filepath: string;
  readonly input: string;
  /** The expected output; equal to `input` when there is no output file. */
  readonly expected: string;
  readonly hasOutput: boolean;
  readonly options: Partial<ResolvedConfig>;
}

const FILE = /^(?<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?<role>input|output)\.(?<ext>d\.ts|[a-z]+)$/;
const OPTIONS = /^(?<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.options\.json$/;

/** Every fixture under `dir`, sorted by name. Throws on a stray file, so typos never silently drop a test. */
export function loadFixtures(dir: string): Fixture[] {
  const entries = readdirSync(dir).filter((f) => !f.startsWith("."));
  const inputs = new Map<string, string>();
  const outputs = new Map<string, string>();
  const options = new Set<string>();
  for (const file of entries) {
    const match = FILE.exec(file);
    if (match?.groups) {
      const { name, role, ext } = match.groups as { name: string; role: string; ext: string };
      const map = role === "input" ? inputs : outputs;
      if (map.has(name)) throw new Error(`fixture ${name} has two ${role} files`);
      map.set(name, ext);
      continue;
    }
    const opts = OPTIONS.exec(file);
    if (opts?.groups) {
      options.add(opts.groups.name!);
      continue;
    }
    throw new Error(`unexpected file in ${dir}: ${file} (expected <behaviour>.input.<ext>, .output.<ext> or .options.json)`);
  }
  for (const [name, ext] of outputs) {
    if (inputs.get(name) !== ext) throw new Error(`${name}.output.${ext} has no ${name}.input.${ext}`);
  }
  for (const name of options) {
    if (!inputs.has(name)) throw new Error(`${name}.options.json has no input file`);
  }
  return [...inputs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, ext]) => {
      const input = readFileSync(path.join(dir, `${name}.input.${ext}`), "utf8");
      const hasOutput = outputs.has(name);
      const expected = hasOutput ? readFileSync(path.join(dir, `${name}.output.${ext}`), "utf8") : input;
      const overrides = options.has(name)
        ? (JSON.parse(readFileSync(path.join(dir, `${name}.options.json`), "utf8")) as Partial<ResolvedConfig>)
        : {};
      return { name, ext, filepath: `/project/src/${name}.${ext}`, input, expected, hasOutput, options: overrides };
    });
}

/** Make line terminators and a BOM visible in assertion diffs (the byte-exact check runs as well). */
function visible(text: string): string {
  return text.replaceAll("\uFEFF", "⟨BOM⟩").replaceAll("\r", "␍");
}

type Status = SourceOutcome["status"];

/**
 * The assertions every fixture runner shares. `statusOverrides` names the
 * fixtures whose outcome is neither `unchanged` nor `changed`.
 */
export function fixtureAssertions(statusOverrides: Readonly<Record<string, Status>>) {
  /** The text the core leaves: its output when changed, else the source. A failure is an error with its diagnostic. */
  function sortText(source: string, fixture: Fixture, config: ResolvedConfig): { status: Status; text: string } {
    const outcome = processSource(source, fixture.filepath, config);
    if (outcome.status === "failed") {
      const d = outcome.diagnostic;
      throw new Error(`${d.code}: ${d.message}${d.line ? ` at ${d.line}:${d.column}` : ""}${d.frame ? `\n${d.frame}` : ""}`);
    }
    return { status: outcome.status, text: outcome.status === "changed" ? outcome.output : source };
  }

  function expectedStatus(fixture: Fixture, input: string, expected: string): Status {
    return statusOverrides[fixture.name] ?? (input === expected ? "unchanged" : "changed");
  }

  function expectSame(actual: string, expected: string, what: string): void {
    expect(visible(actual), what).toBe(visible(expected));
    expect(actual === expected, `${what}: byte-exact`).toBe(true);
  }

  /** Sort `input`, expect `expected` with the right status. */
  function expectSorted(fixture: Fixture, config: ResolvedConfig, input: string, expected: string, what: string): void {
    const result = sortText(input, fixture, config);
    expectSame(result.text, expected, what);
    expect(result.status, `${what}: status`).toBe(expectedStatus(fixture, input, expected));
  }

  return { sortText, expectedStatus, expectSame, expectSorted };
}
