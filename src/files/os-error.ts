/**
 * Turning Node's file-system errors into the short reasons a user reads in a
 * diagnostic ("permission denied"), and telling known OS failures apart from
 * bugs.
 */
/** The `code` of a Node system error (`"ENOENT"`), or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error;
  return typeof code === "string" ? code : undefined;
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or directory",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  ELOOP: "too many levels of symbolic links",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EMFILE: "too many open files",
  ENFILE: "too many open files in system",
  EBUSY: "resource busy or locked",
  EEXIST: "file already exists",
  ENAMETOOLONG: "file name too long",
  EIO: "input/output error",
  EXDEV: "cross-device link not permitted",
};

/**
 * A short, lower-case reason with the code: `"permission denied (EACCES)"`.
 * Never the path: Node's messages (`EINVAL: invalid argument, open '/abs/x'`)
 * name the absolute path, and output must not show absolute paths the user
 * did not give; the diagnostic already names the file.
 */
export function osReason(error: unknown): string {
  const code = errnoCode(error);
  if (code !== undefined && REASONS[code] !== undefined) return `${REASONS[code]} (${code})`;
  if (error instanceof Error) return code === undefined ? error.message : `${withoutPaths(error.message, code)} (${code})`;
  return String(error);
}

/** `EINVAL: invalid argument, open '/abs/x'` → `invalid argument`. */
function withoutPaths(message: string, code: string): string {
  return message.replace(new RegExp(`^${code}:\\s*`), "").replace(/,\s*\w+\s+'[^']*'(\s*->\s*'[^']*')?$/, "");
}

/** Is this a Node system error (as opposed to a bug)? */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && errnoCode(error) !== undefined;
}
