/**
 * `--reporter sarif`: one SARIF 2.1.0 log (OASIS Static Analysis Results
 * Interchange Format), for GitHub code scanning and other SARIF viewers.
 *
 * One run; its rules are the command's change rule (model.ts `changeRule`:
 * the sorter's `unsorted-imports`, `codemod`, `rename-symbol`, `move`; a file
 * that would change, level `warning`; when the run writes, a `note` that it
 * changed) and one rule per kind of problem that occurred (`syntax-error`, `config-error`, …, level
 * `error`). Locations are relative URI references (percent-encoded, against
 * `%SRCROOT%`, the directory the run was made in), or `file://` URIs for
 * files given by absolute path outside it. Lines and columns are 1-based.
 */
import { isAbsolute, sep } from "node:path";
import { pathToFileURL } from "node:url";

import type { Diagnostic, DiagnosticCode } from "../types.js";

import { diagnosticMessage } from "./github.js";
import { changeRule, type ChangeRule, type FileReport, type RunReport, writes } from "./model.js";
import { codeWords } from "./text.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

type Level = "error" | "warning" | "note";

interface Region {
  readonly startLine: number;
  readonly startColumn?: number;
  readonly endLine?: number;
}

interface Result {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: Level;
  readonly message: { readonly text: string };
  readonly locations: readonly {
    readonly physicalLocation: { readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string }; readonly region?: Region };
  }[];
}

/** The SARIF log of a run, pretty-printed, newline-terminated. */
export function formatSarif(report: RunReport): string {
  const change = changeRule(report);
  const ruleIds: string[] = [change.id];
  const ruleIndex = (id: string) => {
    if (!ruleIds.includes(id)) ruleIds.push(id);
    return ruleIds.indexOf(id);
  };
  const results = new Map<string, Result>();
  for (const file of report.files) {
    for (const result of resultsFor(file, change, writes(report.mode), ruleIndex)) results.set(JSON.stringify(result), result);
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "safesort", version: report.version, rules: ruleIds.map((id) => rule(id, change)) } },
        columnKind: "utf16CodeUnits",
        results: [...results.values()],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

function resultsFor(file: FileReport, change: ChangeRule, written: boolean, ruleIndex: (id: string) => number): Result[] {
  switch (file.status) {
    case "failed":
      return (file.diagnostics ?? []).map((d) => diagnosticResult(d, ruleIndex));
    case "changed": {
      const region = file.lines === undefined ? undefined : { startLine: file.lines.start, endLine: file.lines.end };
      const message = written ? change.done : change.pending;
      // A moved file is located where it is after the run: its new path once written.
      const path = written ? (file.newPath ?? file.path) : file.path;
      return [result(change.id, ruleIndex(change.id), written ? "note" : "warning", message, path, region)];
    }
    case "skipped":
    case "unchanged":
      return [];
  }
}

function diagnosticResult(d: Diagnostic, ruleIndex: (id: string) => number): Result {
  const region = d.line === undefined ? undefined : { startLine: d.line, ...(d.column === undefined ? {} : { startColumn: d.column }) };
  return result(d.code, ruleIndex(d.code), "error", diagnosticMessage(d), d.path, region);
}

function result(ruleId: string, index: number, level: Level, text: string, path: string, region: Region | undefined): Result {
  const physicalLocation = { artifactLocation: artifactLocation(path), ...(region === undefined ? {} : { region }) };
  return { ruleId, ruleIndex: index, level, message: { text }, locations: [{ physicalLocation }] };
}

/** A relative path as a percent-encoded URI reference against %SRCROOT%; an absolute one as a file:// URI. */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function rule(id: string, change: ChangeRule): { id: string; shortDescription: { text: string }; defaultConfiguration: { level: Level } } {
  if (id === change.id) {
    return { id, shortDescription: { text: change.description }, defaultConfiguration: { level: "warning" } };
  }
  return { id, shortDescription: { text: capitalize(codeWords(id as DiagnosticCode)) }, defaultConfiguration: { level: "error" } };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
