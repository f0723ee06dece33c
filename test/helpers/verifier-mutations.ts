/**
 * Mutation cases for the sorter's verifier: each case shows the real render
 * is accepted (so a refusal comes from the breakage), then that a render
 * broken on purpose (processSource's `afterRender` hook) is refused with the
 * fact's own message, not merely because some text changed.
 */
import { expect, it } from "vitest";

import { processSource } from "../../src/pipeline/process-source.js";
import type { ResolvedConfig } from "../../src/types.js";

import { RAW_TRANSFER } from "./raw-transfer.js";

export interface MutationCase {
  readonly file: string;
  readonly input: string;
  /** What the sorter gives (checked, so the breakage starts from the real render). */
  readonly sorted: string;
  readonly broken: string;
  /** The refusal's reason. */
  readonly message: RegExp;
}

/**
 * The verifier's readers: Babel, and oxc (the fast path's, oxc-reading.ts)
 * where this Node has oxc's raw transfer and oxc reads the input (not Flow).
 */
export function verifierReaders(input: string): { readonly name: string; readonly verifyWithOxc: boolean }[] {
  const babel = { name: "reading with Babel", verifyWithOxc: false };
  return RAW_TRANSFER && !/@flow\b/.test(input) ? [babel, { name: "reading with oxc", verifyWithOxc: true }] : [babel];
}

/** One test per case and reader: `accepts the real render, refuses one that <name> (<reader>)`. */
export function itRefusesEachBreakage(cases: Record<string, MutationCase>, config: ResolvedConfig): void {
  for (const [name, c] of Object.entries(cases)) for (const { name: reader, verifyWithOxc } of verifierReaders(c.input)) {
    it(`accepts the real render, refuses one that ${name} (${reader})`, () => {
      expect(processSource(c.input, c.file, config, { verifyWithOxc, afterRender: (out) => out })).toEqual(
        c.sorted === c.input ? { status: "unchanged" } : { status: "changed", output: c.sorted },
      );
      let rendered: string | undefined;
      const outcome = processSource(c.input, c.file, config, {
        verifyWithOxc,
        afterRender: (out) => {
          rendered = out;
          return c.broken;
        },
      });
      expect(rendered).toBe(c.sorted);
      expect(outcome.status).toBe("failed");
      if (outcome.status !== "failed") return;
      expect(outcome.diagnostic.code).toBe("internal-error");
      expect(outcome.diagnostic.message).toMatch(/^internal error, refusing to write \(/);
      expect(outcome.diagnostic.message).toMatch(c.message);
    });
  }
}
