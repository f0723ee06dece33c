#!/usr/bin/env node
// Node ≥ 22.1 keeps the compiled code of the CLI between runs (in its
// compile cache directory); older versions simply compile it every time.
import module from "node:module";

module.enableCompileCache?.();
await import("../dist/bundle/safesort.js");
