/**
 * What both plugins stand on: the synchronous config bridge answers what the
 * CLI's resolver answers (and sees an edited config after its freshness
 * window), the smallest changed range rebuilds the output exactly, and the
 * extensions the plugins sort are the ones the CLI walks.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { SOURCE_EXTENSIONS } from "../../src/files/discover.js";
import { loadConfig } from "../../src/index.js";
import { configForFileSync } from "../../src/plugins/config-bridge.js";
import { changedRange, FRAMEWORK_EXTENSIONS, SCRIPT_EXTENSIONS } from "../../src/plugins/host.js";
import { makeProject, removeProjects } from "../cli/project.js";

afterAll(removeProjects);

describe("configForFileSync", () => {
  it("answers, synchronously, the config the CLI resolves (cascade included), and the config's exclude", async () => {
    const root = await makeProject({
      "package.json": JSON.stringify({ name: "app", safesort: { firstParty: ["axios"] } }),
      "lib/.safesortrc.json": JSON.stringify({ blankLinesBetweenGroups: false, exclude: ["gen/**"] }),
    });
    for (const file of [join(root, "a.ts"), join(root, "lib", "b.ts")]) {
      const answer = configForFileSync(file);
      expect("config" in answer && answer.config).toEqual(await loadConfig(file));
      expect("excluded" in answer && answer.excluded).toBe(false);
    }
    expect(configForFileSync(join(root, "lib", "gen", "c.ts"))).toMatchObject({ excluded: true });
  });

  it("an invalid config is an answer (a located diagnostic), not an exception", async () => {
    const root = await makeProject({ "safesort.config.json": "{ \"groups\": 3 }" });
    const answer = configForFileSync(join(root, "a.ts"));
    expect(answer).toMatchObject({ error: { code: "config-error", path: join(root, "safesort.config.json") } });
  });

  it("sees an edited config once its cached reads are older than a second", async () => {
    const root = await makeProject({ ".safesortrc.json": JSON.stringify({ typeImports: "first" }) });
    const file = join(root, "a.ts");
    expect(configForFileSync(file)).toMatchObject({ config: { typeImports: "first" } });
    await writeFile(join(root, ".safesortrc.json"), JSON.stringify({ typeImports: "last" }));
    await sleep(1100);
    expect(configForFileSync(file)).toMatchObject({ config: { typeImports: "last" } });
  });
});

describe("changedRange", () => {
  it("replacing the range of `before` with its text gives `after`, and the range is as small as the common prefix and suffix allow", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", "\n", "\r") }), fc.string({ unit: fc.constantFrom("a", "b", "\n", "\r") }), (before, after) => {
        const { start, end, text } = changedRange(before, after);
        expect(before.slice(0, start) + text + before.slice(end)).toBe(after);
        if (start < end && text.length > 0) {
          expect(before[start]).not.toBe(text[0]);
          expect(before[end - 1]).not.toBe(text[text.length - 1]);
        }
      }),
    );
  });
});

it("the plugins sort exactly the extensions the CLI walks", () => {
  expect([...SCRIPT_EXTENSIONS, ...FRAMEWORK_EXTENSIONS].sort()).toEqual([...SOURCE_EXTENSIONS].sort());
});
