/**
 * `safesort init [--force]`: write safesort.config.json in the working
 * directory with the first-party names the project declares, then run the
 * check pipeline under it and say how many files would change.
 *
 *   Wrote safesort.config.json with 2 first-party patterns:
 *     @acme/app  package.json name
 *     @acme/ui   workspace packages/ui
 *   4 files would be sorted, 10 unchanged
 *   Run `safesort` to sort them.
 *
 * An existing config in the directory (any file safesort would read there)
 * is never replaced without `--force`: exit 2.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { CONFIG_FILE_NAMES } from "../config/index.js";
import { firstPartyEntries, type FirstPartyEntry, initConfigText } from "../init/detect.js";
import { gatherFacts } from "../init/project.js";
import { collectRun } from "../pipeline/run.js";
import { formatSummary } from "../report/text.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_ERROR, EXIT_OK } from "./io.js";

export const INIT_FILE = "safesort.config.json";

export async function runInit(options: Pick<CliOptions, "force" | "jobs">, io: CliIo): Promise<number> {
  const existing = await existingConfig(io.cwd);
  if (existing !== undefined && !options.force) {
    io.stderr.write(`safesort: ${existing} already configures safesort here; use --force to write ${INIT_FILE} anyway\n`);
    return EXIT_ERROR;
  }
  const { facts, warnings } = await gatherFacts(io.cwd);
  for (const warning of warnings) io.stderr.write(`safesort: warning: ${warning}\n`);
  const entries = firstPartyEntries(facts);
  try {
    await writeFile(join(io.cwd, INIT_FILE), initConfigText(entries), { flag: options.force ? "w" : "wx" });
  } catch (error) {
    io.stderr.write(`safesort: cannot write ${INIT_FILE}: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  io.stdout.write(formatWritten(entries));
  const { summary } = await collectRun(["."], { mode: "check", cwd: io.cwd, jobs: options.jobs });
  io.stdout.write(formatSummary(summary, "check"));
  if (summary.changed > 0) io.stdout.write("Run `safesort` to sort them.\n");
  if (summary.failed > 0) io.stdout.write("Run `safesort --check` to see the errors.\n");
  return EXIT_OK;
}

/** The config file safesort would read in `dir` (package.json only with a "safesort" key), if any. */
async function existingConfig(dir: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    if ((await readFile(join(dir, name)).catch(() => undefined)) !== undefined) return name;
  }
  const manifest = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
  if (manifest === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(manifest);
    return typeof value === "object" && value !== null && Object.hasOwn(value, "safesort") ? 'package.json ("safesort" key)' : undefined;
  } catch {
    return undefined;
  }
}

/** What was written, one pattern a line with where it came from. */
export function formatWritten(entries: readonly FirstPartyEntry[]): string {
  if (entries.length === 0) return `Wrote ${INIT_FILE}: no first-party names found (firstParty is empty)\n`;
  const width = Math.max(...entries.map((entry) => entry.pattern.length));
  const lines = entries.map((entry) => `  ${entry.pattern.padEnd(width)}  ${entry.source}\n`);
  return `Wrote ${INIT_FILE} with ${entries.length} first-party ${entries.length === 1 ? "pattern" : "patterns"}:\n${lines.join("")}`;
}
