/**
 * Where in a JSON config file a key path (`safesort.groups[2].match[0]`, as
 * a ConfigError names it) is, so that the editor can be told `path:line:col`.
 * The text is parsed as an expression with positions (JSON is one); the walk
 * stops at the deepest key that exists, so a missing key points at its parent.
 */
import { parseExpression } from "@babel/parser";
import type { Node } from "@babel/types";

/** 1-based line and column of the value at `keyPath` in `text`, or undefined when the text is no JSON object. */
export function locateKey(text: string, keyPath: string): { line: number; column: number } | undefined {
  let node: Node;
  try {
    node = parseExpression(text.replace(/^\uFEFF/, ""), { errorRecovery: false });
  } catch {
    return undefined;
  }
  if (node.type !== "ObjectExpression") return undefined;
  for (const segment of segments(keyPath)) {
    const next = child(node, segment);
    if (next === undefined) break;
    node = next;
  }
  return node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : undefined;
}

function child(node: Node, segment: string | number): Node | undefined {
  if (node.type === "ArrayExpression" && typeof segment === "number") return node.elements[segment] ?? undefined;
  if (node.type !== "ObjectExpression") return undefined;
  for (const property of node.properties) {
    if (property.type !== "ObjectProperty") continue;
    const key = property.key.type === "StringLiteral" ? property.key.value : property.key.type === "Identifier" ? property.key.name : undefined;
    if (key === String(segment)) return property.value;
  }
  return undefined;
}

/** `a.b[2]["c d"]` → `["a", "b", 2, "c d"]`. */
function segments(keyPath: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of keyPath.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else out.push(JSON.parse(match[3]!) as string);
  }
  return out;
}
