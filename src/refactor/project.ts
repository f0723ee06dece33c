/**
 * Loading a TypeScript project for the type-aware refactors.
 *
 * ts-morph, and the TypeScript compiler it bundles (about 9 MB of
 * JavaScript), is loaded here and only here, on demand (a dynamic `import()`,
 * or `require` for the synchronous Query filters): the sorter's start-up
 * never loads it. Every other module of `src/refactor/`
 * imports ts-morph for its types only (`import type`), which TypeScript erases.
 */
import { existsSync } from "node:fs";
import { access } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

import type * as TsMorph from "ts-morph";

import { SafesortError } from "../errors.js";
import { importOptional, loadOptional } from "../optional-deps.js";

/** The TypeScript namespace bundled with ts-morph. */
export type Ts = typeof TsMorph.ts;

export interface LoadedProject {
  readonly ts: Ts;
  readonly project: TsMorph.Project;
  /** Absolute path of the tsconfig the project was loaded from. */
  readonly tsconfigPath: string;
  readonly options: TsMorph.ts.CompilerOptions;
}

/**
 * Load the project described by `tsconfigPath` (its `files`/`include`/
 * `exclude`, `extends` followed). Files the project's files import from
 * outside it (node_modules declarations) are not parsed up front: the
 * language service reads them when a query needs them.
 * Throws SafesortError (`not-found`, `config-error`).
 */
export async function loadProject(tsconfigPath: string): Promise<LoadedProject> {
  const absolute = resolve(tsconfigPath);
  try {
    await access(absolute);
  } catch {
    throw new SafesortError("not-found", "tsconfig not found", absolute);
  }
  return createProject(await importOptional("ts-morph", () => import("ts-morph")), absolute);
}

/**
 * The same, synchronously, for callers that cannot wait: the Query API's
 * type filters run inside a synchronous filter step, on the first match
 * that needs a type. ts-morph is a CommonJS package, so `require` loads it.
 */
export function loadProjectSync(tsconfigPath: string): LoadedProject {
  const absolute = resolve(tsconfigPath);
  if (!existsSync(absolute)) throw new SafesortError("not-found", "tsconfig not found", absolute);
  return createProject(loadOptional("ts-morph", () => createRequire(import.meta.url)("ts-morph") as typeof TsMorph), absolute);
}

function createProject({ Project, ts }: typeof TsMorph, absolute: string): LoadedProject {
  // Only a tsconfig that does not parse is fatal. (ts-morph's getConfigFileParsingDiagnostics
  // would build a whole program to say more: a fifth of a second on rxjs.)
  const read = ts.readConfigFile(absolute, ts.sys.readFile);
  if (read.error) {
    const { file, start } = read.error;
    const at = file && start !== undefined ? file.getLineAndCharacterOfPosition(start) : undefined;
    const message = ts.flattenDiagnosticMessageText(read.error.messageText, "\n");
    throw new SafesortError("config-error", message, absolute, at && at.line + 1, at && at.character + 1);
  }
  try {
    const project = new Project({ tsConfigFilePath: absolute, skipFileDependencyResolution: true });
    return { ts, project, tsconfigPath: absolute, options: project.getCompilerOptions() };
  } catch (error) {
    throw new SafesortError("config-error", `cannot load the project: ${error instanceof Error ? error.message : String(error)}`, absolute);
  }
}

/** The nearest `tsconfig.json` in `startDir` or a directory above it. */
async function findTsconfig(startDir: string): Promise<string | undefined> {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const candidate = join(dir, "tsconfig.json");
    try {
      await access(candidate);
      return candidate;
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

/** `--project` when given (relative to cwd), else the nearest tsconfig.json above `near`. */
export async function projectFileFor(given: string | undefined, cwd: string, near: string): Promise<string> {
  if (given !== undefined) return resolve(cwd, given);
  const found = await findTsconfig(near);
  if (found === undefined) {
    throw new SafesortError("not-found", "no tsconfig.json in this directory or above it; pass --project <tsconfig.json>", near);
  }
  return found;
}

export interface Analysis {
  readonly service: TsMorph.ts.LanguageService;
  readonly program: TsMorph.ts.Program;
  readonly checker: TsMorph.ts.TypeChecker;
}

/**
 * The language service's program and checker. Every query of a refactor
 * goes through this one program: ts-morph's `project.getTypeChecker()` would
 * build a second program and check the project twice.
 */
export function analysis(loaded: LoadedProject): Analysis {
  const service = loaded.project.getLanguageService().compilerObject;
  const program = service.getProgram();
  if (program === undefined) throw new Error("the language service has no program");
  return { service, program, checker: program.getTypeChecker() };
}

/** A file of the analysed program (project files and what they import). */
export function sourceFileOf(loaded: LoadedProject, file: string): TsMorph.ts.SourceFile | undefined {
  return analysis(loaded).program.getSourceFile(file);
}
