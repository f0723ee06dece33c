/**
 * Selectors matched by shape rather than by binding: `selectCall`,
 * `selectJsxElement`, `selectJsxAttribute` and `select`.
 *
 * `selectCall("a.b")` matches calls whose callee spells `a.b` (`a?.b()` and
 * `a["b"]()` too) where `a` means what the caller means, scope-aware:
 *   - by default, the global `a`: `function g(console) { console.warn(1) }`
 *     is not a call of the global console's `warn`;
 *   - with `{ from: "m" }`, an import from "m" (followed through aliases):
 *     `selectCall("React.useState", { from: "react" })` matches `R.useState()`
 *     after `import * as R from "react"`, and `selectCall("debounce", { from:
 *     "lodash" })` matches `d()` after `import { debounce as d } from "lodash"`;
 *   - with `{ bySpelling: true }`, any `a.b(…)`, locals included (as before).
 * `this.b()` matches by spelling.
 */
import type { JSXAttribute, JSXOpeningElement, Node } from "@babel/types";

import { nameOf, NodePath, traverse } from "../ast.js";
import { CodemodError, type FileContext, type Found, type Selector } from "../model.js";
import { dottedExpression, dottedParts, jsxName, jsxNameText, keepComments, matchesDotted, stringValue } from "../names.js";

export interface CallOptions {
  /** The root of the callee is an import from this module (any local name), not the global. */
  readonly from?: string;
  /** Match the spelling whatever the root means (locals and parameters included). */
  readonly bySpelling?: boolean;
}

export function selectCall(callee: string, options: CallOptions = {}): Selector {
  const parts = dottedParts(callee);
  const extra = options.from !== undefined || options.bySpelling ? `, ${JSON.stringify(options)}` : "";
  return {
    description: `selectCall(${JSON.stringify(callee)}${extra})`,
    needles: options.from !== undefined ? [options.from, parts[parts.length - 1]!] : parts.filter((p) => p !== "this"),
    find(ctx) {
      const found: Found[] = [];
      traverse(ctx.ast.file.program, (path) => {
        const node = path.node;
        if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return;
        if (!calleeMatches(node.callee, parts, options, ctx)) return;
        found.push({
          path,
          role: "call",
          captures: { callee: node.callee, arguments: node.arguments },
          label: `call ${callee}`,
          call: node as Node & { arguments: Node[] },
          rename: (newName, c) => replaceCallee(path, newName, c),
        });
      });
      return found;
    },
  };
}

/** Does the callee spell `parts` with its root meaning what `options` say? */
function calleeMatches(callee: Node, parts: readonly string[], options: CallOptions, ctx: FileContext): boolean {
  if (options.from === undefined) {
    if (!matchesDotted(callee, parts)) return false;
    if (options.bySpelling || parts[0] === "this") return true;
    return ctx.scope().referenceOf(rootOf(callee))?.binding === undefined;
  }
  // From a module: the root may be any local name the import gives.
  const root = rootOf(callee);
  if (root.type !== "Identifier") return false;
  const rest = parts.slice(1);
  const local = [root.name, ...rest];
  if (!matchesDotted(callee, local)) return false;
  const binding = ctx.scope().referenceOf(root)?.binding;
  const spec = binding?.kind === "import" ? binding.declarations[0]?.parentNode : undefined;
  const declaration = binding?.declarations[0]?.parent?.parentNode;
  if (!spec || declaration?.type !== "ImportDeclaration" || stringValue(declaration.source) !== options.from) return false;
  if (spec.type === "ImportSpecifier") return nameOf(spec.imported) === parts[0];
  // A default or namespace import stands for the module: `React.useState`, `_.debounce`.
  return rest.length > 0;
}

/** The innermost object of a member chain: `a` of `a.b.c`. */
function rootOf(node: Node): Node {
  let n = node;
  while (n.type === "MemberExpression" || n.type === "OptionalMemberExpression") n = n.object;
  return n;
}

/** `a.b(x)` → `c.d(x)`: the callee becomes the dotted name. */
function replaceCallee(path: NodePath, dotted: string, ctx: FileContext): void {
  const call = path.node as Node & { callee: Node };
  let replacement: Node;
  try {
    replacement = dottedExpression(dotted);
  } catch (error) {
    throw new CodemodError((error as Error).message, call);
  }
  ctx.splice(call.callee, dotted);
  call.callee = keepComments(call.callee, replacement);
}

export function selectJsxElement(name: string): Selector {
  return {
    description: `selectJsxElement(${JSON.stringify(name)})`,
    needles: [name.split(/[.:]/)[0]!],
    find(ctx) {
      const found: Found[] = [];
      traverse(ctx.ast.file.program, (path) => {
        const node = path.node;
        if (node.type !== "JSXElement" || jsxNameText(node.openingElement.name) !== name) return;
        found.push({
          path,
          role: "node",
          captures: { name: node.openingElement.name, attributes: node.openingElement.attributes, children: node.children },
          label: `<${name}>`,
          rename: (newName, c) => {
            c.splice(node.openingElement.name, newName);
            node.openingElement.name = jsxName(newName) as never;
            if (node.closingElement) {
              c.splice(node.closingElement.name, newName);
              node.closingElement.name = jsxName(newName) as never;
            }
          },
        });
      });
      return found;
    },
  };
}

/** The name of a JSX attribute: `a`, or `ns:a`. */
function attributeName(attribute: JSXAttribute): string {
  const name = attribute.name;
  return name.type === "JSXIdentifier" ? name.name : `${name.namespace.name}:${name.name.name}`;
}

/** Attributes named `attr` on elements named `element` (`"*"`: any element). */
export function selectJsxAttribute(element: string, attr: string): Selector {
  return {
    description: `selectJsxAttribute(${JSON.stringify(element)}, ${JSON.stringify(attr)})`,
    needles: element === "*" ? [attr.split(":")[0]!] : [attr.split(":")[0]!, element.split(/[.:]/)[0]!],
    find(ctx) {
      const found: Found[] = [];
      traverse(ctx.ast.file.program, (path) => {
        const node = path.node;
        if (node.type !== "JSXOpeningElement" || (element !== "*" && jsxNameText(node.name) !== element)) return;
        node.attributes.forEach((attribute) => {
          if (attribute.type !== "JSXAttribute" || attributeName(attribute) !== attr) return;
          const attrPath = new NodePath(attribute, path, "attributes", true);
          found.push({
            path: attrPath,
            role: "node",
            captures: { element: node, name: attribute.name, value: attribute.value ?? [] },
            label: `<${jsxNameText(node.name) ?? "?"} ${attr}>`,
            rename: (newName, c) => renameAttribute(node, attribute, newName, c),
          });
        });
      });
      return found;
    },
  };
}

/** Rename an attribute; refused when the element already has one by the new name (the props would clash). */
function renameAttribute(element: JSXOpeningElement, attribute: JSXAttribute, newName: string, ctx: FileContext): void {
  const clash = element.attributes.find((a) => a !== attribute && a.type === "JSXAttribute" && attributeName(a) === newName);
  if (clash) throw new CodemodError(`cannot rename the \`${attributeName(attribute)}\` prop to \`${newName}\`: the element already has a \`${newName}\` prop`, attribute);
  ctx.splice(attribute.name, newName);
  attribute.name = jsxName(newName) as never;
}

/** Every node of a type (`"CallExpression"`), optionally narrowed by a predicate. */
export function select(nodeType: string, predicate?: (node: Node) => boolean): Selector {
  return {
    description: `select(${JSON.stringify(nodeType)})`,
    needles: [],
    find(ctx) {
      const found: Found[] = [];
      traverse(ctx.ast.file.program, (path) => {
        if (path.node.type !== nodeType || (predicate && !predicate(path.node))) return;
        found.push({ path, role: "node", captures: {}, label: nodeType });
      });
      return found;
    },
  };
}
