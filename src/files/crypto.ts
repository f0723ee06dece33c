/**
 * node:crypto, loaded on first use: loading it costs a run several
 * milliseconds, and a run that hashes nothing (`--check --no-cache` on
 * sorted files) never needs it.
 */
type Crypto = typeof import("node:crypto");

let loaded: Crypto | undefined;

/** The module, looked up once: `getBuiltinModule` normalizes its argument on every call (a warm run hashes once per file). */
export function nodeCrypto(): Crypto {
  return (loaded ??= process.getBuiltinModule("node:crypto"));
}

/** sha256 of `data`, as lower-case hex (one-shot `crypto.hash` where Node has it: no Hash object per call). */
export function sha256Hex(data: string | Uint8Array): string {
  const { hash, createHash } = nodeCrypto();
  return typeof hash === "function" ? hash("sha256", data, "hex") : createHash("sha256").update(data).digest("hex");
}
