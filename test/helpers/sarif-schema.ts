/**
 * The SARIF 2.1.0 JSON schema, offline: the copy shipped by the pinned
 * devDependency @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json,
 * MIT; the schema itself is OASIS's). It is written as a draft-04 schema;
 * ajv 8 compiles it as draft-07 once its draft-04 `$schema`/`id` header is
 * removed (it uses no keyword whose meaning changed between the drafts).
 *
 * Formats are checked strictly (RFC 3986 characters only), not with the
 * lenient WHATWG URL parser, which would accept "a b.ts".
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

import { Ajv, type ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);

const SARIF_SCHEMA_FILE = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export async function sarifValidator(): Promise<ValidateFunction> {
  const schema = JSON.parse(await readFile(SARIF_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  delete schema["$schema"];
  delete schema["id"];
  // unicodeRegExp: false: the schema's `language` pattern has a stray `]`, legal only outside unicode mode.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", (value: string) => URI_CHARS.test(value) && SCHEME.test(value));
  ajv.addFormat("uri-reference", (value: string) => URI_CHARS.test(value));
  ajv.addFormat("date-time", (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value));
  return ajv.compile(schema);
}
