/**
 * Where things are in a JSON config file, so that a config error can say
 * `path:line:col`: the value at a key path (`safesort.groups[2].match[0]`, as
 * a ConfigError names it), and the first syntax error (V8's JSON.parse does
 * not always say where it is). A small strict JSON scanner with positions:
 * config files are small, and no parser is loaded for them.
 */

/** A value's start, and its members (object keys, or array indexes as strings). */
interface JsonNode {
  readonly start: number;
  readonly members?: Map<string, JsonNode>;
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super("invalid JSON");
  }
}

/**
 * 1-based line and column of the value at `keyPath` in `text`; the walk
 * stops at the deepest key that exists, so a missing key points at its
 * parent. Undefined when the text is not valid JSON.
 */
export function locateKey(text: string, keyPath: string): { line: number; column: number } | undefined {
  const source = stripBom(text);
  let node: JsonNode;
  try {
    node = new Scanner(source).document();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
  for (const segment of segments(keyPath)) {
    const next = node.members?.get(String(segment));
    if (next === undefined) break;
    node = next;
  }
  return lineColumn(source, node.start);
}

/** Offset (in `text` without its BOM) of the first character strict JSON does not allow, or undefined when it is valid. */
export function syntaxErrorOffset(text: string): number | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.offset;
    throw error;
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_CHARS = /(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*/y;
const MAX_DEPTH = 512;

class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): JsonNode {
    const node = this.value(0);
    this.space();
    if (this.i < this.text.length) throw new JsonSyntaxError(this.i);
    return node;
  }

  private value(depth: number): JsonNode {
    this.space();
    const start = this.i;
    const c = this.text[this.i];
    if (c === "{" || c === "[") {
      if (depth >= MAX_DEPTH) throw new JsonSyntaxError(start);
      return c === "{" ? this.object(depth) : this.array(depth);
    }
    if (c === '"') {
      this.string();
      return { start };
    }
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, start)) {
        this.i += word.length;
        return { start };
      }
    }
    NUMBER.lastIndex = start;
    if (NUMBER.test(this.text)) {
      this.i = NUMBER.lastIndex;
      return { start };
    }
    throw new JsonSyntaxError(start);
  }

  private object(depth: number): JsonNode {
    const start = this.i++;
    const members = new Map<string, JsonNode>();
    this.space();
    if (this.text[this.i] === "}") {
      this.i++;
      return { start, members };
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') throw new JsonSyntaxError(this.i);
      const key = JSON.parse(this.string()) as string;
      this.expect(":");
      // A repeated key: JSON.parse keeps the last, and so does the map.
      members.set(key, this.value(depth + 1));
      this.space();
      if (this.text[this.i] === "}") {
        this.i++;
        return { start, members };
      }
      this.expect(",");
    }
  }

  private array(depth: number): JsonNode {
    const start = this.i++;
    const members = new Map<string, JsonNode>();
    this.space();
    if (this.text[this.i] === "]") {
      this.i++;
      return { start, members };
    }
    for (let index = 0; ; index++) {
      members.set(String(index), this.value(depth + 1));
      this.space();
      if (this.text[this.i] === "]") {
        this.i++;
        return { start, members };
      }
      this.expect(",");
    }
  }

  /** The string literal starting here, quotes included. */
  private string(): string {
    const start = this.i;
    STRING_CHARS.lastIndex = start + 1;
    STRING_CHARS.test(this.text);
    const end = STRING_CHARS.lastIndex;
    if (this.text[end] !== '"') throw new JsonSyntaxError(end);
    this.i = end + 1;
    return this.text.slice(start, this.i);
  }

  private expect(char: string): void {
    this.space();
    if (this.text[this.i] !== char) throw new JsonSyntaxError(this.i);
    this.i++;
  }

  private space(): void {
    while (this.i < this.text.length && " \t\n\r".includes(this.text[this.i]!)) this.i++;
  }
}

/** `a.b[2]["c d"]` → `["a", "b", 2, "c d"]`. */
function segments(keyPath: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of keyPath.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else out.push(JSON.parse(match[3]!) as string);
  }
  return out;
}
