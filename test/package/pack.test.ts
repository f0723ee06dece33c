/**
 * What `npm pack` ships (dry run of the built tree, no network): the CLI once
 * (dist/bundle; not dist/src/cli), no source maps, rules compiled (no
 * rules/*.ts importing ../../src), LICENSE and CHANGELOG, and a size bound.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface PackResult {
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

describe("npm pack --dry-run", () => {
  it("ships one CLI, no source maps, compiled rules, LICENSE and CHANGELOG, within the size bound", () => {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "NODE_OPTIONS") delete env[key];
    const [pack] = JSON.parse(execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repo, encoding: "utf8", env })) as PackResult[];
    const paths = pack!.files.map((f) => f.path);
    for (const required of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "bin/safesort.js", "dist/bundle/safesort.js", "dist/src/index.js", "dist/src/index.d.ts", "dist/rules/index.js"]) {
      expect(paths, required).toContain(required);
    }
    expect(paths.filter((p) => p.startsWith("dist/src/cli/"))).toEqual([]);
    expect(paths.filter((p) => p.endsWith(".map"))).toEqual([]);
    expect(paths.filter((p) => /^(rules|src|test|bench|fixtures|scripts)\//.test(p))).toEqual([]);
    expect(pack!.unpackedSize).toBeLessThan(8_000_000);
    expect(pack!.size).toBeLessThan(2_000_000);
  });
});
