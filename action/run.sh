#!/usr/bin/env bash
# The step of the GitHub Action (action.yml). Its inputs arrive as INPUT_*
# variables, so the script runs the same way in a test as on a runner.
#
#   INPUT_PATHS           paths or globs, separated by white space (default ".")
#   INPUT_CHANGED         "" / "false": every file; "true": changed against HEAD;
#                         anything else: a git ref to compare with
#   INPUT_SHARD           "i/n": part i of n of the files
#   INPUT_REPORTER        github (default), sarif, json or text
#   INPUT_OUTPUT          write the report to this file instead of the log
#   INPUT_FAIL_ON_CHANGES "false": files to sort (exit 1) do not fail the step
#   INPUT_PACKAGE         an npm package spec to run (e.g. safesort@0.1.0, a
#                         tarball URL) when the project does not install safesort
#   INPUT_MERGE_SARIF     SARIF files (globs) to merge into INPUT_OUTPUT, instead of checking
#   INPUT_WORKING_DIRECTORY  where to run (default ".")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "${INPUT_WORKING_DIRECTORY:-.}"

if [ -n "${INPUT_MERGE_SARIF:-}" ]; then
  : "${INPUT_OUTPUT:?the output input names the merged SARIF file}"
  # The globs are expanded here, by the shell.
  # shellcheck disable=SC2086
  exec node "$here/merge-sarif.mjs" "$INPUT_OUTPUT" $INPUT_MERGE_SARIF
fi

# `--changed=<ref>`, never `--changed <ref>`: its value is optional and a path after it would be taken for one.
set -f # globs go to safesort as they are (it expands them itself)
# shellcheck disable=SC2206
args=(${INPUT_PATHS:-.})
set +f
args+=(--check --reporter "${INPUT_REPORTER:-github}")
case "${INPUT_CHANGED:-}" in
  "" | false) ;;
  true) args+=(--changed=HEAD) ;;
  *) args+=("--changed=${INPUT_CHANGED}") ;;
esac
if [ -n "${INPUT_SHARD:-}" ]; then args+=(--shard "$INPUT_SHARD"); fi

if [ -n "${INPUT_PACKAGE:-}" ]; then
  run=(npx --yes --package "$INPUT_PACKAGE" safesort)
else
  run=(npx --no-install safesort)
fi

status=0
if [ -n "${INPUT_OUTPUT:-}" ]; then
  "${run[@]}" "${args[@]}" > "$INPUT_OUTPUT" || status=$?
else
  "${run[@]}" "${args[@]}" || status=$?
fi
if [ "$status" -eq 1 ] && [ "${INPUT_FAIL_ON_CHANGES:-true}" = false ]; then status=0; fi
exit "$status"
