/**
 * react-codemod's transforms through jscodeshift's own CLI and through
 * `safesort run --jscodeshift`, on the same inputs (react-codemod's test
 * fixtures, copied into two temp projects): every file must end up
 * byte-identical, or be one that safesort refused to write (listed with the
 * reason, and left as it was).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { REPO as root, runNode, safesort } from "../helpers/bin.js";
import { makeTempDir, removeTree } from "../helpers/tree.js";

const require = createRequire(import.meta.url);
const jscodeshiftBin = join(dirname(require.resolve("jscodeshift/package.json")), "bin", "jscodeshift.js");
const transforms = join(dirname(require.resolve("react-codemod/package.json")), "transforms");
const fixtures = join(transforms, "__testfixtures__");

/** Transforms that run with jscodeshift 17 and the flow parser (as react-codemod's own tests use it), and their fixture prefix. */
const CASES = [
  "React-DOM-to-react-dom-factories",
  "React-PropTypes-to-prop-types",
  "class",
  "create-element-to-jsx",
  "manual-bind-to-arrow",
  "pure-render-mixin",
  "react-to-react-dom",
  "rename-unsafe-lifecycles",
  "update-react-imports",
];

let work: string;
beforeAll(async () => {
  work = await makeTempDir("react-codemod");
});
afterAll(() => removeTree(work));

/** The fixture inputs of one transform: `<name>*.input.js` and `<name>/*.input.js`. */
function inputsOf(name: string): string[] {
  const flat = readdirSync(fixtures).filter((f) => f.startsWith(name) && f.endsWith(".input.js")).map((f) => join(fixtures, f));
  let nested: string[] = [];
  try {
    nested = readdirSync(join(fixtures, name)).filter((f) => f.endsWith(".input.js")).map((f) => join(fixtures, name, f));
  } catch {
    // No folder of fixtures for this one.
  }
  return [...flat, ...nested];
}

function project(name: string, side: string, inputs: readonly string[]): string {
  const dir = join(work, name, side);
  mkdirSync(dir, { recursive: true });
  for (const input of inputs) cpSync(input, join(dir, input.slice(input.lastIndexOf("/") + 1).replace(".input.js", ".js")));
  return dir;
}

describe.each(CASES)("react-codemod %s", (name) => {
  test("safesort run --jscodeshift writes what jscodeshift writes, or refuses with a reason", () => {
    const inputs = inputsOf(name);
    expect(inputs.length).toBeGreaterThan(0);
    const theirs = project(name, "jscodeshift", inputs);
    const ours = project(name, "safesort", inputs);
    const transform = join(transforms, `${name}.js`);
    const j = runNode(jscodeshiftBin, ["--run-in-band", "--parser=flow", "-t", transform, theirs], root);
    expect(j.code, j.stderr).toBe(0);
    const s = safesort(["run", "--jscodeshift", transform, ours, "--parser", "flow", "--write", "--json"], root);
    expect([0, 2]).toContain(s.code);
    const report = JSON.parse(s.stdout) as { files: { path: string; status: string; diagnostics?: { message: string }[] }[] };
    const refused = new Map(report.files.filter((f) => f.status === "failed").map((f) => [f.path.slice(f.path.lastIndexOf("/") + 1), f.diagnostics?.[0]?.message ?? ""]));
    let changed = 0;
    for (const file of readdirSync(theirs)) {
      const a = readFileSync(join(theirs, file), "utf8");
      const b = readFileSync(join(ours, file), "utf8");
      const original = readFileSync(inputs.find((i) => i.endsWith(`/${file.replace(/\.js$/, ".input.js")}`))!, "utf8");
      if (b !== original) changed++;
      if (a === b) continue;
      // Only a refusal may differ, and then safesort left the file as it was.
      expect(refused.get(file), `${name}/${file} differs from jscodeshift's output without a refusal`).toBeDefined();
      expect(b).toBe(original);
    }
    expect(changed).toBeGreaterThan(0);
    // Files jscodeshift failed on fail here too (its errors are the transform's): nothing else is refused.
    for (const [file, reason] of refused) expect(reason, `${file}`).toMatch(/threw|does not parse/);
  });
});
