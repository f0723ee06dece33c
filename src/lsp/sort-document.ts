/**
 * What the language server does with one document, as a pure function: sort
 * its text with the core and turn the result into minimal edits, or say why
 * it could not (a NUL, which makes it a binary file as for the CLI; a syntax
 * error; an internal error). Never throws.
 */
import type { Edit } from "../edit/apply.js";
import { refuseBinaryText } from "../files/read.js";
import { processSource } from "../pipeline/process-source.js";
import type { Diagnostic, ResolvedConfig } from "../types.js";

import { minimalEdits } from "./edits.js";

export type DocumentSort =
  | { readonly kind: "edits"; readonly edits: readonly Edit[] }
  | { readonly kind: "failed"; readonly diagnostic: Diagnostic };

const BOM = "\uFEFF";

/** Sort `text` as the file `filepath` (its extension picks the parser; diagnostics name it). */
export function sortDocument(text: string, filepath: string, config: ResolvedConfig): DocumentSort {
  // Most editors hide a BOM from the buffer; when one is there, it stays and offsets count it.
  const bom = text.startsWith(BOM) ? BOM : "";
  const binary = refuseBinaryText(text.slice(bom.length), filepath);
  if (binary !== undefined) return { kind: "failed", diagnostic: binary };
  const outcome = processSource(text.slice(bom.length), filepath, config);
  switch (outcome.status) {
    case "failed":
      return { kind: "failed", diagnostic: outcome.diagnostic };
    case "changed":
      return { kind: "edits", edits: minimalEdits(text, bom + outcome.output) };
    default:
      return { kind: "edits", edits: [] };
  }
}
