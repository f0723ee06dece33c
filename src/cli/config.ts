/** Config for the single-file commands (`--stdin-filepath`, `explain`): the resolver for `--config`. */
import { resolve } from "node:path";

import { ConfigResolver } from "../config/index.js";

export function resolverFor(cwd: string, configFile: string | undefined): ConfigResolver {
  return new ConfigResolver(configFile === undefined ? {} : { configFile: resolve(cwd, configFile) });
}
