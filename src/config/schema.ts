/**
 * The user-facing schema: what may be written in a config file, validated
 * key by key with errors that name the key path, what was expected and what
 * was found. The result is the user's options, checked but not yet resolved
 * (no defaults, no package.json or tsconfig input): see resolve.ts.
 */

import { loadPicomatch } from "../files/lazy-packages.js";
import { CATEGORIES, type Category, type TypeImportsPlacement } from "../types.js";

import { type ConfigLocation, describe, fail, formatKeyPath, isPlainObject, type KeyPath } from "./located.js";

/** A group of modules chosen by pattern: `{ "name": "react", "match": ["react", "react-*"] }`. */
interface CustomGroup {
  readonly name?: string;
  readonly match: readonly string[];
}

export type GroupMember = Category | CustomGroup;
/** One entry of `groups`: a member, or several members merged into one group. */
export type GroupEntry = GroupMember | readonly GroupMember[];

/** The sorting options: what a nested config or an override merges over what applies above it. */
export interface UserOptions {
  readonly groups?: readonly GroupEntry[];
  readonly firstParty?: readonly string[];
  readonly sideEffectModules?: readonly string[];
  readonly blankLinesBetweenGroups?: boolean;
  readonly sortReexports?: boolean;
  readonly sortSpecifiers?: boolean;
  readonly typeImports?: TypeImportsPlacement;
}

/** `overrides[i]`: options for the files matching `files` (globs relative to the config's directory). */
interface Override extends UserOptions {
  readonly files: readonly string[];
}

/** A config file as written by the user, after validation. */
export interface UserConfig extends UserOptions {
  /** Stop the cascade here: configs in directories above are not read. */
  readonly root?: boolean;
  /** Globs relative to the config's directory: not walked. Adds to the excludes of the configs above. */
  readonly exclude?: readonly string[];
  readonly overrides?: readonly Override[];
}

const TYPE_IMPORTS: readonly TypeImportsPlacement[] = ["first", "last", "inline"];

type Validator = (value: unknown, at: ConfigLocation, path: KeyPath) => unknown;

/** The sorting options and how each value is checked (also what an override may set). */
const OPTION_KEYS: Readonly<Record<keyof UserOptions, Validator>> = {
  groups: validateGroups,
  firstParty: (value, at, path) => validatePatterns(value, at, path, "module"),
  sideEffectModules: (value, at, path) => validatePatterns(value, at, path, "module"),
  blankLinesBetweenGroups: expectBoolean,
  sortReexports: expectBoolean,
  sortSpecifiers: expectBoolean,
  typeImports: (value, at, path) => expectOneOf(value, TYPE_IMPORTS, at, path),
};

/** The keys of OPTION_KEYS: what merges in the cascade. */
export const OPTION_NAMES = Object.keys(OPTION_KEYS) as readonly (keyof UserOptions)[];

/** Every accepted top-level key and how its value is checked. */
const KEYS: Readonly<Record<keyof UserConfig | "$schema", Validator>> = {
  $schema: (value, at, path) => expectString(value, at, path),
  ...OPTION_KEYS,
  exclude: (value, at, path) => validatePatterns(value, at, path, "path"),
  root: expectBoolean,
  overrides: validateOverrides,
};

/** Validate the user's options object (the whole file, or package.json's "safesort"). */
export function validateUserConfig(value: unknown, at: ConfigLocation): UserConfig {
  if (!isPlainObject(value)) fail(at, [], `expected an object of safesort options, got ${describe(value)}`);
  const config: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!Object.hasOwn(KEYS, key)) fail(at, [key], unknownKeyMessage(key, Object.keys(KEYS)));
    const checked = KEYS[key as keyof typeof KEYS](raw, at, [key]);
    if (key !== "$schema") config[key] = checked;
  }
  return config as UserConfig;
}

// ---------------------------------------------------------------------------
// overrides

const OVERRIDE_KEYS: readonly string[] = ["files", ...OPTION_NAMES];

/** `overrides`: an array of `{ "files": [globs], …options }`. */
function validateOverrides(value: unknown, at: ConfigLocation, path: KeyPath): Override[] {
  if (!Array.isArray(value)) fail(at, path, `expected an array of { "files": [...], ...options } objects, got ${describe(value)}`);
  return value.map((entry, i) => validateOverride(entry, at, [...path, i]));
}

function validateOverride(value: unknown, at: ConfigLocation, path: KeyPath): Override {
  if (!isPlainObject(value)) fail(at, path, `expected an object { "files": [...], ...options }, got ${describe(value)}`);
  if (!Object.hasOwn(value, "files")) fail(at, path, 'expected a "files" key with an array of globs, got none');
  const options: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (key === "files") continue;
    if (key === "exclude" || key === "root" || key === "overrides") {
      fail(at, [...path, key], `"${key}" applies to a whole config file: write it at the top level, not in an override`);
    }
    if (!Object.hasOwn(OPTION_KEYS, key)) fail(at, [...path, key], unknownKeyMessage(key, OVERRIDE_KEYS));
    options[key] = OPTION_KEYS[key as keyof UserOptions](raw, at, [...path, key]);
  }
  // Prettier's overrides accept one glob as a string: so do these.
  const raw = typeof value.files === "string" ? [value.files] : value.files;
  const files = validatePatterns(raw, at, [...path, "files"], "path");
  if (files.length === 0) fail(at, [...path, "files"], "expected at least one glob, got an empty array");
  return { files, ...options };
}

// ---------------------------------------------------------------------------
// groups

const MEMBER_EXPECTED = `a category name (${CATEGORIES.map((c) => JSON.stringify(c)).join(", ")}) or a { "match": [...] } object`;

function validateGroups(value: unknown, at: ConfigLocation, path: KeyPath): GroupEntry[] {
  if (!Array.isArray(value)) fail(at, path, `expected an array of groups, got ${describe(value)}`);
  const seen = new Map<string, KeyPath>();
  const once = (member: GroupMember, memberPath: KeyPath): GroupMember => {
    if (typeof member !== "string") return member;
    const first = seen.get(member);
    if (first !== undefined) {
      fail(at, memberPath, `expected each category at most once, got "${member}" again (first at ${formatKeyPath([...at.root, ...first])})`);
    }
    seen.set(member, memberPath);
    return member;
  };
  return value.map((entry, i): GroupEntry => {
    if (!Array.isArray(entry)) {
      if (typeof entry === "string" || isPlainObject(entry)) return once(validateMember(entry, at, [...path, i]), [...path, i]);
      fail(at, [...path, i], `expected ${MEMBER_EXPECTED}, or an array of those, got ${describe(entry)}`);
    }
    if (entry.length === 0) fail(at, [...path, i], "expected a non-empty array of groups to merge, got an empty array");
    return entry.map((member, j) => once(validateMember(member, at, [...path, i, j]), [...path, i, j]));
  });
}

function validateMember(value: unknown, at: ConfigLocation, path: KeyPath): GroupMember {
  if (typeof value === "string") {
    if ((CATEGORIES as readonly string[]).includes(value)) return value as Category;
    const hint = value.trim() === "" ? "" : ` (to group modules by name, write { "match": [${JSON.stringify(value)}] })`;
    fail(at, path, `expected one of ${CATEGORIES.map((c) => JSON.stringify(c)).join(", ")}, got ${describe(value)}${hint}`);
  }
  if (!isPlainObject(value)) fail(at, path, `expected ${MEMBER_EXPECTED}, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (key !== "name" && key !== "match") fail(at, [...path, key], unknownKeyMessage(key, ["name", "match"]));
  }
  if (!Object.hasOwn(value, "match")) fail(at, path, 'expected a "match" key with an array of module patterns, got none');
  const match = validatePatterns(value.match, at, [...path, "match"], "module");
  if (match.length === 0) fail(at, [...path, "match"], "expected at least one module pattern, got an empty array");
  if (!Object.hasOwn(value, "name")) return { match };
  const name = expectString(value.name, at, [...path, "name"]);
  if (name.trim() === "") fail(at, [...path, "name"], `expected a non-empty name, got ${describe(name)}`);
  return { name, match };
}

// ---------------------------------------------------------------------------
// patterns

/**
 * A list of picomatch globs. `module` patterns are matched against import
 * specifiers; `path` patterns (`exclude`, overrides' `files`) against paths
 * relative to the config's directory, so they may not be absolute or climb
 * out with `..`; a leading `./` is dropped. Duplicates are removed, order is
 * kept.
 */
function validatePatterns(value: unknown, at: ConfigLocation, path: KeyPath, kind: "module" | "path"): string[] {
  if (!Array.isArray(value)) fail(at, path, `expected an array of strings, got ${describe(value)}`);
  const patterns = value.map((item, i) => validatePattern(item, at, [...path, i], kind));
  return [...new Set(patterns)];
}

function validatePattern(value: unknown, at: ConfigLocation, path: KeyPath, kind: "module" | "path"): string {
  const pattern = expectString(value, at, path);
  if (pattern.trim() === "") fail(at, path, `expected a non-empty pattern, got ${describe(pattern)}`);
  if (pattern.trim() !== pattern) fail(at, path, `expected a pattern without surrounding spaces, got ${describe(pattern)}`);
  if (pattern.startsWith("!")) fail(at, path, `expected a pattern; negated patterns are not supported, got ${describe(pattern)}`);
  let result = pattern;
  if (kind === "path") {
    if (pattern.startsWith("/") || /^[A-Za-z]:[\\/]/.test(pattern) || pattern.split("/").includes("..")) {
      fail(at, path, `expected a pattern relative to the config file's directory, got ${describe(pattern)}`);
    }
    result = pattern.replace(/^(\.\/)+/, "");
    if (result === "") fail(at, path, `expected a pattern naming files, got ${describe(pattern)}`);
  }
  const problem = globProblem(result);
  if (problem !== undefined) fail(at, path, `expected a valid glob pattern, got ${describe(pattern)}: ${problem}`);
  return result;
}

/** Why picomatch rejects a pattern (unbalanced brackets, braces, parens), if it does. */
function globProblem(pattern: string): string | undefined {
  try {
    const picomatch = loadPicomatch();
    picomatch.scan(pattern);
    picomatch.makeRe(pattern, { strictBrackets: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// ---------------------------------------------------------------------------
// primitives

function expectString(value: unknown, at: ConfigLocation, path: KeyPath): string {
  if (typeof value !== "string") fail(at, path, `expected a string, got ${describe(value)}`);
  return value;
}

function expectBoolean(value: unknown, at: ConfigLocation, path: KeyPath): boolean {
  if (typeof value !== "boolean") fail(at, path, `expected a boolean (true or false), got ${describe(value)}`);
  return value;
}

function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], at: ConfigLocation, path: KeyPath): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(at, path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describe(value)}`);
  }
  return value as T;
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const close = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = close === undefined ? "" : ` (did you mean "${close}"?)`;
  return `unknown key ${JSON.stringify(key)}${hint}; expected one of ${known.join(", ")}`;
}

/** Levenshtein distance, for "did you mean" hints on short key names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
