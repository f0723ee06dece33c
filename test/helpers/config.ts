import { defaultConfig } from "../../src/config/index.js";
import type { ResolvedConfig } from "../../src/types.js";

/** A resolved config built directly (no files): the defaults plus overrides. */
export function testConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return { ...defaultConfig("/"), ...overrides };
}
