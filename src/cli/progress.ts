/**
 * A progress line for long runs on a terminal: `safesort: 1,234/5,592 files · 2,345 files/s`.
 * Drawn on stderr only after `delayMs` (a short run never shows it), at most
 * every `intervalMs`, and erased before any other output and at the end.
 * The caller decides whether there is a terminal to draw on; never with
 * `--json` or when piped.
 */
import type { Output } from "./io.js";

export interface ProgressOptions {
  readonly now?: () => number;
  readonly delayMs?: number;
  readonly intervalMs?: number;
}

export class Progress {
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly started: number;
  private lastDraw = -Infinity;
  private drawn = false;
  private done = 0;
  private total: number | undefined;

  constructor(
    private readonly out: Output,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
    this.started = this.now();
  }

  /** Discovery found `count` files so far; `complete` once it has found them all. */
  discovered(count: number, complete: boolean): void {
    this.total = complete ? count : undefined;
  }

  /** One more file is done. */
  tick(): void {
    this.done += 1;
    const t = this.now();
    if (t - this.started < this.delayMs || t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    const seconds = (t - this.started) / 1000;
    const count = this.total === undefined ? `${this.done}` : `${this.done}/${this.total}`;
    this.out.write(`\r\u001b[Ksafesort: ${count} files · ${Math.round(this.done / seconds)} files/s`);
    this.drawn = true;
  }

  /** Erase the line (before other output, and at the end). */
  clear(): void {
    if (!this.drawn) return;
    this.out.write("\r\u001b[K");
    this.drawn = false;
  }
}
