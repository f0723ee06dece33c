/**
 * `safesort move` on the whole-project fixtures of fixtures/projects/move-*:
 * write mode must turn before/ into after/ byte for byte, `--diff` must write
 * nothing, and moving back must give before/ again (each importer's style
 * survives the round trip).
 */
import { afterAll, describe, expect, it } from "vitest";

import { runMain } from "../cli/project.js";

import { copyProject, expectFixtureCommand, loadProjectFixtures, readTree, removeCopies, reverseMove } from "./fixture-projects.js";

afterAll(removeCopies);

const fixtures = loadProjectFixtures("move-");

describe("move fixtures", () => {
  it("finds the fixtures", () => {
    expect(fixtures.map((f) => f.name)).toContain("move-directory-with-index");
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: ${fixture.command.args.join(" ")}`, async () => {
      const root = await expectFixtureCommand(fixture);
      if (!fixture.command.roundTrip) return;
      const back = await runMain(reverseMove(fixture), root);
      expect(back.code, back.stderr).toBe(0);
      expect(await readTree(root)).toEqual(await readTree(fixture.before));
    });

    if (fixture.after === undefined) continue;
    it(`${fixture.name}: --diff prints the edits, exits 1 and moves nothing`, async () => {
      const root = await copyProject(fixture.before);
      const result = await runMain([...fixture.command.args, "--diff"], root);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toMatch(/^--- a\//);
      expect(await readTree(root)).toEqual(await readTree(fixture.before));
    });
  }
});
