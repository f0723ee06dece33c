/**
 * The imports a codemod asked for (guarantees 3 and 4 of verify-names.ts):
 * an introduced reference may mean an import the codemod said it uses, and
 * each (module, name) the output imports that the input did not must be one
 * it asked for.
 */
import type { ExportSpecifier, Node } from "@babel/types";

import { nameOf } from "../ast.js";
import { stringValue } from "../names.js";
import type { Binding } from "../scope/scope.js";

/** An import the codemod means to add or use: `module` (any, when a predicate accepts it) and `name` (`*`: any name). */
export interface ImportIntent {
  readonly module: string | ((module: string) => boolean);
  readonly name: string;
}

/** Is the binding an import the codemod said it uses? */
export function intendedImport(binding: Binding, intents: readonly ImportIntent[]): boolean {
  const spec = binding.declarations[0]?.parentNode;
  const declaration = binding.declarations[0]?.parent?.parentNode;
  if (!spec || declaration?.type !== "ImportDeclaration") return false;
  const module = stringValue(declaration.source);
  return module !== undefined && intents.some((intent) => covers(intent, module, importedName(spec)));
}

function importedName(spec: Node): string {
  if (spec.type === "ImportDefaultSpecifier") return "default";
  if (spec.type === "ImportNamespaceSpecifier") return "*";
  if (spec.type === "ImportSpecifier") return nameOf(spec.imported) ?? "";
  return "";
}

function covers(intent: ImportIntent, module: string, name: string): boolean {
  const moduleOk = typeof intent.module === "string" ? intent.module === module : intent.module(module);
  return moduleOk && (intent.name === "*" || intent.name === name);
}

/** Guarantee 4: each (module, name) the output imports or re-exports and the input did not is one the codemod asked for. */
export function inventedImport(before: Node, after: Node, intents: readonly ImportIntent[]): { node: Node; message: string } | undefined {
  const had = new Set(importPairs(before).map((p) => `${p.module}\u0000${p.name}`));
  for (const pair of importPairs(after)) {
    if (had.has(`${pair.module}\u0000${pair.name}`) || intents.some((i) => covers(i, pair.module, pair.name))) continue;
    return { node: pair.node, message: `codemod makes an import of \`${pair.name}\` from "${pair.module}" it did not ask for (it changed imports of other modules)` };
  }
  return undefined;
}

function importPairs(file: Node): { module: string; name: string; node: Node }[] {
  const program = file.type === "File" ? file.program : file;
  const pairs: { module: string; name: string; node: Node }[] = [];
  for (const statement of (program as { body: Node[] }).body) {
    if (statement.type === "ImportDeclaration") {
      const module = stringValue(statement.source);
      if (module !== undefined) for (const spec of statement.specifiers) pairs.push({ module, name: importedName(spec), node: spec });
    } else if (statement.type === "ExportNamedDeclaration" && statement.source) {
      const module = stringValue(statement.source);
      if (module === undefined) continue;
      for (const spec of statement.specifiers) {
        const name = spec.type === "ExportSpecifier" ? nameOf((spec as ExportSpecifier).local) : spec.type === "ExportNamespaceSpecifier" ? "*" : "default";
        pairs.push({ module, name: name ?? "", node: spec });
      }
    }
  }
  return pairs;
}
