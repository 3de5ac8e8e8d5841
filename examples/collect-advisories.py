#!/usr/bin/env python3
"""Copies the real advisories that concern the demo image's packages into examples/advisories/.

  python3 examples/collect-advisories.py DATA_DIR

DATA_DIR is a directory of public advisory data laid out like drydock's shared reference data
(ghsa-advisory-database/, osv-from-tool-fixtures/, pypa-advisory-database/, cisa-kev/). Files are copied
byte for byte (OSV JSON/YAML); the CISA KEV catalog is cut down to the entries whose CVE one of the copied
advisories names, keeping the catalog's header fields. Run once by a maintainer; the output is committed
with its licences in examples/advisories/SOURCES.md.
"""
import json
import os
import shutil
import sys

WANTED = {
    ("Maven", "org.apache.logging.log4j:log4j-core"),
    ("Maven", "com.fasterxml.jackson.core:jackson-databind"),
    ("Maven", "org.springframework:spring-core"),
    ("npm", "lodash"),
    ("npm", "minimist"),
    ("PyPI", "pyyaml"),
}


def affected_packages_json(path):
    with open(path, encoding="utf-8") as f:
        record = json.load(f)
    return record, {(a["package"]["ecosystem"], a["package"]["name"].lower() if a["package"]["ecosystem"] == "PyPI"
                     else a["package"]["name"]) for a in record.get("affected", []) if "package" in a}


def main():
    data = sys.argv[1]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "advisories")
    os.makedirs(out, exist_ok=True)
    cves = set()
    copied = 0
    for sub in ("ghsa-advisory-database", "osv-from-tool-fixtures/packages"):
        for root, _, files in os.walk(os.path.join(data, sub)):
            for name in sorted(files):
                if not name.endswith(".json") or name == "MANIFEST.tsv":
                    continue
                path = os.path.join(root, name)
                record, pkgs = affected_packages_json(path)
                if pkgs & WANTED:
                    dest = os.path.join(out, "osv", name)
                    os.makedirs(os.path.dirname(dest), exist_ok=True)
                    shutil.copyfile(path, dest)
                    copied += 1
                    cves.update(a for a in record.get("aliases", []) if a.startswith("CVE-"))
    pyyaml = os.path.join(data, "pypa-advisory-database", "vulns", "pyyaml")
    for name in sorted(os.listdir(pyyaml)):
        os.makedirs(os.path.join(out, "pypa"), exist_ok=True)
        shutil.copyfile(os.path.join(pyyaml, name), os.path.join(out, "pypa", name))
        copied += 1
        with open(os.path.join(pyyaml, name), encoding="utf-8") as f:
            cves.update(line.strip().lstrip("- ").strip() for line in f if line.strip().lstrip("- ").startswith("CVE-"))
    with open(os.path.join(data, "cisa-kev", "known_exploited_vulnerabilities.json"), encoding="utf-8") as f:
        kev = json.load(f)
    kev["vulnerabilities"] = [v for v in kev["vulnerabilities"] if v["cveID"] in cves]
    kev["count"] = len(kev["vulnerabilities"])
    with open(os.path.join(out, "known_exploited_vulnerabilities.json"), "w", encoding="utf-8") as f:
        json.dump(kev, f, indent=2)
        f.write("\n")
    print(f"{copied} advisories, {kev['count']} KEV entries")


if __name__ == "__main__":
    main()
