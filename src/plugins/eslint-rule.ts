/**
 * `safesort/sort-imports`: the CLI's sorter as an ESLint rule.
 *
 * Detection and fix are one call of the CLI's pure core (host.ts →
 * processSource: planner, splice, verifier) on `context.sourceCode.text`,
 * with the config the CLI would resolve for the linted file. Each unsorted
 * block is reported at its first line; every report carries the same fix:
 * the whole verified output, as the smallest replaced range. ESLint applies
 * one of the identical fixes and drops the others as overlapping, so `--fix`
 * writes exactly what `safesort` writes, and an editor's "fix this problem"
 * never applies a partial, unverified result. A refusal (verifier, config
 * error, a syntax only ESLint's parser accepts) is reported without a fix.
 */
import { extname, isAbsolute, join } from "node:path";

import type { Rule } from "eslint";

import type { ExplainedBlock } from "../imports/explain.js";
import { explainFile } from "../pipeline/explain.js";
import type { Diagnostic, ResolvedConfig } from "../types.js";

import { changedRange, FRAMEWORK_EXTENSIONS, hasExtension, SCRIPT_EXTENSIONS, sortHostSource } from "./host.js";

type Context = Rule.RuleContext;

export const sortImportsRule: Rule.RuleModule = {
  meta: {
    type: "layout",
    docs: {
      description: "Sort imports and re-exports as the safesort CLI does (same config files, same verifier)",
    },
    fixable: "code",
    schema: [],
    messages: {
      unsorted: "{{what}} are not sorted (safesort).",
      failed: "safesort cannot sort this file: {{message}}",
    },
  },
  create(context) {
    return {
      Program() {
        check(context);
      },
    };
  },
};

function check(context: Context): void {
  const { sourceCode } = context;
  const text = sourceCode.text;
  const target = sortTarget(context);
  if (target === undefined) return;
  const { outcome, config } = sortHostSource({ text, filepath: target.filepath, configPath: target.configPath });
  if (outcome.status === "failed") return reportFailure(context, outcome.diagnostic, target.filepath);
  if (outcome.status !== "changed" || config === undefined) return;
  const range = changedRange(text, outcome.output);
  const fix: Rule.ReportFixer = (fixer) => fixer.replaceTextRange([range.start, range.end], range.text);
  const blocks = changedBlocks(text, target.filepath, config);
  if (blocks.length === 0) {
    // The planner's explanation disagrees with its own sort: still report, at the first changed line.
    const at = sourceCode.getLocFromIndex(range.start);
    context.report({ loc: { line: at.line, column: 0 }, messageId: "unsorted", data: { what: "Imports" }, fix });
    return;
  }
  for (const block of blocks) {
    const endColumn = sourceCode.lines[block.endLine - 1]?.length ?? 0;
    context.report({
      loc: { start: { line: block.startLine, column: 0 }, end: { line: block.endLine, column: endColumn } },
      messageId: "unsorted",
      data: { what: block.kind === "reexports" ? "Re-exports" : "Imports" },
      fix,
    });
  }
}

interface SortTarget {
  /** The path whose extension chooses the parser (possibly a processor's virtual name). */
  readonly filepath: string;
  /** The real file: config discovery and `exclude`. */
  readonly configPath: string;
}

/**
 * What to sort the text as. A framework file (.vue, .svelte, .astro) is
 * sorted whole when ESLint hands over the whole file (its parser's text is
 * the file itself, as with vue-eslint-parser, svelte-eslint-parser and
 * astro-eslint-parser); a processor's virtual block (`App.vue/0.ts`,
 * `README.md/1.js`) is sorted as a script by its own extension.
 */
function sortTarget(context: Context): SortTarget | undefined {
  const cwd = context.cwd;
  const absolute = (p: string) => (isAbsolute(p) ? p : join(cwd, p));
  const physical = absolute(context.physicalFilename);
  const filename = absolute(context.filename);
  if (hasExtension(filename, SCRIPT_EXTENSIONS)) return { filepath: filename, configPath: physical };
  if (hasExtension(filename, FRAMEWORK_EXTENSIONS)) return filename === physical ? { filepath: filename, configPath: physical } : undefined;
  // No extension the sorter knows (stdin's `<text>`, a custom one): sort as the parser's language.
  const parserName = String((context.languageOptions.parser as { meta?: { name?: string } } | undefined)?.meta?.name ?? "");
  const ext = /typescript/i.test(parserName) ? ".ts" : ".js";
  return { filepath: `${filename}${extname(filename) === ext ? "" : ext}`, configPath: physical };
}

/** The planner's blocks that sorting changes, in the text's own lines. */
function changedBlocks(text: string, filepath: string, config: ResolvedConfig): readonly ExplainedBlock[] {
  try {
    return explainFile(text, filepath, config).blocks.filter((block) => block.changed);
  } catch {
    return [];
  }
}

function reportFailure(context: Context, diagnostic: Diagnostic, filepath: string): void {
  const here = diagnostic.path === filepath || diagnostic.path === context.physicalFilename;
  const line = here && diagnostic.line !== undefined ? Math.min(diagnostic.line, context.sourceCode.lines.length) : 1;
  const column = here && diagnostic.column !== undefined ? diagnostic.column - 1 : 0;
  const where = here ? "" : `${diagnostic.path}${diagnostic.line === undefined ? "" : `:${diagnostic.line}:${diagnostic.column ?? 1}`}: `;
  context.report({ loc: { line, column: Math.max(0, column) }, messageId: "failed", data: { message: `${where}${diagnostic.message}` } });
}
