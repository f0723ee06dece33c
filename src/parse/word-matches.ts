/**
 * Global regex searches of the syntax gate (gate.ts) made cheaper, with the
 * very matches `text.matchAll(pattern)` gives: the declarations that may
 * redeclare an import, and optional binding patterns.
 *
 * A pattern that starts with a keyword not preceded by a word character
 * (`(?<![\w$.\\])(?:var|let|…)…`, with `\p{…}` classes after it) makes the
 * regex engine try every position of the text, lookbehind first. Here one
 * search without lookbehind or Unicode classes finds the keywords, and the
 * pattern itself, sticky, is tried only there: the leftmost match from
 * where the last one ended, exactly as matchAll goes on.
 */
import { isSpaceCode } from "./text.js";

/** The characters the patterns' `(?<![\w$.\\])` refuses before a keyword. */
function wordBefore(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 || c === 0x2e || c === 0x5c;
}

/**
 * The matches of each of `patterns` (sticky) in `text`, each in order, as
 * `[which pattern, match]`: what `text.matchAll` gives for each pattern made
 * global. `words` (global, an alternation of words of ASCII letters) must
 * match where any match of the patterns starts: each pattern starts with
 * `(?<![\w$.\\])` and one of those words. (A word starting inside another
 * found word follows a letter, where no match starts.) Matches of
 * different patterns interleave; each pattern's go on from its own last end.
 */
export function* wordMatches(text: string, words: RegExp, patterns: readonly RegExp[]): Generator<readonly [number, RegExpExecArray]> {
  const next = patterns.map(() => 0);
  let from = 0;
  for (;;) {
    words.lastIndex = from;
    const word = words.exec(text);
    if (word === null) return;
    const at = word.index;
    from = at + word[0].length;
    if (at > 0 && wordBefore(text.charCodeAt(at - 1))) continue;
    for (let k = 0; k < patterns.length; k++) {
      if (at < next[k]!) continue;
      const pattern = patterns[k]!;
      pattern.lastIndex = at;
      const m = pattern.exec(text);
      if (m === null) continue;
      next[k] = at + m[0].length;
      yield [k, m] as const;
    }
  }
}

/**
 * The offsets of the `}` or `]` in `text` that start a match of `pattern`
 * (sticky: `[}\]]\s*\?…`), in order: the `?`s are found natively and the
 * pattern is tried at the first character before each that is not white
 * space. A match holds one `?` and no `}` or `]` but its first.
 */
export function* bracketsBeforeQuestion(text: string, pattern: RegExp): Generator<number> {
  for (let q = text.indexOf("?"); q !== -1; q = text.indexOf("?", q + 1)) {
    let b = q - 1;
    while (b >= 0 && isSpaceCode(text.charCodeAt(b))) b--;
    const c = text.charCodeAt(b);
    if (c !== 0x7d && c !== 0x5d) continue;
    pattern.lastIndex = b;
    if (pattern.test(text)) yield b;
  }
}
