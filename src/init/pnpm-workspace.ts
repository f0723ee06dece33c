/**
 * The `packages:` list of a pnpm-workspace.yaml, read without a YAML library.
 * Only what that file holds in practice is understood; anything else is an
 * error, never a guess:
 *
 *   packages:                  # a top-level key, at column 0
 *     - "packages/*"           # block items, quoted ('…' or "…") or plain,
 *     - apps/*                 #   each maybe followed by a comment
 *     - '!apps/legacy'         #   (negations, quoted as YAML needs, kept as written)
 *   catalog: …                 # the next top-level key ends the list
 *
 *   packages: [packages/*, "apps/*"]    # or a one-line flow list
 *
 * Not understood: anchors, multi-line strings, nested mappings under
 * `packages`, flow lists over several lines.
 */

export type PnpmPackages = { readonly ok: true; readonly patterns: readonly string[] } | { readonly ok: false; readonly message: string };

/** The patterns of `packages:` (empty when there is no such key). */
export function parsePnpmWorkspace(text: string): PnpmPackages {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const keyLine = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (keyLine === -1) return { ok: true, patterns: [] };
  const inline = stripComment(lines[keyLine]!.replace(/^packages\s*:/, "")).trim();
  if (inline !== "") return parseFlowList(inline, keyLine + 1);
  const patterns: string[] = [];
  for (let i = keyLine + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue; // blank or comment-only
    if (!/^\s/.test(line)) break; // the next top-level key
    const item = /^\s+-(?:\s+(.*))?$/.exec(line);
    if (!item) return unsupported(i + 1, "expected a list item (- pattern)");
    const value = parseScalar(item[1] ?? "");
    if (value === undefined || value === "") return unsupported(i + 1, "expected a pattern after -");
    patterns.push(value);
  }
  return { ok: true, patterns };
}

function parseFlowList(text: string, lineNumber: number): PnpmPackages {
  if (!text.startsWith("[") || !text.endsWith("]")) return unsupported(lineNumber, "expected a list");
  const body = text.slice(1, -1).trim();
  if (body === "") return { ok: true, patterns: [] };
  const patterns: string[] = [];
  for (const part of splitFlowItems(body)) {
    const value = parseScalar(part);
    if (value === undefined || value === "") return unsupported(lineNumber, `cannot read list item ${JSON.stringify(part.trim())}`);
    patterns.push(value);
  }
  return { ok: true, patterns };
}

/** Split `a, "b,c", 'd'` at the commas outside quotes. */
function splitFlowItems(body: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ",") {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

/** A quoted or plain scalar, with a trailing comment allowed; undefined if it is not one this reader understands. */
function parseScalar(raw: string): string | undefined {
  const text = raw.trim();
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(text);
    return match ? match[1]!.replace(/''/g, "'") : undefined;
  }
  if (text.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\["\\/])*)"\s*(#.*)?$/.exec(text);
    return match ? match[1]!.replace(/\\(["\\/])/g, "$1") : undefined;
  }
  const plain = stripComment(text).trim();
  // A plain scalar starting with a YAML indicator means something else (`!x` is a tag, `*x` an alias…).
  if (/^[&*!|>%@`{[\]'"]/.test(plain)) return undefined;
  return plain;
}

/** Cut a ` # comment` (YAML needs whitespace before `#`) off a line with no quotes. */
function stripComment(text: string): string {
  const match = /(^|\s)#/.exec(text);
  return match ? text.slice(0, match.index) : text;
}

function unsupported(line: number, what: string): PnpmPackages {
  return { ok: false, message: `pnpm-workspace.yaml:${line}: ${what}; only a simple "packages:" list is understood` };
}
