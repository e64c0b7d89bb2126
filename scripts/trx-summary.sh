#!/usr/bin/env bash
# Prints "N passed, M failed" counted from the trx files of a test run (dotnet test's own summary is per project).
set -euo pipefail
dir=${1:-TestResults}
passed=0
failed=0
shopt -s nullglob
files=("$dir"/*.trx)
for trx in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done
if [ ${#files[@]} -eq 0 ]; then
  echo "no test results found in $dir" >&2
  failed=1
fi
echo "$passed passed, $failed failed"
