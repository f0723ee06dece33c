/**
 * Telling the user about a config file that does not validate: a log line
 * alone goes unseen (every request for a document under it gets no edits,
 * and the editor shows nothing). So each distinct problem is shown once
 * (`window/showMessage`, with the config's `path:line:col`), and once a
 * document under that config sorts again, the server says it is fixed.
 * Requests that hit the same problem again (a save sends two) stay quiet.
 */
import { dirname, sep } from "node:path";

import { formatLocation } from "../errors.js";
import type { Diagnostic } from "../types.js";

export interface NoticeSink {
  error(message: string): void;
  info(message: string): void;
}

export class ConfigNotices {
  /** Config file → the problem last shown for it. */
  private readonly shown = new Map<string, string>();

  constructor(private readonly sink: NoticeSink) {}

  /** Resolving the config failed with `diagnostic` (its path is the config file). */
  failed(diagnostic: Diagnostic): void {
    const text = `${formatLocation(diagnostic)}: ${diagnostic.message}`;
    if (this.shown.get(diagnostic.path) === text) return;
    this.shown.set(diagnostic.path, text);
    this.sink.error(`safesort: invalid config, imports are not sorted until it is fixed: ${text}`);
  }

  /** The config for the document at `documentPath` resolved: problems shown for configs above it are fixed. */
  resolved(documentPath: string): void {
    for (const configPath of this.shown.keys()) {
      const dir = dirname(configPath);
      if (documentPath.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
        this.shown.delete(configPath);
        this.sink.info(`safesort: ${configPath} is valid again`);
      }
    }
  }
}
