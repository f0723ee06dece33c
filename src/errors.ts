import type { Diagnostic, DiagnosticCode } from "./types.js";

/** A known failure with a location: printed briefly, without a stack. */
export class SafesortError extends Error {
  readonly code: DiagnosticCode;
  readonly path: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: DiagnosticCode, message: string, path: string, line?: number, column?: number) {
    super(message);
    this.name = "SafesortError";
    this.code = code;
    this.path = path;
    this.line = line;
    this.column = column;
  }

  toDiagnostic(): Diagnostic {
    return { code: this.code, message: this.message, path: this.path, line: this.line, column: this.column };
  }
}

/** A configuration file failed validation; `keyPath` names the offending key. */
export class ConfigError extends SafesortError {
  readonly keyPath: string;

  constructor(file: string, keyPath: string, message: string) {
    super("config-error", keyPath ? `${keyPath}: ${message}` : message, file);
    this.name = "ConfigError";
    this.keyPath = keyPath;
  }
}

/** The source could not be parsed. */
export class ParseError extends SafesortError {
  readonly frame: string | undefined;

  constructor(message: string, path: string, line: number, column: number, frame?: string) {
    super("syntax-error", message, path, line, column);
    this.name = "ParseError";
    this.frame = frame;
  }

  override toDiagnostic(): Diagnostic {
    return { ...super.toDiagnostic(), frame: this.frame };
  }
}

/** Format a diagnostic as `path:line:col: message`. */
export function formatLocation(d: Pick<Diagnostic, "path" | "line" | "column">): string {
  if (d.line === undefined) return d.path;
  return d.column === undefined ? `${d.path}:${d.line}` : `${d.path}:${d.line}:${d.column}`;
}
