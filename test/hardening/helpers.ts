/**
 * Helpers for the fault tests: temp trees on the real file system, the real
 * binary in a child process (optionally as an unprivileged user), and
 * snapshots that tell "old content" from "new content" from "something else".
 */
import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(REPO, "bin", "safesort.js");

export const isRoot = process.getuid?.() === 0;

/** A fresh temp directory (mode 0755 so an unprivileged child can enter it); remove it with `removeTree`. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `safesort-hardening-${prefix}-`));
  await chmod(dir, 0o755);
  return dir;
}

/** Create files (`/`-separated path → content). */
export async function writeTree(root: string, tree: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    const abs = join(root, path);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

/** Remove a temp tree, giving back the permissions a test took away. */
export async function removeTree(root: string): Promise<void> {
  spawnSync("chmod", ["-R", "u+rwX", root]);
  await rm(root, { recursive: true, force: true });
}

/** Every file under `root` (relative, `/`-separated), sorted; links listed, not followed. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    out.push(relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"));
  }
  return out.sort();
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
  /** Run as this unprivileged user (through `setpriv`), e.g. 65534 (nobody). */
  readonly uid?: number;
  /** Send `signal` this many ms after the child started. */
  readonly killAfter?: { readonly ms: number; readonly signal: NodeJS.Signals };
  readonly env?: Record<string, string>;
  /** Record the child's peak RSS (`process.resourceUsage().maxRSS` at exit, through a preloaded module). */
  readonly measure?: boolean;
}

/** Preloaded with `--import`: writes the process's peak RSS (KB) to $SAFESORT_RSS_FILE at exit. */
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  'import { writeFileSync } from "node:fs"; process.on("exit", () => writeFileSync(process.env.SAFESORT_RSS_FILE, String(process.resourceUsage().maxRSS)));',
)}`;

/** Run `node bin/safesort.js …args` in a child process. */
export function runBin(args: readonly string[], options: BinOptions): Promise<BinResult> {
  const node = process.execPath;
  const script = options.measure ? ["--import", RSS_HOOK, BIN, ...args] : [BIN, ...args];
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

/** Can we switch to an unprivileged user to make permission checks real? (Root bypasses them.) */
export function canDropPrivileges(uid = 65534): boolean {
  if (!isRoot) return false;
  const probe = spawnSync("setpriv", [`--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", process.execPath, "-e", "process.exit(0)"]);
  return probe.status === 0;
}

/** Bytes of each listed file, for "untouched" comparisons. */
export async function readAll(root: string, paths: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const path of paths) out.set(path, await readFile(join(root, path)));
  return out;
}
