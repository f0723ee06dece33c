/**
 * Proof of "unchanged" without a parser: most files a run sees are already
 * sorted, and for them the job is to prove that nothing would move.
 *
 *   source ─scanHead─▶ head statements + comments ─planSort─▶ no edits?
 *          └noDeclarationFrom(cut)─▶ no import or re-export further down?
 *
 * The head scanner (parse/head.ts) reads the top of the file into the model
 * the planner consumes, and the real planner decides, so the sorting rules
 * live in one place. The rest of the file is not parsed: parse/tail.ts proves
 * from its text alone that no import or re-export starts there. Both give up
 * on anything unusual, and then the file takes the ordinary path (a full
 * parse). This path never says "changed": a file that needs sorting is
 * always parsed (oxc whole, then its import region read again by oxc, or by
 * Babel where oxc cannot) and verified. Its plan is the head's when the import
 * region is the very text the head planned (process-source.ts): the same
 * planner on the head scanner's reading, so no second plan; the verifier
 * reads input and output with the region's parser, not the head scanner, and
 * a differential test holds both plans equal (test/helpers/head-proof.ts).
 *
 * The price, documented in the README: a syntax error after the imports of a
 * sorted file may go unreported (`--strict` parses every file).
 */
import type { Edit } from "../edit/apply.js";
import { planSort } from "../imports/sort.js";
import { type Head, scanHead } from "../parse/head.js";
import { endsOnBoundary, lineEndAfter, mayDeclare } from "../parse/prefix.js";
import { noDeclarationFrom } from "../parse/tail.js";
import type { ResolvedConfig } from "../types.js";

const SKIP_FILE = /safesort:\s*skip-file\b/;
const FLOW_PRAGMA = /@(?:no)?flow\b/;
/** Extensions whose files the head scanner reads (framework files are cut into script blocks first). */
const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/i;

/** Whether the head scanner reads files at `filepath` (plain scripts; not framework files). */
export function isScriptPath(filepath: string): boolean {
  return SCRIPT.test(filepath);
}

/** True only when `source` provably sorts to itself under `config`; false means "parse and see". */
export function provablySorted(source: string, filepath: string, config: ResolvedConfig): boolean {
  return readHead(source, filepath, config)?.verdict === "sorted";
}

/**
 * What the head says: "sorted" is a proof (the file is unchanged); "unsorted"
 * means the planner moves something in the head, and carries its edits of
 * `source.slice(0, cut)`, which process-source.ts applies when the import
 * region it parses (Babel, for the verifier) is that very text, instead of
 * planning again; undefined: the head scanner cannot tell. An "unsorted"
 * head says nothing of the rest of the file (an import may follow code).
 */
export type HeadReading =
  | { readonly verdict: "sorted" }
  | {
      readonly verdict: "unsorted";
      readonly cut: number;
      readonly edits: readonly Edit[];
      /** Where the file's last import or re-export ends, when the tail proof shows that none follows the head's. */
      readonly importsEnd: number | undefined;
    };

/** The verdict of a file provably unchanged. */
export const SORTED: HeadReading = { verdict: "sorted" };

/**
 * The end of the last import or re-export as oxc's module record counts them
 * (region.ts): every import, `import "x"` included; a re-export only when it
 * names something (`export {} from "x"` is in no record).
 */
function importsEndOf(statements: Head["statements"]): number | undefined {
  let end: number | undefined;
  for (const s of statements) {
    if (s.type === "ImportDeclaration" || s.type === "ExportAllDeclaration" || (s.type === "ExportNamedDeclaration" && s.specifiers.length > 0)) end = s.end!;
  }
  return end;
}

/** The head scanner and the planner on the top of the file: a proof of "sorted", the plan of an unsorted head, or undefined. */
export function readHead(source: string, filepath: string, config: ResolvedConfig): HeadReading | undefined {
  if (!isScriptPath(filepath)) return undefined;
  // Keywords cannot be written with escapes: no `import`/`export` that could start a declaration, nothing to sort.
  if (!mayDeclare(source)) return SORTED;
  // Skipped files are reported as skipped; Flow files may parse differently.
  // (`includes` first: a plain search, far cheaper than the regex over the whole text.)
  if ((source.includes("safesort:") && SKIP_FILE.test(source)) || FLOW_PRAGMA.test(source.slice(0, 4096))) return undefined;
  const head = scanHead(source, TYPESCRIPT.test(filepath));
  if (!head) return undefined;
  const last = head.statements[head.statements.length - 1];
  if (!last) return noDeclarationFrom(source, head.end) ? SORTED : undefined;
  // The planner sees the file up to the end of the last declaration's line,
  // as the import-region parse does (prefix.ts): only if that line ends the
  // statement for sure.
  const cut = head.end === source.length ? source.length : lineEndAfter(source, last.end!);
  if (cut === undefined) return undefined;
  const comments = head.comments.filter((c) => c.end! <= cut);
  const plan = planSort({ source: source.slice(0, cut), statements: head.statements, comments, prologueEnd: head.prologueEnd }, config);
  const alone = cut === source.length || (endsOnBoundary(source, head.statements, cut) && noDeclarationFrom(source, cut));
  if (plan.edits.length > 0) return { verdict: "unsorted", cut, edits: plan.edits, importsEnd: alone ? importsEndOf(head.statements) : undefined };
  return alone ? SORTED : undefined;
}
