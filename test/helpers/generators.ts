/**
 * fast-check arbitraries for whole source files, for the sorter's property
 * tests (and the hardening fuzz run).
 *
 * A file is generated as a small plain-data model first, then rendered to
 * text by a deterministic function, then given a file-level transform (line
 * endings, final newline). The model is what fast-check shrinks; rendering
 * assigns unique binding names and comment texts, so every rendered file
 * declares each name once and every comment is distinguishable:
 *
 *   model ──render──▶ LF text ──transform──▶ CRLF / mixed / no final newline
 *
 * Generated files must parse (module mode, TypeScript plugin, and the
 * extension's own dialect); the few that do not are filtered out and counted
 * in `generatorStats`, so a test can keep the filter rate honest.
 */
import { builtinModules } from "node:module";

import { parse, type ParserPlugin } from "@babel/parser";
import fc from "fast-check";

// ─── The model ──────────────────────────────────────────────────────────────

type Ext = ".ts" | ".tsx" | ".js";
type CommentShape = "line" | "block" | "multiline";
type Quote = '"' | "'";
type Gap = "nl" | "blank" | "blanks" | "blank-ws" | "same-line";
type Layout = "one-line" | "multi-line" | "ragged";
type Clause = "default" | "namespace" | "named" | "default+namespace" | "default+named";

/** Comments and white space around a statement. */
interface Decor {
  /** Own-line comments directly above (no blank line). */
  readonly leading: readonly CommentShape[];
  /** Comments after the statement, starting on its last line. */
  readonly trailing: readonly CommentShape[];
  readonly indent: "" | "  " | "\t";
  readonly trailingSpace: boolean;
}

interface SpecModel {
  /** The remote name: an identifier base, `default`, or a string name like `a-b`. */
  readonly imported: string;
  /** Base of the local (import) or exported (re-export) name, or null for none. */
  readonly alias: string | null;
  readonly inlineType: boolean;
  /** Multi-line lists only: an own-line comment above the name, and one after it on its line. */
  readonly above: CommentShape | null;
  readonly after: CommentShape | null;
}

interface StatementCommon {
  readonly source: string;
  readonly quote: Quote;
  readonly semi: boolean;
  readonly decor: Decor;
}

interface ImportModel extends StatementCommon {
  readonly tag: "import";
  readonly typeOnly: boolean;
  readonly clause: Clause;
  readonly defaultName: string;
  readonly namespaceName: string;
  readonly specs: readonly SpecModel[];
  readonly layout: Layout;
  readonly trailingComma: boolean;
  readonly attributes: boolean;
  /** `import /* c *\/ a from "a"`. */
  readonly inlineComment: CommentShape | null;
  readonly inlinePosition: "after-import" | "before-from" | "before-source" | "before-semi";
  /** `// safesort: skip` at the end of the last line, or `/* safesort: skip *\/` opening the first. */
  readonly skip: "none" | "trailing" | "first-line";
}

interface ReexportModel extends StatementCommon {
  readonly tag: "reexport";
  readonly form: "all" | "all-as" | "named";
  readonly typeOnly: boolean;
  readonly namespaceName: string;
  readonly specs: readonly SpecModel[];
  readonly layout: Layout;
  readonly trailingComma: boolean;
  readonly attributes: boolean;
}

type BarrierKind =
  | "side-effect"
  | "empty-braces"
  | "export-empty-braces"
  | "jest-mock"
  | "require"
  | "export-default"
  | "function"
  | "class"
  | "empty"
  | "asi-guard"
  | "export-const"
  | "import-equals"
  | "export-equals";

interface BarrierModel extends StatementCommon {
  readonly tag: "barrier";
  readonly kind: BarrierKind;
}

/** A comment standing on its own line(s), attached to nothing in particular. */
interface CommentItem {
  readonly tag: "comment";
  readonly shape: CommentShape;
}

/** The markers that open or close a range of lines (lint suppressions, folds, coverage). */
type MarkerKind = "eslint-disable" | "eslint-enable" | "region" | "endregion" | "biome-start" | "biome-end" | "c8-start" | "c8-stop";

/** A range marker on its own line: imports never cross it. */
interface MarkerItem {
  readonly tag: "marker";
  readonly kind: MarkerKind;
}

/** TypeScript `declare module "x" { … }`: its imports are sorted inside it. */
interface DeclareModuleItem {
  readonly tag: "declare-module";
  readonly source: string;
  readonly imports: readonly ImportModel[];
}

type Item = ImportModel | ReexportModel | BarrierModel | CommentItem | MarkerItem | DeclareModuleItem;

/**
 * What stands above the first item. `first-comment`: a plain comment directly
 * above it (the file's first comment: pinned); `next-line`: a comment that
 * belongs to the line below (it travels with its import); the `pinned-*`
 * ones mean something for the whole file (pragmas, directives, licenses).
 */
type Header =
  | "none"
  | "detached"
  | "first-comment"
  | "next-line"
  | "pinned-flow"
  | "pinned-license"
  | "pinned-eslint"
  | "pinned-triple-slash"
  | "pinned-spdx"
  | "pinned-jsx"
  | "pinned-fileoverview";

const HEADERS: readonly Header[] = [
  "detached",
  "first-comment",
  "next-line",
  "pinned-flow",
  "pinned-license",
  "pinned-eslint",
  "pinned-triple-slash",
  "pinned-spdx",
  "pinned-jsx",
  "pinned-fileoverview",
];

export interface FileModel {
  readonly ext: Ext;
  readonly hashbang: boolean;
  readonly directive: null | "use client" | "use strict";
  readonly header: Header;
  readonly entries: readonly { readonly item: Item; readonly gap: Gap }[];
  readonly endComment: boolean;
  /** Semicolon-free style: no import or re-export ends with `;` (an `asi-guard` barrier then leads its line with one). */
  readonly semicolonFree: boolean;
}

/** `cr`: lone "\r" (classic Mac); `mixed`: CRLF and LF; `mixed-cr`: lone CR, LF and CRLF. */
type Eol = "lf" | "crlf" | "cr" | "mixed" | "mixed-cr";

interface FileTransform {
  readonly eol: Eol;
  /** For "mixed": which line breaks are CRLF, cycled; for "mixed-cr": which are a lone CR (the others LF or CRLF, alternately). */
  readonly mixedPattern: readonly boolean[];
  readonly finalNewline: boolean;
}

/** A generated file, ready to feed to the sorter. */
export interface GeneratedFile {
  readonly text: string;
  readonly filepath: string;
  readonly ext: Ext;
  readonly eol: Eol;
  readonly finalNewline: boolean;
}

// ─── Pools ──────────────────────────────────────────────────────────────────

/** Module specifiers: builtins, third-party, `#internal`, parent, sibling; natural-order traps included. */
const SOURCES = [
  "node:fs",
  "node:path",
  "fs",
  "path",
  "fs/promises",
  "react",
  "React",
  "@scope/pkg",
  "@scope/pkg/sub",
  "lodash",
  "lodash/fp",
  "a2",
  "a10",
  "A3",
  "#internal",
  "#internal/x",
  "..",
  "../x",
  "../../y",
  "../X10",
  ".",
  "./a",
  "./a2",
  "./a10",
  "./B",
  "./index.js",
  "./data.json",
] as const;

const BASE_NAMES = ["a", "b", "Z", "x2", "x10", "useState", "_under", "$d", "Alpha", "beta", "map", "Map2"] as const;
const REMOTE_NAMES = [...BASE_NAMES, "default", "a-b", "Z z"] as const;

// ─── Arbitraries for the model ──────────────────────────────────────────────

const commentShape: fc.Arbitrary<CommentShape> = fc.constantFrom<CommentShape>("line", "block", "multiline");

const decorArb: fc.Arbitrary<Decor> = fc.record({
  leading: fc.oneof({ arbitrary: fc.constant<CommentShape[]>([]), weight: 3 }, { arbitrary: fc.array(commentShape, { minLength: 1, maxLength: 2 }), weight: 2 }),
  trailing: fc.oneof({ arbitrary: fc.constant<CommentShape[]>([]), weight: 3 }, { arbitrary: fc.array(commentShape, { minLength: 1, maxLength: 2 }), weight: 1 }),
  indent: fc.oneof({ arbitrary: fc.constant<"">(""), weight: 8 }, { arbitrary: fc.constantFrom<"  " | "\t">("  ", "\t"), weight: 1 }),
  trailingSpace: fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }),
});

const plainDecor: Decor = { leading: [], trailing: [], indent: "", trailingSpace: false };

const sourceArb = fc.constantFrom(...SOURCES);
const quoteArb = fc.oneof({ arbitrary: fc.constant<Quote>('"'), weight: 4 }, { arbitrary: fc.constant<Quote>("'"), weight: 1 });
const semiArb = fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 });
const baseName = fc.constantFrom(...BASE_NAMES);
const layoutArb = fc.constantFrom<Layout>("one-line", "one-line", "multi-line", "multi-line", "ragged");

interface ShapeOptions {
  /** Comments inside statements and around them. */
  readonly comments: boolean;
}

function specArb(opts: ShapeOptions): fc.Arbitrary<SpecModel> {
  const maybeComment = opts.comments
    ? fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: commentShape, weight: 1 })
    : fc.constant(null);
  return fc.record({
    imported: fc.constantFrom(...REMOTE_NAMES),
    alias: fc.option(baseName, { freq: 2 }),
    inlineType: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    above: maybeComment,
    after: maybeComment,
  });
}

function importArb(opts: ShapeOptions & { readonly skip: boolean }): fc.Arbitrary<ImportModel> {
  return fc.record({
    tag: fc.constant<"import">("import"),
    source: sourceArb,
    quote: quoteArb,
    semi: semiArb,
    decor: opts.comments ? decorArb : fc.constant(plainDecor),
    typeOnly: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
    clause: fc.constantFrom<Clause>("default", "namespace", "named", "named", "default+namespace", "default+named"),
    defaultName: baseName,
    namespaceName: baseName,
    specs: fc.array(specArb(opts), { minLength: 1, maxLength: 5 }),
    layout: layoutArb,
    trailingComma: fc.boolean(),
    attributes: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }),
    inlineComment: opts.comments ? fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, { arbitrary: commentShape, weight: 1 }) : fc.constant(null),
    inlinePosition: fc.constantFrom<ImportModel["inlinePosition"]>("after-import", "before-from", "before-source", "before-semi"),
    skip: opts.skip
      ? fc.oneof(
          { arbitrary: fc.constant<"none">("none"), weight: 12 },
          { arbitrary: fc.constantFrom<"trailing" | "first-line">("trailing", "first-line"), weight: 1 },
        )
      : fc.constant<"none">("none"),
  });
}

function reexportArb(opts: ShapeOptions): fc.Arbitrary<ReexportModel> {
  return fc.record({
    tag: fc.constant<"reexport">("reexport"),
    source: sourceArb,
    quote: quoteArb,
    semi: semiArb,
    decor: opts.comments ? decorArb : fc.constant(plainDecor),
    form: fc.constantFrom<ReexportModel["form"]>("all", "all-as", "named", "named"),
    typeOnly: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    namespaceName: baseName,
    specs: fc.array(specArb(opts), { minLength: 1, maxLength: 4 }),
    layout: layoutArb,
    trailingComma: fc.boolean(),
    attributes: fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }),
  });
}

const BARRIER_KINDS: readonly BarrierKind[] = [
  "side-effect",
  "empty-braces",
  "export-empty-braces",
  "jest-mock",
  "require",
  "export-default",
  "function",
  "class",
  "empty",
  "asi-guard",
  "export-const",
  "import-equals",
  "export-equals",
];

function barrierArb(opts: ShapeOptions): fc.Arbitrary<BarrierModel> {
  return fc.record({
    tag: fc.constant<"barrier">("barrier"),
    kind: fc.constantFrom(...BARRIER_KINDS),
    source: sourceArb,
    quote: quoteArb,
    semi: semiArb,
    decor: opts.comments ? decorArb : fc.constant(plainDecor),
  });
}

const commentItemArb: fc.Arbitrary<CommentItem> = fc.record({ tag: fc.constant<"comment">("comment"), shape: commentShape });

const MARKER_KINDS: readonly MarkerKind[] = ["eslint-disable", "eslint-enable", "region", "endregion", "biome-start", "biome-end", "c8-start", "c8-stop"];

const markerItemArb: fc.Arbitrary<MarkerItem> = fc.record({ tag: fc.constant<"marker">("marker"), kind: fc.constantFrom(...MARKER_KINDS) });

const gapArb: fc.Arbitrary<Gap> = fc.oneof(
  { arbitrary: fc.constant<Gap>("nl"), weight: 10 },
  { arbitrary: fc.constant<Gap>("blank"), weight: 3 },
  { arbitrary: fc.constant<Gap>("blanks"), weight: 1 },
  { arbitrary: fc.constant<Gap>("blank-ws"), weight: 1 },
  { arbitrary: fc.constant<Gap>("same-line"), weight: 1 },
);

const extArb: fc.Arbitrary<Ext> = fc.constantFrom<Ext>(".ts", ".tsx", ".js");

/** The model of a whole file: every import form, re-export, barrier kind and comment position. */
function fileModelArb(options: { readonly maxItems?: number } = {}): fc.Arbitrary<FileModel> {
  const opts = { comments: true };
  const item: fc.Arbitrary<Item> = fc.oneof(
    { arbitrary: importArb({ ...opts, skip: true }), weight: 10 },
    { arbitrary: reexportArb(opts), weight: 3 },
    { arbitrary: barrierArb(opts), weight: 3 },
    { arbitrary: commentItemArb, weight: 1 },
    { arbitrary: markerItemArb, weight: 1 },
    {
      arbitrary: fc.record({
        tag: fc.constant<"declare-module">("declare-module"),
        source: sourceArb,
        imports: fc.array(importArb({ ...opts, skip: true }), { minLength: 1, maxLength: 4 }),
      }),
      weight: 1,
    },
  );
  return fc.record({
    ext: extArb,
    hashbang: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
    directive: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constantFrom<"use client" | "use strict">("use client", "use strict"), weight: 1 }),
    header: fc.oneof(
      { arbitrary: fc.constant<Header>("none"), weight: 4 },
      { arbitrary: fc.constantFrom<Header>(...HEADERS), weight: 3 },
    ),
    entries: fc.array(fc.record({ item, gap: gapArb }), { minLength: 1, maxLength: options.maxItems ?? 14 }),
    endComment: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    semicolonFree: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
  });
}

const transformArb: fc.Arbitrary<FileTransform> = fc.record({
  eol: fc.constantFrom<Eol>("lf", "crlf", "mixed", "lf", "crlf", "cr", "mixed-cr"),
  mixedPattern: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  finalNewline: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
});

// ─── Rendering ──────────────────────────────────────────────────────────────

/** Unique names and comment texts within one file. */
class Names {
  private readonly used = new Set<string>();
  private counter = 0;
  private comments = 0;
  defaultExported = false;

  fresh(base: string): string {
    const clean = isIdentifier(base) && base !== "default" ? base : "n";
    if (!this.used.has(clean)) {
      this.used.add(clean);
      return clean;
    }
    let name: string;
    do name = `${clean}_${++this.counter}`;
    while (this.used.has(name));
    this.used.add(name);
    return name;
  }

  /** `c<n>`, sometimes followed by text that looks like code (commas, braces, quotes, imports, emoji). */
  commentText(): string {
    const n = ++this.comments;
    const payload = COMMENT_PAYLOADS[n % COMMENT_PAYLOADS.length];
    return payload ? `c${n} ${payload}` : `c${n}`;
  }
}

/** Comment text that could trip a scanner looking for `,`, `}`, `;` or line ends (no pragma, no skip directive). */
const COMMENT_PAYLOADS = ["", "", ", }", "{ a, b }", "import z from 'z';", "; ;", '"q\'', "`t`", "// nested", "é ✓ 🎉", "from \"x\""] as const;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

interface Dialect {
  readonly ext: Ext;
  /** TypeScript-only syntax allowed (`import type * as`, `export type`, `import x = require`). */
  readonly ts: boolean;
  /** `import type` / inline `type` allowed (TypeScript, or Flow with an @flow pragma). */
  readonly types: boolean;
}

function dialectFor(ext: Ext, header: Header): Dialect {
  const ts = ext !== ".js";
  return { ext, ts, types: ts || header === "pinned-flow" };
}

function renderComment(shape: CommentShape, names: Names, indent = ""): string {
  const text = names.commentText();
  if (shape === "line") return `// ${text}`;
  if (shape === "block") return `/* ${text} */`;
  return `/*\n${indent} * ${text}\n${indent} */`;
}

function quoted(source: string, quote: Quote): string {
  return `${quote}${source}${quote}`;
}

const ATTRIBUTES = ' with { type: "json" }';

/** One rendered specifier, before it is laid out; `sortName` is what the sorter orders by. */
interface RenderedSpec {
  readonly text: string;
  readonly sortName: string;
  readonly above: string | null;
  readonly after: string | null;
}

function remoteText(name: string): string {
  return isIdentifier(name) || name === "default" ? name : JSON.stringify(name);
}

function renderImportSpec(spec: SpecModel, names: Names, inlineType: boolean): { text: string; sortName: string } {
  // Flow rejects `type "a-b" as x`: inline `type` only before identifiers.
  const type = inlineType && spec.inlineType && (isIdentifier(spec.imported) || spec.imported === "default") ? "type " : "";
  const needsAlias = !isIdentifier(spec.imported) || spec.imported === "default";
  if (spec.alias === null && !needsAlias) {
    const local = names.fresh(spec.imported);
    return { text: `${type}${local}`, sortName: local };
  }
  const local = names.fresh(spec.alias ?? "n");
  return { text: `${type}${remoteText(spec.imported)} as ${local}`, sortName: spec.imported };
}

function renderExportSpec(spec: SpecModel, names: Names, inlineType: boolean): { text: string; sortName: string } {
  const type = inlineType && spec.inlineType ? "type " : "";
  if (spec.alias === null && isIdentifier(spec.imported) && spec.imported !== "default") {
    const name = names.fresh(spec.imported);
    return { text: `${type}${name}`, sortName: name };
  }
  const exported = names.fresh(spec.alias ?? "n");
  return { text: `${type}${remoteText(spec.imported)} as ${exported}`, sortName: spec.imported };
}

interface ListOptions {
  readonly layout: Layout;
  readonly trailingComma: boolean;
  readonly indent: string;
  /** Sort the names with the reference order (for already-sorted files). */
  readonly sorted: boolean;
}

function renderList(specs: readonly RenderedSpec[], options: ListOptions): string {
  const list = options.sorted ? stableSort(specs, (a, b) => compareNatural(a.sortName, b.sortName)) : specs;
  const inner = options.indent + "  ";
  if (options.layout === "one-line") {
    const parts = list.map((s) => s.text + (s.after !== null && s.after.startsWith("/*") && !s.after.includes("\n") ? ` ${s.after}` : ""));
    return `{ ${parts.join(", ")}${options.trailingComma ? "," : ""} }`;
  }
  if (options.layout === "ragged") {
    const [first, ...rest] = list.map((s) => s.text);
    const tail = rest.length > 0 ? `,\n${inner}${rest.join(", ")}` : "";
    return `{ ${first}${tail}${options.trailingComma ? "," : ""}\n${options.indent}}`;
  }
  let out = "{\n";
  list.forEach((s, i) => {
    const last = i === list.length - 1;
    if (s.above !== null) out += `${inner}${s.above}\n`;
    out += `${inner}${s.text}${!last || options.trailingComma ? "," : ""}`;
    if (s.after !== null) out += ` ${s.after}`;
    out += "\n";
  });
  return `${out}${options.indent}}`;
}

interface RenderedStatement {
  /** Leading comments, the statement and its trailing comments: no final line break. */
  readonly text: string;
  /** Whether another statement may follow on the same line. */
  readonly openEnd: boolean;
}

interface RenderContext {
  readonly names: Names;
  readonly dialect: Dialect;
  readonly sortedSpecifiers: boolean;
}

function decorate(body: string, decor: Decor, names: Names, semi: boolean, extraTrailing: string | null = null): RenderedStatement {
  let text = "";
  for (const shape of decor.leading) text += `${decor.indent}${renderComment(shape, names, decor.indent)}\n`;
  text += decor.indent + body;
  // A line comment ends the line: keep it last among the trailing comments
  // (and the skip directive, when there is one, wins over the others).
  let trailing = [...decor.trailing].sort((a, b) => Number(a === "line") - Number(b === "line"));
  if (extraTrailing !== null) trailing = trailing.filter((shape) => shape !== "line");
  let endsInLineComment = false;
  for (const shape of trailing) {
    if (endsInLineComment) break;
    text += ` ${renderComment(shape, names, decor.indent)}`;
    endsInLineComment = shape === "line";
  }
  if (extraTrailing !== null) {
    text += ` ${extraTrailing}`;
    endsInLineComment = extraTrailing.startsWith("//");
  }
  if (decor.trailingSpace) text += "  ";
  return { text, openEnd: semi && !endsInLineComment };
}

function renderImport(model: ImportModel, ctx: RenderContext): RenderedStatement {
  const { names, dialect } = ctx;
  const single = model.clause === "default" || model.clause === "namespace" || model.clause === "named";
  const typeOnly = dialect.types && model.typeOnly && single && (dialect.ts || model.clause !== "namespace");
  const parts: string[] = [];
  if (model.clause.startsWith("default")) parts.push(names.fresh(model.defaultName));
  if (model.clause.includes("namespace")) parts.push(`* as ${names.fresh(model.namespaceName)}`);
  if (model.clause.includes("named")) {
    const specs = model.specs.map((spec) => {
      const r = renderImportSpec(spec, names, dialect.types && !typeOnly);
      return { ...r, above: spec.above && renderComment(spec.above, names, `${model.decor.indent}  `), after: spec.after && renderComment(spec.after, names) };
    });
    parts.push(renderList(specs, { layout: model.layout, trailingComma: model.trailingComma, indent: model.decor.indent, sorted: ctx.sortedSpecifiers }));
  }
  // A comment inside the statement: `import /* c */ a …`, or a line comment
  // that ends the line: `import // c⏎  a …`, `import a from "a" // c⏎ ;`.
  const inline =
    model.inlineComment === null
      ? ""
      : ` ${renderComment(model.inlineComment, names, model.decor.indent)}${model.inlineComment === "line" ? `\n${model.decor.indent} ` : ""}`;
  const at = (position: ImportModel["inlinePosition"]): string => (model.inlinePosition === position ? inline : "");
  const skipFirst = model.skip === "first-line" ? "/* safesort: skip */ " : "";
  const body =
    `${skipFirst}import${at("after-import")} ${typeOnly ? "type " : ""}${parts.join(", ")}${at("before-from")} from${at("before-source")} ` +
    `${quoted(model.source, model.quote)}${model.attributes ? ATTRIBUTES : ""}${at("before-semi")}${model.semi ? ";" : ""}`;
  return decorate(body, model.decor, names, model.semi, model.skip === "trailing" ? "// safesort: skip" : null);
}

function renderReexport(model: ReexportModel, ctx: RenderContext): RenderedStatement {
  const { names, dialect } = ctx;
  const typeOnly = dialect.ts && model.typeOnly;
  let clause: string;
  if (model.form === "all") clause = "*";
  else if (model.form === "all-as") clause = `* as ${names.fresh(model.namespaceName)}`;
  else {
    const specs = model.specs.map((spec) => {
      const r = renderExportSpec(spec, names, dialect.ts && !typeOnly);
      return { ...r, above: spec.above && renderComment(spec.above, names, `${model.decor.indent}  `), after: spec.after && renderComment(spec.after, names) };
    });
    clause = renderList(specs, { layout: model.layout, trailingComma: model.trailingComma, indent: model.decor.indent, sorted: ctx.sortedSpecifiers });
  }
  const body =
    `export ${typeOnly ? "type " : ""}${clause} from ${quoted(model.source, model.quote)}` +
    `${model.attributes ? ATTRIBUTES : ""}${model.semi ? ";" : ""}`;
  return decorate(body, model.decor, names, model.semi);
}

function renderBarrier(model: BarrierModel, ctx: RenderContext): RenderedStatement {
  const { names, dialect } = ctx;
  const semi = model.semi ? ";" : "";
  const src = quoted(model.source, model.quote);
  let kind = model.kind;
  if (kind === "import-equals" && !dialect.ts) kind = "require";
  if (kind === "export-equals" && !dialect.ts) kind = "export-const";
  if (kind === "export-default" && names.defaultExported) kind = "export-const";
  let body: string;
  let openEnd = model.semi;
  switch (kind) {
    case "side-effect":
      body = `import ${src}${semi}`;
      break;
    case "empty-braces":
      body = `import {} from ${src}${semi}`;
      break;
    case "export-empty-braces":
      body = `export {} from ${src}${semi}`;
      break;
    case "jest-mock":
      body = `jest.mock(${src})${semi}`;
      break;
    case "require":
      body = `const ${names.fresh("dep")} = require(${src})${semi}`;
      break;
    case "export-default":
      names.defaultExported = true;
      body = `export default 1${semi}`;
      break;
    case "function":
      body = `function ${names.fresh("f")}() {}`;
      openEnd = true;
      break;
    case "class":
      body = `class ${names.fresh("C")} {\n${model.decor.indent}  m() {}\n${model.decor.indent}}`;
      openEnd = true;
      break;
    case "empty":
      body = ";";
      openEnd = true;
      break;
    // Semicolon-free style's guard: after an import without `;`, this `;` is the import's own.
    case "asi-guard":
      body = `;[0].forEach(String)${semi}`;
      break;
    case "export-const":
      body = `export const ${names.fresh("v")} = 1${semi}`;
      break;
    case "import-equals":
      body = `import ${names.fresh("eq")} = require(${src})${semi}`;
      break;
    case "export-equals":
      body = `export = ${names.fresh("eqv")}${semi}`;
      break;
  }
  const rendered = decorate(body, model.decor, names, true);
  return { text: rendered.text, openEnd: rendered.openEnd && openEnd };
}

function renderItem(item: Item, ctx: RenderContext): RenderedStatement {
  switch (item.tag) {
    case "import":
      return renderImport(item, ctx);
    case "reexport":
      return renderReexport(item, ctx);
    case "barrier":
      return renderBarrier(item, ctx);
    case "comment":
      return { text: renderComment(item.shape, ctx.names), openEnd: item.shape !== "line" };
    case "marker":
      return { text: renderMarker(item.kind, ctx.names), openEnd: false };
    case "declare-module":
      return renderDeclareModule(item, ctx);
  }
}

/** A range marker, with a distinct text where the tool allows one. */
function renderMarker(kind: MarkerKind, names: Names): string {
  const text = names.commentText().replace(/\*\//g, "");
  switch (kind) {
    case "eslint-disable":
      return `/* eslint-disable no-console -- ${text} */`;
    case "eslint-enable":
      return `/* eslint-enable no-console -- ${text} */`;
    case "region":
      return `// #region ${text}`;
    case "endregion":
      return `//#endregion ${text}`;
    case "biome-start":
      return `// biome-ignore-start lint/style: ${text}`;
    case "biome-end":
      return `// biome-ignore-end lint/style: ${text}`;
    case "c8-start":
      return `/* c8 ignore start */`;
    case "c8-stop":
      return `/* c8 ignore stop */`;
  }
}

function renderDeclareModule(item: DeclareModuleItem, ctx: RenderContext): RenderedStatement {
  // Not TypeScript: a function stands in (a barrier all the same).
  if (!ctx.dialect.ts) return { text: `function ${ctx.names.fresh("g")}() {}`, openEnd: true };
  const body = item.imports.map((m) => `${renderImport({ ...m, decor: { ...m.decor, indent: "  " } }, ctx).text}\n`).join("");
  return { text: `declare module ${quoted(item.source, '"')} {\n${body}  export const ${ctx.names.fresh("x")}: number;\n}`, openEnd: true };
}

const GAP_TEXT: Record<Exclude<Gap, "same-line">, string> = { nl: "\n", blank: "\n\n", blanks: "\n\n\n", "blank-ws": "\n \t\n" };

function headerText(header: Header, names: Names): string {
  switch (header) {
    case "none":
      return "";
    case "detached":
      return `/**\n * File header ${names.commentText()}\n */\n\n`;
    case "pinned-flow":
      return "// @flow\n";
    case "pinned-license":
      return `/* @license MIT ${names.commentText()} */\n`;
    case "pinned-eslint":
      return "/* eslint-disable no-console */\n";
    case "first-comment":
      return `// File ${names.commentText()}\n`;
    case "next-line":
      return `// @ts-expect-error ${names.commentText()}\n`;
    case "pinned-triple-slash":
      return '/// <reference types="node" />\n';
    case "pinned-spdx":
      return "// SPDX-License-Identifier: MIT\n";
    case "pinned-jsx":
      return "/** @jsx h */\n";
    case "pinned-fileoverview":
      return `/**\n * @fileoverview ${names.commentText()}\n */\n`;
  }
}

/** The file's text with LF line breaks and a final newline. */
function renderFileModel(model: FileModel): string {
  const names = new Names();
  const ctx: RenderContext = { names, dialect: dialectFor(model.ext, model.header), sortedSpecifiers: false };
  let out = "";
  if (model.hashbang) out += "#!/usr/bin/env node\n";
  if (model.directive !== null) out += `"${model.directive}";\n`;
  out += headerText(model.header, names);
  model.entries.forEach(({ item: entry, gap }, i) => {
    const item = model.semicolonFree && (entry.tag === "import" || entry.tag === "reexport") ? { ...entry, semi: false } : entry;
    const rendered = renderItem(item, ctx);
    out += rendered.text;
    if (i === model.entries.length - 1) return;
    out += gap === "same-line" ? (rendered.openEnd ? " " : "\n") : GAP_TEXT[gap];
  });
  out += "\n";
  if (model.endComment) out += `// end ${names.commentText()}\n`;
  return out;
}

/** Apply line endings and the final-newline choice to an LF text ending in one newline. */
function applyTransform(lfText: string, transform: FileTransform): string {
  let text = lfText.replace(/\n+$/, "");
  if (transform.finalNewline) text += "\n";
  if (transform.eol === "lf") return text;
  if (transform.eol === "crlf") return text.replace(/\n/g, "\r\n");
  if (transform.eol === "cr") return text.replace(/\n/g, "\r");
  let k = 0;
  const pattern = transform.mixedPattern;
  if (transform.eol === "mixed") return text.replace(/\n/g, () => (pattern[k++ % pattern.length] ? "\r\n" : "\n"));
  // A lone CR right before an LF would make one CRLF of two line breaks: that LF becomes a CRLF.
  let lastCr = -2;
  return text.replace(/\n/g, (_match, offset: number) => {
    const i = k++;
    const kind = pattern[i % pattern.length] ? "\r" : i % 2 === 0 ? "\n" : "\r\n";
    const adjusted = kind === "\n" && lastCr === offset - 1 ? "\r\n" : kind;
    if (adjusted === "\r") lastCr = offset;
    return adjusted;
  });
}

// ─── Validity filter ────────────────────────────────────────────────────────

/** How many generated files were thrown away because they did not parse, and why. */
export const generatorStats = { generated: 0, rejected: 0, reasons: new Map<string, number>(), samples: [] as string[] };

function pluginsFor(ext: Ext, flow: boolean): ParserPlugin[][] {
  const ts: ParserPlugin[] = ["typescript"];
  if (ext === ".ts") return [ts];
  if (ext === ".tsx") return [["typescript", "jsx"]];
  // .js: must parse as TypeScript too (the brief's bar), and as JS (JSX, or Flow with its pragma).
  return [ts, flow ? [["flow", { all: true }], "jsx"] : ["jsx"]];
}

/** Whether `text` parses in module mode with the TypeScript plugin and with the extension's dialect. */
function parsesAsModule(text: string, ext: Ext): boolean {
  const flow = /@flow\b/.test(text.slice(0, 4096));
  for (const plugins of pluginsFor(ext, flow)) {
    try {
      parse(text, { sourceType: "module", plugins, errorRecovery: false });
    } catch (error) {
      const reason = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, "");
      generatorStats.reasons.set(reason, (generatorStats.reasons.get(reason) ?? 0) + 1);
      if (generatorStats.samples.length < 5) generatorStats.samples.push(`${reason} [${ext}, ${JSON.stringify(plugins)}]\n${text}`);
      return false;
    }
  }
  return true;
}

function keepParsable<T extends { readonly text: string; readonly ext: Ext }>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return arb.filter((file) => {
    generatorStats.generated++;
    if (parsesAsModule(file.text, file.ext)) return true;
    generatorStats.rejected++;
    return false;
  });
}

function toGenerated(text: string, ext: Ext, transform: FileTransform, name = "file"): GeneratedFile {
  return { text: applyTransform(text, transform), filepath: `/project/src/${name}${ext}`, ext, eol: transform.eol, finalNewline: transform.finalNewline };
}

/** Whole files: every import form, re-exports, barriers, comments, hashbang, directives, any line endings. */
export function sourceFileArb(options: { readonly maxItems?: number } = {}): fc.Arbitrary<GeneratedFile & { readonly model: FileModel }> {
  return keepParsable(
    fc.tuple(fileModelArb(options), transformArb).map(([model, transform]) => ({ ...toGenerated(renderFileModel(model), model.ext, transform), model })),
  );
}

// ─── The reference order (independent of src/imports) ──────────────────────

/**
 * Case-insensitive natural order, written from the issue's text: runs of
 * digits compare by value (`a2` < `a10`), everything else by lower-cased
 * characters. The pools hold no leading zeros, so ties mean "equal".
 */
function compareNatural(a: string, b: string): number {
  const tokens = (s: string): (string | number)[] => s.toLowerCase().match(/\d+|\D/g)?.map((t) => (/\d/.test(t) ? Number(t) : t)) ?? [];
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (typeof p === "number" && typeof q === "number") return p - q;
    const ps = String(p);
    const qs = String(q);
    return ps < qs ? -1 : 1;
  }
  return x.length - y.length;
}

function stableSort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compare(a.item, b.item) || a.index - b.index)
    .map((e) => e.item);
}

type GroupName = "builtin" | "third-party" | "first-party" | "parent" | "sibling";
const GROUP_ORDER: readonly GroupName[] = ["builtin", "third-party", "first-party", "parent", "sibling"];
const BUILTINS = new Set(builtinModules);

/** The default groups, from the issue: builtin, third-party, first-party (`#…`), parent, sibling. */
function referenceGroup(source: string): GroupName {
  if (source.startsWith("node:") || BUILTINS.has(source)) return "builtin";
  if (source === ".." || source.startsWith("../")) return "parent";
  if (source === "." || source.startsWith("./")) return "sibling";
  if (source.startsWith("#")) return "first-party";
  return "third-party";
}

/** The documented order of kinds for one source: type, namespace, default, (export *), named. */
function referenceKind(item: ImportModel | ReexportModel, dialect: { readonly ts: boolean; readonly types: boolean }): number {
  if (item.tag === "import") {
    const single = item.clause === "default" || item.clause === "namespace" || item.clause === "named";
    if (dialect.types && item.typeOnly && single && (dialect.ts || item.clause !== "namespace")) return 0;
    if (item.clause.includes("namespace")) return 1;
    if (item.clause.startsWith("default")) return 2;
    return 4;
  }
  if (dialect.ts && item.typeOnly) return 0;
  if (item.form === "all-as") return 1;
  if (item.form === "all") return 3;
  return 4;
}

export interface ReferenceConfig {
  readonly blankLinesBetweenGroups: boolean;
  readonly typeImports: "first" | "last" | "inline";
}

interface Keyed {
  readonly group: number;
  readonly typePlacement: number;
  readonly source: string;
  readonly kind: number;
}

function keyOf(item: ImportModel | ReexportModel, dialect: Dialect, config: ReferenceConfig): Keyed {
  const kind = referenceKind(item, dialect);
  const typeOnly = kind === 0;
  const typePlacement = config.typeImports === "inline" ? 0 : config.typeImports === "first" ? (typeOnly ? 0 : 1) : typeOnly ? 1 : 0;
  return { group: GROUP_ORDER.indexOf(referenceGroup(item.source)), typePlacement, source: item.source, kind };
}

function compareKeyed(a: Keyed, b: Keyed): number {
  return a.group - b.group || a.typePlacement - b.typePlacement || compareNatural(a.source, b.source) || a.kind - b.kind;
}

// ─── Already-sorted files (property g) ──────────────────────────────────────

export interface SortedFileModel {
  readonly ext: Ext;
  readonly header: Header;
  readonly hashbang: boolean;
  readonly directive: null | "use client";
  /** Blocks of one kind, separated by a barrier, a detached comment, or nothing (imports then re-exports). */
  readonly segments: readonly {
    readonly block: readonly (ImportModel | ReexportModel)[];
    readonly separator: BarrierModel | "detached-comment" | "none";
  }[];
}

function sortedBlockArb(): fc.Arbitrary<readonly (ImportModel | ReexportModel)[]> {
  const opts = { comments: true };
  // Leading and trailing comments only: comments inside a statement are tested elsewhere.
  const outerOnly = <T extends ImportModel | ReexportModel>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    arb.map((m) => ({ ...m, decor: { ...m.decor, indent: "" as const } }));
  return fc.oneof(
    { arbitrary: fc.array(outerOnly(importArb({ ...opts, skip: false })), { minLength: 1, maxLength: 8 }), weight: 3 },
    { arbitrary: fc.array(outerOnly(reexportArb(opts)), { minLength: 1, maxLength: 5 }), weight: 1 },
  );
}

function sortedFileModelArb(): fc.Arbitrary<SortedFileModel> {
  const separator = fc.oneof(
    { arbitrary: barrierArb({ comments: true }), weight: 3 },
    { arbitrary: fc.constantFrom<"detached-comment" | "none">("detached-comment", "none"), weight: 1 },
  );
  return fc.record({
    ext: extArb,
    header: fc.constantFrom<Header>("none", "none", "detached", "pinned-flow", "pinned-license"),
    hashbang: fc.boolean(),
    directive: fc.constantFrom<null | "use client">(null, "use client"),
    segments: fc.array(fc.record({ block: sortedBlockArb(), separator }), { minLength: 1, maxLength: 4 }),
  });
}

/**
 * Render a file whose blocks are in the reference order: sorted keys, sorted
 * names in braces, one blank line between groups of an import block (when
 * configured), no blank line inside a group. Statements are always
 * terminated by `;` so that block boundaries are exactly the model's.
 */
function renderSortedFile(model: SortedFileModel, config: ReferenceConfig): string {
  const names = new Names();
  const dialect = dialectFor(model.ext, model.header);
  const ctx: RenderContext = { names, dialect, sortedSpecifiers: true };
  let out = "";
  if (model.hashbang) out += "#!/usr/bin/env node\n";
  if (model.directive !== null) out += `"${model.directive}";\n`;
  out += headerText(model.header, names);
  let previousKind: "import" | "reexport" | null = null;
  model.segments.forEach(({ block, separator }, s) => {
    // Two runs of the same kind with nothing between them would be one block.
    const first = block[0]!;
    if (previousKind === first.tag) out += `\n// between ${names.commentText()}\n\n`;
    const keyed = stableSort(
      block.map((item) => ({ item: { ...item, semi: true }, key: keyOf(item, dialect, config) })),
      (a, b) => compareKeyed(a.key, b.key),
    );
    keyed.forEach(({ item, key }, i) => {
      if (i > 0) {
        const groupChange = item.tag === "import" && config.blankLinesBetweenGroups && key.group !== keyed[i - 1]!.key.group;
        out += groupChange ? "\n" : "";
      }
      const rendered = item.tag === "import" ? renderImport(item, ctx) : renderReexport(item, ctx);
      out += `${rendered.text}\n`;
    });
    previousKind = first.tag;
    if (s === model.segments.length - 1) return;
    if (separator === "detached-comment") {
      out += `\n// detached ${names.commentText()}\n\n`;
      previousKind = null;
    } else if (separator !== "none") {
      out += `${renderBarrier({ ...separator, semi: true }, ctx).text}\n`;
      previousKind = null;
    }
  });
  return out;
}

export function sortedFileArb(config: ReferenceConfig): fc.Arbitrary<GeneratedFile & { readonly model: SortedFileModel }> {
  return keepParsable(
    fc.tuple(sortedFileModelArb(), transformArb).map(([model, transform]) => ({
      ...toGenerated(renderSortedFile(model, config), model.ext, transform, "sorted"),
      model,
    })),
  );
}

// ─── Permutations of one block (property h) ─────────────────────────────────

export interface PermutedPair {
  readonly a: GeneratedFile;
  readonly b: GeneratedFile;
  readonly permutation: readonly number[];
}

/**
 * Two files that differ only in the order of the imports of one block: no
 * comments, uniform line endings, and sort keys that are distinct without the
 * original position (so the order of the input cannot matter).
 */
export function permutedPairArb(): fc.Arbitrary<PermutedPair> {
  const plain = importArb({ comments: false, skip: false }).map((m) => ({ ...m, semi: true }));
  const block = fc.uniqueArray(plain, {
    minLength: 2,
    maxLength: 8,
    // Key without the position: group and case-folded source, and the kind (typeOnly folded in by kind below).
    selector: (m) => `${m.source.toLowerCase()}|${m.clause}|${m.typeOnly}`,
  });
  const barriers = fc.array(barrierArb({ comments: false }), { maxLength: 2 });
  return fc
    .record({
      ext: extArb,
      block,
      before: barriers,
      after: barriers,
      gaps: fc.array(fc.constantFrom("\n", "\n\n"), { minLength: 8, maxLength: 8 }),
      transform: transformArb.map((t) => ({ ...t, eol: t.eol === "mixed" || t.eol === "mixed-cr" ? ("lf" as const) : t.eol })),
    })
    .filter(({ ext, block }) => {
      // Distinct (source, kind) keys in the dialect actually rendered.
      const dialect = dialectFor(ext, "none");
      const keys = block.map((m) => `${m.source.toLowerCase()}|${referenceKind(m, dialect)}`);
      return new Set(keys).size === keys.length;
    })
    .chain((r) =>
      fc
        .shuffledSubarray(
          r.block.map((_, i) => i),
          { minLength: r.block.length, maxLength: r.block.length },
        )
        .map((permutation) => ({ ...r, permutation })),
    )
    .map((r) => {
      const names = new Names();
      const ctx: RenderContext = { names, dialect: dialectFor(r.ext, "none"), sortedSpecifiers: false };
      const render = (items: readonly BarrierModel[]): string => items.map((b) => `${renderBarrier({ ...b, semi: true }, ctx).text}\n`).join("");
      const before = render(r.before);
      const statements = r.block.map((m) => renderImport(m, ctx).text);
      const after = render(r.after);
      const file = (order: readonly number[]): string =>
        before + order.map((k, i) => statements[k]! + (i < order.length - 1 ? r.gaps[i]! : "\n")).join("") + after;
      const identity = r.block.map((_, i) => i);
      return {
        a: toGenerated(file(identity), r.ext, r.transform, "permuted"),
        b: toGenerated(file(r.permutation), r.ext, r.transform, "permuted"),
        permutation: r.permutation,
      };
    })
    .filter((pair) => {
      generatorStats.generated += 2;
      const ok = parsesAsModule(pair.a.text, pair.a.ext) && parsesAsModule(pair.b.text, pair.b.ext);
      if (!ok) generatorStats.rejected += 2;
      return ok;
    });
}
