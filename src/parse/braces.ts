/**
 * The braces of a TypeScript file without JSX, paired, each with the code
 * that heads it, and the spans that are not code (comments, strings,
 * template text, regexes): what the syntax gate (gate.ts) needs to tell an
 * `export` in a namespace from one in a function, or an `override` in a
 * subclass from one elsewhere, without a parser.
 *
 * Undefined whenever the text is not read for sure: a `/` after `}` (a
 * regex or a division), a string or regex that a line break ends, a comment
 * or template that does not end, unbalanced braces. The caller then keeps
 * its doubt. A `/` after a name, a number, `)` or `]` is a division (after
 * `return`, `typeof` and the other keywords that an expression follows, a
 * regex); one after an operator or a bracket opening is a regex.
 */

export interface Brace {
  readonly open: number;
  /** The offset of the matching `}`. */
  readonly close: number;
  /** The code before the `{` back to the previous `;`, `{` or `}` (or 300 characters), comments left out. */
  readonly heading: string;
  /** The innermost brace around this one, if any. */
  readonly parent: Brace | undefined;
}

export interface BraceMap {
  readonly braces: readonly Brace[];
  /** Sorted, disjoint [start, end) spans of text that is not code. */
  readonly inert: readonly (readonly [number, number])[];
}

/** Keywords after which a `/` starts a regex. */
const BEFORE_REGEX = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

interface Open {
  readonly open: number;
  readonly heading: string;
  readonly parent: Open | undefined;
  /** A `${` of a template: its `}` resumes the template text. */
  readonly template: boolean;
}

export function braceMap(source: string): BraceMap | undefined {
  const braces: Brace[] = [];
  const inert: [number, number][] = [];
  let stack: Open | undefined;
  /** Where the current heading starts (after the last `;`, `{` or `}`), and the comment spans inside it. */
  let headingFrom = 0;
  let headingGaps: [number, number][] = [];
  /** The last significant character before the current position, for the regex rule ("w": a word, from `wordStart` to `wordEnd`). */
  let last = "";
  let wordStart = 0;
  let wordEnd = 0;
  let i = 0;
  const n = source.length;
  const template = (from: number): number | undefined => {
    // Template text from `from` (just past "`" or the `}` of `${`): to the closing "`" or the next `${`.
    for (let j = from; j < n; j++) {
      const c = source[j];
      if (c === "\\") j++;
      else if (c === "`") {
        inert.push([from, j + 1]);
        return j + 1;
      } else if (c === "$" && source[j + 1] === "{") {
        inert.push([from, j]);
        stack = { open: j + 1, heading: "", parent: stack, template: true };
        headingFrom = j + 2;
        headingGaps = [];
        last = "{";
        return j + 2;
      }
    }
    return undefined;
  };
  while (i < n) {
    const c = source[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029" || c === "\uFEFF") {
      i++;
      continue;
    }
    if (c === "/" && source[i + 1] === "/") {
      let j = i + 2;
      while (j < n && source[j] !== "\n" && source[j] !== "\r" && source[j] !== "\u2028" && source[j] !== "\u2029") j++;
      inert.push([i, j]);
      headingGaps.push([i, j]);
      i = j;
      continue;
    }
    if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      if (end === -1) return undefined;
      inert.push([i, end + 2]);
      headingGaps.push([i, end + 2]);
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < n && source[j] !== c; j++) {
        const d = source[j];
        if (d === "\\") j++;
        else if (d === "\n" || d === "\r") return undefined;
      }
      if (j >= n) return undefined;
      inert.push([i, j + 1]);
      i = j + 1;
      last = "x";
      continue;
    }
    if (c === "`") {
      last = "x";
      const next = template(i + 1);
      if (next === undefined) return undefined;
      i = next;
      continue;
    }
    if (c === "/") {
      if (last === "}") return undefined;
      const division = last === ")" || last === "]" || last === "x" || (last === "w" && !BEFORE_REGEX.has(source.slice(wordStart, wordEnd)));
      if (!division) {
        let j = i + 1;
        let inClass = false;
        for (; j < n; j++) {
          const d = source[j];
          if (d === "\\") j++;
          else if (d === "\n" || d === "\r" || d === "\u2028" || d === "\u2029") return undefined;
          else if (d === "[") inClass = true;
          else if (d === "]") inClass = false;
          else if (d === "/" && !inClass) break;
        }
        if (j >= n) return undefined;
        while (j + 1 < n && /[\w$]/.test(source[j + 1]!)) j++; // flags
        inert.push([i, j + 1]);
        i = j + 1;
        last = "x";
        continue;
      }
    }
    if (c === "{") {
      stack = { open: i, heading: headingOf(source, headingFrom, i, headingGaps), parent: stack, template: false };
      headingFrom = i + 1;
      headingGaps = [];
      last = "{";
      i++;
      continue;
    }
    if (c === "}") {
      const top = stack;
      if (!top) return undefined;
      stack = top.parent;
      if (top.template) {
        last = "x";
        const next = template(i + 1);
        if (next === undefined) return undefined;
        i = next;
        continue;
      }
      braces.push({ open: top.open, close: i, heading: top.heading, parent: undefined });
      headingFrom = i + 1;
      headingGaps = [];
      last = "}";
      i++;
      continue;
    }
    if (c === ";") {
      headingFrom = i + 1;
      headingGaps = [];
    }
    if (isWordUnit(source.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && isWordUnit(source.charCodeAt(j))) j++;
      last = "w";
      wordStart = i;
      wordEnd = j;
      i = j;
      continue;
    }
    last = c;
    i++;
  }
  if (stack) return undefined;
  braces.sort((a, b) => a.open - b.open);
  return { braces: withParents(braces), inert };
}

/** A UTF-16 unit of a word (`[\w$\\\u0080-\uffff]`): a name, a keyword or a number. */
function isWordUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 || c === 0x5c || c >= 0x80;
}

/** The heading text from `from` to `to`, its comments left out, at most 300 characters. */
function headingOf(source: string, from: number, to: number, gaps: readonly [number, number][]): string {
  let text = "";
  let at = Math.max(from, to - 300);
  for (const [start, end] of gaps) {
    if (end <= at) continue;
    text += source.slice(at, Math.max(at, start));
    at = Math.max(at, end);
  }
  return text + source.slice(at, to);
}

/** The braces (sorted by `open`) with their parents. */
function withParents(braces: readonly Brace[]): Brace[] {
  const out: Brace[] = [];
  const open: Brace[] = [];
  for (const b of braces) {
    while (open.length > 0 && open[open.length - 1]!.close < b.open) open.pop();
    const brace = { ...b, parent: open[open.length - 1] };
    out.push(brace);
    open.push(brace);
  }
  return out;
}

/** The innermost brace whose text (between `{` and `}`) holds `at`. */
export function enclosingBrace(map: BraceMap, at: number): Brace | undefined {
  let lo = 0;
  let hi = map.braces.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map.braces[mid]!.open < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let b = found === -1 ? undefined : map.braces[found]; b; b = b.parent) if (b.close > at) return b;
  return undefined;
}

/** Whether `at` is in a comment, a string, template text or a regex. */
export function isInert(map: BraceMap, at: number): boolean {
  return inertStart(map, at) !== -1;
}

/** The start of the inert span (comment, string, template text, regex) holding `at`, or -1. */
export function inertStart(map: BraceMap, at: number): number {
  let lo = 0;
  let hi = map.inert.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = map.inert[mid]!;
    if (at < start) hi = mid - 1;
    else if (at >= end) lo = mid + 1;
    else return start;
  }
  return -1;
}
