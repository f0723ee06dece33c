/**
 * Sharding (`--shard i/n`): a CI matrix of n machines runs the same command,
 * machine i keeping only the files of part i.
 *
 * A file's part depends on nothing but its path relative to cwd (with `/`
 * separators): a hash of that string, modulo n. Never on discovery order or
 * on what else was found, so the parts are disjoint and their union is the
 * whole set on every machine, and the filter streams (no file list is held).
 *
 *   shardOf("src/a.ts", 3) → 2   on every machine, in every run
 *
 * The hash is 32-bit FNV-1a over the UTF-8 bytes, finished with murmur3's
 * fmix32 so that the low bits (what `% n` looks at) are well mixed. Changing
 * it moves files between shards, which is harmless but makes CI logs harder
 * to compare; the test pins a few assignments.
 */
import { relative, resolve, sep } from "node:path";

/** Part `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export type ParsedShard = { readonly ok: true; readonly shard: Shard } | { readonly ok: false; readonly message: string };

/** `"2/3"` → part 2 of 3; anything else (0/3, 4/3, 1/0, 1.5/2, " 1/2") is an error with a message. */
export function parseShard(text: string): ParsedShard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return { ok: false, message: `--shard expects i/n (for example 1/4), got "${text}"` };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1) return { ok: false, message: `--shard ${text}: n must be at least 1` };
  if (!Number.isSafeInteger(index) || index < 1 || index > count) {
    return { ok: false, message: `--shard ${text}: i must be between 1 and ${count}` };
  }
  return { ok: true, shard: { index, count } };
}

/** The 1-based part of `count` that a `/`-separated relative path belongs to. */
export function shardOf(path: string, count: number): number {
  return (hashPath(path) % count) + 1;
}

/** Does the file at `absPath` belong to `shard`? Its key is its path relative to `cwd`. */
export function inShard(absPath: string, cwd: string, shard: Shard): boolean {
  return shardOf(shardKey(absPath, cwd), shard.count) === shard.index;
}

/** The path a file is hashed by: relative to cwd, `/`-separated (`../x` for files outside it, absolute on another drive). */
export function shardKey(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel.split(sep).join("/");
}

const encoder = new TextEncoder();

/** FNV-1a (32-bit) over UTF-8, then fmix32; an unsigned 32-bit integer. */
export function hashPath(path: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(path)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
