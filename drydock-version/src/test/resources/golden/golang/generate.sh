#!/usr/bin/env bash
# Regenerates go.tsv (ordered pairs) and go-valid.tsv (validity) with golang.org/x/mod/semver, the
# package the go command orders module versions with. Uses Debian's golang-go and
# golang-golang-x-mod-dev (apt-get install golang-go golang-golang-x-mod-dev) in GOPATH mode, offline.
# Needs node for the generators. Run from this directory.
set -euo pipefail
# public advisory data to take real versions from (the maintainers' reference data set; not in this repo)
advisory_data=${ADVISORY_DATA:?set ADVISORY_DATA to a directory holding golang-vulndb/, ghsa-advisory-database/ and osv-from-tool-fixtures/}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/oracle.go" "$work/main.go"
(cd "$work" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/cache" go build -o oracle main.go)
oracle="$work/oracle"
tool="golang.org/x/mod/semver from Debian golang-golang-x-mod-dev $(dpkg-query -W -f '${Version}' golang-golang-x-mod-dev), $(go version | cut -d' ' -f3)"
# real versions: module versions in drydock-analyzers' Go build-info fixtures, and the
# introduced/fixed versions of golang/vulndb OSV records (under $ADVISORY_DATA), prefixed "v"
root="$here/../../../../../.."
awk -F'\t' '($1=="dep"||$1=="mod"){print $3}' "$root"/drydock-analyzers/src/test/resources/fixtures/golang/*.expected.tsv > "$work/real.txt"
jq -r '.affected[].ranges[]?.events[] | (.introduced // .fixed // .last_affected) | "v" + .' \
  "$advisory_data"/golang-vulndb/data/osv/*.json >> "$work/real.txt"
node "$here/gen-versions.js" 3 3500 > "$work/random.txt"
cat "$work/real.txt" "$work/random.txt" | "$oracle" | awk -F'\t' '$2=="true"{print $1}' \
  | node "$here/../semver/pairs.js" 17 4500 > "$work/pairs.txt"
{ echo "# Go module version order from $tool, semver.Compare; made by generate.sh"
  "$oracle" < "$work/pairs.txt"; } > "$here/go.tsv"
{ echo "# version<TAB>semver.IsValid(version), $tool; made by generate.sh"
  { sort -u "$work/real.txt"; sed 's/^v//' "$work/real.txt" | sort -u | head -40; node "$here/gen-versions.js" 4 1500 invalid; } \
    | sort -u | "$oracle"; } > "$here/go-valid.tsv"
wc -lc "$here/go.tsv" "$here/go-valid.tsv"
