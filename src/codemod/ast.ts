/**
 * The AST as codemods see it: Babel nodes (parsed through recast, see
 * parse.ts), walked generically, each visited node wrapped in a NodePath that
 * knows its parent and where in the parent it sits.
 *
 *   CallExpression                     path.node   = the Identifier `b`
 *   ├─ callee: Identifier a            path.parent = the CallExpression's path
 *   └─ arguments: [Identifier b, …]    path.key    = "arguments", path.listed = true
 *
 * A path's position in a list is looked up by identity when it is used, never
 * cached, so removing or inserting siblings does not make other paths stale.
 */
import type { Node } from "@babel/types";

export type { Node } from "@babel/types";

/**
 * Keys that hold data, not children: positions, recast's bookkeeping
 * (`original` is non-enumerable anyway, `comments` are attached by recast and
 * walked separately), Babel's `extra` (raw text, parentheses).
 */
const NOT_CHILDREN = new Set([
  "type",
  "start",
  "end",
  "loc",
  "range",
  "extra",
  "comments",
  "leadingComments",
  "trailingComments",
  "innerComments",
  "tokens",
  "errors",
  "original",
]);

export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** The child keys of a node, in the order Babel set them (which is source order). */
export function childKeys(node: Node): string[] {
  const keys: string[] = [];
  for (const key of Object.keys(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (isNode(value) || (Array.isArray(value) && value.some(isNode))) keys.push(key);
  }
  return keys;
}

/** Each child node of `node`, with its key and whether it sits in a list: `childKeys` in one pass, for walks that visit every node. */
export function forEachChildNode(node: Node, visit: (child: Node, key: string, listed: boolean) => void): void {
  for (const key of Object.keys(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visit(child, key, true);
    } else if (isNode(value)) {
      visit(value, key, false);
    }
  }
}

export class NodePath<N extends Node = Node> {
  constructor(
    public node: N,
    readonly parent: NodePath | null,
    /** The parent's key holding this node (a node or a list of nodes). */
    readonly key: string | null,
    /** Whether `parent.node[key]` is a list. */
    readonly listed: boolean,
  ) {}

  get parentNode(): Node | null {
    return this.parent?.node ?? null;
  }

  /** The list holding this node, when it sits in one (`body`, `arguments`, `specifiers`…). */
  container(): Node[] | undefined {
    if (!this.parent || this.key === null || !this.listed) return undefined;
    return field(this.parent.node, this.key) as Node[];
  }

  /** The current index in `container()`, -1 when the node was removed from it. */
  index(): number {
    return this.container()?.indexOf(this.node) ?? -1;
  }

  /** Ancestors, nearest first. */
  *ancestors(): Generator<NodePath> {
    for (let p = this.parent; p; p = p.parent) yield p;
  }

  /** The nearest ancestor (or self) whose node satisfies `test`. */
  closest(test: (node: Node) => boolean): NodePath | undefined {
    if (test(this.node)) return this;
    for (const p of this.ancestors()) if (test(p.node)) return p;
    return undefined;
  }

  /** Put `replacement` where this node is; the path then points at it. */
  replaceWith(replacement: Node): void {
    if (!this.parent || this.key === null) throw new Error("cannot replace the root node");
    if (this.listed) {
      const list = this.container()!;
      const at = list.indexOf(this.node);
      if (at === -1) throw new Error(`the ${this.node.type} to replace is no longer in its list`);
      list[at] = replacement;
    } else {
      setField(this.parent.node, this.key, replacement);
    }
    this.node = replacement as N;
  }

  /** Take this node out of its list (only listed nodes can go). */
  remove(): void {
    const list = this.container();
    if (!list) throw new Error(`cannot remove a ${this.node.type} from ${this.parent?.node.type ?? "nothing"}.${this.key ?? ""}`);
    const at = list.indexOf(this.node);
    if (at !== -1) list.splice(at, 1);
  }

  /** Insert nodes into this node's list, before or after it. */
  insert(where: "before" | "after", nodes: readonly Node[]): void {
    const list = this.container();
    if (!list) throw new Error(`cannot insert next to a ${this.node.type} that is not in a list`);
    const at = list.indexOf(this.node);
    if (at === -1) throw new Error(`the ${this.node.type} to insert next to is no longer in its list`);
    list.splice(where === "before" ? at : at + 1, 0, ...nodes);
  }
}

export function field(node: Node, key: string): unknown {
  return (node as unknown as Record<string, unknown>)[key];
}

export function setField(node: Node, key: string, value: unknown): void {
  (node as unknown as Record<string, unknown>)[key] = value;
}

/** What a visitor returns: `false` skips the node's children. */
export type Visit = (path: NodePath) => void | false;

/** Depth-first, parents before children, children in source order. */
export function traverse(root: Node, visit: Visit, parent: NodePath | null = null): void {
  walk(new NodePath(root, parent, null, false), visit);
}

function walk(path: NodePath, visit: Visit): void {
  if (visit(path) === false) return;
  const node = path.node;
  for (const key of childKeys(node)) {
    const value = field(node, key);
    if (Array.isArray(value)) {
      // A copy: the visitor may remove or insert siblings.
      for (const child of [...value]) if (isNode(child)) walk(new NodePath(child, path, key, true), visit);
    } else if (isNode(value)) {
      walk(new NodePath(value, path, key, false), visit);
    }
  }
}

/** An identifier's name, or a string literal's value where a name may be a string (`import { "a-b" as c }`). */
export function nameOf(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === "Identifier" || node.type === "JSXIdentifier") return node.name;
  if (node.type === "StringLiteral") return node.value;
  return undefined;
}

const FUNCTION_TYPES = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ObjectMethod",
  "ClassMethod",
  "ClassPrivateMethod",
  "TSDeclareFunction",
  "TSDeclareMethod",
]);

export function isFunctionNode(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

/** Statements live in these lists: where `insertBefore`/`insertAfter`/`remove` act on statements. */
export function isStatementList(parent: Node, key: string): boolean {
  return (
    (key === "body" && (parent.type === "Program" || parent.type === "BlockStatement" || parent.type === "StaticBlock" || parent.type === "TSModuleBlock")) ||
    (key === "consequent" && parent.type === "SwitchCase")
  );
}
