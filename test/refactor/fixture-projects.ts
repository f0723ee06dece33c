import { readdirSync, readFileSync, statSync } from "node:fs";
/**
 * Whole-project fixtures for the refactors, named by behaviour:
 *
 *   fixtures/projects/<behaviour>/before/        the project as the user has it
 *   fixtures/projects/<behaviour>/after/         the project after the command (absent: must stay as before)
 *   fixtures/projects/<behaviour>/command.json   { args, exit, stdout?, stderr?, roundTrip? }
 *
 * `roundTrip` (moves): `true` runs the reverse move (`move <to> <from>`), or
 * gives its args; the project must then be byte-identical to `before/`.
 * Trees are compared file by file, byte for byte (empty directories aside).
 */
import { cp, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

import { expect } from "vitest";

import { runMain } from "../cli/project.js";
import { makeTempDir, removeTree } from "../helpers/tree.js";

const PROJECTS = new URL("../../fixtures/projects/", import.meta.url).pathname;

export interface ProjectFixture {
  readonly name: string;
  readonly before: string;
  /** Absent when the command must leave the project as it is. */
  readonly after: string | undefined;
  readonly command: {
    readonly args: readonly string[];
    readonly exit: number;
    readonly stdout?: string;
    readonly stderr?: string;
    readonly roundTrip?: boolean | readonly string[];
  };
}

/** The fixtures whose name starts with `prefix` (`rename-`, `move-`), sorted. */
export function loadProjectFixtures(prefix: string): ProjectFixture[] {
  return readdirSync(PROJECTS)
    .filter((name) => name.startsWith(prefix))
    .sort()
    .map((name) => {
      const dir = join(PROJECTS, name);
      const after = join(dir, "after");
      return {
        name,
        before: join(dir, "before"),
        after: exists(after) ? after : undefined,
        command: JSON.parse(readFileSync(join(dir, "command.json"), "utf8")) as ProjectFixture["command"],
      };
    });
}

function exists(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const temps: string[] = [];

/** A copy of `dir` in a fresh temp directory. */
export async function copyProject(dir: string): Promise<string> {
  const root = await makeTempDir("refactor");
  temps.push(root);
  await cp(dir, root, { recursive: true });
  return root;
}

export async function removeCopies(): Promise<void> {
  for (const root of temps.splice(0)) await removeTree(root);
}

/** Every file under `root`: `/`-separated relative path → content. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const tree: Record<string, string> = {};
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  for (const file of files.sort()) tree[relative(root, file).split(sep).join("/")] = await readFile(file, "utf8");
  return tree;
}

/** The reverse of a move fixture's command. */
export function reverseMove(fixture: ProjectFixture): string[] {
  const { args, roundTrip } = fixture.command;
  if (Array.isArray(roundTrip)) return [...roundTrip];
  return ["move", args[2]!, args[1]!];
}

/**
 * Run a fixture's command on a fresh copy of before/ and expect its output,
 * exit code and resulting tree (after/, or before/ when nothing may change).
 * Resolves to the copy, for checks that go on from there.
 */
export async function expectFixtureCommand(fixture: ProjectFixture): Promise<string> {
  const root = await copyProject(fixture.before);
  const result = await runMain(fixture.command.args, root);
  if (fixture.command.stderr !== undefined) expect(result.stderr).toBe(fixture.command.stderr);
  if (fixture.command.stdout !== undefined) expect(result.stdout).toBe(fixture.command.stdout);
  expect(result.code, result.stderr).toBe(fixture.command.exit);
  expect(await readTree(root)).toEqual(await readTree(fixture.after ?? fixture.before));
  return root;
}
