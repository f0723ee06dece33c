/**
 * Unmatched input: discovery for the CLI, where an argument that designates
 * nothing to process must not pass in silence (a CI job would "check" zero
 * files and succeed). On top of discover.ts, per argument:
 *
 *   a glob matching no source file          ─┐
 *   a directory holding no source file       ├─ "error": exit 2 with a message
 *   a file or directory named explicitly     │  "skip":  reported as skipped (or, for an
 *     but ignored (.gitignore, config exclude)│          empty glob/directory, nothing)
 *   a path that does not exist              ─┘  (always an error unless "skip")
 *
 * "skip" is `--no-error-on-unmatched-pattern` (Prettier's name): what hooks
 * use, since pre-commit and lint-staged pass the files they choose by name,
 * and a committed file the config excludes (generated code) must then be left
 * alone without failing the commit.
 *
 * Each argument is discovered on its own; a file named twice is dropped by
 * the pipeline's own dedupe. Ignore rules and exclusion verdicts are cached
 * across arguments, so a hook naming 1,000 files reads each `.gitignore` once.
 */
import { stat } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";

import { displayPath } from "../report/paths.js";

import { discoverBatches, type Discovered, type DiscoverOptions } from "./discover.js";
import { IgnoreRules } from "./gitignore.js";
import { osReason } from "./os-error.js";

export type UnmatchedPolicy = "error" | "skip";

const GLOB_CHARS = /[*?{[]/;
const HINT = "--no-error-on-unmatched-pattern";
/** The reasons discover.ts gives for a named directory that is ignored as a whole. */
const IGNORED_ROOT = new Set(["ignored by a .gitignore file", "excluded by the config's exclude"]);

/**
 * discover.ts's batches (`discoverBatches`, each never empty), with unmatched
 * arguments reported according to `policy` (see the file header).
 */
export async function* discoverCheckedBatches(paths: readonly string[], options: DiscoverOptions, policy: UnmatchedPolicy): AsyncGenerator<Discovered[]> {
  const cwd = resolve(options.cwd);
  const problems: Discovered[] = [];
  const rules = new IgnoreRules((path, error) =>
    problems.push({ kind: "error", diagnostic: { code: "unreadable", message: `cannot read ignore file: ${osReason(error)}`, path: displayPath(cwd, path) } }),
  );
  const excludedDirs = new Map<string, Promise<boolean>>();
  const isExcluded = (abs: string, isDirectory: boolean): Promise<boolean> => Promise.resolve(options.isExcluded?.(abs, isDirectory) ?? false);
  const excludedDir = (dir: string): Promise<boolean> => {
    let verdict = excludedDirs.get(dir);
    if (verdict === undefined) excludedDirs.set(dir, (verdict = isExcluded(dir, true)));
    return verdict;
  };

  /** Why a file named explicitly is not to be processed, if it is ignored or excluded (or lies in a directory that is). */
  async function whyIgnored(abs: string): Promise<string | undefined> {
    const inCwd = abs.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep);
    const scope = await rules.scopeRoot(dirname(abs), inCwd ? cwd : dirname(abs));
    if (await rules.isIgnored(abs, false, scope)) return "matched by a .gitignore file";
    if (await isExcluded(abs, false)) return "matched by the config's exclude";
    const rel = relative(scope, dirname(abs));
    let dir = scope;
    for (const part of rel === "" || rel.startsWith("..") ? [] : rel.split(sep)) {
      dir = resolve(dir, part);
      if (await excludedDir(dir)) return "in a directory matched by the config's exclude";
    }
    return undefined;
  }

  const notProcessed = (abs: string, code: "ignored" | "unmatched", message: string): Discovered =>
    policy === "skip"
      ? { kind: "skipped", path: abs, reason: message }
      : { kind: "error", diagnostic: { code, message: `${message} (named explicitly; ${HINT} skips it)`, path: displayPath(cwd, abs) } };

  for (const arg of paths) {
    const abs = resolve(cwd, arg);
    let files = 0;
    let reported = false;
    for await (const batch of discoverBatches([arg], options)) {
      const out: Discovered[] = problems.splice(0);
      for (const item of batch) {
        // A walk's files (most items) pass as they are.
        if (item.kind === "file" && !item.explicit) {
          files += 1;
          out.push(item);
          continue;
        }
        if (item.kind === "file") {
          const why = await whyIgnored(item.path);
          out.push(...problems.splice(0));
          if (why !== undefined) {
            out.push(notProcessed(item.path, "ignored", why));
            reported = true;
            continue;
          }
        }
        if (item.kind === "skipped" && item.path === abs && IGNORED_ROOT.has(item.reason)) {
          out.push(notProcessed(abs, "ignored", item.reason.replace(/^ignored by/, "matched by").replace(/^excluded by/, "matched by")));
          reported = true;
          continue;
        }
        if (item.kind === "error" && item.diagnostic.code === "not-found" && policy === "skip" && !GLOB_CHARS.test(arg)) {
          out.push({ kind: "skipped", path: abs, reason: item.diagnostic.message });
          reported = true;
          continue;
        }
        if (item.kind === "file") files += 1;
        if (item.kind !== "file" && item.kind !== "skipped") reported = true;
        out.push(item);
      }
      if (out.length > 0) yield out;
    }
    if (files === 0 && !reported && policy === "error" && (await designatesMany(arg, abs))) {
      const what = GLOB_CHARS.test(arg) && !(await isDirectory(abs)) ? "no source file matches this pattern" : "no source file in this directory";
      yield [{ kind: "error", diagnostic: { code: "unmatched", message: `${what} (${HINT} allows that)`, path: arg } }];
    }
  }
}

/** A glob or a directory (as opposed to a file named explicitly). */
async function designatesMany(arg: string, abs: string): Promise<boolean> {
  return (await isDirectory(abs)) || GLOB_CHARS.test(arg);
}

async function isDirectory(abs: string): Promise<boolean> {
  return stat(abs).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
