/**
 * The repository's static import graph, read with TypeScript's own scanner:
 * every `import … from`, `export … from` and `import x = require()` of a
 * relative module, type-only ones included (they are edges a reader follows
 * too). Dynamic `import()` is not an edge: it is how a command loads an
 * optional part on demand.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

import ts from "typescript";

/** Relative specifiers of one file's static imports and re-exports. */
function staticImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, false);
  return info.importedFiles.map((ref) => ref.fileName).filter((name) => name.startsWith("."));
}

/** `./x.js` from `dir` → the `.ts` source file it names (or undefined outside the sources). */
function resolveSource(fromFile: string, specifier: string): string | undefined {
  const target = resolve(dirname(fromFile), specifier);
  for (const candidate of [target.replace(/\.js$/, ".ts"), target.replace(/\.mjs$/, ".mts"), `${target}.ts`, `${target}/index.ts`, target]) {
    if (/\.(ts|mts|tsx)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The graph reachable from `entries`: absolute file → the files it imports. */
export function importGraph(entries: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (graph.has(file)) continue;
    const deps = staticImports(file)
      .map((specifier) => resolveSource(file, specifier))
      .filter((dep): dep is string => dep !== undefined);
    graph.set(file, deps);
    todo.push(...deps);
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): the import cycles. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so that deep graphs do not overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const frames: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const dep = edges[frame.edge++]!;
        if (!index.has(dep)) {
          index.set(dep, next);
          low.set(dep, next++);
          stack.push(dep);
          onStack.add(dep);
          frames.push({ node: dep, edge: 0 });
        } else if (onStack.has(dep)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(dep)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.includes(frame.node)) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

/** Paths relative to `root`, `/`-separated, for messages. */
export function shown(root: string, files: readonly string[]): string[] {
  return files.map((file) => relative(root, file).split("\\").join("/"));
}
