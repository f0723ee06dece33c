/**
 * Code templates: text a codemod author writes (`replace("debounce($A, 100)")`,
 * `insertAfter(…)`, `addArgument(…)`), parsed with the file's plugins, with
 * metavariables filled in from the match's captures:
 *
 *   $X      the captured node itself (so its original text and comments are reused)
 *   $$$X    a captured list, spliced where a list is allowed (arguments, elements, statements…)
 *
 * Template nodes carry no positions, so recast prints them afresh, in the
 * file's quote and indentation style; captured nodes keep theirs and are
 * reprinted from the original text.
 */
import type { Node } from "@babel/types";

import { field, isNode, setField } from "../ast.js";
import { bareName, standsAlone } from "../metavariables.js";
import { type Captures, CodemodError } from "../model.js";
import { type CodemodAst, parseExpression, parseStatements } from "../parse.js";
import type { SourceIndex } from "../positions.js";

import { inlineObjectLists } from "./template-lists.js";

export type TemplateKind = "expression" | "statements" | "param" | "member" | "attribute";

const META = /^\$(\$\$)?([A-Z_][A-Z0-9_]*|[a-z][A-Za-z0-9_]*)$/;

/**
 * Parse `code` as `kind` and fill in its metavariables; returns one or more
 * nodes. `onCapture` is told each captured node the template uses: its
 * references may stand in the output a second time (verify-names.ts).
 */
export function instantiate(
  code: string,
  kind: TemplateKind,
  captures: Captures,
  ast: Pick<CodemodAst, "parserOptions"> & { readonly index?: SourceIndex },
  onCapture?: (node: Node) => void,
): Node[] {
  if (onCapture) {
    for (const m of code.matchAll(/\$(?:\$\$)?([A-Z_][A-Z0-9_]*|[a-z][A-Za-z0-9_]*)/g)) {
      const value = captures[m[1]!];
      for (const node of Array.isArray(value) ? (value as readonly Node[]) : value ? [value as Node] : []) onCapture(node);
    }
  }
  let nodes: Node[];
  try {
    nodes = parseAs(ast.index ? inlineObjectLists(code, captures, ast.index) : code, kind, ast);
  } catch (error) {
    if (error instanceof CodemodError) throw error;
    throw new CodemodError(`the template ${JSON.stringify(code)} does not parse as ${article(kind)}: ${(error as Error).message.replace(/\s*\(\d+:\d+\)$/, "")}`);
  }
  const used = new Set<Node>();
  const filled = substituteList(nodes, captures, used);
  return filled;
}

function article(kind: TemplateKind): string {
  return kind === "expression" || kind === "attribute" ? `an ${kind}` : kind === "statements" ? "statements" : `a ${kind}`;
}

function parseAs(code: string, kind: TemplateKind, ast: Pick<CodemodAst, "parserOptions">): Node[] {
  switch (kind) {
    case "expression":
      return [parseExpression(code, ast)];
    case "statements":
      return parseStatements(code, ast);
    case "param": {
      const [fn] = parseStatements(`function __safesort_template(${code}\n) {}`, ast);
      const params = (fn as Node & { params: Node[] }).params;
      if (params.length !== 1) throw new CodemodError(`a parameter template must be one parameter: ${JSON.stringify(code)}`);
      return params;
    }
    case "member": {
      const [cls] = parseStatements(`class __safesort_template {\n${code}\n}`, ast);
      return (cls as Node & { body: { body: Node[] } }).body.body;
    }
    case "attribute": {
      const [statement] = parseStatements(`<__safesort_template ${code} />;`, ast);
      const element = (statement as Node & { expression: Node & { openingElement: { attributes: Node[] } } }).expression;
      return element.openingElement.attributes;
    }
  }
}

/** The metavariable a template node stands for, if it is one (a list one also as an object property, attribute, member…). */
function metaOf(node: Node): { list: boolean; name: string } | undefined {
  // `{$X}` among JSX children: the container stays, its expression is filled in.
  const name = node.type === "JSXExpressionContainer" ? undefined : bareName(node);
  const match = name === undefined ? null : META.exec(name);
  if (!match) return undefined;
  const list = match[1] !== undefined;
  return list || standsAlone(node) ? { list, name: match[2]! } : undefined;
}

function capture(captures: Captures, name: string): Node | readonly Node[] {
  const value = captures[name];
  if (value === undefined) {
    const known = Object.keys(captures);
    throw new CodemodError(`the template uses $${name}, but the match has no such capture (captures: ${known.length ? known.map((k) => `$${k}`).join(", ") : "none"})`);
  }
  return value;
}

/** Fill one node in place of a metavariable, or recurse into a template node. */
function substitute(node: Node, captures: Captures, used: Set<Node>): Node {
  const meta = metaOf(node);
  if (meta) {
    const value = capture(captures, meta.name);
    if (Array.isArray(value)) {
      throw new CodemodError(`$${meta.list ? "$$" : ""}${meta.name} is a list: use it where a list is allowed (arguments, elements, statements)`);
    }
    const single = fresh(value as Node, used);
    // `$X;` in statement position with an expression captured: keep the statement.
    if (node.type === "ExpressionStatement" && !isStatementLike(single)) return { ...node, expression: single } as Node;
    if (node.type === "TSTypeReference" && !single.type.startsWith("TS")) return node;
    return single;
  }
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "extra" || key === "comments") continue;
    const value = field(node, key);
    if (Array.isArray(value)) setField(node, key, substituteList(value, captures, used));
    else if (isNode(value)) setField(node, key, substitute(value, captures, used));
  }
  return node;
}

function substituteList(list: unknown[], captures: Captures, used: Set<Node>): Node[] {
  const out: unknown[] = [];
  for (const item of list) {
    if (!isNode(item)) {
      out.push(item);
      continue;
    }
    const meta = metaOf(item);
    const value = meta ? capture(captures, meta.name) : undefined;
    if (meta && Array.isArray(value)) {
      for (const node of value as readonly Node[]) out.push(fresh(node, used));
    } else {
      out.push(substitute(item, captures, used));
    }
  }
  return out as Node[];
}

/** A captured node used a second time is copied (one node object must not sit in two places). */
function fresh(node: Node, used: Set<Node>): Node {
  if (!used.has(node)) {
    used.add(node);
    return node;
  }
  return structuredClone(stripForClone(node));
}

function stripForClone(node: Node): Node {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === "loc" || key === "tokens" ? undefined : value))) as Node;
}

function isStatementLike(node: Node): boolean {
  return /Statement$|Declaration$/.test(node.type);
}
