import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects, runMain } from "./project.js";

afterAll(removeProjects);

const UNSORTED = 'import { x } from "./x";\nimport axios from "axios";\nimport React from "react";\n\nx(axios, React);\n';

/** The issue's example: package.json says axios is first-party, src/lib only turns blank lines off. */
function issueProject() {
  return makeProject({
    "package.json": JSON.stringify({ name: "app", safesort: { firstParty: ["axios"] } }),
    "src/lib/.safesortrc.json": JSON.stringify({ blankLinesBetweenGroups: false, overrides: [{ files: ["*.test.ts"], typeImports: "last" }] }),
    "src/lib/a.ts": UNSORTED,
    "src/lib/a.test.ts": UNSORTED,
    "src/b.ts": UNSORTED,
  });
}

describe("nested configs through the CLI", () => {
  it("sorts under src/lib with both configs: axios stays first-party, no blank lines", async () => {
    const root = await issueProject();
    expect((await runMain(["src"], root)).code).toBe(0);
    expect(await read(root, "src/lib/a.ts")).toBe('import React from "react";\nimport axios from "axios";\nimport { x } from "./x";\n\nx(axios, React);\n');
    expect(await read(root, "src/b.ts")).toBe('import React from "react";\n\nimport axios from "axios";\n\nimport { x } from "./x";\n\nx(axios, React);\n');
  });

  it("explain names the configs applied, in order, overrides included", async () => {
    const root = await issueProject();
    const text = await runMain(["explain", "src/lib/a.test.ts"], root);
    expect(text.code).toBe(0);
    expect(text.stdout.endsWith("config: package.json (safesort), src/lib/.safesortrc.json, src/lib/.safesortrc.json (overrides[0])\n")).toBe(true);
    const doc = JSON.parse((await runMain(["explain", "--json", "src/lib/a.ts"], root)).stdout) as { configs: unknown };
    expect(doc.configs).toEqual([
      { file: "package.json", key: "safesort" },
      { file: "src/lib/.safesortrc.json", key: "" },
    ]);
    const none = await makeProject({ "a.ts": UNSORTED });
    expect((await runMain(["explain", "a.ts"], none)).stdout.endsWith("config: none (defaults)\n")).toBe(true);
  });

  it("--json names each file's configs", async () => {
    const root = await issueProject();
    const result = await runMain(["--check", "--json", "src"], root);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as { files: { path: string; configs?: unknown }[] };
    const configs = Object.fromEntries(doc.files.map((f) => [f.path, f.configs]));
    expect(configs).toEqual({
      "src/b.ts": [{ file: "package.json", key: "safesort" }],
      "src/lib/a.test.ts": [
        { file: "package.json", key: "safesort" },
        { file: "src/lib/.safesortrc.json", key: "" },
        { file: "src/lib/.safesortrc.json", key: "overrides[0]" },
      ],
      "src/lib/a.ts": [
        { file: "package.json", key: "safesort" },
        { file: "src/lib/.safesortrc.json", key: "" },
      ],
    });
  });

  it("an invalid override fails the run with the located message, exit 2", async () => {
    const root = await makeProject({ ".safesortrc.json": JSON.stringify({ overrides: [{ files: ["**"], typeImports: 3 }] }), "a.ts": UNSORTED });
    const result = await runMain(["--check", "."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(".safesortrc.json:1:45: overrides[0].typeImports: expected one of \"first\", \"last\", \"inline\", got number\n0 files would be sorted, 0 unchanged, 1 failed\n");
  });
});
