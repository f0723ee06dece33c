/** The `--reporter` names (the reporters themselves: reporters.ts, loaded only by a run that uses one of the documents). */
export const REPORTER_NAMES = ["text", "json", "github", "sarif"] as const;

export type ReporterName = (typeof REPORTER_NAMES)[number];
