/**
 * What `rename-symbol` renames, as the user wrote it (pure):
 *
 *   src/math.ts#sum        the export named `sum` of src/math.ts (`default` for the default export)
 *   src/math.ts:12:17      the symbol at line 12, column 17 (1-based, as in diagnostics)
 */

export type SymbolTarget =
  | { readonly kind: "export"; readonly file: string; readonly exportName: string }
  | { readonly kind: "position"; readonly file: string; readonly line: number; readonly column: number };

const POSITION = /^(.+):(\d+):(\d+)$/;

export function parseTarget(text: string): SymbolTarget | { readonly error: string } {
  const hash = text.lastIndexOf("#");
  if (hash > 0 && hash < text.length - 1) {
    return { kind: "export", file: text.slice(0, hash), exportName: text.slice(hash + 1) };
  }
  const position = POSITION.exec(text);
  if (position) {
    const line = Number(position[2]);
    const column = Number(position[3]);
    if (line >= 1 && column >= 1) return { kind: "position", file: position[1]!, line, column };
  }
  return { error: `expected <file>#<exportName> or <file>:<line>:<column>, got "${text}"` };
}

/** Words that cannot name a binding in a module (strict mode). */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await arguments eval"
  ).split(" "),
);

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** Why `name` cannot be the new name of a binding, or undefined when it can. */
export function invalidNewName(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `"${name}" is not an identifier`;
  if (RESERVED.has(name)) return `"${name}" is a reserved word`;
  return undefined;
}
