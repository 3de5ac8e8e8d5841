#!/usr/bin/env python3
"""Independent expectation for AlmaLinuxMatchTest: which CVEs of the AlmaLinux OSV errata in this folder affect
each installed rpm of INVENTORY on an AlmaLinux image. Written from the OSV schema and AlmaLinux's errata
conventions (errata.almalinux.org, github.com/AlmaLinux/osv-database), not from drydock's Java code:

- an image of AlmaLinux N is judged by affected[] entries with ecosystem "AlmaLinux:N"; AlmaLinux names the
  binary rpm (openssl-libs, mariadb-server), not the source rpm;
- only security errata (ALSA-...) are vulnerabilities; ALBA (bug fix) and ALEA (enhancement) errata are not;
- an erratum lists its CVEs in `related` (older records: `aliases`); each CVE is one finding, the erratum id its
  alias; a CVE fixed by two errata is one finding with both;
- module builds (release containing ".module_el" or ".module+el") carry no stream in the package name; the
  erratum's title names it (`mariadb:10.3`). A module build is judged only by module-build entries of errata
  whose title names its stream (from the rpm's MODULARITYLABEL name:stream); a plain build only by plain entries;
- ECOSYSTEM ranges are walked as the OSV schema says (introduced "0", fixed) with rpm's version order (epoch,
  then rpmvercmp of version and release; implemented in ../rpm_order.py from rpm's documented algorithm);
- the erratum title's first word (Low / Moderate / Important / Critical) is the severity.
Run: python3 oracle.py > expected.tsv
(columns: release, package, installed, module stream, CVE, status, fixed versions, errata, severity)
"""
import glob, json, re
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rpm_order import cmp, rpmvercmp  # noqa: E402  (shared by the rpm oracles)

# (AlmaLinux major, binary rpm name, installed [epoch:]version-release, module stream from MODULARITYLABEL or "")
INVENTORY = [
    ("8", "openssl-libs", "1:1.1.1k-4.el8", ""),             # the almalinux:8.5 image (trivy's golden)
    ("8", "openssl-libs", "1:1.1.1k-6.el8_5", ""),           # the fix of ALSA-2022:1065
    ("8", "krb5-libs", "1.18.2-8.el8", ""),                  # older than a bug fix erratum only
    ("8", "python3-requests", "2.20.0-2.1.el8_1", ""),       # AlmaLinux 8 BaseOS before ALSA-2023:4520
    ("8", "mariadb-server", "3:10.3.28-1.module_el8.3.0+2177+7adc332a", "mariadb:10.3"),  # module build
    ("8", "mariadb-server", "3:10.3.28-1.module_el8.3.0+2177+7adc332a", "mariadb:10.5"),  # other stream's label
    ("9", "openssl-libs", "1:3.0.1-43.el9_0", ""),           # AlmaLinux 9: no AlmaLinux:9 entry here
]


def module_build(v):
    return ".module_el" in v or ".module+el" in v


def main():
    records = [json.load(open(f)) for f in sorted(glob.glob("*.json"))]
    for major, pkg, installed, stream in INVENTORY:
        findings = {}  # cve -> (fixed set, errata set, severity)
        for r in records:
            if not r["id"].startswith("ALSA-"):
                continue
            title = r.get("summary", "")
            streams = set(re.findall(r"(?:^|\s)([A-Za-z0-9][\w.+-]*:[A-Za-z0-9][\w.+-]*)", title))
            sev = title.split(":", 1)[0] if title.split(":", 1)[0] in ("Low", "Moderate", "Important", "Critical") else ""
            hit, fixed = False, set()
            for a in r["affected"]:
                if a["package"] != {"ecosystem": "AlmaLinux:" + major, "name": pkg}:
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
            cves = [c for c in r.get("aliases", []) + r.get("related", []) if c.startswith("CVE-")] or [r["id"]]
            for c in cves:
                f, errata, s = findings.get(c, (set(), set(), sev))
                findings[c] = (f | fixed, errata | ({r["id"]} if c != r["id"] else set()), s or sev)
        for c in sorted(findings):
            f, errata, s = findings[c]
            print("\t".join([major, pkg, installed, stream, c, "FIXED" if f else "AFFECTED",
                             ",".join(sorted(f)), ",".join(sorted(errata)), s]))


main()
