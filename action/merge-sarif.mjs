#!/usr/bin/env node
// Merge the SARIF logs of safesort's shards into one log with one run, for
// one code-scanning upload (GitHub accepts one run per tool and category).
//
//   node action/merge-sarif.mjs merged.sarif shard-1.sarif shard-2.sarif …
//
// Each run's results are kept in input order; the rules become the union of
// the runs' rules (by id, first seen first) and every result's ruleIndex is
// pointed at its rule in that union, since the same rule can have different
// indexes in different shards. Runs of another tool are refused.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export function mergeSarif(logs) {
  const rules = [];
  const results = [];
  let first;
  for (const log of logs) {
    if (log?.version !== "2.1.0" || !Array.isArray(log.runs)) throw new Error("not a SARIF 2.1.0 log");
    for (const run of log.runs) {
      const driver = run.tool?.driver ?? {};
      if (driver.name !== "safesort") throw new Error(`a run of another tool (${String(driver.name)}) cannot be merged`);
      first ??= { log, run, driver };
      const own = driver.rules ?? [];
      for (const rule of own) if (!rules.some((r) => r.id === rule.id)) rules.push(rule);
      for (const result of run.results ?? []) {
        const id = result.ruleId ?? own[result.ruleIndex]?.id;
        const index = rules.findIndex((r) => r.id === id);
        results.push(index === -1 ? result : { ...result, ruleId: id, ruleIndex: index });
      }
    }
  }
  if (first === undefined) throw new Error("no run to merge");
  const run = { ...first.run, tool: { driver: { ...first.driver, rules } }, results };
  return { $schema: first.log.$schema, version: "2.1.0", runs: [run] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [output, ...inputs] = process.argv.slice(2);
  if (!output || inputs.length === 0) {
    process.stderr.write("usage: merge-sarif.mjs <output.sarif> <input.sarif>…\n");
    process.exit(2);
  }
  try {
    const merged = mergeSarif(inputs.map((file) => JSON.parse(readFileSync(file, "utf8"))));
    writeFileSync(`${output}.tmp`, JSON.stringify(merged, null, 2) + "\n");
    renameSync(`${output}.tmp`, output);
    process.stderr.write(`${inputs.length} SARIF logs merged into ${output}: ${merged.runs[0].results.length} results\n`);
  } catch (error) {
    process.stderr.write(`merge-sarif: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
