/** Config for the single-file commands (`--stdin-filepath`, `explain`): the config, or the diagnostic to print. */
import { resolve } from "node:path";

import { ConfigResolver } from "../config/index.js";
import { SafesortError } from "../errors.js";
import { displayPathFor } from "../report/paths.js";
import type { Diagnostic, ResolvedConfig } from "../types.js";

export function resolverFor(cwd: string, configFile: string | undefined): ConfigResolver {
  return new ConfigResolver(configFile === undefined ? {} : { configFile: resolve(cwd, configFile) });
}

/** Known errors (a ConfigError) become a diagnostic with a cwd-relative path; anything else is a bug and propagates. */
export async function configFor(resolver: ConfigResolver, absPath: string, cwd: string): Promise<ResolvedConfig | Diagnostic> {
  try {
    return await resolver.forFile(absPath);
  } catch (error) {
    if (!(error instanceof SafesortError)) throw error;
    const diagnostic = error.toDiagnostic();
    return { ...diagnostic, path: displayPathFor(cwd, [])(resolve(cwd, diagnostic.path)) };
  }
}

export function isDiagnostic(value: ResolvedConfig | Diagnostic): value is Diagnostic {
  return "code" in value;
}
