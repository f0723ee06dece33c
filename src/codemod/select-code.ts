/**
 * Selectors matched by shape rather than by binding: `selectCall`,
 * `selectJsxElement`, `selectJsxAttribute` and `select`.
 *
 * `selectCall("a.b")` matches calls whose callee spells `a.b` (`a?.b()` and
 * `a["b"]()` too), by name: a local variable called `a` is matched as well.
 * Narrow with `filter` when that matters.
 */
import type { JSXAttribute, JSXOpeningElement, Node } from "@babel/types";

import { NodePath, traverse } from "./ast.js";
import { CodemodError, type FileContext, type Found, type Selector } from "./model.js";
import { dottedExpression, dottedParts, jsxName, jsxNameText, keepComments, matchesDotted } from "./names.js";

export function selectCall(callee: string): Selector {
  const parts = dottedParts(callee);
  return {
    description: `selectCall(${JSON.stringify(callee)})`,
    needles: parts.filter((p) => p !== "this"),
    find(ctx) {
      const found: Found[] = [];
      traverse(ctx.ast.file.program, (path) => {
        const node = path.node;
        if ((node.type !== "CallExpression" && node.type !== "OptionalCallExpression") || !matchesDotted(node.callee, parts)) return;
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
