/** What every reporter formats: a whole run, as plain data (the `--json` document's shape). */
export type { JsonReport as RunReport } from "../json.js";
