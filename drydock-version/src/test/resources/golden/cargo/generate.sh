#!/usr/bin/env bash
# Regenerates cargo.tsv (ordered pairs) and cargo-valid.tsv (validity) with the Rust `semver` crate
# (the crate Cargo itself uses), built offline from Debian's librust-semver-dev source
# (apt-get install librust-semver-dev; it lands in /usr/share/cargo/registry/semver-*).
# Needs cargo, node and the npm registry (for real version strings). Run from this directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
crate=$(ls -d /usr/share/cargo/registry/semver-1.* | sort -V | tail -1)
ver=${crate##*/semver-}
mkdir -p "$work/oracle/src" "$work/oracle/.cargo"
cp "$here/oracle.rs" "$work/oracle/src/main.rs"
printf '[package]\nname = "semver-oracle"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nsemver = "=%s"\n' "$ver" > "$work/oracle/Cargo.toml"
printf '[source.crates-io]\nreplace-with = "debian"\n[source.debian]\ndirectory = "/usr/share/cargo/registry"\n' > "$work/oracle/.cargo/config.toml"
(cd "$work/oracle" && cargo build --release --offline -q)
oracle="$work/oracle/target/release/semver-oracle"
tool="Rust crate semver $ver (Debian librust-semver-dev), $(rustc --version)"
# real version strings: versions in the Cargo.lock fixtures of drydock-analyzers, and npm registry
# versions of a few popular packages (real-world SemVer strings)
lockdir="$here/../../../../../../drydock-analyzers/src/test/resources/fixtures/rust"
grep -h '^version = ' "$lockdir"/*/Cargo.lock | sed 's/version = "\(.*\)"/\1/' > "$work/real.txt"
for p in react typescript lodash webpack rxjs; do
  npm view "$p" versions --json | node -e 'JSON.parse(require("fs").readFileSync(0,"utf8")).forEach(v=>console.log(v))'
done | node -e 'let s=3;const l=require("fs").readFileSync(0,"utf8").trim().split("\n");const r=()=>(s=(s*1103515245+12345)%2147483648)/2147483648;l.filter(()=>r()<0.4).forEach(v=>console.log(v))' >> "$work/real.txt"
node "$here/gen-versions.js" 5 3000 > "$work/random.txt"
cat "$work/real.txt" "$work/random.txt" | "$oracle" | awk -F'\t' '$2=="true"{print $1}' \
  | node "$here/../semver/pairs.js" 13 6000 > "$work/pairs.txt"
{ echo "# cargo version order from $tool, Ord for semver::Version; made by generate.sh"
  "$oracle" < "$work/pairs.txt"; } > "$here/cargo.tsv"
{ echo "# version<TAB>semver::Version::parse(version).is_ok(), $tool; made by generate.sh"
  { shuf -n 300 --random-source=<(yes) "$work/real.txt"; node "$here/gen-versions.js" 6 1500 invalid; } \
    | sort -u | "$oracle"; } > "$here/cargo-valid.tsv"
wc -lc "$here/cargo.tsv" "$here/cargo-valid.tsv"
