/**
 * JSON reading for config files: strict JSON with a located error for
 * safesort's own files, and a tolerant JSONC reader for tsconfig.json.
 */
import { ConfigError } from "../errors.js";

import { lineColumn, stripBom, syntaxErrorOffset } from "./json-locate.js";

/**
 * Parse strict JSON. On failure, throws a ConfigError whose message is the
 * parser's and whose `line`/`column` (1-based) point at the offending character.
 */
export function parseJsonStrict(text: string, file: string): unknown {
  try {
    return JSON.parse(stripBom(text));
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(raw, stripBom(text));
    // The position (and, in newer V8, "(line x column y)") becomes the error's location.
    const message = `invalid JSON: ${raw.replace(/ in JSON at position \d+.*$/, "").replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "")}`;
    const err = new ConfigError(file, "", message);
    if (offset !== undefined) {
      const { line, column } = lineColumn(stripBom(text), offset);
      // `line`/`column` are readonly for consumers; the error is ours to complete.
      Object.assign(err, { line, column });
    }
    throw err;
  }
}

/** Parse JSON with comments and trailing commas (tsconfig.json); undefined if broken. */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(stripJsonc(stripBom(text)));
  } catch {
    return undefined;
  }
}

/**
 * Remove `//` and `/* *\/` comments and trailing commas, outside strings.
 * Removed characters become spaces (newlines are kept), so offsets stay valid.
 *
 *   { "a": 1, // note        →   { "a": 1                 
 *   }                            }
 */
export function stripJsonc(text: string): string {
  let out = "";
  let i = 0;
  // Index in `out` of the last comma outside strings whose fate is undecided.
  let pendingComma = -1;
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      pendingComma = -1;
    } else if (ch === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (ch === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\r\n]/g, " ");
      i = stop;
    } else if (ch === ",") {
      pendingComma = out.length;
      out += ch;
      i++;
    } else if (ch === "}" || ch === "]") {
      if (pendingComma !== -1) out = `${out.slice(0, pendingComma)} ${out.slice(pendingComma + 1)}`;
      pendingComma = -1;
      out += ch;
      i++;
    } else {
      if (!/\s/.test(ch)) pendingComma = -1;
      out += ch;
      i++;
    }
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/** Where V8's JSON.parse message says the error is, if it says; else where our own scan finds it. */
function errorOffset(message: string, text: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/end of JSON input/.test(message)) return text.length;
  return syntaxErrorOffset(text);
}
