/**
 * Asking the language service where a rename changes text, and turning the
 * answer into plain text edits per file.
 *
 * The service is asked with `providePrefixAndSuffixTextForRename`, which is
 * what keeps every other name in place:
 *
 *   import { sum } from "./math";          (rename started at this import) → import { sum as add } …
 *   const api = { sum };                   shorthand keeps the object's key → const api = { sum: add };
 *   const { sum } = math;                  destructuring keeps the local    → const { add: sum } = math;
 *
 * With that option the service also keeps the public name of a module that
 * re-exports the symbol (`export { sum } from "./math"` → `export { add as
 * sum } from "./math"`), as editors do. Unless `keepReexportNames` is set,
 * such a re-export is renamed too: the service is asked once more, at the
 * re-export, and its importers follow. One question per module that passes
 * the name on, never one per reference.
 */
import type { ts as TsNamespace } from "ts-morph";

import type { Edit } from "../edit/apply.js";
import { SafesortError } from "../errors.js";

import type { RenameStart } from "./locate.js";
import { analysis, type LoadedProject, sourceFileOf } from "./project.js";

/** One place the rename changes, as the service reported it. */
export interface RenameSite {
  /** Absolute path. */
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly prefixText: string;
  readonly suffixText: string;
}

export interface RenameQuery {
  /** The name being renamed, as written at the start position. */
  readonly oldName: string;
  readonly sites: readonly RenameSite[];
}

export interface RenameLocationOptions {
  /** Keep the public name of re-exporting modules (`export { new as old }`), as editors do. */
  readonly keepReexportNames?: boolean;
}

/** All places that change when the symbol at `start` is renamed. Throws SafesortError when it cannot be renamed. */
export function findRenameSites(loaded: LoadedProject, start: RenameStart, options: RenameLocationOptions = {}): RenameQuery {
  const { service } = analysis(loaded);
  const info = service.getRenameInfo(start.file, start.position, { allowRenameOfImportPath: false });
  if (!info.canRename) {
    const { line, column } = lineColumn(loaded, start.file, start.position);
    throw new SafesortError("not-found", `cannot rename here: ${info.localizedErrorMessage}`, start.file, line, column);
  }
  const oldName = textAt(loaded, start.file, info.triggerSpan);
  const sites = new Map<string, RenameSite>();
  /** Re-exports whose public name is renamed too: their text becomes the new name alone. */
  const followed = new Set<string>();
  const queue: RenameStart[] = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const found = service.findRenameLocations(next.file, next.position, false, false, { providePrefixAndSuffixTextForRename: true }) ?? [];
    for (const location of found) {
      const site: RenameSite = {
        file: location.fileName,
        start: location.textSpan.start,
        end: location.textSpan.start + location.textSpan.length,
        prefixText: location.prefixText ?? "",
        suffixText: location.suffixText ?? "",
      };
      const key = `${site.file}\0${site.start}`;
      if (!options.keepReexportNames && keepsPublicName(loaded, site, oldName) && !followed.has(key)) {
        followed.add(key);
        queue.push({ file: site.file, position: site.start });
      }
      if (!sites.has(key)) sites.set(key, site);
    }
  }
  const merged = [...sites.entries()].map(([key, site]) => (followed.has(key) ? { ...site, prefixText: "", suffixText: "" } : site));
  return { oldName, sites: merged };
}

/** `export { sum }` reported as `export { add as sum }`: a re-export keeping its public name. */
function keepsPublicName(loaded: LoadedProject, site: RenameSite, oldName: string): boolean {
  if (site.prefixText !== "" || site.suffixText !== ` as ${oldName}`) return false;
  const node = nodeAt(loaded, site.file, site.start);
  return node !== undefined && loaded.ts.isExportSpecifier(node.parent) && node.parent.propertyName === undefined;
}

/** The edits of a rename to `newName`, grouped per file (absolute path → edits). */
export function renameEdits(sites: readonly RenameSite[], newName: string): Map<string, Edit[]> {
  const byFile = new Map<string, Edit[]>();
  for (const site of sites) {
    const edits = byFile.get(site.file) ?? [];
    edits.push({ start: site.start, end: site.end, text: site.prefixText + newName + site.suffixText });
    byFile.set(site.file, edits);
  }
  return byFile;
}

/** The innermost node starting at `position` (an identifier or string literal for rename sites). */
export function nodeAt(loaded: LoadedProject, file: string, position: number): TsNamespace.Node | undefined {
  const sourceFile = sourceFileOf(loaded, file);
  if (sourceFile === undefined) return undefined;
  const { ts } = loaded;
  let found: TsNamespace.Node | undefined;
  const visit = (node: TsNamespace.Node): void => {
    if (position < node.getStart(sourceFile) || position >= node.end) return;
    found = node;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

function textAt(loaded: LoadedProject, file: string, span: TsNamespace.TextSpan): string {
  const text = sourceFileOf(loaded, file)?.text ?? "";
  return text.slice(span.start, span.start + span.length);
}

export function lineColumn(loaded: LoadedProject, file: string, position: number): { line: number; column: number } {
  const sourceFile = sourceFileOf(loaded, file);
  if (sourceFile === undefined) return { line: 1, column: 1 };
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(position);
  return { line: line + 1, column: character + 1 };
}
