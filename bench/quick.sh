#!/usr/bin/env bash
# Every benchmark under bench/ once, at the "1x" scale or smaller, as .ci/run's integration pass runs them (issue 17):
# this checks that each still runs to its end and prints its figures. It does not judge the figures: a CI machine's
# timings say nothing (the targets are measured on a quiet machine and written down in docs/performance.md).
#
#   bench/quick.sh            needs what the integration tests need: docker-registry and skopeo (registry-bench),
#                             PostgreSQL 15 (server-bench), ripgrep is optional (secrets-bench says when it is absent)
#
# Output: each script's own output, then one line per script (ok / FAILED) and the count; exit 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=bench/out/quick
mkdir -p "$out"
failed=0
summary=()

# name | command | a pattern its output must hold (the figure line)
run() {
  local name=$1 pattern=$2
  shift 2
  echo "=== bench quick: $name: $*"
  local log=$out/$name.log
  local start
  start=$(date +%s)
  "$@" >"$log" 2>&1
  local rc=$?
  cat "$log"
  local took=$(( $(date +%s) - start ))
  if [ $rc -ne 0 ]; then
    summary+=("$name: FAILED (exit $rc, ${took}s)")
    failed=$((failed + 1))
  elif ! grep -Eq "$pattern" "$log"; then
    summary+=("$name: FAILED (no figure matching /$pattern/ in its output, ${took}s)")
    failed=$((failed + 1))
  else
    summary+=("$name: ok (${took}s)")
  fi
}

./drydock --version >/dev/null # builds once, trains the class-data-sharing archive

run scan-bench 'cold/gzip' python3 bench/scan-bench.py --warm-runs 1 1
run vulndb-bench 'MiB per 100k advisories' python3 bench/vulndb-bench.py 20000
run config-bench 'run 1: checking' python3 bench/config-bench.py 1
run secrets-bench 'MB/s' python3 bench/secrets-bench.py tree 20
run registry-bench 'cold/skopeo' python3 bench/registry-bench.py --scale 1 --runs 1
run server-bench 'two servers / one server' python3 bench/server-bench.py --images 4 --requests 40

echo "=== bench quick: summary"
printf '%s\n' "${summary[@]}"
echo "$failed benchmark(s) failed"
[ "$failed" = 0 ]
