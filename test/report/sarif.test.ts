import { join } from "node:path";

import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";

import type { FileReport, Mode } from "../../src/report/model.js";
import type { RunReport } from "../../src/report/reporters.js";
import { artifactLocation, formatSarif, SARIF_SCHEMA } from "../../src/report/sarif.js";
import { sarifValidator } from "../helpers/sarif-schema.js";

let validate: ValidateFunction;
beforeAll(async () => {
  validate = await sarifValidator();
});

function run(files: FileReport[], mode: Mode = "check"): RunReport {
  return { version: "0.1.0", command: "sort", mode, summary: { changed: 0, unchanged: 0, skipped: 0, failed: 0 }, files };
}

function expectValid(text: string): unknown {
  const log: unknown = JSON.parse(text);
  const valid = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

const MIXED: FileReport[] = [
  { path: "src/a.ts", status: "changed", lines: { start: 2, end: 4 } },
  { path: "src/ok.ts", status: "unchanged" },
  { path: "src/skip.ts", status: "skipped", reason: "safesort: skip-file" },
  {
    path: "src/broken.ts",
    status: "failed",
    diagnostics: [{ code: "syntax-error", message: "Unexpected token (3:7)", path: "src/broken.ts", line: 3, column: 7 }],
  },
  { path: "src/c.ts", status: "failed", diagnostics: [{ code: "config-error", message: "groups: expected an array", path: "safesort.config.json" }] },
  { path: "src/d.ts", status: "failed", diagnostics: [{ code: "config-error", message: "groups: expected an array", path: "safesort.config.json" }] },
];

describe("formatSarif", () => {
  it("is a valid SARIF 2.1.0 log (official schema)", () => {
    expectValid(formatSarif(run(MIXED)));
    expectValid(formatSarif(run([])));
    expectValid(formatSarif(run(MIXED, "write")));
  });

  it("has one result per file that would change or problem, with rules for each kind", () => {
    expect(JSON.parse(formatSarif(run(MIXED)))).toEqual({
      $schema: SARIF_SCHEMA,
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "safesort",
              version: "0.1.0",
              rules: [
                { id: "unsorted-imports", shortDescription: { text: "Imports are not sorted" }, defaultConfiguration: { level: "warning" } },
                { id: "syntax-error", shortDescription: { text: "Syntax error" }, defaultConfiguration: { level: "error" } },
                { id: "config-error", shortDescription: { text: "Config error" }, defaultConfiguration: { level: "error" } },
              ],
            },
          },
          columnKind: "utf16CodeUnits",
          results: [
            {
              ruleId: "unsorted-imports",
              ruleIndex: 0,
              level: "warning",
              message: { text: "imports are not sorted" },
              locations: [{ physicalLocation: { artifactLocation: { uri: "src/a.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 2, endLine: 4 } } }],
            },
            {
              ruleId: "syntax-error",
              ruleIndex: 1,
              level: "error",
              message: { text: "syntax error: Unexpected token (3:7)" },
              locations: [
                { physicalLocation: { artifactLocation: { uri: "src/broken.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 3, startColumn: 7 } } },
              ],
            },
            {
              ruleId: "config-error",
              ruleIndex: 2,
              level: "error",
              message: { text: "groups: expected an array" },
              locations: [{ physicalLocation: { artifactLocation: { uri: "safesort.config.json", uriBaseId: "%SRCROOT%" } } }],
            },
          ],
        },
      ],
    });
  });

  it("in write mode, notes the sorted files", () => {
    const log = JSON.parse(formatSarif(run([{ path: "a.ts", status: "changed", lines: { start: 1, end: 2 } }], "write")));
    expect(log.runs[0].results[0]).toMatchObject({ level: "note", message: { text: "imports sorted" } });
  });

  it("percent-encodes paths into valid URI references; absolute paths become file:// URIs", () => {
    expect(artifactLocation(join("dir with space", "100%#é.ts"))).toEqual({ uri: "dir%20with%20space/100%25%23%C3%A9.ts", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation(join("..", "up.ts"))).toEqual({ uri: "../up.ts", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("/abs/a b.ts")).toEqual({ uri: "file:///abs/a%20b.ts" });
    const odd: FileReport[] = [
      { path: join("dir with space", "100%#é.ts"), status: "changed", lines: { start: 1, end: 1 } },
      { path: "/abs/a b.ts", status: "changed" },
    ];
    expectValid(formatSarif(run(odd)));
  });

  it("the validator rejects what the schema forbids (it really checks)", () => {
    const log = JSON.parse(formatSarif(run(MIXED)));
    log.runs[0].results[0].level = "fatal";
    expect(validate(log)).toBe(false);
    const badUri = JSON.parse(formatSarif(run(MIXED)));
    badUri.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = "a b.ts";
    expect(validate(badUri)).toBe(false);
    const noVersion = JSON.parse(formatSarif(run(MIXED)));
    delete noVersion.version;
    expect(validate(noVersion)).toBe(false);
  });
});
