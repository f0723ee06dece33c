/**
 * `safesort rename-symbol` on the whole-project fixtures of
 * fixtures/projects/rename-*: write mode must turn before/ into after/ byte
 * for byte; `--check` must list the same files, exit 1 and write nothing.
 */
import { afterAll, describe, expect, it } from "vitest";

import { runMain } from "../cli/project.js";

import { copyProject, expectFixtureCommand, loadProjectFixtures, readTree, removeCopies } from "./fixture-projects.js";

afterAll(removeCopies);

const fixtures = loadProjectFixtures("rename-");

describe("rename-symbol fixtures", () => {
  it("finds the fixtures", () => {
    expect(fixtures.map((f) => f.name)).toContain("rename-through-barrel");
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: ${fixture.command.args.join(" ")}`, async () => {
      await expectFixtureCommand(fixture);
    });

    if (fixture.after === undefined) continue;
    it(`${fixture.name}: --check lists the files, exits 1 and writes nothing`, async () => {
      const root = await copyProject(fixture.before);
      const result = await runMain([...fixture.command.args, "--check"], root);
      expect(result.code, result.stderr).toBe(1);
      const before = await readTree(fixture.before);
      const after = await readTree(fixture.after!);
      const changed = Object.keys(after).filter((path) => after[path] !== before[path]);
      expect(result.stdout.split("\n").filter(Boolean).sort()).toEqual(changed.sort());
      expect(await readTree(root)).toEqual(before);
    });
  }
});
