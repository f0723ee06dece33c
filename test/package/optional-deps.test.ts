/**
 * Optional peer dependencies (src/optional-deps.ts): a missing one fails only
 * what needs it, with the exact install command.
 */
import { describe, expect, it } from "vitest";

import { processFrameworkSource } from "../../src/frameworks/index.js";
import { lazyModule } from "../../src/frameworks/load.js";
import { importOptional, isMissingPackage, MissingDependencyError, OPTIONAL_DEPENDENCIES } from "../../src/optional-deps.js";

describe("optional peer dependencies", () => {
  it("a lazy framework module that is not installed throws MissingDependencyError naming the install command", () => {
    const load = lazyModule("safesort-test-not-installed/compiler", "safesort-test-not-installed");
    expect(load).toThrow(MissingDependencyError);
    expect(load).toThrow("safesort-test-not-installed is needed; install it: npm i -D safesort-test-not-installed");
  });

  it.each(Object.entries(OPTIONAL_DEPENDENCIES))("%s: the message says what needs it and what to install", (name, { install }) => {
    const error = new MissingDependencyError(name, "src/App.x");
    expect(error.code).toBe("missing-dependency");
    expect(error.message).toMatch(new RegExp(`needs ${name.replace(/[/.@-]/g, "\\$&")}, an optional peer dependency of safesort; install it: ${install.replace(/[/.@-]/g, "\\$&")}$`));
  });

  it("a .svelte file whose parser is missing fails with that message; nothing is written (the result is 'failed')", () => {
    const missing = () => {
      throw new MissingDependencyError("svelte");
    };
    const outcome = processFrameworkSource('<script>\nimport b from "b";\nimport a from "a";\n</script>\n', "src/App.svelte", missing, () => ({ status: "unchanged" }));
    expect(outcome).toEqual({
      status: "failed",
      diagnostic: {
        code: "missing-dependency",
        message: "sorting .svelte files needs svelte, an optional peer dependency of safesort; install it: npm i -D svelte@5",
        path: "src/App.svelte",
        line: undefined,
        column: undefined,
      },
    });
  });

  it("only 'cannot find that package' counts as missing: other load errors propagate", async () => {
    await expect(importOptional("esbuild", () => import("safesort-test-not-installed" as string))).rejects.toThrow(Error);
    await expect(importOptional("safesort-test-not-installed", () => import("safesort-test-not-installed" as string))).rejects.toThrow(MissingDependencyError);
    const broken = Object.assign(new Error("boom"), { code: "ERR_INVALID_ARG_TYPE" });
    expect(isMissingPackage(broken, "svelte")).toBe(false);
    expect(isMissingPackage(Object.assign(new Error("Cannot find package 'svelte' imported from /x.js"), { code: "ERR_MODULE_NOT_FOUND" }), "svelte")).toBe(true);
  });
});
