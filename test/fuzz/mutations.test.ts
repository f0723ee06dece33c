/**
 * Mutation check: deliberately broken renders, injected after the sorter's
 * splice (processSource's `afterRender` hook), must every one be refused by
 * the verifier: status `failed`, code `internal-error`, "refusing to write".
 *
 * Each mutation breaks one promise the verifier makes (README, "Verify before
 * write"): barriers and the text outside blocks byte-identical, each block
 * holding the same statements and bindings, every comment still there, the
 * output parsing. Mutations find their target with an independent Babel
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

describe("mutation check: the verifier refuses every deliberately broken render", () => {
  it(`${Object.keys(MUTATIONS).length} mutations over ${FILES} generated files`, () => {
    const files = fc.sample(sourceFileArb(), { numRuns: FILES, seed: Number(process.env.SAFESORT_FUZZ_SEED ?? 20_240_601) });
    const config = testConfig();
    const applied = new Map<string, number>(Object.keys(MUTATIONS).map((name) => [name, 0]));
    let total = 0;
    for (const file of files) {
      // Control: the same harness with an identity "mutation" is accepted, so refusals come from the mutations.
      const control = processSource(file.text, file.filepath, config, { afterRender: (rendered) => parsed(rendered, file)?.text ?? rendered });
      expect(control.status, JSON.stringify(file.text)).not.toBe("failed");
      for (const [name, mutate] of Object.entries(MUTATIONS)) {
        let mutated: string | undefined;
        const outcome = processSource(file.text, file.filepath, config, {
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
    console.log(`mutations: ${total} broken renders, all refused: ${JSON.stringify(Object.fromEntries(applied))}`);
    for (const [name, count] of applied) expect(count, `"${name}" applied ${count} times`).toBeGreaterThanOrEqual(MIN_APPLIED);
  }, 120_000);
});
