/**
 * Every place a source file names another module by a string, with the
 * offsets of the text between the quotes:
 *
 *   import … from "x"   export … from "x"   import "x"   import x = require("x")
 *   import("x")   require("x")   require.resolve("x")   typeof import("x")
 *   declare module "./x" { … }   (an augmentation of a relative module)
 *   jest.mock("x")  vi.mock("x")  and their siblings (mocks name modules too)
 *   /// <reference path="x.d.ts" />
 */
import type { ts as TsNamespace } from "ts-morph";

import type { Ts } from "./project.js";

type ReferenceKind = "import" | "call" | "type" | "augmentation" | "reference";

export interface ModuleReference {
  readonly specifier: string;
  /** Offsets of the specifier's text (inside the quotes). */
  readonly start: number;
  readonly end: number;
  readonly kind: ReferenceKind;
  /** An `import`/`export … from` statement: editing it re-sorts the file's imports. */
  readonly inImportStatement: boolean;
  /** The literal, to ask TypeScript for the resolution mode (ESM or CommonJS). */
  readonly literal?: TsNamespace.StringLiteralLike;
}

const MOCK_CALLS = new Set([
  "require.resolve",
  "jest.mock",
  "jest.doMock",
  "jest.unmock",
  "jest.dontMock",
  "jest.requireActual",
  "jest.requireMock",
  "jest.createMockFromModule",
  "vi.mock",
  "vi.doMock",
  "vi.unmock",
  "vi.doUnmock",
  "vi.importActual",
  "vi.importMock",
]);

export function moduleReferences(ts: Ts, sourceFile: TsNamespace.SourceFile): ModuleReference[] {
  const found: ModuleReference[] = [];
  const add = (literal: TsNamespace.Node | undefined, kind: ReferenceKind, inImportStatement = false): void => {
    if (literal === undefined || !ts.isStringLiteralLike(literal)) return;
    found.push({ specifier: literal.text, start: literal.getStart(sourceFile) + 1, end: literal.end - 1, kind, inImportStatement, literal });
  };
  const visit = (node: TsNamespace.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, "import", node.importClause !== undefined);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, "import", true);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, "import");
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name) && isRelativeText(node.name.text)) add(node.name, "augmentation");
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, "type");
    else if (ts.isCallExpression(node) && node.arguments.length >= 1 && namesModule(ts, node)) add(node.arguments[0], "call");
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  for (const reference of sourceFile.referencedFiles) {
    found.push({ specifier: reference.fileName, start: reference.pos, end: reference.end, kind: "reference", inImportStatement: false });
  }
  return found.sort((a, b) => a.start - b.start);
}

function namesModule(ts: Ts, call: TsNamespace.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === "require";
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) return MOCK_CALLS.has(`${callee.expression.text}.${callee.name.text}`);
  return false;
}

function isRelativeText(text: string): boolean {
  return text.startsWith("./") || text.startsWith("../");
}
