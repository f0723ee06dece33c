/**
 * `move`: move a file or a directory and rewrite every module specifier that
 * names a moved file — in the importers and in the moved files themselves —
 * keeping each specifier's style (specifier.ts).
 *
 *   request ─resolveMove─▶ MoveMap ─▶ every project file's module references
 *     ─TypeScript module resolution (one cache)─▶ the file each one names
 *     ─respell those naming a moved file, or written in a moved file─▶ new specifier
 *     ─resolve the new specifier as if the move were done─▶ must name the moved file
 *     ─▶ text edits ─▶ finishEdits (apply, parse check, sort imports) ─▶ plan
 *
 * No type checker is involved: finding importers needs parsing and module
 * resolution only, which is what keeps a directory move fast on a large project.
 */
import { dirname, isAbsolute, posix } from "node:path";
import { performance } from "node:perf_hooks";

import type { ts as TsNamespace } from "ts-morph";

import type { Edit } from "../edit/apply.js";
import { SafesortError } from "../errors.js";
import { displayPath } from "../report/paths.js";

import { finishEdits, type PendingEdit } from "./finish.js";
import { type ModuleReference, moduleReferences } from "./module-references.js";
import { movedFiles, type MoveMap, resolveMove } from "./move-map.js";
import { toPosix } from "./paths.js";
import { type LoadedProject, loadProject, projectFileFor } from "./project.js";
import {
  aliasCandidates,
  type AliasConfig,
  aliasSpecifier,
  type Form,
  formOf,
  isRelative,
  newWrittenPath,
  relativeSpecifier,
} from "./specifier.js";
import type { PlanResult, RefactorDiagnostic, RefactorNote } from "./types.js";

export interface MoveOptions {
  /** File or directory to move, relative to cwd. */
  readonly from: string;
  /** Destination; an existing directory receives the source under its own name. */
  readonly to: string;
  readonly cwd: string;
  /** The tsconfig (relative to cwd); default: the nearest tsconfig.json above the source. */
  readonly project?: string;
  readonly loaded?: LoadedProject;
  /** Sort the import blocks of files whose import statements were edited (default true). */
  readonly sortImports?: boolean;
  readonly configFile?: string | false;
}

export async function planMove(options: MoveOptions): Promise<PlanResult> {
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };
  try {
    const map = await resolveMove(options.from, options.to, options.cwd);
    const moved = await movedFiles(map);
    // The nearest tsconfig above the file, or in or above the directory.
    const near = map.kind === "directory" ? map.from : dirname(map.from);
    const loaded = options.loaded ?? (await loadProject(await projectFileFor(options.project, options.cwd, near)));
    lap("load");
    if (map.isMoved(toPosix(loaded.tsconfigPath))) {
      // Its `paths`, `include` and `extends` are relative to where it is: moving it is another refactor.
      throw new SafesortError("unsafe-path", "the move would take the project's tsconfig along; move the files under it instead", options.from);
    }
    const rewriter = new SpecifierRewriter(loaded, map);
    const pending: PendingEdit[] = [];
    const problems: RefactorDiagnostic[] = [];
    const notes: RefactorNote[] = [];
    for (const sourceFile of filesToScan(loaded, moved)) {
      const edits: Edit[] = [];
      let importsTouched = false;
      for (const reference of moduleReferences(loaded.ts, sourceFile)) {
        const outcome = rewriter.rewrite(sourceFile, reference);
        if (outcome === undefined) continue;
        const where = location(sourceFile, reference, options.cwd);
        if ("problem" in outcome) {
          problems.push({ code: "unresolvable", message: outcome.problem, ...where });
          continue;
        }
        if (outcome.note) notes.push({ path: `${where.path}:${where.line}:${where.column}`, message: outcome.note });
        edits.push({ start: reference.start, end: reference.end, text: outcome.specifier });
        importsTouched ||= reference.inImportStatement;
      }
      if (edits.length > 0) {
        const path = sourceFile.fileName;
        pending.push({ path, newPath: map.movedPath(path), edits, importsTouched, analysedText: sourceFile.text });
      }
    }
    lap("scan");
    if (problems.length > 0) return { ok: false, diagnostics: problems };
    const finished = await finishEdits(pending, options);
    lap("edit");
    if (finished.failures.length > 0) return { ok: false, diagnostics: finished.failures };
    const title = `move ${displayPath(options.cwd, map.from)} → ${displayPath(options.cwd, map.to)}`;
    return { ok: true, plan: { title, changes: finished.changes, moves: [map.toPathMove()], notes: [...notes, ...finished.notes], timings } };
  } catch (error) {
    if (error instanceof SafesortError) {
      return { ok: false, diagnostics: [{ ...error.toDiagnostic(), path: isAbsolute(error.path) ? displayPath(options.cwd, error.path) : error.path }] };
    }
    throw error;
  }
}

/** The project's files, plus moved JavaScript and TypeScript files the project does not include (their imports move too). */
function filesToScan(loaded: LoadedProject, moved: readonly string[]): TsNamespace.SourceFile[] {
  const files = loaded.project
    .getSourceFiles()
    .map((file) => file.compilerNode)
    .filter((file) => !file.fileName.includes("/node_modules/"));
  const known = new Set(files.map((file) => file.fileName));
  for (const path of moved) {
    if (known.has(path) || !SCRIPT.test(path) || /\.d\.[cm]?ts$/.test(path)) continue;
    files.push(loaded.project.addSourceFileAtPath(path).compilerNode);
  }
  return files;
}

const SCRIPT = /\.[cm]?[jt]sx?$/;

type Rewrite = { readonly specifier: string; readonly note?: string } | { readonly problem: string };

/** Resolves references before and after the move and respells those the move affects. */
class SpecifierRewriter {
  private readonly ts;
  private readonly host: TsNamespace.ModuleResolutionHost;
  private readonly afterHost: TsNamespace.ModuleResolutionHost;
  private readonly cache: TsNamespace.ModuleResolutionCache;
  private readonly aliases: AliasConfig;

  constructor(
    private readonly loaded: LoadedProject,
    private readonly map: MoveMap,
  ) {
    this.ts = loaded.ts;
    this.host = loaded.project.getModuleResolutionHost();
    this.afterHost = hostAfterMove(this.host, map);
    this.cache = this.ts.createModuleResolutionCache(loaded.project.getFileSystem().getCurrentDirectory(), (f) => f, loaded.options);
    this.aliases = aliasConfig(loaded);
  }

  /** The new specifier, a problem, or undefined when the reference needs no change. */
  rewrite(sourceFile: TsNamespace.SourceFile, reference: ModuleReference): Rewrite | undefined {
    const importer = sourceFile.fileName;
    const mode = reference.literal ? this.ts.getModeForUsageLocation(sourceFile, reference.literal, this.loaded.options) : undefined;
    const target = this.resolveBefore(reference, importer, mode);
    if (target === undefined) return undefined;
    const importerMoves = this.map.isMoved(importer);
    const targetMoves = this.map.isMoved(target);
    if (!importerMoves && !targetMoves) return undefined;
    const newImporter = this.map.movedPath(importer);
    const newTarget = this.map.movedPath(target);
    const spelled = this.respell(reference, importer, newImporter, target, newTarget);
    if (spelled === undefined || "problem" in spelled) return spelled;
    if (spelled.specifier === reference.specifier) return undefined;
    const after = this.resolveAfter(reference.kind, spelled.specifier, newImporter, mode);
    if (after !== newTarget) {
      return { problem: `"${spelled.specifier}" would not name the moved file ${posix.basename(newTarget)} (resolves to ${after ?? "nothing"})` };
    }
    return spelled;
  }

  private respell(reference: ModuleReference, importer: string, newImporter: string, target: string, newTarget: string): Rewrite | undefined {
    const { specifier } = reference;
    if (reference.kind === "reference" || isRelative(specifier)) {
      const written = posix.resolve(posix.dirname(importer), specifier);
      const form = formOf(written, target);
      if (form === undefined) return { problem: `cannot tell how "${specifier}" names ${target}` };
      const path = newWrittenPath(form, written, target, newTarget, (p) => this.map.movedPath(p));
      const spelled = relativeSpecifier(posix.dirname(newImporter), path, specifier);
      // `/// <reference path="x.d.ts" />` may be written without `./`.
      return { specifier: reference.kind === "reference" && !isRelative(specifier) ? spelled.replace(/^\.\//, "") : spelled };
    }
    if (!this.map.isMoved(target)) return undefined; // an alias names the same path from anywhere
    const match = this.aliasForm(specifier, target);
    if (match === undefined) return { problem: `cannot tell how "${specifier}" names ${target}` };
    const path = newWrittenPath(match.form, match.path, target, newTarget, (p) => this.map.movedPath(p));
    const aliased = aliasSpecifier(path, this.aliases, match.key);
    if (aliased !== undefined) return { specifier: aliased };
    const relative = relativeSpecifier(posix.dirname(newImporter), path, "");
    return { specifier: relative, note: `no tsconfig "paths" alias covers the new location: "${specifier}" becomes "${relative}"` };
  }

  private aliasForm(specifier: string, target: string): { key: string; path: string; form: Form } | undefined {
    for (const candidate of aliasCandidates(specifier, this.aliases)) {
      const form = formOf(candidate.path, target);
      if (form !== undefined) return { ...candidate, form };
    }
    return undefined;
  }

  /** The file a reference names now: TypeScript's resolution, else (`./styles.css`) the file the relative path names. */
  private resolveBefore(reference: ModuleReference, importer: string, mode: TsNamespace.ResolutionMode): string | undefined {
    if (reference.kind === "reference") return this.literalFile(reference.specifier, importer, this.host);
    const resolved = this.ts.resolveModuleName(reference.specifier, importer, this.loaded.options, this.host, this.cache, undefined, mode).resolvedModule;
    if (resolved !== undefined) return resolved.isExternalLibraryImport ? undefined : toPosix(resolved.resolvedFileName);
    return isRelative(reference.specifier) ? this.literalFile(reference.specifier, importer, this.host) : undefined;
  }

  /** The same, in a file system where the move is done (nothing cached: paths changed). */
  private resolveAfter(kind: ModuleReference["kind"], specifier: string, importer: string, mode: TsNamespace.ResolutionMode): string | undefined {
    if (kind !== "reference") {
      const resolved = this.ts.resolveModuleName(specifier, importer, this.loaded.options, this.afterHost, undefined, undefined, mode).resolvedModule;
      if (resolved !== undefined) return toPosix(resolved.resolvedFileName);
    }
    return kind === "reference" || isRelative(specifier) ? this.literalFile(specifier, importer, this.afterHost) : undefined;
  }

  private literalFile(specifier: string, importer: string, host: TsNamespace.ModuleResolutionHost): string | undefined {
    const path = posix.resolve(posix.dirname(importer), specifier);
    return host.fileExists(path) ? path : undefined;
  }
}

/**
 * A module resolution host that answers as if the move were done: the moved
 * files exist at their new paths (read from the old ones) and no longer at
 * the old ones; directories on the way to the destination exist.
 */
function hostAfterMove(host: TsNamespace.ModuleResolutionHost, map: MoveMap): TsNamespace.ModuleResolutionHost {
  const current = (path: string): string | undefined => map.currentPathOf(path) ?? (map.isMoved(path) ? undefined : path);
  return {
    fileExists: (path) => {
      const now = current(path);
      return now !== undefined && host.fileExists(now);
    },
    readFile: (path) => {
      const now = current(path);
      return now === undefined ? undefined : host.readFile(now);
    },
    directoryExists: (dir) => {
      if (map.isCreatedAncestor(dir)) return true;
      const now = current(dir);
      return now !== undefined && (host.directoryExists?.(now) ?? true);
    },
    realpath: (path) => path,
    getCurrentDirectory: host.getCurrentDirectory?.bind(host),
  };
}

/** `paths` and `baseUrl` as TypeScript reads them: relative to baseUrl, else to the tsconfig that set `paths`. */
function aliasConfig(loaded: LoadedProject): AliasConfig {
  const { options } = loaded;
  const baseUrl = options.baseUrl === undefined ? undefined : toPosix(options.baseUrl);
  const pathsBasePath = (options as Record<string, unknown>)["pathsBasePath"];
  const pathsBase = baseUrl ?? (typeof pathsBasePath === "string" ? toPosix(pathsBasePath) : toPosix(dirname(loaded.tsconfigPath)));
  return { pathsBase, paths: options.paths ?? {}, baseUrl };
}

function location(sourceFile: TsNamespace.SourceFile, reference: ModuleReference, cwd: string): { path: string; line: number; column: number } {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(reference.start);
  return { path: displayPath(cwd, sourceFile.fileName), line: line + 1, column: character + 1 };
}
