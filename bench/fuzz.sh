#!/usr/bin/env bash
# Runs drydock's Jazzer fuzz targets (issue 18) in fuzzing mode, one at a time, and prints per target the
# executions, the time and the crashes found. The targets are the @FuzzTest methods in
# */src/test/java/**/fuzz/*FuzzTest.java; `./mvnw -B verify` already runs each in regression mode (its seeds and
# the crash inputs kept in src/test/resources/<package>/<Class>Inputs/<method>/).
#
#   bench/fuzz.sh [TARGET...]      TARGET: Class or Class#method, e.g. OsPackageDbFuzzTest (default: all)
#
# Environment:
#   FUZZ_EXECUTIONS  executions per target (default 1000000): jazzer.max_executions
#   FUZZ_SECONDS     time per target in seconds (default 3600): jazzer.max_duration; a target stops at
#                    whichever comes first
#   FUZZ_NICE        nice level of the fuzzing JVMs (default 19: other builds on the machine keep the CPU)
#   FUZZ_TABLE       the results table (default bench/out/fuzz/results.md); give each of two concurrent runs its own
#   FUZZ_BUILD=0     skip the build (test-compile and class path) when it was done already
#
# A crash stops its target: Jazzer writes the input to the target's Inputs directory (crash-<sha1>), where the
# next `./mvnw verify` runs it as a regression test until the parser is fixed. New corpus entries go to
# <module>/.cifuzz-corpus/ (ignored by git). Output: one line per target, and the table in bench/out/fuzz/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/bench/out/fuzz
mkdir -p "$out"
executions=${FUZZ_EXECUTIONS:-1000000}
seconds=${FUZZ_SECONDS:-3600}
nicelevel=${FUZZ_NICE:-19}

# every fuzz target: module|class|method
mapfile -t all < <(grep -l '@FuzzTest' drydock-*/src/test/java/dev/drydock/*/fuzz/*FuzzTest.java drydock-*/src/test/java/dev/drydock/*/*/fuzz/*FuzzTest.java 2>/dev/null \
  | while read -r f; do
      module=${f%%/*}
      cls=$(echo "$f" | sed 's|.*/src/test/java/||; s|\.java$||; s|/|.|g')
      awk '/@FuzzTest/{t=1; next} t && /void [a-zA-Z0-9_]+\(/{match($0, /void [a-zA-Z0-9_]+\(/); print substr($0, RSTART+5, RLENGTH-6); t=0}' "$f" \
        | while read -r m; do echo "$module|$cls|$m"; done
    done)
targets=()
if [ $# -eq 0 ]; then
  targets=("${all[@]}")
else
  for want in "$@"; do
    found=0
    for t in "${all[@]}"; do
      IFS='|' read -r module cls method <<<"$t"
      if [ "${cls##*.}" = "${want%%#*}" ] && { [ "$want" = "${want%%#*}" ] || [ "${want#*#}" = "$method" ]; }; then
        targets+=("$t"); found=1
      fi
    done
    [ $found = 1 ] || { echo "fuzz.sh: no fuzz target $want" >&2; exit 2; }
  done
fi
modules=$(printf '%s\n' "${targets[@]}" | cut -d'|' -f1 | sort -u | paste -sd, -)

junit=$(sed -n 's|.*<junit.version>\(.*\)</junit.version>.*|\1|p' pom.xml)
launcher=$out/junit-platform-console-standalone-$junit.jar
if [ "${FUZZ_BUILD:-1}" != 0 ]; then
  echo "fuzz.sh: building $modules (test-compile, test class path)" >&2
  ./mvnw -B -q -pl "$modules" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >&2
  if [ ! -f "$launcher" ]; then
    ./mvnw -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit" \
      -DoutputDirectory="$out" >&2
  fi
fi

echo "drydock fuzz: FUZZ_EXECUTIONS=$executions FUZZ_SECONDS=$seconds; $(nproc) cores; $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%MZ)"
table=${FUZZ_TABLE:-$out/results.md}
{
  echo "| target | executions | seconds | exec/s | crashes | result |"
  echo "| --- | --- | --- | --- | --- | --- |"
} >"$table"
failed=0
# the targets write each input to a file (a layout, a database, a result): on tmpfs when there is one
scratch=$(mktemp -d /dev/shm/drydock-fuzz.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  IFS='|' read -r module cls method <<<"$t"
  name="${cls##*.}#$method"
  log=$out/${cls##*.}.$method.log
  resources=$root/$module/src/test/resources/$(echo "$cls" | tr . /)Inputs/$method
  before=$(ls "$resources" 2>/dev/null | grep -c '^crash-' || true)
  start=$(date +%s)
  set +e
  (cd "$module" && JAZZER_FUZZ=1 nice -n "$nicelevel" java -Xmx1g -XX:-OmitStackTraceInFastThrow -XX:+UseParallelGC -XX:+CriticalJNINatives -Djava.io.tmpdir="$scratch" \
      -cp "target/test-classes:target/classes:$(cat target/fuzz.classpath):$launcher" \
      -Djazzer.max_executions="$executions" -Djazzer.max_duration="${seconds}s" \
      org.junit.platform.console.ConsoleLauncher execute --select-method="$cls#$method([B)" --details=none --disable-banner) >"$log" 2>&1
  rc=$?
  set -e
  took=$(( $(date +%s) - start ))
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | awk '{print $2}')
  fuzzsecs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | awk '{print $5}')
  after=$(ls "$resources" 2>/dev/null | grep -c '^crash-' || true)
  crashes=$(( after - before ))
  if [ -z "$runs" ]; then
    runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    fuzzsecs=$took
  fi
  rate=$(( ${runs:-0} / (${fuzzsecs:-1} > 0 ? ${fuzzsecs:-1} : 1) ))
  if [ "$rc" = 0 ] && [ "$crashes" = 0 ]; then result=ok; else result="FAILED (exit $rc, see ${log#$root/})"; failed=$((failed + 1)); fi
  line="| $name | ${runs:-?} | ${fuzzsecs:-$took} | $rate | $crashes | $result |"
  echo "$line" >>"$table"
  echo "$line"
done
echo "$failed target(s) failed; table in ${table#$root/}"
[ "$failed" = 0 ]
