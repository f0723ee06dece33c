/**
 * The rule never fixes what the verifier refuses: with the verifier made to
 * refuse every render, the rule reports the refusal and offers no fix, and
 * `verifyAndFix` leaves the text as it was. (The verifier is the CLI's; its
 * own mutation tests live in test/verify.test.ts.)
 */
import { join } from "node:path";

import { Linter } from "eslint";
import { afterAll, describe, expect, it, vi } from "vitest";

import safesort from "../../src/plugins/eslint.js";
import { makeProject, removeProjects } from "../cli/project.js";

vi.mock("../../src/verify/verify.js", () => ({ verifyOutput: () => "a barrier moved (forced by this test)" }));

afterAll(removeProjects);

describe("safesort/sort-imports when the verifier refuses", () => {
  it("reports the refusal without a fix, and --fix changes nothing", async () => {
    const root = await makeProject({});
    const file = join(root, "a.js");
    const text = 'import b from "b";\nimport a from "a";\n\nrun(a, b);\n';
    const linter = new Linter({ cwd: root });
    const config = [safesort.configs.recommended];
    const messages = linter.verify(text, config, file);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: "safesort/sort-imports", messageId: "failed", line: 1 });
    expect(messages[0]!.message).toContain("refusing to write (a barrier moved (forced by this test))");
    expect(messages[0]!.fix).toBeUndefined();
    const fixed = linter.verifyAndFix(text, config, file);
    expect(fixed.fixed).toBe(false);
    expect(fixed.output).toBe(text);
  });
});
