/**
 * A glob argument as walks: each is a **base** directory (the static part of
 * the pattern) and a **matcher** that the directory walk of discover.ts
 * applies on its way down, so a glob finds its files in the walk's order and
 * through the walk's rules (.gitignore, excludes, `node_modules`, links).
 *
 * Top-level brace alternatives are expanded first, as fast-glob did, and the
 * alternatives grouped by base in the order they appear:
 *
 *   {src,lib}/*.{ts,js}  →  walk src/ for `*.ts` or `*.js`, then lib/ for the same
 *
 * Within one base, matching is picomatch's (dot files included, extglobs,
 * classes, ranges). A directory is entered only when some alternative could
 * match below it (segment by segment up to the first `**`), so `src/*.ts`
 * lists one directory.
 */
import { resolve } from "node:path";

import { loadPicomatch } from "./lazy-packages.js";

export interface GlobWalk {
  /** Absolute directory to walk. */
  readonly base: string;
  /** Does a file at this path (relative to `base`, `/`-separated) match? */
  readonly match: (rel: string) => boolean;
  /** Could a file below this directory (relative to `base`, `/`-separated) match? */
  readonly enter: (rel: string) => boolean;
}

/**
 * The walks for `pattern` (relative to `cwd`), in order. A negative pattern
 * (`!src/*.ts`) has nothing to include: none. A base under `node_modules`
 * or `.git` is never walked. `dot: false`: `*` and `**` do not match names
 * starting with a dot (discovery matches them, as fast-glob's `dot: true` did).
 */
export function globWalks(pattern: string, cwd: string, { dot = true }: { dot?: boolean } = {}): GlobWalk[] {
  if (pattern.startsWith("!") && pattern[1] !== "(") return [];
  const groups = new Map<string, string[]>();
  for (const alternative of expandBraces(pattern)) {
    const { base, glob } = splitPattern(alternative);
    // `{src/,lib/}` names directories: no file to match.
    if (glob === "" || base.split("/").some((segment) => segment === "node_modules" || segment === ".git")) continue;
    const abs = resolve(cwd, base);
    const globs = groups.get(abs);
    if (globs) globs.push(glob);
    else groups.set(abs, [glob]);
  }
  return [...groups].map(([base, globs]) => ({ base, match: loadPicomatch()(globs, { dot }), enter: partialMatcher(globs, dot) }));
}

/** The static directory part (unescaped) and the rest; a pattern without magic is its directory and its (escaped) name. */
function splitPattern(pattern: string): { base: string; glob: string } {
  const scanned = loadPicomatch().scan(pattern);
  if (scanned.isGlob) return { base: unescape(scanned.base), glob: scanned.glob };
  const slash = pattern.lastIndexOf("/");
  return slash === -1 ? { base: "", glob: pattern } : { base: unescape(pattern.slice(0, slash)) || "/", glob: pattern.slice(slash + 1) };
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, "$1");
}

/**
 * Could a file below directory `rel` match one of `globs`? Each directory
 * segment must match the glob's segment at its depth, until a `**` segment
 * (anything below may match); the glob's last segment names files, so a
 * directory as deep as it is not entered. A glob whose segments cannot be
 * told apart (a `/` inside brackets or parentheses) enters everything: the
 * file matcher still decides.
 */
function partialMatcher(globs: readonly string[], dot: boolean): (rel: string) => boolean {
  const split = globs.map((glob) => glob.split("/"));
  if (split.some((segments) => segments.some((segment) => !balanced(segment)))) return () => true;
  const matchers = split.map((segments) => segments.map((segment) => (segment === "**" ? "**" : segment === "" ? () => false : loadPicomatch()(segment, { dot }))));
  return (rel) => {
    const parts = rel.split("/");
    return matchers.some((segments) => {
      for (let i = 0; i < parts.length; i++) {
        const segment = segments[i];
        if (segment === "**") return true;
        if (segment === undefined || i >= segments.length - 1 || !segment(parts[i]!)) return false;
      }
      return true;
    });
  };
}

/** Are the brackets and parentheses of one segment closed within it? */
function balanced(segment: string): boolean {
  let depth = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "\\") i++;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
  }
  return depth === 0;
}

/**
 * `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`: every `{…}` holding a comma at its
 * own level, outermost first, left to right; duplicates dropped. Braces
 * without a comma (`{1..3}`, `{a}`) and escaped ones stay for picomatch.
 */
export function expandBraces(pattern: string): string[] {
  const group = firstAlternatives(pattern);
  if (!group) return [pattern];
  const before = pattern.slice(0, group.open);
  const after = pattern.slice(group.close + 1);
  const out: string[] = [];
  for (const alternative of group.alternatives) {
    for (const expanded of expandBraces(before + alternative + after)) if (!out.includes(expanded)) out.push(expanded);
  }
  return out;
}

/** The first `{…}` with a comma at its level: where it opens and closes, and its alternatives. */
function firstAlternatives(pattern: string): { open: number; close: number; alternatives: string[] } | undefined {
  for (let open = 0; open < pattern.length; open++) {
    if (pattern[open] === "\\") {
      open++;
      continue;
    }
    if (pattern[open] !== "{") continue;
    let depth = 0;
    let from = open + 1;
    const alternatives: string[] = [];
    for (let i = open; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "\\") i++;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        if (alternatives.length === 0) break; // no comma: not alternatives, look further
        alternatives.push(pattern.slice(from, i));
        return { open, close: i, alternatives };
      } else if (c === "," && depth === 1) {
        alternatives.push(pattern.slice(from, i));
        from = i + 1;
      }
    }
  }
  return undefined;
}
