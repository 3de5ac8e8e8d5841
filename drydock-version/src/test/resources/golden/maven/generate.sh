#!/usr/bin/env bash
# Regenerates maven.tsv (ordered pairs) with Maven's ComparableVersion from maven-artifact, the version
# order Maven itself uses. Needs java 17+, node, the maven-artifact jar in ~/.m2 and shared data. Run from here.
set -euo pipefail
# public advisory data to take real versions from (the maintainers' reference data set; not in this repo)
advisory_data=${ADVISORY_DATA:?set ADVISORY_DATA to a directory holding golang-vulndb/, ghsa-advisory-database/ and osv-from-tool-fixtures/}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ver=3.10.0
jar="$HOME/.m2/repository/org/apache/maven/maven-artifact/$ver/maven-artifact-$ver.jar"
tool="maven-artifact $ver ComparableVersion, $(java -version 2>&1 | head -1)"
# real versions: every version directory (holding a .pom) in the local Maven repository, and the
# versions named by the Maven OSV records in shared data (ghsa-advisory-database, osv-from-tool-fixtures)
find "$HOME/.m2/repository" -name '*.pom' | awk -F/ '{print $(NF-1)}' | sort -u > "$work/real.txt"
find "$advisory_data"/ghsa-advisory-database "$advisory_data"/osv-from-tool-fixtures -name '*.json' \
  -exec jq -r '.. | objects | select(has("affected")) | .affected[]? | select(.package.ecosystem == "Maven")
               | ((.versions // [])[], (.ranges // [])[].events[][])' {} + 2>/dev/null | sort -u >> "$work/real.txt"
node "$here/gen-versions.js" 9 3000 > "$work/random.txt"
cat "$work/real.txt" "$work/random.txt" | grep -v '[[:space:]]' | node "$here/../semver/pairs.js" 19 8000 > "$work/pairs.txt"
{ echo "# Maven version order from $tool; made by generate.sh"
  java -cp "$jar" "$here/Oracle.java" < "$work/pairs.txt"; } > "$here/maven.tsv"
wc -lc "$here/maven.tsv"
