#!/usr/bin/env bash
# Regenerates npm.tsv (ordered pairs) and npm-valid.tsv (validity) with node-semver, the reference
# implementation of npm's version order. Needs node and the npm registry. Run from this directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund semver@7.8.6 >/dev/null)
export NODE_PATH="$work/node_modules"
tool="node-semver $(node -p "require('$work/node_modules/semver/package.json').version"), node $(node -v)"
# real versions: every published version of a few popular packages
for p in react typescript lodash @babel/core webpack next vue eslint rxjs @angular/core; do
  npm view "$p" versions --json | node -e 'JSON.parse(require("fs").readFileSync(0,"utf8")).forEach(v=>console.log(v))'
done > "$work/real.txt"
node "$here/gen-versions.js" 7 3000 > "$work/random.txt"
# ordered pairs over the valid versions
cat "$work/real.txt" "$work/random.txt" | node "$here/oracle.js" | awk -F'\t' '$2=="true"{print $1}' \
  | node "$here/pairs.js" 11 7000 > "$work/pairs.txt"
{ echo "# npm version order from $tool semver.compare (non-loose); made by generate.sh"
  node "$here/oracle.js" < "$work/pairs.txt"; } > "$here/npm.tsv"
# validity of real, random and near-miss strings
{ echo "# version<TAB>semver.valid(version) !== null, $tool; made by generate.sh"
  { shuf -n 300 --random-source=<(yes) "$work/real.txt"; node "$here/gen-versions.js" 8 1500 invalid; } \
    | sort -u | node "$here/oracle.js"; } > "$here/npm-valid.tsv"
wc -lc "$here/npm.tsv" "$here/npm-valid.tsv"
