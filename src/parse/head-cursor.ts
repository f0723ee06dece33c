/**
 * The token level of the head scanner (parse/head.ts): a cursor over the
 * source that reads ASCII words, one-line module strings without escapes,
 * and trivia (spaces, tabs, `\n` / `\r\n` line breaks, comments, which it
 * records). Whatever it cannot read exactly as Babel would throws
 * `Unsupported`, and the scanner gives up on the whole head. It knows no
 * statements: building the model from these tokens is head.ts's job.
 */
import type { Comment, Identifier, StringLiteral } from "@babel/types";

/** Why the scan gave up: the caller falls back to the full parse. */
export class Unsupported extends Error {}

export function unsupported(): never {
  throw new Unsupported();
}

export class HeadCursor {
  protected pos = 0;
  protected readonly comments: Comment[] = [];
  /** Whether a line break was skipped by the last `skipTrivia`. */
  protected newline = false;
  /** Comments before this offset are recorded (the scanner may skip the same trivia twice). */
  private recorded = 0;

  constructor(protected readonly source: string) {}

  protected char(): string | undefined {
    return this.source[this.pos];
  }

  /** An ASCII word at the cursor (not consumed), undefined when none; unsupported when it goes on with non-ASCII or `\`. */
  protected peekWord(): string | undefined {
    let i = this.pos;
    if (!isWordStart(this.source.charCodeAt(i))) return undefined;
    while (isWordPart(this.source.charCodeAt(i))) i++;
    const c = this.source.charCodeAt(i);
    if (c === 0x5c || c > 0x7f) throw new Unsupported();
    return this.source.slice(this.pos, i);
  }

  protected expectWord(word: string): void {
    if (this.peekWord() !== word) throw new Unsupported();
    this.pos += word.length;
    this.skipTrivia();
  }

  /** Any name (keywords too): an imported or exported name, an attribute key. */
  protected name(): Identifier {
    this.skipTrivia();
    const name = this.peekWord();
    if (name === undefined) throw new Unsupported(); // a string name (`"a-b" as c`), or not a name
    const start = this.pos;
    this.pos += name.length;
    return { type: "Identifier", start, end: this.pos, name };
  }

  /** A module string on one line, without escapes. */
  protected readString(): StringLiteral {
    this.skipTrivia();
    const quote = this.char();
    if (quote !== '"' && quote !== "'") throw new Unsupported();
    const start = this.pos;
    for (let i = start + 1; i < this.source.length; i++) {
      const c = this.source[i];
      if (c === quote) {
        this.pos = i + 1;
        return { type: "StringLiteral", start, end: this.pos, value: this.source.slice(start + 1, i) };
      }
      if (c === "\\" || c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") break;
    }
    throw new Unsupported();
  }

  /**
   * Skip spaces, tabs, line breaks (`\n`, `\r\n`) and comments, recording the
   * comments; `newline` tells whether a line break was crossed. Any other
   * white space or line terminator is unsupported. Returns true (to chain).
   */
  protected skipTrivia(): true {
    const s = this.source;
    this.newline = false;
    for (;;) {
      const c = s[this.pos];
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\n") {
        this.newline = true;
        this.pos++;
      } else if (c === "\r") {
        if (s[this.pos + 1] !== "\n") throw new Unsupported();
        this.newline = true;
        this.pos += 2;
      } else if (c === "/" && s[this.pos + 1] === "/") {
        const start = this.pos;
        this.pos = this.lineEnd(start + 2);
        this.record({ type: "CommentLine", value: s.slice(start + 2, this.pos), start, end: this.pos });
      } else if (c === "/" && s[this.pos + 1] === "*") {
        const start = this.pos;
        const close = s.indexOf("*/", start + 2);
        if (close === -1) throw new Unsupported();
        const value = s.slice(start + 2, close);
        if (/[\r\u2028\u2029]/.test(value)) throw new Unsupported();
        if (value.includes("\n")) this.newline = true;
        this.pos = close + 2;
        this.record({ type: "CommentBlock", value, start, end: this.pos });
      } else if (c !== undefined && c > "\x7f" && /\s/.test(c)) {
        throw new Unsupported(); // NBSP, U+2028, …: valid, but not worth the risk
      } else if (c === "\v" || c === "\f") {
        throw new Unsupported();
      } else return true;
    }
  }

  private record(comment: Comment): void {
    if (comment.start! < this.recorded) return;
    this.comments.push(comment);
    this.recorded = comment.end!;
  }

  /** The end of the line from `from` (before `\n` or `\r\n`); a lone `\r` or U+2028/9 on it is unsupported. */
  protected lineEnd(from: number): number {
    const nl = this.source.indexOf("\n", from);
    let end = nl === -1 ? this.source.length : nl;
    if (nl > 0 && this.source[nl - 1] === "\r") end--;
    if (/[\r\u2028\u2029]/.test(this.source.slice(from, end))) throw new Unsupported();
    return end;
  }
}

function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 0x30 && c <= 0x39);
}
