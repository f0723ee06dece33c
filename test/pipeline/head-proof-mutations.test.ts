/**
 * Mutation check of the head proof: break the head scanner or the tail proof
 * on purpose, and the differential check (fixtures + generated files against
 * the full parse) must catch every break. A differential test that cannot
 * see a broken scanner proves nothing.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

import type { Head } from "../../src/parse/head.js";
import { edgeSamples, fixtureSamples, generatedSampleArb, headPlans, judge, planDisagreement, type Sample } from "../helpers/head-proof.js";

type Statement = Head["statements"][number];
interface Mutation {
  readonly head?: (head: Head, source: string) => Head;
  readonly tail?: (source: string, from: number, original: (source: string, from: number) => boolean) => boolean;
}

const state = vi.hoisted(() => ({ mutation: undefined as Mutation | undefined }));

vi.mock("../../src/parse/head.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/parse/head.js")>();
  return {
    ...original,
    scanHead: (source: string, typescript: boolean) => {
      const head = original.scanHead(source, typescript);
      return head && state.mutation?.head ? state.mutation.head(head, source) : head;
    },
  };
});

vi.mock("../../src/parse/tail.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/parse/tail.js")>();
  return {
    ...original,
    noDeclarationFrom: (source: string, from: number) =>
      state.mutation?.tail ? state.mutation.tail(source, from, original.noDeclarationFrom) : original.noDeclarationFrom(source, from),
  };
});

const withStatements = (head: Head, statements: Statement[]): Head => ({ ...head, statements });

/** Swap the module strings of the first two statements. */
function swapSources(head: Head): Head {
  const [a, b, ...rest] = head.statements as any[];
  if (!a?.source || !b?.source) return head;
  return withStatements(head, [{ ...a, source: b.source }, { ...b, source: a.source }, ...rest]);
}

const MUTATIONS: Record<string, Mutation> = {
  "the tail is never read": { tail: () => true },
  "words at the start of a line are ignored": { tail: (source, from, original) => original(source.replace(/^(?:import|export)\b/gm, "xxxxxx"), from) },
  "words after a block comment are ignored": {
    tail: (source, from, original) => original(source.replace(/(\*\/[ \t]*)(?:import|export)\b/g, "$1xxxxxx"), from),
  },
  "`export { … } from` is read as a local export": {
    tail: (source, from, original) => original(source.replace(/(export\s*\{[^}]*\}\s*)from\b/g, "$1frum"), from),
  },
  "a comment in an export clause ends it": {
    tail: (source, from, original) => original(source.replace(/(export\s*\{[^}]*?)\/\*/g, "$1}*"), from),
  },
  "what follows a comment after `export` is ignored": {
    tail: (source, from, original) => original(source.replace(/(export\s*)\/\*/g, "$1x*"), from),
  },
  "`export *` is ignored": { tail: (source, from, original) => original(source.replace(/export(\s*\*)/g, "xxxxxx$1"), from) },
  "the last statement is dropped": { head: (head) => withStatements(head, head.statements.slice(0, -1)) },
  "comments are dropped": { head: (head) => ({ ...head, comments: [] }) },
  "module strings are misread": { head: swapSources },
  "names in braces are read in reverse": {
    head: (head) =>
      withStatements(
        head,
        head.statements.map((s: any) => (s.specifiers?.length > 1 ? { ...s, specifiers: [...s.specifiers].reverse() } : s)),
      ),
  },
  "`import type` is read as a value import": {
    head: (head) => withStatements(head, head.statements.map((s: any) => (s.importKind === "type" ? { ...s, importKind: "value" } : s))),
  },
  "a statement ends before its `;`": {
    head: (head, source) => withStatements(head, head.statements.map((s) => (source[s.end! - 1] === ";" ? { ...s, end: s.end! - 1 } : s))),
  },
};

/** Mutations of the head that the plan check alone must catch (on samples whose head is unsorted, where no verdict is given). */
const PLAN_MUTATIONS = ["comments are dropped", "module strings are misread", "names in braces are read in reverse", "`import type` is read as a value import", "a statement ends before its `;`"];

function disagreements(samples: readonly Sample[]): number {
  let found = 0;
  for (const sample of samples) if (judge(sample).disagreement) found++;
  return found;
}

describe("mutation check: a broken head proof is caught by the differential check", () => {
  const fixtures = [...fixtureSamples(), ...edgeSamples()];
  const generated = fc.sample(generatedSampleArb(), { numRuns: 300, seed: 13 }).flat();

  it("the unbroken proof agrees everywhere", () => {
    state.mutation = undefined;
    expect(disagreements(fixtures) + disagreements(generated)).toBe(0);
  });

  it.each(PLAN_MUTATIONS)("caught by the plan check alone: %s", (name) => {
    state.mutation = MUTATIONS[name];
    try {
      const unsorted = [...fixtures, ...generated].filter(headPlans);
      expect(unsorted.filter((sample) => planDisagreement(sample) !== undefined).length).toBeGreaterThan(0);
    } finally {
      state.mutation = undefined;
    }
  });

  it.each(Object.keys(MUTATIONS))("caught: %s", (name) => {
    state.mutation = MUTATIONS[name];
    try {
      expect(disagreements(fixtures) + disagreements(generated)).toBeGreaterThan(0);
    } finally {
      state.mutation = undefined;
    }
  });
});
