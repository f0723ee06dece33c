/**
 * The head scanner: the top of a file read without a parser, into the same
 * model the sorter plans from (Babel-shaped statements and comments), so that
 * the real planner decides whether anything would move.
 *
 * The head is everything a file may start with that the sorter cares about:
 *
 *   #!/usr/bin/env node                    hashbang
 *   // comments, /* comments *\/           anywhere between tokens
 *   "use client";                          directives
 *   import a, { b as c } from "x";         imports (`type`, namespaces, attributes)
 *   import "./side-effect";
 *   export * as ns from "y";               re-exports
 *   export { d } from "z";
 *   const e = 1;                           ← the first other statement ends the head
 *
 * It accepts only what it reads completely and exactly as Babel would: ASCII
 * names, module strings without escapes, `\n` or `\r\n` line breaks, `;` or a
 * line break after every statement, no duplicate binding or export name.
 * Anything else (a lone `\r`, `import x = require()`, `import defer`, Flow,
 * a string name, a name `type` that could be a modifier, …) returns undefined
 * and the caller parses the file as before. The statements keep only the
 * fields the planner reads (positions, kinds, names, module strings).
 *
 * Tokens (words, module strings, comments and line breaks) are read by the
 * cursor in head-cursor.ts; this file builds the statements from them.
 */
import type {
  Comment,
  ExportAllDeclaration,
  ExportNamedDeclaration,
  ExportNamespaceSpecifier,
  ExportSpecifier,
  Identifier,
  ImportDeclaration,
  ImportDefaultSpecifier,
  ImportNamespaceSpecifier,
  ImportSpecifier,
  Statement,
  StringLiteral,
} from "@babel/types";

import { HeadCursor, Unsupported, unsupported } from "./head-cursor.js";

export interface Head {
  /** The import and re-export declarations (side-effect imports included), in order. */
  readonly statements: readonly Statement[];
  /** Every comment before `end`. */
  readonly comments: readonly Comment[];
  /** End of the hashbang and directives, 0 when none. */
  readonly prologueEnd: number;
  /** Where the first statement that is not part of the head starts (the source length when none). */
  readonly end: number;
}

/** Reserved in module code: never a binding name. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package " +
    "private protected public await eval arguments"
  ).split(" "),
);

/** Scan the head of `source`; undefined when it holds anything the scanner does not fully understand. */
export function scanHead(source: string, typescript: boolean): Head | undefined {
  try {
    return new HeadScanner(source, typescript).scan();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class HeadScanner extends HeadCursor {
  private readonly bindings = new Set<string>();
  private readonly exported = new Set<string>();

  constructor(
    source: string,
    private readonly typescript: boolean,
  ) {
    super(source);
  }

  scan(): Head {
    const statements: Statement[] = [];
    let prologueEnd = 0;
    if (this.source.startsWith("#!")) {
      this.pos = this.lineEnd(2);
      prologueEnd = this.pos;
    }
    // Directives: string statements before anything else.
    for (;;) {
      this.skipTrivia();
      const quote = this.char();
      if (quote !== '"' && quote !== "'") break;
      this.readString();
      prologueEnd = this.endStatement(true);
    }
    for (;;) {
      this.skipTrivia();
      const start = this.pos;
      const word = this.peekWord();
      const statement =
        word === "import" ? this.importDeclaration(start) : word === "export" ? this.reexport(start) : undefined;
      if (!statement) {
        this.pos = start;
        return { statements, comments: this.comments.filter((c) => c.end! <= start), prologueEnd, end: start };
      }
      statements.push(statement);
    }
  }

  // ── statements ────────────────────────────────────────────────────────

  /** `import …` at `start`; undefined when it is not a declaration (`import(…)`, `import.meta`). */
  private importDeclaration(start: number): ImportDeclaration | undefined {
    this.pos += "import".length;
    this.skipTrivia();
    const next = this.char();
    if (next === "(" || next === ".") return undefined;
    const node: ImportDeclaration = { type: "ImportDeclaration", start, end: 0, specifiers: [], source: EMPTY, importKind: "value" };
    if (next === '"' || next === "'") {
      node.source = this.readString();
      return this.finish(node);
    }
    if (this.peekWord() === "type") this.typeKeyword(node);
    const specifiers = node.specifiers;
    let more = true;
    if (this.char() !== "{" && this.char() !== "*") {
      // `import a from`, `import a, { b } from`, `import a, * as b from`; nothing else (`import defer * as x`).
      const local = this.binding();
      specifiers.push({ type: "ImportDefaultSpecifier", start: local.start, end: local.end, local } satisfies ImportDefaultSpecifier);
      this.skipTrivia();
      more = this.char() === ",";
      if (more) {
        if (node.importKind === "type") throw new Unsupported(); // `import type A, { B }`: an error in TypeScript
        this.pos++;
        this.skipTrivia();
        if (this.char() !== "{" && this.char() !== "*") throw new Unsupported();
      }
    }
    if (!more) {
      // the default binding alone
    } else if (this.char() === "*") {
      const at = this.pos++;
      this.skipTrivia();
      this.expectWord("as");
      const local = this.binding();
      specifiers.push({ type: "ImportNamespaceSpecifier", start: at, end: local.end, local } satisfies ImportNamespaceSpecifier);
    } else if (this.char() === "{") {
      this.braced((at, modifier) => {
        const imported = this.name();
        let local = imported;
        if (this.skipTrivia() && this.peekWord() === "as") {
          this.pos += 2;
          local = this.name();
        }
        this.declare(local);
        if (modifier && node.importKind === "type") throw new Unsupported();
        const specifier: ImportSpecifier = { type: "ImportSpecifier", start: at, end: local.end, imported, local, importKind: modifier ? "type" : "value" };
        specifiers.push(specifier);
      });
    }
    this.skipTrivia();
    this.expectWord("from");
    node.source = this.readString();
    return this.finish(node);
  }

  /** `export * from`, `export * as ns from`, `export { … } from`, `export type { … } from`; undefined for any other export. */
  private reexport(start: number): ExportNamedDeclaration | ExportAllDeclaration | undefined {
    this.pos += "export".length;
    this.skipTrivia();
    let exportKind: "type" | "value" = "value";
    if (this.typescript && this.peekWord() === "type") {
      this.pos += 4;
      this.skipTrivia();
      // `export type X = …` is a statement; `export type * from` is too rare to bother with.
      if (this.char() !== "{") return this.char() === "*" ? unsupported() : undefined;
      exportKind = "type";
    }
    if (this.char() === "*") {
      const at = this.pos++;
      this.skipTrivia();
      if (this.peekWord() !== "as") {
        this.expectWord("from");
        const node: ExportAllDeclaration = { type: "ExportAllDeclaration", start, end: 0, source: this.readString(), exportKind };
        return this.finish(node);
      }
      this.pos += 2;
      const exported = this.name();
      this.export(exported.name);
      const specifier: ExportNamespaceSpecifier = { type: "ExportNamespaceSpecifier", start: at, end: exported.end, exported };
      this.skipTrivia();
      this.expectWord("from");
      const node: ExportNamedDeclaration = { type: "ExportNamedDeclaration", start, end: 0, specifiers: [specifier], source: this.readString(), exportKind };
      return this.finish(node);
    }
    if (this.char() !== "{") return undefined; // `export const`, `export default`, …
    const specifiers: ExportSpecifier[] = [];
    const names: string[] = [];
    this.braced((at, modifier) => {
      const local = this.name();
      let exported = local;
      if (this.skipTrivia() && this.peekWord() === "as") {
        this.pos += 2;
        exported = this.name();
      }
      if (modifier && exportKind === "type") throw new Unsupported();
      names.push(exported.name);
      specifiers.push({ type: "ExportSpecifier", start: at, end: exported.end, local, exported, exportKind: modifier ? "type" : "value" });
    });
    this.skipTrivia();
    if (this.peekWord() !== "from") return undefined; // `export { a, b }`: a local export
    this.pos += 4;
    for (const name of names) this.export(name);
    const node: ExportNamedDeclaration = { type: "ExportNamedDeclaration", start, end: 0, specifiers, source: this.readString(), exportKind };
    return this.finish(node);
  }

  /** `import type …` (TypeScript): the keyword, unless `type` is the default binding's name. */
  private typeKeyword(node: ImportDeclaration): void {
    if (!this.typescript) throw new Unsupported(); // Flow's `import type`: Babel decides
    const after = this.pos + 4;
    this.pos = after;
    this.skipTrivia();
    const next = this.char();
    const word = this.peekWord();
    // `import type from "x"`, `import type, { a } from "x"`: ambiguous enough to leave to Babel.
    if (next === "," || word === "from" || (word === undefined && next !== "{" && next !== "*")) throw new Unsupported();
    node.importKind = "type";
  }

  /** `{ a, type b, c as d, }`: calls `item` at each name with its start and whether it has a `type` modifier. */
  private braced(item: (start: number, modifier: boolean) => void): void {
    this.pos++; // {
    for (;;) {
      this.skipTrivia();
      if (this.char() === "}") break;
      const at = this.pos;
      let modifier = false;
      if (this.typescript && this.peekWord() === "type") {
        this.pos += 4;
        this.skipTrivia();
        const word = this.peekWord();
        // `{ type }`, `{ type as x }`, `{ type, a }`: `type` may be the name itself.
        if (word === undefined || word === "as") throw new Unsupported();
        modifier = true;
      }
      item(at, modifier);
      this.skipTrivia();
      if (this.char() === ",") this.pos++;
      else if (this.char() !== "}") throw new Unsupported();
    }
    this.pos++; // }
  }

  /** Attributes, then the statement's end: `;`, or a line break before the next token (ASI). */
  private finish<T extends ImportDeclaration | ExportNamedDeclaration | ExportAllDeclaration>(node: T): T {
    let end = this.pos;
    this.skipTrivia();
    const word = this.peekWord();
    if (word === "assert") throw new Unsupported();
    if (word === "with") {
      this.attributes();
      end = this.pos;
    } else {
      this.pos = end;
    }
    node.end = this.endStatementAt(end);
    return node;
  }

  /** `with { type: "json" }`: keys are names or strings, values strings, no key twice. */
  private attributes(): void {
    this.pos += 4;
    this.skipTrivia();
    if (this.char() !== "{") throw new Unsupported();
    const keys = new Set<string>();
    this.pos++;
    for (;;) {
      this.skipTrivia();
      if (this.char() === "}") break;
      const quote = this.char();
      const key = quote === '"' || quote === "'" ? this.readString().value : this.name().name;
      if (keys.has(key)) throw new Unsupported();
      keys.add(key);
      this.skipTrivia();
      if (this.char() !== ":") throw new Unsupported();
      this.pos++;
      this.skipTrivia();
      this.readString();
      this.skipTrivia();
      if (this.char() === ",") this.pos++;
      else if (this.char() !== "}") throw new Unsupported();
    }
    this.pos++;
  }

  /** The end of a statement whose last token ends at `end`: after its `;`, or `end` itself when a line break follows. */
  private endStatementAt(end: number): number {
    this.pos = end;
    this.skipTrivia();
    if (this.char() === ";") return ++this.pos;
    if (!this.newline && this.pos < this.source.length) throw new Unsupported(); // `import a from "a" foo`
    this.pos = end;
    return end;
  }

  /**
   * A directive's end. Without `;` it needs a line break and a next token
   * that cannot continue the string as an expression (`"a"\n+ 1` is not a
   * directive): another string, `import`, `export` or the end of the file.
   */
  private endStatement(directive: boolean): number {
    const end = this.pos;
    this.skipTrivia();
    if (this.char() === ";") return ++this.pos;
    const next = this.char();
    const word = this.peekWord();
    const ends = this.pos >= this.source.length || next === '"' || next === "'" || word === "import" || word === "export";
    if (!directive || !this.newline || !ends) throw new Unsupported();
    this.pos = end;
    return end;
  }

  // ── names ──────────────────────────────────────────────────────────────

  /** A local binding: not reserved, not bound twice in the head. */
  private binding(): Identifier {
    const id = this.name();
    this.declare(id);
    return id;
  }

  private declare(id: Identifier): void {
    if (RESERVED.has(id.name) || this.bindings.has(id.name)) throw new Unsupported();
    this.bindings.add(id.name);
  }

  private export(name: string): void {
    if (this.exported.has(name)) throw new Unsupported();
    this.exported.add(name);
  }
}

const EMPTY: StringLiteral = { type: "StringLiteral", value: "" };
