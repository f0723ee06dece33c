/**
 * The import helpers every migration needs, alias-safe and idempotent:
 *
 *   ensureImport(ctx, { from: "./logger", name: "logger" })   → "logger"
 *   removeImport(ctx, { from: "react", default: true })       → "removed" | "used" | "absent"
 *
 * `ensureImport` reuses an import the file already has (under its local
 * name), else adds the specifier to an import of the module (`import { a }`
 * → `import { a, logger }`), else adds an import placed by the minimal-diff
 * rule: next to its closest sibling (the last import of the same module,
 * else the one sharing the longest path prefix, else the end of the first
 * import block). In a file whose imports were sorted the sorter then places
 * it (core.ts). When the local name is taken (a binding of that name in any
 * scope of the file, or a global the file uses: conservative, whatever the
 * uses' scopes), it imports under an alias instead, Babel's
 * `generateUidIdentifier` spelling: `_logger`, else `_logger2`, `_logger3`…,
 * the first spelled nowhere in the file, and returns it. The query step
 * (`{ local: "exact" }`: a template already spells the name) aliases the same
 * way and renames the identifiers the codemod wrote to the alias.
 *
 * `removeImport` removes the specifier (the whole import when it was the
 * last) only when its binding is unused in the current tree; a used one
 * stays (`"used"`), or fails the file with `ifUsed: "fail"`.
 *
 * Both act on top-level imports of the current tree and record what they did
 * on the file context: the verifier (verify-names.ts) then accepts uses of
 * an import the codemod asked for, and nothing else.
 */
import type { ImportDeclaration, Node } from "@babel/types";

import { nameOf, NodePath, traverse } from "../ast.js";
import { CodemodError, type FileContext } from "../model.js";
import { b, isBindingName, stringLiteralLike, stringText, stringValue } from "../names.js";
import { analyzeScopes, type Binding } from "../scope/scope.js";

import { removeAt, removeStatement, separatedByBlankLine } from "./remove.js";

/**
 * What to import: `from` and exactly one of `name` (a named export),
 * `default` or `namespace` (the local name; `true` in `removeImport`: whatever
 * it is called). `as` is the local name of a named import (default: `name`).
 */
export interface ImportSpec {
  readonly from: string;
  readonly name?: string;
  readonly default?: string | true;
  readonly namespace?: string | true;
  readonly as?: string;
  /** A type-only import (`import type { T }`); an existing value import of the name serves as well. */
  readonly type?: boolean;
}

export interface EnsureImportOptions {
  /**
   * `reuse` (default): an existing import of the same export serves under
   * whatever local name it has (the returned name), and a taken local name
   * gets an alias. `exact`: the local name must be `as ?? name` (what a
   * template spells), so an import of it under another name gets a second
   * specifier, and a taken name is aliased in the identifiers the codemod wrote.
   */
  readonly local?: "reuse" | "exact";
}

export type RemoveImportResult = "removed" | "used" | "absent";

export interface RemoveImportOptions {
  /** A used binding: `keep` it (default, the result says `used`) or `fail` the file. */
  readonly ifUsed?: "keep" | "fail";
}

interface Wanted {
  readonly module: string;
  readonly kind: "named" | "default" | "namespace";
  /** The export: a name, `default` or `*`. */
  readonly imported: string;
  readonly local: string | undefined;
  readonly type: boolean;
}

/** The local name to use for the import; adds it when the file has none. */
export function ensureImport(ctx: FileContext, spec: ImportSpec, options: EnsureImportOptions = {}): string {
  const wanted = parseSpec(spec, "ensureImport");
  const spelled = wanted.local;
  if (spelled === undefined) throw new CodemodError(`ensureImport: a ${wanted.kind} import needs its local name ({ ${wanted.kind}: "name" } or { as: "name" })`);
  if (!isBindingName(spelled)) throw new CodemodError(`ensureImport: \`${spelled}\` is not a valid local name`);
  const body = ctx.ast.file.program.body;
  const existing = importsOf(body, wanted);
  ctx.intendImport(wanted.module, wanted.imported);
  let local: string;
  if (options.local !== "exact") {
    if (existing[0]) return existing[0].local;
    local = freeName(ctx.ast.file, spelled);
  } else {
    if (existing.some((found) => found.local === spelled)) return spelled;
    const introduced = spelledTaken(ctx, spelled);
    if (introduced === undefined) local = spelled;
    else {
      // The codemod's own uses of the name follow the alias (an existing import of the export, else a free name).
      local = existing[0]?.local ?? freeName(ctx.ast.file, spelled);
      for (const node of introduced) node.name = local;
      if (existing[0]) return local;
    }
  }
  const specifier = makeSpecifier(wanted, local);
  const target = body.find((s): s is ImportDeclaration => s.type === "ImportDeclaration" && canJoin(s, wanted));
  if (target) {
    ctx.insertInto(target);
    if (wanted.kind === "default") target.specifiers.unshift(specifier as never);
    else target.specifiers.splice(specifierIndex(target, wanted.imported), 0, specifier as never);
    return local;
  }
  refuseInCommonJs(ctx, wanted, local);
  const like = body.find((s): s is ImportDeclaration => s.type === "ImportDeclaration")?.source;
  const source = like ? stringLiteralLike(wanted.module, like) : ({ type: "Literal", value: wanted.module, raw: stringText(wanted.module, ctx.ast.layout.quote === "single" ? "'" : undefined) } as unknown as Node);
  const declaration = b.importDeclaration([specifier as never], source as never) as unknown as ImportDeclaration;
  if (wanted.type) declaration.importKind = "type";
  const at = newImportIndex(body, wanted.module);
  ctx.insertInto(body[at - 1] ?? body[at]);
  if (at === 0 && body[0]) takeHeader(body[0], declaration, ctx);
  body.splice(at, 0, declaration);
  return local;
}

/**
 * The first import of a file goes below its header: comments above the first
 * statement, separated from it by a blank line (a license, a file comment),
 * move onto the import. A comment directly above the statement stays its own.
 */
function takeHeader(first: Node, declaration: Node, ctx: FileContext): void {
  const holder = first as Node & { comments?: (Node & { leading?: boolean })[] };
  const header = (holder.comments ?? []).filter((c) => c.leading && separatedByBlankLine(c, first, ctx));
  if (header.length === 0) return;
  holder.comments = (holder.comments ?? []).filter((c) => !header.includes(c));
  (declaration as { comments?: unknown[] }).comments = header;
  ctx.touch(first, true);
}

/** Remove the import of `spec` when its binding is unused (every such specifier, when the file imports it twice). */
export function removeImport(ctx: FileContext, spec: ImportSpec, options: RemoveImportOptions = {}): RemoveImportResult {
  const wanted = parseSpec(spec, "removeImport");
  const found = importsOf(ctx.ast.file.program.body, { ...wanted, type: true }).filter((f) => wanted.local === undefined || f.local === wanted.local);
  if (found.length === 0) return "absent";
  const scopes = analyzeScopes(ctx.ast.file);
  const used = found.map((f) => usedAt(scopes.bindingOf(f.specifier.local), ctx)).find((use) => use !== undefined);
  if (used) {
    if (options.ifUsed !== "fail") return "used";
    const at = used.node ? ctx.ast.index.position(used.node) : undefined;
    throw new CodemodError(`removeImport: \`${found[0]!.local}\` from "${wanted.module}" is still used${at ? ` at ${at.line}:${at.column}` : ""} (${used.what}); nothing written`, found[0]!.specifier);
  }
  const program = new NodePath(ctx.ast.file.program, null, null, false);
  for (const f of found) {
    const declarationPath = new NodePath(f.declaration, program, "body", true);
    if (f.declaration.specifiers.length === 1) removeStatement(declarationPath, ctx);
    else removeAt(new NodePath(f.specifier, declarationPath, "specifiers", true), ctx, `import of ${f.local}`);
  }
  return "removed";
}

function parseSpec(spec: ImportSpec, what: string): Wanted {
  const kinds = (["name", "default", "namespace"] as const).filter((k) => spec[k] !== undefined);
  if (typeof spec.from !== "string" || spec.from === "" || kinds.length !== 1) {
    throw new CodemodError(`${what}: expected { from: "module" } with exactly one of name, default or namespace, got ${JSON.stringify(spec)}`);
  }
  const type = spec.type === true;
  if (spec.name !== undefined) return { module: spec.from, kind: "named", imported: spec.name, local: spec.as ?? (isBindingName(spec.name) ? spec.name : undefined), type };
  const kind = spec.default !== undefined ? "default" : "namespace";
  const value = spec.default ?? spec.namespace;
  return { module: spec.from, kind, imported: kind === "default" ? "default" : "*", local: spec.as ?? (typeof value === "string" ? value : undefined), type };
}

interface ExistingImport {
  readonly declaration: ImportDeclaration;
  readonly specifier: ImportDeclaration["specifiers"][number];
  readonly local: string;
}

/** The file's top-level specifiers importing what `wanted` names (type-only ones only when a type will do). */
function importsOf(body: readonly Node[], wanted: Wanted): ExistingImport[] {
  const found: ExistingImport[] = [];
  for (const declaration of body) {
    if (declaration.type !== "ImportDeclaration" || stringValue(declaration.source) !== wanted.module) continue;
    if (declaration.importKind === "typeof") continue;
    for (const specifier of declaration.specifiers) {
      const typeOnly = declaration.importKind === "type" || (specifier as { importKind?: string }).importKind === "type";
      if (typeOnly && !wanted.type) continue;
      if (importedName(specifier) === wanted.imported) found.push({ declaration, specifier, local: specifier.local.name });
    }
  }
  return found;
}

function importedName(specifier: Node): string {
  if (specifier.type === "ImportDefaultSpecifier") return "default";
  if (specifier.type === "ImportNamespaceSpecifier") return "*";
  if (specifier.type === "ImportSpecifier") return nameOf(specifier.imported) ?? "";
  return "";
}

/**
 * `name` when the file spells no identifier so (no binding in any scope, no
 * global it uses, no property: conservative), else the first free one of
 * `_name`, `_name2`, `_name3`… (what Babel's `scope.generateUidIdentifier`
 * writes).
 */
function freeName(root: Node, name: string): string {
  const spelled = new Set<string>();
  traverse(root, (path) => {
    const node = path.node;
    if (node.type === "Identifier" || node.type === "JSXIdentifier") spelled.add(node.name);
  });
  if (!spelled.has(name)) return name;
  const base = `_${name.replace(/^_+/, "")}`;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}${i}`;
    if (!spelled.has(candidate)) return candidate;
  }
}

/**
 * For the query step, whose templates already spell the name: undefined
 * when importing the name changes nothing else, else the identifiers the
 * codemod wrote (made, or an original identifier it renamed: its text in the
 * input is another name), which then take the alias. The name is taken when
 * a top-level binding has it, when code the codemod kept uses it as a global
 * (the import would capture it), or when one of the codemod's identifiers
 * resolves to a binding (a parameter of that name shadows the import).
 */
function spelledTaken(ctx: FileContext, name: string): { name: string }[] | undefined {
  const scopes = analyzeScopes(ctx.ast.file);
  const introduced: { name: string }[] = [];
  let taken = (scopes.program.own(name, "value") ?? scopes.program.own(name, "type")) !== undefined;
  for (const reference of scopes.referencesNamed(name)) {
    const node = reference.path.node as Node & { name: string };
    if (node.type !== "Identifier" && node.type !== "JSXIdentifier") continue;
    const written = ctx.ast.index.textOf(node) !== name;
    if (written) introduced.push(node);
    if (written ? reference.binding !== undefined : reference.binding === undefined) taken = true;
  }
  return taken ? introduced : undefined;
}

function makeSpecifier(wanted: Wanted, local: string): Node {
  if (wanted.kind === "default") return b.importDefaultSpecifier(b.identifier(local)) as unknown as Node;
  if (wanted.kind === "namespace") return b.importNamespaceSpecifier(b.identifier(local)) as unknown as Node;
  const imported = isBindingName(wanted.imported) ? b.identifier(wanted.imported) : stringLiteralLike(wanted.imported, undefined);
  return { type: "ImportSpecifier", imported, local: b.identifier(local) } as unknown as Node;
}

/**
 * An import of the module, of the same kind (value or type), that can take
 * the specifier: a named one joins one without a namespace import, a default
 * one joins one without a default; a namespace import gets its own. A bare
 * `import "m"` (run for its effects) is left as it is.
 */
function canJoin(declaration: ImportDeclaration, wanted: Wanted): boolean {
  if (stringValue(declaration.source) !== wanted.module || declaration.specifiers.length === 0) return false;
  if ((declaration.importKind ?? "value") !== (wanted.type ? "type" : "value")) return false;
  if (wanted.kind === "namespace") return false;
  if (declaration.specifiers.some((s) => s.type === "ImportNamespaceSpecifier")) return false;
  return wanted.kind === "named" || !declaration.specifiers.some((s) => s.type === "ImportDefaultSpecifier");
}

/** Where a named specifier goes: in order when the named specifiers are sorted, else last. */
function specifierIndex(declaration: ImportDeclaration, imported: string): number {
  const names = declaration.specifiers.map((s) => (s.type === "ImportSpecifier" ? (nameOf(s.imported) ?? "") : undefined));
  const named = names.filter((n): n is string => n !== undefined);
  const sorted = named.every((n, i) => i === 0 || compareNames(named[i - 1]!, n) <= 0);
  if (!sorted || named.length < 2) return declaration.specifiers.length;
  const at = names.findIndex((n) => n !== undefined && compareNames(imported, n) < 0);
  return at === -1 ? declaration.specifiers.length : at;
}

function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Where a new import of `module` goes (minimal diffs: the sorter places it
 * only in files that were sorted): right after its closest sibling, the last
 * import of the same module, else the last one sharing the most leading path
 * segments (`@mui/material/styles` next to `@mui/material`, `./b` next to
 * `./a`); else at the end of the first import block (the imports before the
 * first other statement); else at the top, after directives.
 */
export function newImportIndex(body: readonly Node[], module: string): number {
  let best = -1;
  let bestShared = 0;
  body.forEach((s, i) => {
    if (s.type !== "ImportDeclaration") return;
    const other = stringValue(s.source);
    if (other === undefined) return;
    const shared = other === module ? Infinity : sharedSegments(other, module);
    if (shared > 0 && shared >= bestShared) {
      best = i;
      bestShared = shared;
    }
  });
  if (best !== -1) return best + 1;
  const first = body.findIndex((s) => s.type === "ImportDeclaration");
  if (first === -1) return 0;
  let end = first;
  while (body[end + 1]?.type === "ImportDeclaration") end++;
  return end + 1;
}

/** Leading path segments two specifiers share (`./a` and `./b`: 1; `react` and `react-dom`: 0). */
function sharedSegments(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

/** Imports a codemod author wrote in a template (or returned from `modify`) are imports the codemod asked for. */
export function intendWrittenImports(nodes: readonly Node[], ctx: FileContext): void {
  for (const node of nodes) {
    if (node.type !== "ImportDeclaration" && !(node.type === "ExportNamedDeclaration" && node.source)) continue;
    const module = stringValue(node.source);
    if (module !== undefined) ctx.intendImport(module, "*");
  }
}

/** A use of a binding: a reference, or JSX that needs the classic runtime's `React` (or the file's `@jsx` pragma). */
function usedAt(binding: Binding | undefined, ctx: FileContext): { node?: Node; what: string } | undefined {
  if (!binding) return undefined;
  const reference = binding.references[0];
  if (reference) return { node: reference.path.node, what: "a reference" };
  const pragma = ctx.ast.comments.map((c) => /@jsx\s+([A-Za-z_$][\w$]*)/.exec(c.value)?.[1]).find((p) => p !== undefined) ?? "React";
  if (binding.name === pragma && /<[A-Za-z>]/.test(ctx.ast.source) && hasJsx(ctx.ast.file)) return { what: `JSX compiles to ${pragma}.createElement` };
  return undefined;
}

function hasJsx(root: Node): boolean {
  let found = false;
  const visit = (value: unknown): void => {
    if (found || !value || typeof value !== "object") return;
    if (Array.isArray(value)) return value.forEach(visit);
    const node = value as { type?: string };
    if (node.type === "JSXElement" || node.type === "JSXFragment") {
      found = true;
      return;
    }
    for (const [key, child] of Object.entries(value)) if (key !== "loc" && key !== "comments" && key !== "tokens" && key !== "original") visit(child);
  };
  visit(root);
  return found;
}


/** Where the file's `require` and `module.exports` would stop working: a CommonJS file gets no `import`. */
const COMMONJS_EXTENSION = /\.c[jt]s$/;
const COMMONJS_USE = /(?<![\w$.])(?:require\s*\(|module\s*\.\s*exports\b|exports\s*\.\s*[\w$]+\s*=)/;

/**
 * A file with no `import` or `export` of its own that is CommonJS (`.cjs`,
 * `.cts`, or one that uses `require(…)`, `module.exports` or `exports.x =`):
 * an added `import` would turn it into an ES module (or a syntax error in a
 * `.cjs`), so the file is refused instead. A type-only import is erased and
 * allowed.
 */
function refuseInCommonJs(ctx: FileContext, wanted: Wanted, local: string): void {
  const body = ctx.ast.file.program.body;
  if (wanted.type || body.some((s) => s.type === "ImportDeclaration" || s.type.startsWith("Export"))) return;
  const extension = COMMONJS_EXTENSION.test(ctx.ast.filepath);
  if (!extension && !COMMONJS_USE.test(ctx.ast.source)) return;
  const why = extension ? "is CommonJS (its extension)" : "is CommonJS (it uses require or module.exports and has no import)";
  const binding = wanted.kind !== "named" ? local : wanted.imported === local ? `{ ${local} }` : `{ ${wanted.imported}: ${local} }`;
  throw new CodemodError(`ensureImport: this file ${why}: an \`import\` would change how it loads; add \`const ${binding} = require(${JSON.stringify(wanted.module)})\` by hand`);
}
