/**
 * The test kit's binary runner: the real `node bin/safesort.js` (the built
 * CLI in dist/, which `npm test` builds first) in a child process, waited
 * for (`safesort`; `runNode` runs another tool's CLI the same way), left
 * running with piped stdio (`startBin`, for the language server), or as a
 * promise with signals, an unprivileged user and a peak-RSS probe (`runBin`).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { isRoot } from "./tree.js";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(REPO, "bin", "safesort.js");

export interface SyncResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SyncOptions {
  /** Fed to the child's stdin. */
  readonly input?: string;
  /** The child's whole environment (as `spawnSync`'s `env`: nothing is inherited). */
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the child after this many ms (the run then throws `ETIMEDOUT`). */
  readonly timeout?: number;
}

/** Run the binary to completion with `args` in `cwd`, optionally feeding `input` (or `options.input`) on stdin. */
export function safesort(args: readonly string[], cwd: string, input?: string | SyncOptions): SyncResult {
  return runNode(BIN, args, cwd, typeof input === "string" ? { input } : input);
}

/** Run a Node script to completion, as `safesort` runs the binary: another tool's CLI (eslint, prettier, jscodeshift) beside it. */
export function runNode(script: string, args: readonly string[], cwd: string, options: SyncOptions = {}): SyncResult {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8", ...options });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface BinResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time of the child, in ms. */
  readonly ms: number;
  /** Peak resident set size of the child in MB, with `measure: true`. */
  readonly maxRssMb?: number;
}

export interface BinOptions {
  readonly cwd: string;
  /** Run as this unprivileged user (through `setpriv`), e.g. 65534 (nobody); the binary then runs from `unprivilegedInstall()`. */
  readonly uid?: number;
  /** Send `signal` this many ms after the child started. */
  readonly killAfter?: { readonly ms: number; readonly signal: NodeJS.Signals };
  readonly env?: Record<string, string>;
  /** Record the child's peak RSS (`process.resourceUsage().maxRSS` at exit, through a preloaded module). */
  readonly measure?: boolean;
}

/** Start the binary with piped stdio and leave it running: a server (`lsp`) a test talks to. */
export function startBin(args: readonly string[], cwd: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
}

/** Preloaded with `--import`: writes the process's peak RSS (KB) to $SAFESORT_RSS_FILE at exit. */
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  'import { writeFileSync } from "node:fs"; process.on("exit", () => writeFileSync(process.env.SAFESORT_RSS_FILE, String(process.resourceUsage().maxRSS)));',
)}`;

/** Run `node bin/safesort.js …args` in a child process. */
export async function runBin(args: readonly string[], options: BinOptions): Promise<BinResult> {
  const node = process.execPath;
  const bin = options.uid === undefined ? BIN : await unprivilegedInstall();
  const script = options.measure ? ["--import", RSS_HOOK, bin, ...args] : [bin, ...args];
  const [command, argv] =
    options.uid === undefined
      ? [node, script]
      : ["setpriv", [`--reuid=${options.uid}`, `--regid=${options.uid}`, "--clear-groups", node, ...script]];
  const rssFile = join(tmpdir(), `safesort-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: "1", ...options.env, ...(options.measure ? { SAFESORT_RSS_FILE: rssFile } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = options.killAfter ? setTimeout(() => child.kill(options.killAfter!.signal), options.killAfter.ms) : undefined;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (!options.measure) return resolve({ code, signal, stdout, stderr, ms });
      readFile(rssFile, "utf8")
        .then((kb) => resolve({ code, signal, stdout, stderr, ms, maxRssMb: Math.round(Number(kb) / 1024) }))
        .catch(reject)
        .finally(() => void rm(rssFile, { force: true }));
    });
  });
}

let installed: Promise<string> | undefined;

/**
 * The binary as an unprivileged user can run it wherever the checkout lies
 * (a clone inside a private `mktemp -d` folder is not traversable by
 * `nobody`): bin/, the bundled CLI (dist/bundle), package.json and the
 * runtime dependencies the bundle loads from node_modules (the closure of
 * package.json's `dependencies`, as npm hoisted them), copied once per test
 * file to a world-readable temp folder. Returns the copy's bin/safesort.js.
 * A test file that runs as another user removes the copy in its `afterAll`
 * (`removeUnprivilegedInstall`): vitest ends its workers without `exit` events.
 */
function unprivilegedInstall(): Promise<string> {
  return (installed ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "safesort-install-"));
    await cp(join(REPO, "bin"), join(dir, "bin"), { recursive: true });
    await cp(join(REPO, "dist", "bundle"), join(dir, "dist", "bundle"), { recursive: true });
    await cp(join(REPO, "package.json"), join(dir, "package.json"));
    for (const name of await runtimeDependencies()) {
      await cp(join(REPO, "node_modules", name), join(dir, "node_modules", name), { recursive: true, verbatimSymlinks: true });
    }
    spawnSync("chmod", ["-R", "a+rX", dir]);
    await chmod(dir, 0o755);
    installedDir = dir;
    return join(dir, "bin", "safesort.js");
  })());
}

let installedDir: string | undefined;

/** Remove the copy `unprivilegedInstall` made, if any. */
export async function removeUnprivilegedInstall(): Promise<void> {
  if (installedDir !== undefined) await rm(installedDir, { recursive: true, force: true });
  installedDir = undefined;
  installed = undefined;
}

/** The hoisted packages under node_modules that package.json's `dependencies` need, transitively (optional ones that are installed included). */
async function runtimeDependencies(): Promise<string[]> {
  const depsOf = async (manifest: string): Promise<string[]> => {
    const pkg = JSON.parse(await readFile(manifest, "utf8")) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
  };
  const seen = new Set<string>();
  const queue = await depsOf(join(REPO, "package.json"));
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    const manifest = join(REPO, "node_modules", name, "package.json");
    if (!existsSync(manifest)) continue; // an optional dependency for another platform, or one nested under its dependent (copied with it)
    seen.add(name);
    queue.push(...(await depsOf(manifest)));
  }
  return [...seen];
}

/** Can we switch to an unprivileged user to make permission checks real? (Root bypasses them.) */
export function canDropPrivileges(uid = 65534): boolean {
  if (!isRoot) return false;
  const probe = spawnSync("setpriv", [`--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", process.execPath, "-e", "process.exit(0)"]);
  return probe.status === 0;
}
