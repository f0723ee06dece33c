/** Types for builtin-imports.mjs (plain JavaScript: scripts/bundle.mjs runs it without a build). */
/** `code` with its head's imports of Node builtins rewritten to `process.getBuiltinModule`; throws on a form it does not rewrite. */
export function withoutBuiltinFacades(code: string, file: string): string;
