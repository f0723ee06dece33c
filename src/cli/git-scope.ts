/**
 * `--changed [ref]` and `--staged` for a sort run: git lists the files before
 * the run starts (a git problem stops everything, exit 2), the run's source
 * yields those under the given paths, and after a `--staged` run in write mode
 * the files it sorted are staged again, so the commit gets the sorted text.
 * That is safe because write mode refused every file that also had unstaged
 * changes: for the others, working tree and index held the same text.
 */
import { resolve } from "node:path";

import { GitError } from "../git/git.js";
import { type GitScope, listScope, restage } from "../git/scope.js";
import { scopeSource } from "../git/source.js";
import type { RunOptions } from "../pipeline/run.js";
import type { FileReport } from "../report/model.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_ERROR, EXIT_OK } from "./io.js";

export interface GitScopedRun {
  readonly source: NonNullable<RunOptions["source"]>;
  /** Pass the run's reports through, remembering the files written. */
  track(reports: AsyncIterable<FileReport>): AsyncIterable<FileReport>;
  /** After the run: re-stage what `--staged` sorted. Resolves to an exit code (2 if git failed). */
  finish(): Promise<number>;
}

/** Ask git for the scope; "failed" once the error is printed. */
export async function gitScoped(options: Pick<CliOptions, "mode" | "paths">, scope: GitScope, io: CliIo): Promise<GitScopedRun | "failed"> {
  let files;
  try {
    files = await listScope(io.cwd, scope);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.stderr.write(`safesort: ${error.message}\n`);
    return "failed";
  }
  const restaging = scope.kind === "staged" && options.mode === "write";
  const written: string[] = [];
  return {
    source: scopeSource(files, options.paths, { refusePartiallyStaged: restaging }),
    async *track(reports) {
      for await (const report of reports) {
        if (restaging && report.status === "changed") written.push(resolve(io.cwd, report.path));
        yield report;
      }
    },
    async finish() {
      if (written.length === 0) return EXIT_OK;
      try {
        await restage(files.root, written);
        return EXIT_OK;
      } catch (error) {
        if (!(error instanceof GitError)) throw error;
        io.stderr.write(`safesort: sorted files could not be staged again: ${error.message}\n`);
        return EXIT_ERROR;
      }
    },
  };
}
