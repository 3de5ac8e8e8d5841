#!/usr/bin/env python3
"""Independent expectation for UbuntuMatchTest: which records of Ubuntu's OSV data in this folder affect each
installed package of INVENTORY, written from the OSV schema and Ubuntu's documentation, not from drydock's code.

- a package of Ubuntu release YY.MM is judged by affected[] entries with ecosystem "Ubuntu:YY.MM:LTS" (April
  releases of even years) or "Ubuntu:YY.MM", and package name the dpkg Source package;
- ECOSYSTEM ranges are walked as the OSV schema says, with versions ordered by Debian's own dpkg
  (`dpkg --compare-versions`, run here);
- an LTS release is also judged by the entries of its Ubuntu Pro ecosystem: Ubuntu's OSV documentation says fixes
  distributed via ESM get a positional ":Pro:" in the ecosystem ("Ubuntu:Pro:18.04:LTS"); a fix that comes from
  such an entry, or whose ecosystem_specific.availability is not "No subscription required", is a fix available
  only with Ubuntu Pro (column "pro");
- records naming each other (id, aliases, and for UBUNTU-CVE records `related` and `upstream`) are one finding, reported under
  the CVE id; the status is FIXED when a fixed version above the installed one exists.
Run: python3 oracle.py > expected.tsv   (columns: release, source package, installed, id, status, fixed versions,
"pro" or empty)
"""
import glob, json, subprocess

INVENTORY = [
    ("22.04", "openssh", "1:8.9p1-3ubuntu0.6"),    # jammy before the regreSSHion fix
    ("22.04", "openssh", "1:8.9p1-3ubuntu0.10"),   # the fix
    ("24.04", "openssh", "1:9.6p1-3ubuntu13"),     # noble as released
    ("24.04", "openssh", "1:9.6p1-3ubuntu13.3"),   # the fix
    ("22.04", "bash", "5.1-6ubuntu1"),             # no record names it
    # UBUNTU-CVE-2025-0395 (glibc assert): ESM fixes for 14.04/16.04/18.04, main-archive fixes for 20.04 and later
    ("14.04", "eglibc", "2.19-0ubuntu6.15+esm3"),  # Ubuntu Pro (legacy) fix
    ("16.04", "glibc", "2.23-0ubuntu11.3"),        # the last standard-support build: the ESM fix applies
    ("18.04", "glibc", "2.27-3ubuntu1.6+esm3"),
    ("18.04", "glibc", "2.27-3ubuntu1.6+esm4"),    # the ESM fix itself: nothing
    ("20.04", "glibc", "2.31-0ubuntu9.16"),        # fixed in the main archive
    ("22.04", "glibc", "2.35-0ubuntu3.8"),
]


def lt(a, b):
    return subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0


def ge(a, b):
    return not lt(a, b)


def ecosystem(release):
    yy, mm = release.split(".")
    return "Ubuntu:" + release + (":LTS" if mm == "04" and int(yy) % 2 == 0 else "")


def main():
    records = [json.load(open(f)) for f in sorted(glob.glob("*.json"))]
    for release, pkg, installed in INVENTORY:
        eco = ecosystem(release)
        ecos = {eco, eco.replace("Ubuntu:", "Ubuntu:Pro:", 1)} if eco.endswith(":LTS") else {eco}
        hits = []
        for r in records:
            fixed, hit, pro = set(), False, False
            for a in r["affected"]:
                if a["package"]["ecosystem"] not in ecos or a["package"]["name"] != pkg:
                    continue
                esm = ":Pro:" in a["package"]["ecosystem"] or \
                    a.get("ecosystem_specific", {}).get("availability", "No subscription required") \
                    != "No subscription required"
                for rng in a.get("ranges", []):
                    if rng["type"] != "ECOSYSTEM":
                        continue
                    vulnerable = False
                    for e in rng["events"]:  # Ubuntu's events are introduced 0, then fixed
                        if "introduced" in e and (e["introduced"] == "0" or ge(installed, e["introduced"])):
                            vulnerable = True
                        if "fixed" in e and ge(installed, e["fixed"]):
                            vulnerable = False
                    if vulnerable:
                        hit = True
                        above = [e["fixed"] for e in rng["events"] if "fixed" in e and lt(installed, e["fixed"])]
                        fixed.update(above)
                        pro = pro or (esm and bool(above))
                if installed in a.get("versions", []):
                    hit = True
            if hit:
                names = {r["id"], *r.get("aliases", [])}
                if r["id"].startswith("UBUNTU-CVE-"):
                    # the CVE and USNs of an Ubuntu CVE record: `related`, and `upstream` (OSV schema 1.7)
                    names |= set(r.get("related", [])) | set(r.get("upstream", []))
                hits.append((names, fixed, pro))
        groups = []
        for names, fixed, pro in hits:
            for g in groups:
                if g[0] & names:
                    g[0].update(names); g[1].update(fixed); g[2] = g[2] or pro; break
            else:
                groups.append([set(names), set(fixed), pro])
        for names, fixed, pro in groups:
            cves = sorted(n for n in names if n.startswith("CVE-"))
            gid = cves[0] if cves else sorted(names)[0]
            print("\t".join([release, pkg, installed, gid, "FIXED" if fixed else "AFFECTED", ",".join(sorted(fixed)),
                              "pro" if pro else ""]))


main()
