/**
 * Respelling a module specifier after a move, in the importer's own style
 * (pure: paths in, specifier out; all paths absolute and `/`-separated).
 *
 * A specifier names a path P that module resolution turned into a file T.
 * How P relates to T is the specifier's *form*, and the form is kept:
 *
 *   form     P (as written)      T (resolved)         after T moves to lib/x.ts
 *   exact    ./x.ts, ./x.css      x.ts, x.css          ../lib/x.ts
 *   bare     ./x                  x.ts, x.d.ts         ../lib/x
 *   js       ./x.js               x.ts (ESM TS)        ../lib/x.js
 *   dir      ./x                  x/index.ts           ../lib/x while T stays an index, else ../lib/x/other
 *   entry    ./pkg                pkg/src/main.ts      (a directory with its own package.json) the directory's new place
 *
 * P comes from a relative specifier (`./`, `../`, `.`, `..`), or from a
 * tsconfig `paths` alias (`@app/*` → `src/*`) or `baseUrl`; a specifier that
 * used an alias is respelled with the same alias when the new path is still
 * covered by one, else it falls back to a relative specifier.
 */
import { posix } from "node:path";

export type Form =
  | { readonly kind: "exact" }
  | { readonly kind: "bare" }
  | { readonly kind: "js"; readonly ext: string }
  | { readonly kind: "dir" }
  | { readonly kind: "entry" };

/** Extensions module resolution adds or maps, longest first (`.d.ts` before `.ts`). */
const RESOLVED_EXTENSIONS = [".d.mts", ".d.cts", ".d.ts", ".tsx", ".ts", ".mts", ".cts", ".jsx", ".js", ".mjs", ".cjs", ".json"];

/** The JavaScript extension an importer writes for a TypeScript file (ESM: `./a.js` for a.ts). */
const JS_FOR: Readonly<Record<string, string>> = {
  ".ts": ".js",
  ".tsx": ".js",
  ".d.ts": ".js",
  ".mts": ".mjs",
  ".d.mts": ".mjs",
  ".cts": ".cjs",
  ".d.cts": ".cjs",
  ".js": ".js",
  ".jsx": ".jsx",
  ".mjs": ".mjs",
  ".cjs": ".cjs",
};

/** `x.d.ts` → `.d.ts`, `x.tsx` → `.tsx`, `x.css` → `` (not one resolution adds). */
export function resolvedExtension(file: string): string {
  return RESOLVED_EXTENSIONS.find((ext) => file.endsWith(ext) && file.length > ext.length) ?? "";
}

function stripResolved(file: string): string {
  return file.slice(0, file.length - resolvedExtension(file).length);
}

export function isRelative(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");
}

/** How the written path P relates to the resolved file T, or undefined when they are unrelated. */
export function formOf(written: string, resolved: string): Form | undefined {
  const p = trimSlash(written);
  if (p === resolved) return { kind: "exact" };
  const stem = stripResolved(resolved);
  if (p === stem) return { kind: "bare" };
  const ext = posix.extname(p);
  if (ext !== "" && p.slice(0, -ext.length) === stem && Object.values(JS_FOR).includes(ext)) return { kind: "js", ext };
  if (posix.basename(stem) === "index" && p === posix.dirname(resolved)) return { kind: "dir" };
  if (resolved.startsWith(`${p}/`)) return { kind: "entry" };
  return undefined;
}

/**
 * The path to write for the moved target, in `form`.
 * `newTarget` is where T will be; `movedPath` maps any path to where it will be.
 */
export function newWrittenPath(form: Form, written: string, resolved: string, newTarget: string, movedPath: (path: string) => string): string {
  switch (form.kind) {
    case "exact":
      return newTarget;
    case "bare":
      return stripResolved(newTarget);
    case "js": {
      // Keep the extension the importer wrote unless the file changed kind (a.ts → a.mts).
      const sameKind = JS_FOR[resolvedExtension(resolved)] === JS_FOR[resolvedExtension(newTarget)];
      return stripResolved(newTarget) + (sameKind ? form.ext : (JS_FOR[resolvedExtension(newTarget)] ?? form.ext));
    }
    case "dir":
      return posix.basename(stripResolved(newTarget)) === "index" ? posix.dirname(newTarget) : stripResolved(newTarget);
    case "entry":
      return movedPath(trimSlash(written));
  }
}

/** `./x` style: relative from the importer's directory, `./` added, `/` kept at the end when it was written. */
export function relativeSpecifier(importerDir: string, path: string, original: string): string {
  let rel = posix.relative(importerDir, path);
  if (rel === "") rel = ".";
  else if (rel !== ".." && !rel.startsWith("../")) rel = `./${rel}`;
  if (original.endsWith("/") && !rel.endsWith("/")) rel = rel === "." ? "./" : `${rel}/`;
  return rel;
}

/** The tsconfig `paths` and `baseUrl` an alias is read with. */
export interface AliasConfig {
  /** Directory `paths` substitutions are relative to (baseUrl, else the tsconfig's directory). */
  readonly pathsBase: string;
  readonly paths: Readonly<Record<string, readonly string[]>>;
  /** Absolute baseUrl, when set: bare specifiers also resolve against it. */
  readonly baseUrl?: string;
}

/** One way an alias specifier maps to a path: the key it matched, and the path it stands for. */
export interface AliasMatch {
  readonly key: string;
  /** The absolute path P the specifier stands for through this key and substitution. */
  readonly path: string;
}

/**
 * Every path a non-relative specifier may stand for through `paths` (the
 * keys TypeScript would try, most specific first) and then `baseUrl`.
 */
export function aliasCandidates(specifier: string, aliases: AliasConfig): AliasMatch[] {
  const matches: { key: string; prefixLength: number; star: string }[] = [];
  for (const key of Object.keys(aliases.paths)) {
    const star = key.indexOf("*");
    if (star === -1) {
      if (key === specifier) matches.push({ key, prefixLength: Infinity, star: "" });
      continue;
    }
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      matches.push({ key, prefixLength: prefix.length, star: specifier.slice(prefix.length, specifier.length - suffix.length) });
    }
  }
  matches.sort((a, b) => b.prefixLength - a.prefixLength);
  const candidates = matches.flatMap(({ key, star }) =>
    (aliases.paths[key] ?? []).map((substitution) => ({ key, path: posix.resolve(aliases.pathsBase, substitution.replace("*", star)) })),
  );
  if (aliases.baseUrl !== undefined) candidates.push({ key: "", path: posix.resolve(aliases.baseUrl, specifier) });
  return candidates;
}

/**
 * Spell `path` with an alias, preferring `preferredKey` (the one the importer
 * used); `""` means baseUrl. Undefined when no alias covers the path.
 */
export function aliasSpecifier(path: string, aliases: AliasConfig, preferredKey: string): string | undefined {
  if (preferredKey === "" && aliases.baseUrl !== undefined) {
    const rel = posix.relative(aliases.baseUrl, path);
    if (rel !== "" && rel !== ".." && !rel.startsWith("../") && !posix.isAbsolute(rel)) return rel;
  }
  const keys = Object.keys(aliases.paths);
  for (const key of [preferredKey, ...keys.filter((k) => k !== preferredKey)]) {
    for (const substitution of aliases.paths[key] ?? []) {
      const spelled = spellWithKey(key, posix.resolve(aliases.pathsBase, substitution), path);
      if (spelled !== undefined) return spelled;
    }
  }
  return undefined;
}

/** `@app/*` with substitution `/root/src/*` spells `/root/src/lib/x` as `@app/lib/x`; an exact key spells its exact path. */
function spellWithKey(key: string, substitution: string, path: string): string | undefined {
  const star = substitution.indexOf("*");
  if (!key.includes("*") || star === -1) return !key.includes("*") && star === -1 && substitution === path ? key : undefined;
  const prefix = substitution.slice(0, star);
  const suffix = substitution.slice(star + 1);
  if (path.length <= prefix.length + suffix.length || !path.startsWith(prefix) || !path.endsWith(suffix)) return undefined;
  return key.replace("*", path.slice(prefix.length, path.length - suffix.length));
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
