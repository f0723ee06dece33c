/**
 * A text read by oxc's parser (raw transfer, native) into the facts the
 * planner, the syntax gate and the verifier read of a Babel parse: the
 * top-level statements (Babel's node types and fields, for the import and
 * re-export declarations in full with their specifiers' spans, for a call
 * its callee's span, for anything else its type and span), every comment,
 * and the end of the hashbang and directives. The fast path reads a file's
 * import region, and the verifier the output it renders, with it instead of
 * Babel: both sides of a comparison by one parser, neither by the head
 * scanner. test/parse/oxc-reading.test.ts holds every fact, and the
 * planner's plan, equal to Babel's on every fixture and generated file.
 *
 * The region of a file that will change is read out of the whole file's
 * parse, the syntax gate's (readRegionOfWhole, called by region.ts as that
 * parse's answer comes in, before its buffer goes back for the next parse);
 * elsewhere (no such parse, a comment or statement across the cut) the
 * region is parsed alone (readImportRegion: a native parse of a few hundred
 * bytes, about 9 µs).
 *
 * oxc's lazy AST is its Rust AST (`ExportFromDeclaration`,
 * `TSExternalModuleDeclaration`, `IdentifierName`, …), with UTF-16 offsets;
 * it has no directives and no comment text, so the prologue's end is where
 * the last code before the first statement ends, and a comment's text is
 * sliced from the source.
 */
import type { Comment, Statement } from "@babel/types";

import { tooDeepToParse } from "./nesting.js";
import type { LazyArray, LazyNode, RawResult } from "./oxc-raw.js";
import { parseLazily } from "./oxc.js";
import { dialectOf, mayRedeclare, type SourceReading } from "./parser.js";
import { endsOnBoundary } from "./prefix.js";
import { skipTrivia } from "./tail.js";
import { lineOf } from "./text.js";

/** What oxc said of a text: its reading, or its first error; undefined where oxc's raw transfer is not there (or not safe on this text). */
export type OxcReading = { readonly ok: true; readonly reading: SourceReading } | { readonly ok: false; readonly message: string };

interface Position {
  line: number;
  column: number;
}
interface Loc {
  start: Position;
  end: Position;
}

/** Babel's line breaks: a line starts after each. */
const LINE_BREAKS = /\r\n?|[\n\u2028\u2029]/g;

/**
 * The import region (`source` up to `cut`) read by oxc, under the same
 * conditions as parser.ts `parseImportRegion`: the cut is a statement
 * boundary and nothing after it declares again a name the imports bind.
 * `null` when a condition fails (the caller parses the whole file),
 * undefined when oxc cannot read the region here (the caller asks Babel).
 */
export function readImportRegion(source: string, filepath: string, cut: number): SourceReading | null | undefined {
  const read = readWithOxc(source.slice(0, cut), filepath);
  if (!read?.ok) return undefined;
  const region = read.reading;
  return endsOnBoundary(source, region.statements, cut) && !mayRedeclare(region, source.slice(cut), dialectOf(filepath) !== "js") ? region : null;
}

/**
 * The import region (`source` up to `cut`) read out of oxc's parse of the
 * whole file, the syntax gate's (its semantic checks on, no error), rather
 * than by a parse of the region alone: the statements and comments before
 * the cut, under readImportRegion's conditions. Undefined where a statement
 * or a comment runs across the cut (the caller reads the region alone).
 */
export function readRegionOfWhole(whole: RawResult, source: string, filepath: string, cut: number): SourceReading | null | undefined {
  const region = new Reader(source.slice(0, cut), dialectOf(filepath) !== "js").read(whole.program, whole.comments, cut);
  if (!region) return undefined;
  return endsOnBoundary(source, region.statements, cut) && !mayRedeclare(region, source.slice(cut), dialectOf(filepath) !== "js") ? region : null;
}

/** `text` (a whole module, or the start of one) read by oxc, without its semantic checks: syntax errors only. */
export function readWithOxc(text: string, filepath: string): OxcReading | undefined {
  // The native parse recurses without a guard (nesting.ts): too deep a text is left to Babel.
  if (tooDeepToParse(text)) return undefined;
  const dialect = dialectOf(filepath);
  const result = parseLazily(filepath, text, { lang: dialect === "js" ? "jsx" : dialect, sourceType: "module", showSemanticErrors: false });
  if (!result) return undefined;
  try {
    if (result.errors.length > 0) return { ok: false, message: result.errors[0]!.message };
    return { ok: true, reading: new Reader(text, dialect !== "js").read(result.program, result.comments)! };
  } finally {
    result.dispose();
  }
}

class Reader {
  private readonly starts: number[] = [0];

  constructor(
    private readonly source: string,
    /** TypeScript: Babel's typescript plugin gives every import and export its kind. */
    private readonly typed: boolean,
  ) {
    if (source.includes("\r") || source.includes("\u2028") || source.includes("\u2029")) {
      for (const m of source.matchAll(LINE_BREAKS)) this.starts.push(m.index + m[0].length);
    } else {
      // Only `\n` breaks lines: native searches, no match object per line (3 times faster on the corpus's regions).
      for (let at = source.indexOf("\n"); at !== -1; at = source.indexOf("\n", at + 1)) this.starts.push(at + 1);
    }
  }

  /** The statements and comments before `cut` (all of them by default); undefined when one runs across it. */
  read(program: RawResult["program"], lazyComments: LazyArray, cut = Infinity): SourceReading | undefined {
    // Iterated, not indexed: an index goes through the lazy array's proxy.
    const comments: Comment[] = [];
    for (const c of lazyComments) {
      if (c.start >= cut) break;
      if (c.end > cut) return undefined;
      comments.push(this.comment(c));
    }
    const statements: Statement[] = [];
    for (const s of program.body) {
      if (s.start >= cut) break;
      if (s.end > cut) return undefined;
      statements.push(this.statement(s));
    }
    const prologueEnd = this.prologueEnd(program.hashbang?.end ?? 0, statements[0]?.start ?? this.source.length, comments);
    return { source: this.source, statements, comments, prologueEnd, reader: "oxc" };
  }

  /** The end of the last directive: the last code (not white space, not a comment) between the hashbang and the first statement. */
  private prologueEnd(hashbangEnd: number, first: number, comments: readonly Comment[]): number {
    let end = hashbangEnd;
    let at = hashbangEnd;
    const code = (from: number, to: number): void => {
      const trimmed = this.source.slice(from, to).trimEnd();
      if (trimmed.trim() !== "") end = from + trimmed.length;
    };
    for (const c of comments) {
      if (c.start! < hashbangEnd) continue;
      if (c.start! >= first) break;
      code(at, c.start!);
      at = c.end!;
    }
    code(at, first);
    return end;
  }

  private loc(start: number, end: number): Loc {
    return { start: this.position(start), end: this.position(end) };
  }

  private position(offset: number): Position {
    const line = lineOf(this.starts, offset);
    return { line, column: offset - this.starts[line - 1]! };
  }

  private comment(node: LazyNode): Comment {
    const { start, end } = node;
    const text = this.source.slice(start, end);
    const block = node.type === "Block";
    // Only `//` and `/* */` comments exist in a module; anything else is not what this reads.
    if (!text.startsWith(block ? "/*" : "//") || (block && !text.endsWith("*/"))) throw new Error(`internal error: oxc's comment at ${start} is ${JSON.stringify(text.slice(0, 8))}`);
    const value = block ? text.slice(2, -2) : text.slice(2);
    return {
      type: block ? "CommentBlock" : "CommentLine",
      value,
      start,
      end,
      loc: this.loc(start, end),
    } as unknown as Comment;
  }

  private statement(node: LazyNode): Statement {
    switch (node.type) {
      case "ImportDeclaration":
        return this.importDeclaration(node);
      case "ExportFromDeclaration":
        return this.exportFrom(node);
      case "ExportAllDeclaration":
        return this.exportAll(node);
      case "ExportDeclaration": {
        // `export import A = N.A`: Babel's TSImportEqualsDeclaration (its name is bound like an import's).
        const declaration = node["declaration"] as LazyNode | null;
        if (declaration?.type === "TSImportEqualsDeclaration") return this.node(declaration.type, node, { id: this.identifier(declaration["id"] as LazyNode) });
        // `export { a }`, `export const a = 1`: no module, never moved.
        return this.node("ExportNamedDeclaration", this.decorated(node), { source: null, specifiers: [] });
      }
      case "ExportDefaultDeclaration":
        return this.node(node.type, this.decorated(node), {});
      case "TSExternalModuleDeclaration":
        return this.declareModule(node);
      case "TSGlobalDeclaration":
      case "TSNamespaceDeclaration":
        // `declare global { … }`, `namespace N { … }`: Babel's TSModuleDeclaration with a name, not a module string (its body is not read: nothing in it is sorted).
        return this.node("TSModuleDeclaration", node, {
          id: { type: "Identifier" },
        });
      case "TSImportEqualsDeclaration":
        return this.node("TSImportEqualsDeclaration", node, {
          id: this.identifier(node["id"] as LazyNode),
        });
      case "ExpressionStatement": {
        // What the planner says of a call between imports (`call jest.mock(…)`, `safesort explain`): the callee's span.
        const expression = node["expression"] as LazyNode;
        const callee = expression.type === "CallExpression" ? (expression["callee"] as LazyNode) : undefined;
        return this.node(node.type, node, { expression: callee ? { type: expression.type, callee: { start: callee.start, end: callee.end } } : { type: expression.type } });
      }
      default:
        return this.node(node.type, node, {});
    }
  }

  /**
   * An exported class with decorators before `export` (`@D() export class C {}`):
   * Babel's statement starts at the first decorator, oxc's at `export`.
   */
  private decorated(node: LazyNode): LazyNode {
    const declaration = node["declaration"] as LazyNode | null;
    if (declaration?.type !== "ClassDeclaration") return node;
    const decorators = declaration["decorators"] as LazyArray | undefined;
    const first = decorators && decorators.length > 0 ? decorators[0]!.start : node.start;
    return first < node.start ? { type: node.type, start: first, end: node.end } : node;
  }

  private node(type: string, node: LazyNode, fields: object): Statement {
    return {
      type,
      start: node.start,
      end: node.end,
      loc: this.loc(node.start, node.end),
      ...fields,
    } as unknown as Statement;
  }

  private importDeclaration(node: LazyNode): Statement {
    const specifiers: object[] = [];
    for (const s of (node["specifiers"] as LazyArray | null) ?? []) {
      const local = this.identifier(s["local"] as LazyNode);
      if (s.type === "ImportSpecifier") {
        specifiers.push({
          type: s.type,
          start: s.start,
          end: s.end,
          imported: this.name(s["imported"] as LazyNode),
          local,
          ...this.kind("importKind", s["importKind"]),
        });
      } else specifiers.push({ type: s.type, start: s.start, end: s.end, local });
    }
    const phase = node["phase"] as string | null;
    return this.node("ImportDeclaration", node, {
      specifiers,
      source: this.string(node["source"] as LazyNode),
      attributes: this.attributes(node["attributes"]),
      ...this.kind("importKind", node["importKind"]),
      ...(phase ? { phase } : {}),
    });
  }

  private exportFrom(node: LazyNode): Statement {
    const specifiers: object[] = [];
    for (const s of node["specifiers"] as LazyArray) {
      specifiers.push({
        type: "ExportSpecifier",
        start: s.start,
        end: s.end,
        local: this.name(s["local"] as LazyNode),
        exported: this.name(s["exported"] as LazyNode),
        ...this.kind("exportKind", s["exportKind"]),
      });
    }
    return this.node("ExportNamedDeclaration", node, {
      specifiers,
      source: this.string(node["source"] as LazyNode),
      attributes: this.attributes(node["attributes"]),
      ...this.kind("exportKind", node["exportKind"]),
    });
  }

  /** `export * from "m"`, and `export * as ns from "m"`, which Babel reads as a named export of a namespace. */
  private exportAll(node: LazyNode): Statement {
    const exported = node["exported"] as LazyNode | null;
    const fields = {
      source: this.string(node["source"] as LazyNode),
      attributes: this.attributes(node["attributes"]),
      ...this.kind("exportKind", node["exportKind"]),
    };
    if (!exported) return this.node("ExportAllDeclaration", node, fields);
    return this.node("ExportNamedDeclaration", node, {
      specifiers: [{ type: "ExportNamespaceSpecifier", start: this.star(node.start), end: exported.end, exported: this.name(exported) }],
      ...fields,
    });
  }

  /** Where the `*` of `export * as ns` or `export type * as ns` stands (Babel's namespace specifier starts there). */
  private star(exportAt: number): number {
    let at = skipTrivia(this.source, exportAt + "export".length);
    if (at !== undefined && this.source.startsWith("type", at)) at = skipTrivia(this.source, at + "type".length);
    if (at === undefined || this.source[at] !== "*") throw new Error(`internal error: no \`*\` after the \`export\` at ${exportAt}`);
    return at;
  }

  /** `declare module "m" { … }`: Babel's TSModuleDeclaration, its body read as the file's. */
  private declareModule(node: LazyNode): Statement {
    const body = node["body"] as (LazyNode & { body: LazyArray }) | null;
    if (!body || body.type !== "TSModuleBlock")
      return this.node("TSModuleDeclaration", node, {
        id: this.string(node["id"] as LazyNode),
      });
    const statements: Statement[] = [];
    for (const s of body.body) statements.push(this.statement(s));
    const block = {
      type: "TSModuleBlock",
      start: body.start,
      end: body.end,
      loc: this.loc(body.start, body.end),
      body: statements,
    };
    return this.node("TSModuleDeclaration", node, {
      id: this.string(node["id"] as LazyNode),
      body: block,
    });
  }

  /** Babel's `importKind`/`exportKind`: given in TypeScript only. */
  private kind(key: "importKind" | "exportKind", value: unknown): object {
    return this.typed && typeof value === "string" ? { [key]: value } : {};
  }

  private attributes(clause: unknown): object[] {
    const out: object[] = [];
    for (const a of (clause as { attributes?: LazyArray } | null)?.attributes ?? []) {
      out.push({
        type: "ImportAttribute",
        key: this.name(a["key"] as LazyNode),
        value: this.string(a["value"] as LazyNode),
        start: a.start,
        end: a.end,
        loc: this.loc(a.start, a.end),
      });
    }
    return out;
  }

  /** A module export name: an identifier, or a string (`"a-b" as c`). */
  private name(node: LazyNode): object {
    return node.type === "StringLiteral" ? this.string(node) : this.identifier(node);
  }

  private identifier(node: LazyNode): object {
    return {
      type: "Identifier",
      name: node["name"] as string,
      start: node.start,
      end: node.end,
    };
  }

  private string(node: LazyNode): object {
    if (node.type !== "StringLiteral") throw new Error(`internal error: oxc read ${node.type} where a string stands`);
    return {
      type: "StringLiteral",
      value: node["value"] as string,
      start: node.start,
      end: node.end,
      loc: this.loc(node.start, node.end),
    };
  }
}
