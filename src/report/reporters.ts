/**
 * The reporters, by `--reporter` name. `text` streams per file (see
 * text.ts and src/cli/sort.ts); the others are pure functions from a whole
 * run to one document printed on stdout at the end.
 */
import { formatGithub } from "./github.js";
import { formatJson, type JsonReport as RunReport } from "./json.js";
import { formatSarif } from "./sarif.js";

export type { JsonReport as RunReport } from "./json.js";

export const REPORTER_NAMES = ["text", "json", "github", "sarif"] as const;

export type ReporterName = (typeof REPORTER_NAMES)[number];

export type DocumentReporter = (report: RunReport) => string;

export const DOCUMENT_REPORTERS: Readonly<Record<Exclude<ReporterName, "text">, DocumentReporter>> = {
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
};
