/**
 * The reporters, by `--reporter` name, for every command. `text` streams per
 * file (text.ts, printed by stream.ts); the others are pure functions from a
 * whole run to one document printed on stdout at the end.
 */
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import type { RunReport } from "./model.js";
import { formatSarif } from "./sarif.js";

export type { RunReport } from "./model.js";

export const REPORTER_NAMES = ["text", "json", "github", "sarif"] as const;

export type ReporterName = (typeof REPORTER_NAMES)[number];

export type DocumentReporter = (report: RunReport) => string;

export const DOCUMENT_REPORTERS: Readonly<Record<Exclude<ReporterName, "text">, DocumentReporter>> = {
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
};
