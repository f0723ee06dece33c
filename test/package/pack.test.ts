/**
 * What `npm pack` ships (dry run of the built tree, no network): the CLI once
 * (dist/bundle; not dist/src/cli), no source maps, rules compiled (no
 * rules/*.ts importing ../../src), LICENSE and CHANGELOG, and a size bound;
 * its JavaScript loads no package the install would not bring (a bundled
 * devDependency stays bundled), and the bundled packages' licences ship.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { parseSync } from "oxc-parser";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface PackResult {
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

function packed(): PackResult {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "NODE_OPTIONS") delete env[key];
  return (JSON.parse(execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repo, encoding: "utf8", env })) as PackResult[])[0]!;
}

/** The package names a module loads: import/export declarations, import() and require() with a string literal. */
function importedPackages(file: string): string[] {
  const { program, errors } = parseSync(file, readFileSync(file, "utf8"));
  expect(errors, file).toEqual([]);
  const specifiers: string[] = [];
  const literal = (node: unknown) => {
    const n = node as { type?: string; value?: unknown } | undefined;
    return n?.type === "Literal" && typeof n.value === "string" ? n.value : undefined;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown> & { type?: string; callee?: { type?: string; name?: string }; arguments?: unknown[] };
    if (/^(ImportDeclaration|ExportNamedDeclaration|ExportAllDeclaration|ImportExpression)$/.test(n.type ?? "") && literal(n["source"])) specifiers.push(literal(n["source"])!);
    if (n.type === "CallExpression" && n.callee?.type === "Identifier" && /^(__)?require$/.test(n.callee.name ?? "") && literal(n.arguments?.[0])) specifiers.push(literal(n.arguments![0])!);
    for (const key of Object.keys(n)) if (key !== "parent") visit(n[key]);
  };
  visit(program);
  return specifiers
    .filter((s) => !s.startsWith(".") && !s.startsWith("node:") && !builtinModules.includes(s))
    .map((s) => s.split("/").slice(0, s.startsWith("@") ? 2 : 1).join("/"));
}

describe("npm pack --dry-run", () => {
  it("every package the shipped JavaScript loads is a dependency or a peer dependency; bundled code's licences ship in dist/THIRD_PARTY_LICENSES.md", () => {
    const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    const declared = new Set([...Object.keys(manifest["dependencies"]!), ...Object.keys(manifest["peerDependencies"]!)]);
    const scripts = packed().files.map((f) => f.path).filter((p) => p.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(100);
    const undeclared = scripts.flatMap((path) => importedPackages(join(repo, path)).filter((name) => !declared.has(name)).map((name) => `${path}: ${name}`));
    expect(undeclared).toEqual([]);
    // yargs-parser is bundled (src/vendor/yargs-parser.ts), not installed; fast-glob is not used at all.
    expect(declared.has("yargs-parser")).toBe(false);
    expect(declared.has("fast-glob")).toBe(false);
    const notices = readFileSync(join(repo, "dist/THIRD_PARTY_LICENSES.md"), "utf8");
    for (const name of ["yargs", "yargs-parser"]) {
      const version = (JSON.parse(readFileSync(join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
      expect(notices).toContain(`## ${name}@${version} (`);
      const licence = readdirSync(join(repo, "node_modules", name)).find((file) => /^licen[cs]e/i.test(file))!;
      expect(notices).toContain(readFileSync(join(repo, "node_modules", name, licence), "utf8").trim());
    }
  });

  it("ships one CLI, no source maps, compiled rules, LICENSE and CHANGELOG, within the size bound", () => {
    const pack = packed();
    const paths = pack!.files.map((f) => f.path);
    for (const required of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "bin/safesort.js", "dist/bundle/safesort.js", "dist/src/index.js", "dist/src/index.d.ts", "dist/rules/index.js", "dist/THIRD_PARTY_LICENSES.md"]) {
      expect(paths, required).toContain(required);
    }
    expect(paths.filter((p) => p.startsWith("dist/src/cli/"))).toEqual([]);
    expect(paths.filter((p) => p.endsWith(".map"))).toEqual([]);
    expect(paths.filter((p) => /^(rules|src|test|bench|fixtures|scripts)\//.test(p))).toEqual([]);
    expect(pack!.unpackedSize).toBeLessThan(8_000_000);
    expect(pack!.size).toBeLessThan(2_000_000);
  });
});
