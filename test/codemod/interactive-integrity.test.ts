/**
 * `safesort run --interactive` through the real binary with scripted answers:
 * hunks that depend on each other (a call and the import it needs, an
 * import removal and the last use it removed) cannot be applied one without
 * the other; the file is then not written and the message names the hunks.
 */
import { afterAll, describe, expect, it } from "vitest";

import { makeProject, read, removeProjects } from "../cli/project.js";
import { safesort } from "../helpers/bin.js";

afterAll(removeProjects);

/** Ten lines between the import block and the code: the import and the call are separate hunks. */
const FILLER = Array.from({ length: 10 }, (_, i) => `keep(${i});\n`).join("");

const LOGGER = 'export default (q) => q.selectCall("console.warn").rename("logger.warn").ensureImport({ from: "./logger", name: "logger" });\n';
const LOGGER_SOURCE = `import { keep } from "./keep";\n\n${FILLER}console.warn("late");\n`;

const REACT = 'export default (q) => q.selectPattern("React.useState($$$A)").replace("useState($$$A)").removeImport({ from: "react", default: true }).ensureImport({ from: "react", name: "useState" });\n';
const REACT_SOURCE = `import React from "react";\n\n${FILLER}export const [n] = React.useState(0);\n`;

async function review(codemod: string, source: string, answers: string) {
  const root = await makeProject({ "codemod.js": codemod, "src/a.js": source });
  const result = safesort(["run", "codemod.js", "src", "--interactive"], root, answers);
  return { result, text: await read(root, "src/a.js") };
}

describe("safesort run --interactive: hunks that go together", () => {
  it("refuses the call hunk without the hunk adding its import, and writes nothing", async () => {
    const { result, text } = await review(LOGGER, LOGGER_SOURCE, "n\ny\n");
    expect(result.stdout).toContain("(2/2) Apply this hunk to src/a.js");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "src/a.js: codemod error: hunks 1 and 2 go together (1 not applied, 2 applied): applied apart, they changed what logger refers to (was the import logger at 2:10, now unresolved (a global)) (positions in the codemod's output); nothing written",
    );
    expect(text).toBe(LOGGER_SOURCE);
  });

  it("writes the call with its import when both are applied", async () => {
    const { result, text } = await review(LOGGER, LOGGER_SOURCE, "y\ny\n");
    expect(result.code).toBe(0);
    expect(text).toBe(`import { keep } from "./keep";\nimport { logger } from "./logger";\n\n${FILLER}logger.warn("late");\n`);
  });

  it("refuses removing an import while the hunk rewriting its last use is skipped", async () => {
    const { result, text } = await review(REACT, REACT_SOURCE, "y\nn\n");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/src\/a\.js:13:20: codemod error: hunks 1 and 2 go together \(1 applied, 2 not applied\): applied apart, they changed what React refers to \(was the import React at 1:8, now unresolved \(a global\)\); nothing written/);
    expect(text).toBe(REACT_SOURCE);
  });

  it("lets independent hunks be chosen one by one", async () => {
    const { result, text } = await review(REACT, REACT_SOURCE, "n\nn\n");
    expect(result.code).toBe(0);
    expect(text).toBe(REACT_SOURCE);
  });
});
