/**
 * Mutation check: deliberately broken renders, injected after the sorter's
 * splice (processSource's `afterRender` hook), must every one be refused by
 * the verifier: status `failed`, code `internal-error`, "refusing to write".
 *
 * Each mutation breaks one promise the verifier makes (README, "Verify before
 * write"): barriers and the text outside blocks byte-identical, each block
 * holding the same statements and bindings, every comment still there, the
 * output parsing, the file header on top, ranges enclosing the same imports,
 * the line breaks' kinds. Mutations find their target with an independent Babel
 * parse of the rendered text; one that finds no target in a file is not
 * applied. Every mutation must be applied at least MIN_APPLIED times over the
 * generated files, so a mutation that silently stops applying fails too.
 */
import type { Comment, Statement } from "@babel/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { processSource } from "../../src/pipeline/process-source.js";
import { testConfig } from "../helpers/config.js";
import { type GeneratedFile, sourceFileArb } from "../helpers/generators.js";
import { parseFile } from "../helpers/independent-check.js";
import { RAW_TRANSFER } from "../helpers/raw-transfer.js";

const FILES = Number(process.env.SAFESORT_MUTATION_FILES ?? 600);
const MIN_APPLIED = Math.max(1, Math.floor(FILES / 30));

interface Parsed {
  readonly text: string;
  readonly statements: readonly Statement[];
  readonly comments: readonly Comment[];
  readonly directives: readonly { start: number; end: number }[];
  readonly ts: boolean;
}

/** A mutation: the broken text, or undefined when the file has nothing it applies to. */
type Mutation = (p: Parsed) => string | undefined;

type Import = Extract<Statement, { type: "ImportDeclaration" }>;

function imports(p: Parsed): Import[] {
  return p.statements.filter((s): s is Import => s.type === "ImportDeclaration" && s.specifiers.length > 0);
}

function splice(text: string, start: number, end: number, insert = ""): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Written here from the text (the verifier has its own). */
const NEXT_LINE = /^[\s*]*(?:@ts-(?:expect-error|ignore)|eslint-disable-(?:next-)?line|prettier-ignore|biome-ignore(?!-)|safesort:\s*skip)/;
const WHOLE_FILE = /^\/\s*<|@(?:flow|jsx|license|fileoverview|packageDocumentation|module)\b|SPDX-License-Identifier/;
const RANGE = /^[\s*]*(?:eslint-(?:disable|enable)(?![-\w])|#?(?:end)?region\b|biome-ignore-(?:start|end)\b|c8 ignore (?:start|stop)\b)/;

const isBarrier = (s: Statement): boolean =>
  !(s.type === "ImportDeclaration" && s.specifiers.length > 0) &&
  !(s.type === "ExportNamedDeclaration" && s.source) &&
  s.type !== "ExportAllDeclaration";

export const MUTATIONS: Record<string, Mutation> = {
  /** An import vanishes: its block no longer holds the same statements. */
  "drop an import": (p) => {
    const target = imports(p)[0];
    return target && splice(p.text, target.start!, target.end!);
  },
  /** An import appears twice. */
  "duplicate an import": (p) => {
    const target = imports(p)[0];
    return target && splice(p.text, target.end!, target.end!, "\n" + p.text.slice(target.start!, target.end!));
  },
  /** An import moves past the barrier that follows it: it leaves its block. */
  "move an import across a barrier": (p) => {
    const at = p.statements.findIndex((s, i) => s.type === "ImportDeclaration" && s.specifiers.length > 0 && p.statements.slice(i + 1).some(isBarrier));
    if (at === -1) return undefined;
    const target = p.statements[at]!;
    const barrier = p.statements.slice(at + 1).find(isBarrier)!;
    const moved = p.text.slice(target.start!, target.end!);
    const withoutImport = splice(p.text, target.start!, target.end!);
    const shift = target.end! - target.start!;
    return splice(withoutImport, barrier.end! - shift, barrier.end! - shift, "\n" + moved);
  },
  /** One space more inside a barrier: barriers must stay byte-identical. */
  "add a space inside a barrier": (p) => {
    const barrier = p.statements.find((s) => isBarrier(s) && s.end! - s.start! >= 2);
    return barrier && splice(p.text, barrier.end! - 1, barrier.end! - 1, " ");
  },
  /** A new statement between imports: a barrier that was not there. */
  "insert a statement between imports": (p) => {
    const target = imports(p)[0];
    return target && splice(p.text, target.start!, target.start!, "const injectedByMutation = 1;\n");
  },
  /** A comment vanishes. */
  "drop a comment": (p) => {
    const comment = p.comments.find((c) => !/@flow|@jsx/.test(c.value));
    return comment && splice(p.text, comment.start!, comment.end!);
  },
  /** A comment's text changes. */
  "alter a comment": (p) => {
    const comment = p.comments[0];
    return comment && splice(p.text, comment.start! + 2, comment.start! + 2, "mutated ");
  },
  /** A binding is renamed: the block no longer brings the same names into scope. */
  "rename a binding": (p) => {
    for (const statement of imports(p)) {
      const local = statement.specifiers[0]!.local;
      return splice(p.text, local.end!, local.end!, "Mutated");
    }
    return undefined;
  },
  /** An import now reads another module. */
  "change a module specifier": (p) => {
    const target = imports(p)[0];
    return target && splice(p.text, target.source.start! + 1, target.source.start! + 1, "mutated-");
  },
  /** A named import loses one of its names. */
  "drop a specifier": (p) => {
    for (const statement of imports(p)) {
      const named = statement.specifiers.filter((s) => s.type === "ImportSpecifier");
      if (named.length >= 2) return splice(p.text, named[0]!.start!, named[1]!.start!);
    }
    return undefined;
  },
  /** `import type` becomes a value import. */
  "turn a type import into a value import": (p) => {
    const target = imports(p).find((s) => s.importKind === "type");
    if (!target) return undefined;
    const text = p.text.slice(target.start!, target.end!);
    const changed = text.replace(/^import(\s+)type\s+/, "import$1");
    return changed === text ? undefined : splice(p.text, target.start!, target.end!, changed);
  },
  /** Import attributes are dropped. */
  "drop import attributes": (p) => {
    const target = imports(p).find((s) => (s.attributes ?? []).length > 0);
    if (!target) return undefined;
    const text = p.text.slice(target.start!, target.end!);
    const changed = text.replace(/\s*with\s*\{[^}]*\}/, "");
    return changed === text ? undefined : splice(p.text, target.start!, target.end!, changed);
  },
  /** A directive (`"use client"`) vanishes: text outside blocks must stay. */
  "drop a directive": (p) => {
    const directive = p.directives[0];
    return directive && splice(p.text, directive.start, directive.end);
  },
  /** A pinned header comment (the file's first comment, a pragma, a triple-slash directive, a license) moves below the first import. */
  "move the file header below an import": (p) => {
    const first = p.statements[0];
    if (!first || first.type !== "ImportDeclaration" || first.specifiers.length === 0) return undefined;
    const before = p.comments.filter((c) => c.end! <= first.start!);
    const pinned = [...before].reverse().find((c, i) => (i === before.length - 1 && !NEXT_LINE.test(c.value)) || WHOLE_FILE.test(c.value));
    if (!pinned) return undefined;
    const comment = p.text.slice(pinned.start!, pinned.end!);
    const without = splice(p.text, pinned.start!, pinned.end!);
    const shift = pinned.end! - pinned.start!;
    return splice(without, first.end! - shift, first.end! - shift, ` ${comment.startsWith("//") ? comment.replace(/^\/\/+/, "/*") + " */" : comment}`);
  },
  /** An import moves from just after a range marker to just before it: out of (or into) the range. */
  "move an import across a range marker": (p) => {
    for (const marker of p.comments.filter((c) => RANGE.test(c.value))) {
      const next = p.statements.find((s) => s.start! >= marker.end!);
      if (!next || next.type !== "ImportDeclaration" || next.specifiers.length === 0) continue;
      const moved = p.text.slice(next.start!, next.end!);
      return splice(splice(p.text, next.start!, next.end!), marker.start!, marker.start!, `${moved}\n`);
    }
    return undefined;
  },
  /** A line break among the imports changes kind (LF, CRLF, lone CR) to one the file does not use. */
  "change a line break's kind": (p) => {
    const target = imports(p)[0];
    if (!target) return undefined;
    const used = new Set([...p.text.matchAll(/\r\n?|\n/g)].map((m) => m[0]));
    const other = ["\n", "\r\n", "\r"].find((kind) => !used.has(kind));
    if (!other) return undefined;
    const at = /\r\n?|\n/g;
    at.lastIndex = target.start!;
    // A lone CR before an LF would merge with it into one CRLF: take a line break where it does not.
    for (let found = at.exec(p.text); found; found = at.exec(p.text)) {
      const end = found.index + found[0].length;
      if (other === "\r" && p.text[end] === "\n") continue;
      return splice(p.text, found.index, end, other);
    }
    return undefined;
  },
  /** Unbalanced output: it must parse. */
  "break the syntax": (p) => {
    const target = imports(p)[0];
    return target && splice(p.text, target.source.start!, target.source.start!, "{ ");
  },
};

function parsed(text: string, file: GeneratedFile): Parsed | undefined {
  try {
    const ast = parseFile(text, file.filepath);
    return {
      text,
      statements: ast.program.body,
      comments: ast.comments ?? [],
      directives: ast.program.directives.map((d) => ({ start: d.start!, end: d.end! })),
      ts: file.ext !== ".js",
    };
  } catch {
    return undefined;
  }
}

/** The verifier's readers: Babel, and oxc (the fast path's) where this Node has oxc's raw transfer. */
const READERS = RAW_TRANSFER ? [false, true] : [false];

describe.each(READERS)("mutation check: the verifier refuses every deliberately broken render (reading with oxc: %s)", (verifyWithOxc) => {
  it(`${Object.keys(MUTATIONS).length} mutations over ${FILES} generated files`, () => {
    const files = fc.sample(sourceFileArb(), { numRuns: FILES, seed: Number(process.env.SAFESORT_FUZZ_SEED ?? 20_240_601) });
    const config = testConfig();
    const applied = new Map<string, number>(Object.keys(MUTATIONS).map((name) => [name, 0]));
    let total = 0;
    let flow = 0;
    for (const file of files) {
      // oxc does not read Flow: the fast path leaves a Flow file to Babel (process-source.ts).
      if (verifyWithOxc && /@flow\b/.test(file.text)) {
        flow++;
        continue;
      }
      // Control: the same harness with an identity "mutation" is accepted, so refusals come from the mutations.
      const control = processSource(file.text, file.filepath, config, { verifyWithOxc, afterRender: (rendered) => parsed(rendered, file)?.text ?? rendered });
      expect(control.status, JSON.stringify(file.text)).not.toBe("failed");
      for (const [name, mutate] of Object.entries(MUTATIONS)) {
        let mutated: string | undefined;
        const outcome = processSource(file.text, file.filepath, config, {
          verifyWithOxc,
          afterRender: (rendered) => {
            const p = parsed(rendered, file);
            mutated = p && mutate(p);
            return mutated ?? rendered;
          },
        });
        if (mutated === undefined || mutated === file.text) continue;
        applied.set(name, applied.get(name)! + 1);
        total++;
        if (outcome.status !== "failed" || outcome.diagnostic.code !== "internal-error" || !outcome.diagnostic.message.startsWith("internal error, refusing to write")) {
          throw new Error(
            `mutation "${name}" was not refused (status ${outcome.status}):\n--- input (JSON) ---\n${JSON.stringify(file.text)}\n--- mutated (JSON) ---\n${JSON.stringify(mutated)}`,
          );
        }
      }
    }
    console.log(`mutations: ${total} broken renders, all refused (${flow} Flow files left out): ${JSON.stringify(Object.fromEntries(applied))}`);
    expect(flow).toBeLessThan(FILES / 4);
    for (const [name, count] of applied) expect(count, `"${name}" applied ${count} times`).toBeGreaterThanOrEqual(MIN_APPLIED);
  }, 120_000);
});
