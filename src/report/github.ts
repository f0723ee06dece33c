/**
 * `--reporter github`: GitHub Actions workflow commands, one annotation per
 * problem, which the runner shows on the file and line in the pull request.
 *
 *   ::error file=src/a.ts,line=3,col=7::syntax error: Unexpected token
 *   ::warning file=src/b.ts,line=2,endLine=4::imports are not sorted
 *   ::notice file=src/c.ts,line=1,endLine=2::imports sorted          (write mode)
 *
 * Every command annotates the same way; what a changed file means comes
 * from its `changeRule` (`run`: `rename-import would change this file`,
 * `move`: `move src/a.ts → src/b.ts: would change this file`).
 *
 * Escaping follows the runner's rules: in the message `%`, CR and LF become
 * `%25`, `%0D`, `%0A`; property values also escape `:` and `,` (`%3A`,
 * `%2C`), which would otherwise end the value. Paths are as the run prints
 * them (relative to the working directory, `/`-separated): run from the
 * repository root so that they match the checkout.
 */
import { sep } from "node:path";

import type { Diagnostic } from "../types.js";

import { changeRule, type ChangeRule, type FileReport, type RunReport, writes } from "./model.js";
import { codeWords } from "./text.js";

type Level = "error" | "warning" | "notice";

type Properties = Readonly<Record<string, string | number | undefined>>;

/** All annotations of a run, one per line; an annotation repeated (a broken config fails each file it governs) is printed once. */
export function formatGithub(report: RunReport): string {
  const lines = new Set<string>();
  const rule = changeRule(report);
  const written = writes(report.mode);
  for (const file of report.files) for (const line of annotations(file, rule, written)) lines.add(line);
  return [...lines].join("");
}

function annotations(file: FileReport, rule: ChangeRule, written: boolean): string[] {
  switch (file.status) {
    case "failed":
      return (file.diagnostics ?? []).map((d) => workflowCommand("error", { file: slashes(d.path), line: d.line, col: d.column }, diagnosticMessage(d)));
    case "changed": {
      // A moved file is annotated where it is after the run: its new path once written.
      const path = slashes(written ? (file.newPath ?? file.path) : file.path);
      const where = { file: path, line: file.lines?.start, endLine: file.lines?.end };
      return [written ? workflowCommand("notice", where, rule.done) : workflowCommand("warning", where, rule.pending)];
    }
    case "skipped":
    case "unchanged":
      return [];
  }
}

/** What the annotation says: the diagnostic without its location (the annotation carries that). */
export function diagnosticMessage(d: Diagnostic): string {
  if (d.code === "config-error") return d.message;
  if (d.code === "internal-error") return d.message.startsWith("internal error") ? d.message : `internal error, refusing to write (${d.message})`;
  return `${codeWords(d.code)}: ${d.message}`;
}

/** `::level prop=value,…::message\n`; properties without a value are left out. */
export function workflowCommand(level: Level, properties: Properties, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${level}${props ? ` ${props}` : ""}::${escapeData(message)}\n`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function slashes(path: string): string {
  return path.split(sep).join("/");
}
