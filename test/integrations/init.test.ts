/** `safesort init` on small whole projects in temp directories. */
import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects, runMain, snapshot, SORTED, UNSORTED } from "../cli/project.js";

afterAll(removeProjects);

/** Sorted only if `@acme/ui` is first-party (else it belongs before `react`, in the same group). */
const USES_UI = 'import react from "react";\n\nimport ui from "@acme/ui";\n';

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

describe("safesort init", () => {
  it("writes the package name, npm workspace packages and tsconfig paths, and counts the files that would change under it", async () => {
    const root = await makeProject({
      "package.json": json({ name: "@acme/root", private: true, workspaces: ["packages/*", "!packages/old"] }),
      "packages/ui/package.json": json({ name: "@acme/ui" }),
      "packages/old/package.json": json({ name: "@acme/old" }),
      "packages/noname/package.json": json({ private: true }),
      "tsconfig.base.json": json({ compilerOptions: { paths: { "@/*": ["src/*"] } } }),
      "tsconfig.json": '// comments are fine\n{ "extends": "./tsconfig.base.json" }\n',
      "src/app.ts": USES_UI,
      "src/b.ts": UNSORTED,
    });
    const result = await runMain(["init"], root);
    expect(result).toEqual({
      code: 0,
      stdout:
        "Wrote safesort.config.json with 3 first-party patterns:\n" +
        "  @acme/root  package.json name\n" +
        "  @acme/ui    workspace packages/ui\n" +
        '  @/**        tsconfig paths "@/*"\n' +
        "1 file would be sorted, 1 unchanged\n" +
        "Run `safesort` to sort them.\n",
      stderr: 'safesort: warning: packages/noname/package.json: no "name", so it is not listed\n',
    });
    expect(JSON.parse(await read(root, "safesort.config.json"))).toEqual({ firstParty: ["@acme/root", "@acme/ui", "@/**"] });
    expect(await read(root, "src/b.ts")).toBe(UNSORTED); // init only checks
    // Without the config, @acme/ui was third-party and app.ts unsorted:
    const before = await makeProject({ "src/app.ts": USES_UI });
    expect((await runMain(["--check", "."], before)).stdout).toBe("src/app.ts\n");
  });

  it("reads Yarn's { packages } workspaces", async () => {
    const root = await makeProject({
      "package.json": json({ name: "root", workspaces: { packages: ["libs/*"] } }),
      "libs/a/package.json": json({ name: "@acme/ui" }),
      "src/app.ts": USES_UI,
    });
    const result = await runMain(["init"], root);
    expect(result.code).toBe(0);
    expect(JSON.parse(await read(root, "safesort.config.json"))).toEqual({ firstParty: ["root", "@acme/ui"] });
    expect(result.stdout).toContain("0 files would be sorted, 1 unchanged\n");
    expect(result.stdout).not.toContain("Run `safesort`");
  });

  it("reads pnpm-workspace.yaml", async () => {
    const root = await makeProject({
      "package.json": json({ name: "mono" }),
      "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n  - apps/*  # apps\n  - '!apps/legacy'\n",
      "packages/ui/package.json": json({ name: "@acme/ui" }),
      "apps/web/package.json": json({ name: "@acme/web" }),
      "apps/legacy/package.json": json({ name: "@acme/legacy" }),
    });
    expect((await runMain(["init"], root)).code).toBe(0);
    expect(JSON.parse(await read(root, "safesort.config.json"))).toEqual({ firstParty: ["mono", "@acme/web", "@acme/ui"] });
  });

  it("warns about a pnpm-workspace.yaml it cannot read, and still writes the rest", async () => {
    const root = await makeProject({
      "package.json": json({ name: "mono" }),
      "pnpm-workspace.yaml": "packages:\n  nested:\n    - x\n",
    });
    const result = await runMain(["init"], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'safesort: warning: pnpm-workspace.yaml:2: expected a list item (- pattern); only a simple "packages:" list is understood: workspace packages from it are not listed\n',
    );
    expect(JSON.parse(await read(root, "safesort.config.json"))).toEqual({ firstParty: ["mono"] });
  });

  it("writes an empty firstParty when it finds nothing, and says so", async () => {
    const root = await makeProject({ "a.ts": SORTED });
    const result = await runMain(["init"], root);
    expect(result).toEqual({
      code: 0,
      stdout: "Wrote safesort.config.json: no first-party names found (firstParty is empty)\n0 files would be sorted, 1 unchanged\n",
      stderr: "",
    });
  });

  it("counts files that fail and points at --check", async () => {
    const root = await makeProject({ "a.ts": "import { a from 'a';\n" });
    const result = await runMain(["init"], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("0 files would be sorted, 0 unchanged, 1 failed\nRun `safesort --check` to see the errors.\n");
  });

  it.each([
    ["safesort.config.json", "{}\n", "safesort.config.json"],
    [".safesortrc.json", "{}\n", ".safesortrc.json"],
    ["package.json", json({ name: "x", safesort: {} }), 'package.json ("safesort" key)'],
  ])("refuses to overwrite an existing config (%s): exit 2, nothing written", async (file, text, named) => {
    const root = await makeProject({ [file]: text, "package.json": file === "package.json" ? text : json({ name: "x" }) });
    const before = await snapshot(root, file);
    const result = await runMain(["init"], root);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `safesort: ${named} already configures safesort here; use --force to write safesort.config.json anyway\n` });
    expect(await snapshot(root, file)).toEqual(before);
  });

  it("--force overwrites", async () => {
    const root = await makeProject({ "safesort.config.json": '{ "firstParty": ["old"] }\n', "package.json": json({ name: "fresh" }) });
    const result = await runMain(["init", "--force"], root);
    expect(result.code).toBe(0);
    expect(JSON.parse(await read(root, "safesort.config.json"))).toEqual({ firstParty: ["fresh"] });
  });
});
