/** `safesort explain <file>`: how a file would be sorted, block by block. */
import { resolve } from "node:path";

import { configResolver } from "../config/index.js";
import { SafesortError } from "../errors.js";
import { readSourceFile } from "../files/read.js";
import { explainFile } from "../pipeline/explain.js";
import { configOrDiagnostic, isDiagnostic } from "../pipeline/sources.js";
import { displayPathFor } from "../report/paths.js";
import { formatDiagnostic, formatExplanation } from "../report/text.js";
import type { AppliedConfig, Diagnostic } from "../types.js";

import type { CliOptions } from "./args.js";
import { type CliIo, EXIT_ERROR, EXIT_OK } from "./io.js";

export async function runExplain(options: CliOptions & { file: string }, io: CliIo): Promise<number> {
  const absPath = resolve(io.cwd, options.file);
  const path = displayPathFor(io.cwd, [options.file])(absPath);
  const read = await readSourceFile(absPath, path);
  if (!read.ok) return fail(read.diagnostic, io);
  const config = await configOrDiagnostic(configResolver(io.cwd, options.config), absPath, displayPathFor(io.cwd, []));
  if (isDiagnostic(config)) return fail(config, io);
  let explanation;
  try {
    explanation = explainFile(read.text, path, config);
  } catch (error) {
    if (error instanceof SafesortError) return fail(error.toDiagnostic(), io);
    throw error;
  }
  const show = displayPathFor(io.cwd, [options.file]);
  const configs = config.appliedConfigs.map(({ file, key }) => ({ file: show(file), key }));
  const text = () => formatExplanation(path, explanation) + formatConfigs(configs);
  io.stdout.write(options.json ? JSON.stringify({ path, ...explanation, configs }, null, 2) + "\n" : text());
  return EXIT_OK;
}

/** `config: package.json (safesort), src/lib/.safesortrc.json, src/lib/.safesortrc.json (overrides[0])`: in the order applied. */
function formatConfigs(configs: readonly AppliedConfig[]): string {
  if (configs.length === 0) return "config: none (defaults)\n";
  return `config: ${configs.map(({ file, key }) => (key === "" ? file : `${file} (${key})`)).join(", ")}\n`;
}

function fail(diagnostic: Diagnostic, io: CliIo): number {
  io.stderr.write(formatDiagnostic(diagnostic));
  return EXIT_ERROR;
}
