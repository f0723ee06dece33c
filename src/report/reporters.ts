/**
 * The reporters, by `--reporter` name, for every command. `text` streams per
 * file (text.ts, printed by stream.ts); the others are pure functions from a
 * whole run to one document printed on stdout at the end, loaded (stream.ts)
 * only by a run that prints one.
 */
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import type { RunReport } from "./model.js";
import type { ReporterName } from "./reporter-names.js";
import { formatSarif } from "./sarif.js";

export type { RunReport } from "./model.js";

export type DocumentReporter = (report: RunReport) => string;

export const DOCUMENT_REPORTERS: Readonly<Record<Exclude<ReporterName, "text">, DocumentReporter>> = {
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
};
