#!/usr/bin/env python3
"""Independent expectation for OracleLinuxMatchTest: which CVEs of the Oracle ELSA OVAL definitions in this folder
affect each installed rpm of INVENTORY on an Oracle Linux image. Written from the OVAL 5 definitions schema (a
definition is true when its criteria tree is: AND of its children, OR of its children) and Oracle's criterion
conventions, not from drydock's Java code. Each criterion is judged from its comment, as Oracle writes them:

- "Oracle Linux N is installed": the image's major release is N;
- "Oracle Linux arch is X": the package's architecture is X (a noarch package: true for every X, the system's
  architecture not being known from the package);
- "P is earlier than E:V-R": P is the installed package and its version is lower in rpm order (epoch, then
  rpmvercmp of version and release, implemented in ../rpm_order.py from rpm's documented algorithm);
- "P is signed with the Oracle Linux N key": true for the installed package (an Oracle image's own packages);
- "Module M:S is enabled": the package's module label names M:S.
A true definition gives one finding per CVE reference (the ELSA as alias), FIXED with the versions of the true
"earlier than" criteria; severity is <advisory><severity>.
Run: python3 oracle.py > expected.tsv
(columns: release, package, installed, arch, CVE, status, fixed versions, ELSA, severity)
"""
import glob, re
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rpm_order import cmp, rpmvercmp  # noqa: E402  (shared by the rpm oracles)
import xml.etree.ElementTree as ET

NS = "{http://oval.mitre.org/XMLSchema/oval-definitions-5}"

# (Oracle Linux major, binary rpm name, installed [epoch:]version-release, arch)
INVENTORY = [
    ("7", "rsyslog", "8.24.0-57.0.1.el7_9.1", "x86_64"),   # Oracle Linux 7's build before ELSA-2022-4803
    ("7", "rsyslog", "8.24.0-57.0.1.el7_9.3", "x86_64"),   # the x86_64 fix
    ("7", "rsyslog", "8.24.0-57.0.1.el7_9.3", "aarch64"),  # the x86_64 build on aarch64: below aarch64's fix
    ("8", "osbuild", "110-1.el8", "noarch"),               # Red Hat's build: below Oracle's 110-1.0.1.el8
    ("8", "python3-osbuild", "110-1.0.1.el8", "noarch"),   # Oracle's fix
    ("9", "rsyslog", "8.24.0-57.0.1.el7_9.1", "x86_64"),   # Oracle Linux 9: no definition names it
]


def judge(node, release, pkg, installed, arch):
    """(truth, fixed versions) of a criteria / criterion element."""
    if node.tag == NS + "criterion":
        c = node.get("comment", "").strip()
        m = re.match(r"^Oracle Linux (\d+) is installed$", c)
        if m:
            return m.group(1) == release, set()
        m = re.match(r"^Oracle Linux arch is (\S+)$", c)
        if m:
            return arch == "noarch" or m.group(1) == arch, set()
        m = re.match(r"^(\S+) is earlier than (\S+)$", c)
        if m:
            hit = m.group(1) == pkg and cmp(installed, m.group(2)) < 0
            return hit, {m.group(2)} if hit else set()
        m = re.match(r"^(\S+) is signed with the Oracle Linux \d+ key$", c)
        if m:
            return m.group(1) == pkg, set()
        if re.match(r"^Module \S+ is enabled$", c):
            return False, set()  # no module rows in INVENTORY
        raise ValueError("unknown criterion: " + c)
    results = [judge(child, release, pkg, installed, arch) for child in node]
    if node.get("operator", "AND") == "AND":
        ok = all(r[0] for r in results)
    else:
        ok = any(r[0] for r in results)
    fixed = set().union(*[r[1] for r in results if r[0]]) if ok else set()
    return ok, fixed


def main():
    defs = []
    for f in sorted(glob.glob("*.xml")):
        defs += ET.parse(f).getroot().iter(NS + "definition")
    for release, pkg, installed, arch in INVENTORY:
        rows = []
        for d in defs:
            ok, fixed = judge(d.find(NS + "criteria"), release, pkg, installed, arch)
            if not ok:
                continue
            meta = d.find(NS + "metadata")
            elsa = [r.get("ref_id") for r in meta.iter(NS + "reference") if r.get("source") == "elsa"][0]
            cves = [r.get("ref_id") for r in meta.iter(NS + "reference") if r.get("source") == "CVE"]
            sev = meta.find(NS + "advisory").find(NS + "severity").text.strip()
            for c in cves:
                rows.append([release, pkg, installed, arch, c, "FIXED", ",".join(sorted(fixed, key=_key(fixed))),
                             elsa, sev])
        for r in sorted(rows):
            print("\t".join(r))


def _key(fixed):
    order = sorted(fixed)
    # rpm order for the listing
    import functools
    ranked = sorted(order, key=functools.cmp_to_key(cmp))
    return lambda v: ranked.index(v)


main()
