/**
 * Streamed discovery: command-line paths → the source files to process, one
 * at a time, as an async generator. Nothing here holds the list of files.
 *
 * Per argument (resolved against `cwd`):
 * - **an existing file** is yielded with `explicit: true`, even if ignored
 *   or excluded: the user named it. Without a source extension (`.gjs`,
 *   `.md`, …) it is yielded as `skipped` ("unsupported file type"), never
 *   parsed as if it were JavaScript.
 * - **an existing directory** is walked depth-first, entries of each directory
 *   sorted by name (code-unit order), so the order is the same on every run
 *   and every file system. A directory is listed only when the walk reaches
 *   it. Skipped: `node_modules` and `.git` always; what `.gitignore` files
 *   ignore (see gitignore.ts: nested files, negations, and the files of
 *   ancestor directories up to the git root, so `safesort src/` respects the
 *   repo's root `.gitignore`); what `isExcluded` rejects (called for
 *   directories, which are then not entered, and for files); files without a
 *   source extension. The named directory itself is subject to the same
 *   rules: naming an ignored directory yields nothing.
 * - **a glob** (a path that does not exist and contains `*`, `?`, `{` or `[`)
 *   is the same walk from the glob's base directory, keeping the files the
 *   pattern matches (glob.ts: picomatch, dot files included; brace
 *   alternatives with different bases are walked one after the other). So
 *   a glob finds files in the walk's order, under the walk's rules, and
 *   enters only the directories the pattern can match below. A base that is
 *   missing, ignored, excluded or under `node_modules`/`.git` yields nothing,
 *   as does a negative pattern (`!src/*.ts`) and a glob matching nothing.
 *   An existing path is never read as a glob: `pages/[id].tsx` is a file.
 * - **a missing path** yields a `not-found` diagnostic.
 *
 * Symbolic links: a link to a file is yielded under the link's path (the
 * writer replaces the target and keeps the link). Links to directories are
 * not followed while walking (no loops, no file seen twice), but a directory
 * argument that is a link is walked. A link with a source extension found by
 * a walk or a glob is yielded as `skipped`, with the reason, when it is
 * dangling, loops, or its real path lies outside the real path of the walked
 * directory (the glob's base directory): safesort never writes outside the
 * tree it was asked to walk. Such a link named explicitly is followed (the
 * user named it), and reported as `unreadable` when dangling or looping.
 * Links with other names are skipped without being resolved.
 *
 * Errors never throw: a directory that cannot be listed, an unreadable
 * `.gitignore` or a broken link becomes a `{ kind: "error" }` item and the
 * walk goes on. Diagnostic paths are relative to `cwd` when inside it.
 *
 * A file reached twice (through two arguments) is yielded once, the first
 * time. Remembering what was yielded costs memory, so it is done only when
 * there are several arguments or a glob (one directory walk cannot repeat).
 */
import { type Dirent, lstatSync, readdirSync, type Stats } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { extname, join, relative, resolve, sep } from "node:path";

import { displayPath } from "../report/paths.js";
import type { Diagnostic } from "../types.js";

import { GitignoreLayer, IgnoreRules, isIgnoredBy, readGitignore } from "./gitignore.js";
import { type GlobWalk, globWalks } from "./glob.js";
import { errnoCode, osReason } from "./os-error.js";

export type Discovered =
  | { readonly kind: "file"; readonly path: string; readonly explicit: boolean }
  | { readonly kind: "error"; readonly diagnostic: Diagnostic }
  /** Found, but deliberately not processed (a link out of the tree, dangling, or looping); `path` is absolute. */
  | { readonly kind: "skipped"; readonly path: string; readonly reason: string };

export interface DiscoverOptions {
  /** Absolute directory that relative arguments are resolved against. */
  readonly cwd: string;
  /** Return true to skip a path; a directory is then not entered. */
  readonly isExcluded?: (absPath: string, isDirectory: boolean) => boolean | Promise<boolean>;
  /** Told each directory's listing (absolute path, its entries: kept, not copied) as the walk reads it, before any of its entries is asked about. */
  readonly onListing?: (dir: string, entries: readonly { readonly name: string }[]) => void;
}

/**
 * Extensions of the files a walk or a glob picks up (`.d.ts` and friends
 * included: they end in `.ts`), and the framework files whose script blocks
 * are sorted (src/frameworks/).
 */
export const SOURCE_EXTENSIONS: readonly string[] = [".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte", ".astro"];

/** Does `path` end in one of `SOURCE_EXTENSIONS` (case-sensitive)? */
export function isSourcePath(path: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(path));
}

/** Why a file named explicitly without a source extension is not processed. */
export const UNSUPPORTED = "unsupported file type";

/** Directory names never entered, whatever the ignore files say. */
const ALWAYS_SKIPPED = new Set(["node_modules", ".git"]);

const GLOB_CHARS = /[*?{[]/;

/** Yield the files (and problems) that `paths` designate; see the file header. */
export async function* discoverFiles(paths: readonly string[], options: DiscoverOptions): AsyncGenerator<Discovered> {
  for await (const batch of discoverBatches(paths, options)) yield* batch;
}

/**
 * `discoverFiles` in batches: the items a walk finds without waiting (the
 * files of a directory, up to `BATCH` of them), in the same order, so that a
 * consumer pays its per-item costs (a promise, a generator step) per batch.
 * A batch ends before the walk asks about a directory (so it stays as lazy
 * as a walk by items, directory by directory) and before any wait (reading
 * an ignore file, an exclusion that is not known at once, a link). Never empty.
 */
export async function* discoverBatches(paths: readonly string[], options: DiscoverOptions): AsyncGenerator<Discovered[]> {
  const discovery = new Discovery(options, paths.length > 1 || paths.some((p) => GLOB_CHARS.test(p)));
  for (const arg of paths) yield* discovery.argument(arg);
}

/** The most items in one batch of `discoverBatches`. */
const BATCH = 256;

/** One directory being walked: its sorted entries and the ignore layers that apply inside it. */
interface Frame {
  readonly dir: string;
  /** `dir` relative to the walk's root, `/`-separated ("" for the root): what a glob matches ("" without a glob). */
  readonly rel: string;
  readonly entries: readonly Dirent[];
  next: number;
  readonly layers: readonly GitignoreLayer[];
}

class Discovery {
  private readonly cwd: string;
  private readonly excludedBy: DiscoverOptions["isExcluded"];
  private readonly onListing: DiscoverOptions["onListing"];
  private readonly seen: Set<string> | undefined;
  private readonly problems: Discovered[] = [];
  private readonly rules: IgnoreRules;

  constructor(options: DiscoverOptions, dedupe: boolean) {
    this.cwd = resolve(options.cwd);
    this.excludedBy = options.isExcluded;
    this.onListing = options.onListing;
    this.seen = dedupe ? new Set() : undefined;
    this.rules = new IgnoreRules((path, error) => this.problems.push(this.unreadable(path, `cannot read ignore file: ${osReason(error)}`)));
  }

  async *argument(arg: string): AsyncGenerator<Discovered[]> {
    const abs = resolve(this.cwd, arg);
    let stats: Stats;
    try {
      // Synchronous, like the reads: one system call, and a one-file run then never loads node:fs/promises.
      stats = lstatSync(abs);
    } catch (error) {
      const code = errnoCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") {
        if (GLOB_CHARS.test(arg)) for (const glob of globWalks(arg, this.cwd)) yield* this.walk(glob.base, glob);
        else yield [this.error("not-found", abs, "no such file or directory")];
      } else {
        yield [this.unreadable(abs, `cannot access path: ${osReason(error)}`)];
      }
      return;
    }
    if (stats.isSymbolicLink()) {
      const target = await this.follow(abs);
      if ("problem" in target) {
        yield [target.problem];
        return;
      }
      stats = target.stats;
    }
    if (stats.isFile() && !isSourcePath(abs)) yield [{ kind: "skipped", path: abs, reason: UNSUPPORTED }];
    else if (stats.isFile()) {
      if (this.firstTime(abs)) yield [{ kind: "file", path: abs, explicit: true }];
    }
    else if (stats.isDirectory()) yield* this.walk(abs);
    else yield [this.unreadable(abs, "not a regular file or directory")];
  }

  /**
   * Depth-first walk of `root`, each directory's entries sorted by name; with
   * `glob`, `root` is its base and only what it matches is entered and kept.
   * In batches (see `discoverBatches`).
   */
  private async *walk(root: string, glob?: GlobWalk): AsyncGenerator<Discovered[]> {
    // A glob's base that is not a directory matches nothing.
    if (glob && !(await stat(root).then((s) => s.isDirectory(), () => false))) return;
    const within = { real: await realpath(root).catch(() => root), name: this.shown(root) };
    const scope = await this.rules.scopeRoot(root, this.inCwd(root) ? this.cwd : root);
    const ignored = await this.rules.isIgnored(root, true, scope);
    const skipRoot = ignored || (await this.isExcluded(root, true));
    if (this.problems.length > 0) yield this.problems.splice(0);
    // A directory the user named but that is ignored as a whole: say so, rather than finding nothing in silence.
    if (skipRoot) {
      if (!glob) yield [{ kind: "skipped", path: root, reason: ignored ? "ignored by a .gitignore file" : "excluded by the config's exclude" }];
      return;
    }
    const stack: Frame[] = [];
    const first = await this.list(root, "", await this.rules.layersAbove(root, scope));
    if (this.problems.length > 0) yield this.problems.splice(0);
    if ("kind" in first) {
      yield [first];
      return;
    }
    stack.push(first);

    let batch: Discovered[] = [];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const entry = frame.entries[frame.next++];
      if (entry === undefined) {
        stack.pop();
        continue;
      }
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      // An entry's name holds no separator and is never `.` or `..`: joined without normalizing.
      const abs = frame.dir.endsWith(sep) ? frame.dir + entry.name : frame.dir + sep + entry.name;
      // What a glob matches (no glob: not needed, and not made for every entry of the walk).
      const rel = glob === undefined ? "" : frame.rel === "" ? entry.name : `${frame.rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (glob && !glob.enter(rel)) continue;
        if (isIgnoredBy(frame.layers, abs, true)) continue;
        // What was found so far goes out before the walk asks about a directory (and, if it must, waits).
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
        const excluded = this.excludedBy?.(abs, true) ?? false;
        if (excluded === true || (excluded !== false && (await excluded))) continue;
        const listed = this.list(abs, rel, frame.layers);
        const opened = "then" in listed ? await listed : listed;
        if (this.problems.length > 0) batch.push(...this.problems.splice(0));
        if ("kind" in opened) batch.push(opened);
        else stack.push(opened);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (!isSourcePath(entry.name) || (glob && !glob.match(rel))) continue;
        if (isIgnoredBy(frame.layers, abs, false)) continue;
        // Most answers come at once (the directory's config is known): no wait for them.
        const excluded = this.excludedBy?.(abs, false) ?? false;
        if (excluded !== true && excluded !== false) {
          if (batch.length > 0) {
            yield batch;
            batch = [];
          }
          if (await excluded) continue;
        } else if (excluded) continue;
        if (entry.isFile()) {
          if (this.firstTime(abs)) batch.push({ kind: "file", path: abs, explicit: false });
        } else {
          if (batch.length > 0) {
            yield batch;
            batch = [];
          }
          const target = await this.followInTree(abs, within);
          if ("skipped" in target) batch.push(target.skipped);
          else if (target.stats.isFile() && this.firstTime(abs)) batch.push({ kind: "file", path: abs, explicit: false });
          // A link to a directory is not followed (loops, files seen twice).
        }
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      // Sockets, FIFOs and devices are not source files.
    }
    if (batch.length > 0) yield batch;
  }

  /**
   * List `dir` (sorted) and add its own `.gitignore` to the layers for what is
   * inside. The listing is synchronous: one call, against the thread-pool
   * round trips of `opendir` during which the whole run would wait. Only a
   * directory with a `.gitignore` makes it wait (for reading that).
   */
  private list(dir: string, rel: string, layersAbove: readonly GitignoreLayer[]): Frame | Discovered | Promise<Frame | Discovered> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = errnoCode(error);
      return code === "ENOENT"
        ? this.error("not-found", dir, "no such file or directory")
        : this.unreadable(dir, `cannot read directory: ${osReason(error)}`);
    }
    this.onListing?.(dir, entries);
    entries.sort((a, b) => compareNames(a.name, b.name));
    // A nested repository (submodule) starts a new scope: outer ignore files stop applying.
    const layers = entries.some((e) => e.name === ".git") ? [] : layersAbove;
    if (!entries.some((e) => e.name === ".gitignore" && !e.isDirectory())) return { dir, rel, entries, next: 0, layers };
    return readGitignore(dir).then(
      (own): Frame => ({ dir, rel, entries, next: 0, layers: own ? [...layers, own] : layers }),
      (error: unknown): Frame => {
        this.problems.push(this.unreadable(join(dir, ".gitignore"), `cannot read ignore file: ${osReason(error)}`));
        return { dir, rel, entries, next: 0, layers };
      },
    );
  }

  /** Resolve a link: its target's stats, or the diagnostic explaining why it cannot be followed. */
  private async follow(link: string): Promise<{ stats: Stats } | { problem: Discovered }> {
    try {
      return { stats: await stat(link) };
    } catch (error) {
      const code = errnoCode(error);
      const message =
        code === "ENOENT" || code === "ENOTDIR"
          ? "dangling symbolic link: its target does not exist"
          : code === "ELOOP"
            ? "symbolic link loop: too many levels of symbolic links (ELOOP)"
            : `cannot follow symbolic link: ${osReason(error)}`;
      return { problem: this.unreadable(link, message) };
    }
  }

  /**
   * Resolve a link met in a walk or a glob: its target's stats, or why it is
   * skipped. The containment check is on real paths, so `a -> b -> ../../x`
   * is judged by where it finally lands.
   */
  private async followInTree(link: string, within: { real: string; name: string }): Promise<{ stats: Stats } | { skipped: Discovered }> {
    const skip = (reason: string) => ({ skipped: { kind: "skipped", path: link, reason } as const });
    let real: string;
    let stats: Stats;
    try {
      real = await realpath(link);
      stats = await stat(real);
    } catch (error) {
      const code = errnoCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") return skip("dangling symbolic link: its target does not exist");
      if (code === "ELOOP") return skip("symbolic link loop: too many levels of symbolic links (ELOOP)");
      return skip(`cannot follow symbolic link: ${osReason(error)}`);
    }
    const inside = real === within.real || real.startsWith(within.real.endsWith(sep) ? within.real : within.real + sep);
    if (!inside) return skip(`symbolic link to a file outside ${within.name}; not followed, not written`);
    return { stats };
  }

  /** A directory as the user may see it in a message: relative to cwd, or a plain description (no absolute path that was not given). */
  private shown(abs: string): string {
    if (this.inCwd(abs)) {
      const rel = relative(this.cwd, abs);
      return rel === "" ? "the current directory" : `the walked directory ${rel}`;
    }
    return "the walked directory";
  }

  /** Whether `abs` is yielded for the first time (always, when one walk cannot repeat a file). */
  private firstTime(abs: string): boolean {
    if (!this.seen) return true;
    if (this.seen.has(abs)) return false;
    this.seen.add(abs);
    return true;
  }

  private async isExcluded(abs: string, isDirectory: boolean): Promise<boolean> {
    return this.excludedBy ? await this.excludedBy(abs, isDirectory) : false;
  }

  private inCwd(abs: string): boolean {
    return abs === this.cwd || abs.startsWith(this.cwd.endsWith(sep) ? this.cwd : this.cwd + sep);
  }

  private error(code: Diagnostic["code"], abs: string, message: string): Discovered {
    return { kind: "error", diagnostic: { code, message, path: displayPath(this.cwd, abs) } };
  }

  private unreadable(abs: string, message: string): Discovered {
    return { kind: "error", diagnostic: { code: "unreadable", message, path: displayPath(this.cwd, abs) } };
  }
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
