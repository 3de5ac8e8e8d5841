#!/usr/bin/env python3
"""Independent expectation for RockyLinuxMatchTest: which CVEs of the Rocky Linux OSV errata in this folder affect
each installed rpm of INVENTORY on a Rocky Linux image. Written from the OSV schema and Rocky Linux's errata
(errata.rockylinux.org, the RLSA records osv.dev serves as "Rocky Linux/all.zip"), not from drydock's Java code:

- an image of Rocky Linux N is judged by affected[] entries with ecosystem "Rocky Linux:N"; Rocky names the
  SOURCE rpm (RLSA-2024:3671 lists ruby, rubygem-mysql2, rubygem-pg: the ruby:3.3 module's source packages, not
  its binary rpms ruby-libs, rubygems, ...), so an installed rpm is looked up by the name of its source rpm;
- only security errata (RLSA-...) are vulnerabilities; RLBA / RLEA (bug fix, enhancement) are not;
- an erratum lists its CVEs in `related` (newer records: `upstream`; `aliases` also counted); each CVE is one
  finding, the erratum id its alias;
- module builds (release containing ".module+el" or ".module_el") carry no stream in the package name; the
  erratum's title names it (`ruby:3.3`). A module build is judged only by module-build entries of errata whose
  title names its stream (from the rpm's MODULARITYLABEL name:stream); a plain build only by plain entries;
- ECOSYSTEM ranges are walked as the OSV schema says with rpm's version order (epoch, missing epoch = 0, then
  rpmvercmp of version and release; implemented in ../rpm_order.py from rpm's documented algorithm);
- the erratum title's first word (Low / Moderate / Important / Critical) is the vendor severity.
Run: python3 oracle.py > expected.tsv
(columns: release, source package, installed, module stream, CVE, status, fixed versions, errata, severity)
"""
import glob, json, re
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rpm_order import cmp, rpmvercmp  # noqa: E402  (shared by the rpm oracles)

# (Rocky major, source rpm name, installed [epoch:]version-release, module stream from MODULARITYLABEL or "")
INVENTORY = [
    ("8", "java-11-openjdk", "1:11.0.12.0.7-0.el8_4", ""),      # java-11-openjdk-headless of EL 8.4
    ("8", "java-11-openjdk", "1:11.0.13.0.8-1.el8_4", ""),      # the fix of RLSA-2021:3891
    ("8", "openssl", "1:1.1.1k-4.el8", ""),                     # openssl-libs of the rockylinux:8.5 image
    ("9", "ruby", "3.3.1-2.module+el9.4.0+20787+4c237fd3", "ruby:3.3"),  # the module fix itself
    ("9", "ruby", "3.3.1-2.module+el9.4.0+20787+4c237fd3", ""),          # a module build named without stream
    ("9", "java-11-openjdk", "1:11.0.12.0.7-0.el8_4", ""),      # Rocky 9: no entry here
]


def module_build(v):
    return ".module_el" in v or ".module+el" in v


def main():
    records = [json.load(open(f)) for f in sorted(glob.glob("*.json"))]
    for major, pkg, installed, stream in INVENTORY:
        findings = {}  # cve -> (fixed set, errata set, severity)
        for r in records:
            if not r["id"].startswith("RLSA-"):
                continue
            title = r.get("summary", "")
            streams = set(re.findall(r"(?:^|\s)([A-Za-z0-9][\w.+-]*:[A-Za-z0-9][\w.+-]*)", title))
            sev = title.split(":", 1)[0] if title.split(":", 1)[0] in ("Low", "Moderate", "Important", "Critical") else ""
            hit, fixed = False, set()
            for a in r["affected"]:
                if {k: a["package"][k] for k in ("ecosystem", "name")} != {"ecosystem": "Rocky Linux:" + major, "name": pkg}:
                    continue
                for rng in a.get("ranges", []):
                    events = rng["events"]
                    if any(module_build(e.get("fixed", "")) for e in events) != module_build(installed):
                        continue
                    if module_build(installed) and stream not in streams:
                        continue
                    affected = False
                    for e in events:
                        if "introduced" in e and (e["introduced"] == "0" or cmp(installed, e["introduced"]) >= 0):
                            affected = True
                        if "fixed" in e and cmp(installed, e["fixed"]) >= 0:
                            affected = False
                    if affected:
                        hit = True
                        fixed |= {e["fixed"] for e in events if "fixed" in e and cmp(installed, e["fixed"]) < 0}
            if not hit:
                continue
            cves = [c for c in r.get("aliases", []) + r.get("related", []) + r.get("upstream", []) if c.startswith("CVE-")] or [r["id"]]
            for c in cves:
                f, errata, s = findings.get(c, (set(), set(), sev))
                findings[c] = (f | fixed, errata | ({r["id"]} if c != r["id"] else set()), s or sev)
        for c in sorted(findings):
            f, errata, s = findings[c]
            print("\t".join([major, pkg, installed, stream, c, "FIXED" if f else "AFFECTED",
                             ",".join(sorted(f)), ",".join(sorted(errata)), s]))


main()
