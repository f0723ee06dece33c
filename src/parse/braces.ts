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
  /** A `${` of a template: its `}` resumes the template text. */
  readonly template: boolean;
}

/**
 * What came last before the current position, for the regex rule: a
 * punctuator's own code, or one of these (a word from `wordStart` to
 * `wordEnd`; a string, template or regex; nothing yet).
 */
const WORD = -1;
const VALUE = -2;
const NOTHING = 0;

/**
 * One pass, by UTF-16 code, with no closure over its state. It runs on few
 * files (82 of the benchmark corpus as shipped) but long ones, so V8
 * optimizes it again and again, on the stack and after each new kind of
 * token: what counts is how cheap it is to compile. Measured with
 * `--trace-opt` on the corpus as shipped: TurboFan's compiles of it went
 * from 364 ms (12 compiles) for the reading it replaces, which kept its
 * state in a closure and compared one-character strings, to 170–200 ms
 * (9–11), and the run's CPU time by 0.2 s (`bench/ab.mjs`, 9 rounds).
 */
export function braceMap(source: string): BraceMap | undefined {
  const braces: Pair[] = [];
  const inert: [number, number][] = [];
  const stack: Open[] = [];
  /** Where the current heading starts (after the last `;`, `{` or `}`), and the comment spans inside it. */
  let headingFrom = 0;
  let headingGaps: [number, number][] = [];
  let last = NOTHING;
  let wordStart = 0;
  let wordEnd = 0;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      i++;
      continue;
    }
    let template = -1;
    if (c === 0x2f) {
      const d = i + 1 < n ? source.charCodeAt(i + 1) : 0;
      if (d === 0x2f || d === 0x2a) {
        const end = d === 0x2f ? lineEnd(source, i + 2) : source.indexOf("*/", i + 2) + 2;
        if (end === 1) return undefined;
        inert.push([i, end]);
        headingGaps.push([i, end]);
        i = end;
        continue;
      }
      if (last === 0x7d) return undefined;
      const division = last === 0x29 || last === 0x5d || last === VALUE || (last === WORD && !BEFORE_REGEX.has(source.slice(wordStart, wordEnd)));
      if (!division) {
        const end = regexEnd(source, i + 1);
        if (end === -1) return undefined;
        inert.push([i, end]);
        i = end;
        last = VALUE;
        continue;
      }
    } else if (c === 0x22 || c === 0x27) {
      const end = stringEnd(source, i + 1, c);
      if (end === -1) return undefined;
      inert.push([i, end]);
      i = end;
      last = VALUE;
      continue;
    } else if (c === 0x60) {
      template = i + 1;
    } else if (c === 0x7b) {
      stack.push({ open: i, heading: headingOf(source, headingFrom, i, headingGaps), template: false });
      headingFrom = i + 1;
      headingGaps = [];
      last = 0x7b;
      i++;
      continue;
    } else if (c === 0x7d) {
      const top = stack.pop();
      if (!top) return undefined;
      if (top.template) template = i + 1;
      else {
        braces.push({ open: top.open, close: i, heading: top.heading });
        headingFrom = i + 1;
        headingGaps = [];
        last = 0x7d;
        i++;
        continue;
      }
    } else if (c === 0x3b) {
      headingFrom = i + 1;
      headingGaps = [];
    } else if (isWordUnit(c)) {
      let j = i + 1;
      while (j < n && isWordUnit(source.charCodeAt(j))) j++;
      last = WORD;
      wordStart = i;
      wordEnd = j;
      i = j;
      continue;
    }
    if (template === -1) {
      last = c;
      i++;
      continue;
    }
    // Template text from `template` (just past "`" or the `}` of `${`): to the closing "`" or the next `${`.
    const end = templateEnd(source, template);
    if (end === -1) return undefined;
    if (source.charCodeAt(end) === 0x60) {
      inert.push([template, end + 1]);
      last = VALUE;
      i = end + 1;
    } else {
      inert.push([template, end]);
      stack.push({ open: end + 1, heading: "", template: true });
      headingFrom = end + 2;
      headingGaps = [];
      last = 0x7b;
      i = end + 2;
    }
  }
  if (stack.length > 0) return undefined;
  braces.sort((a, b) => a.open - b.open);
  return { braces: withParents(braces), inert };
}

/** The end of a line comment whose text starts at `from`: the next line break, or the end. */
function lineEnd(source: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    const c = source.charCodeAt(j);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return j;
  }
  return source.length;
}

/** The end (past the closing quote `quote`) of a string whose text starts at `from`; -1 if a line break or the end of the text comes first. */
function stringEnd(source: string, from: number, quote: number): number {
  for (let j = from; j < source.length; j++) {
    const d = source.charCodeAt(j);
    if (d === quote) return j + 1;
    if (d === 0x5c) j++;
    else if (d === 0x0a || d === 0x0d) return -1;
  }
  return -1;
}

/** The end (past its flags) of a regex whose body starts at `from`; -1 if a line break or the end of the text comes first. */
function regexEnd(source: string, from: number): number {
  let inClass = false;
  let j = from;
  for (; j < source.length; j++) {
    const d = source.charCodeAt(j);
    if (d === 0x5c) j++;
    else if (d === 0x0a || d === 0x0d || d === 0x2028 || d === 0x2029) return -1;
    else if (d === 0x5b) inClass = true;
    else if (d === 0x5d) inClass = false;
    else if (d === 0x2f && !inClass) break;
  }
  if (j >= source.length) return -1;
  j++;
  while (j < source.length && isFlagUnit(source.charCodeAt(j))) j++;
  return j;
}

/** `[\w$]`. */
function isFlagUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24;
}

/** Where template text starting at `from` ends: the offset of its closing "`" or of the `$` of its next `${`; -1 if the text ends first. */
function templateEnd(source: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    const c = source.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x60 || (c === 0x24 && j + 1 < source.length && source.charCodeAt(j + 1) === 0x7b)) return j;
  }
  return -1;
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

/** A brace as braceMap pairs it, before its parent is known. */
type Pair = Omit<Brace, "parent">;

/** The braces (sorted by `open`) with their parents. */
function withParents(pairs: readonly Pair[]): Brace[] {
  const out: Brace[] = [];
  const open: Brace[] = [];
  for (const { open: at, close, heading } of pairs) {
    while (open.length > 0 && open[open.length - 1]!.close < at) open.pop();
    const brace: Brace = { open: at, close, heading, parent: open[open.length - 1] };
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
  return spanStart(map.inert, at);
}

/** The start of the span of `spans` (sorted, none overlapping, `[start, end)`) holding `at`, or -1. */
export function spanStart(spans: readonly (readonly [number, number])[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = spans[mid]!;
    if (at < start) hi = mid - 1;
    else if (at >= end) lo = mid + 1;
    else return start;
  }
  return -1;
}
