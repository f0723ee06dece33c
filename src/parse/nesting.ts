/**
 * oxc's parser recurses natively once per nesting level with no depth guard:
 * too deep an input overflows the native stack, a SIGSEGV that no try/catch
 * stops and that kills the whole process, writes in flight included
 * (oxc-project/oxc#24375). Measured with oxc-parser 0.159 in a worker thread
 * (4 MB stack): 3,000 nested parentheses crash it, and so do 5,000-long
 * chains of `a = `, `a: `, `if (a) `, `while (a) `; `new ` at 10,000. The
 * main thread (8 MB) goes about twice as deep. Babel, in JS, fails cleanly
 * instead (a RangeError, reported as too complex). So above this bound the
 * fast path is not taken.
 */
export const NESTING_LIMIT = 1000;

/**
 * Whether oxc's parse of `text` may go too deep (nestingBound over the
 * limit). A text no longer than the limit never is: each step of the bound
 * takes at least one ASCII character of its own (a bracket, `?`, `:`, `<`,
 * `=`, a keyword), so the bound is at most the text's length; no pass over
 * it then (most import regions and their sorted renders).
 */
export function tooDeepToParse(text: string): boolean {
  return text.length > NESTING_LIMIT && nestingBound(text) > NESTING_LIMIT;
}

/**
 * A cheap upper bound of how deep a parser may recurse on `source`: the
 * bracket depth (`(`, `[`, `{`, `${`) plus the longest chain of nesting
 * tokens (`?`, `:`, `<`, `=`, `=>` and the words `else`, `new`, `if`,
 * `while`, `for`, `do`, `with`) not separated by `;` or `,`. One linear pass
 * over the text, strings and comments included: an over-estimate only costs
 * the fast path (semicolon-less files with long runs of type annotations,
 * ~1% of large files, take the full parse).
 *
 * A word is a run of ASCII letters, digits, `_` and `$`; one of the keywords
 * counts only as a whole run (`iffy`, `Xif`, `a$if` do not).
 *
 * The pass reads the text's UTF-8 bytes (every token above is ASCII, and a
 * character outside ASCII is a run of bytes ≥ 0x80 that, like the character,
 * is none of them and ends a word: the same bound). It runs on whole files,
 * on import regions (slices of them) and on the sorter's outputs (strings
 * built by concatenation), and V8's optimized code for a loop over a string
 * slows down about threefold for every string once it has seen all three
 * kinds (measured on the benchmark corpus's files to sort: 97 ms a pass, 285 ms
 * after a few sliced and concatenated strings; on bytes 96 ms either way,
 * encoding included).
 */
export function nestingBound(source: string): number {
  const longest = source.length * 3;
  let bytes = scratch;
  if (bytes.length < longest) {
    bytes = new Uint8Array(longest);
    if (longest <= KEEP_SCRATCH) scratch = bytes;
  }
  return nestingBoundOfBytes(bytes, ENCODER.encodeInto(source, bytes).written);
}

const ENCODER = new TextEncoder();
/** The largest buffer kept for the next call (a larger text gets one of its own). */
const KEEP_SCRATCH = 1 << 20;
let scratch = new Uint8Array(64 * 1024);

function nestingBoundOfBytes(bytes: Uint8Array, n: number): number {
  let depth = 0;
  let chain = 0;
  let max = 0;
  let i = 0;
  while (i < n) {
    const kind = CLASS[bytes[i]!]!;
    if (kind === OTHER) {
      i++;
      continue;
    }
    if (kind >= WORD) {
      // a word: skip it, counting the nesting keywords
      const start = i;
      do i++;
      while (i < n && CLASS[bytes[i]!]! >= WORD);
      if (kind === LOWER && i - start <= 5 && isNestingWord(bytes, start, i - start) && depth + ++chain > max) max = depth + chain;
      continue;
    }
    if (kind === OPEN) {
      if (++depth + chain > max) max = depth + chain;
    } else if (kind === CLOSE) depth = depth > 0 ? depth - 1 : 0;
    else if (kind === SEPARATOR) chain = 0;
    else if (kind === NESTS || (kind === QUESTION ? questionNests(bytes, i, n) : equalsNests(bytes, i, n))) {
      if (depth + ++chain > max) max = depth + chain;
    }
    i++;
  }
  return max;
}

/** `?`, but not `?.` (optional chaining) or `??`. */
function questionNests(bytes: Uint8Array, at: number, n: number): boolean {
  const next = at + 1 < n ? bytes[at + 1]! : 0;
  return next !== 0x2e && next !== 0x3f;
}

/** `=` and `=>`, not `==`, `!=`, `<=`, `>=`. */
function equalsNests(bytes: Uint8Array, at: number, n: number): boolean {
  const prev = at > 0 ? bytes[at - 1]! : 0;
  const next = at + 1 < n ? bytes[at + 1]! : 0;
  return next === 0x3e || (next !== 0x3d && prev !== 0x3d && prev !== 0x21 && prev !== 0x3c && prev !== 0x3e);
}

const OTHER = 0;
const OPEN = 1;
const CLOSE = 2;
const SEPARATOR = 3;
const QUESTION = 4;
/** `<` and `:`. */
const NESTS = 5;
const EQUALS = 6;
/** Word characters: an upper-case letter, digit, `_` or `$`; a lower-case letter (a word that starts with one may be a keyword). */
const WORD = 7;
const LOWER = 8;

/** The class of every byte (all but ASCII are OTHER). */
const CLASS = (() => {
  const table = new Uint8Array(0x100);
  const set = (chars: string, kind: number): void => {
    for (const ch of chars) table[ch.charCodeAt(0)] = kind;
  };
  set("([{", OPEN);
  set(")]}", CLOSE);
  set(";,", SEPARATOR);
  set("?", QUESTION);
  set("<:", NESTS);
  set("=", EQUALS);
  set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$", WORD);
  set("abcdefghijklmnopqrstuvwxyz", LOWER);
  return table;
})();

/** Whether the `length` bytes at `at` are one of `else`, `new`, `if`, `while`, `for`, `do`, `with`. */
function isNestingWord(bytes: Uint8Array, at: number, length: number): boolean {
  const c = bytes[at];
  const d = bytes[at + 1];
  switch (length) {
    case 2:
      return (c === 0x69 && d === 0x66) || (c === 0x64 && d === 0x6f); // if do
    case 3:
      return (c === 0x6e && d === 0x65 && bytes[at + 2] === 0x77) || (c === 0x66 && d === 0x6f && bytes[at + 2] === 0x72); // new for
    case 4:
      return c === 0x65 ? d === 0x6c && bytes[at + 2] === 0x73 && bytes[at + 3] === 0x65 : c === 0x77 && d === 0x69 && bytes[at + 2] === 0x74 && bytes[at + 3] === 0x68; // else with
    case 5:
      return c === 0x77 && d === 0x68 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x6c && bytes[at + 4] === 0x65; // while
    default:
      return false;
  }
}
