#!/usr/bin/env python3
"""Independent expectation for UbuntuMatchTest: which records of Ubuntu's OSV data in this folder affect each
installed package of INVENTORY, written from the OSV schema and Ubuntu's documentation, not from drydock's code.

- a package of Ubuntu release YY.MM is judged by affected[] entries with ecosystem "Ubuntu:YY.MM:LTS" (April
  releases of even years) or "Ubuntu:YY.MM", and package name the dpkg Source package;
- ECOSYSTEM ranges are walked as the OSV schema says, with versions ordered by Debian's own dpkg
  (`dpkg --compare-versions`, run here);
- records naming each other (id, aliases, and for UBUNTU-CVE records `related`) are one finding, reported under
  the CVE id; the status is FIXED when a fixed version above the installed one exists.
Run: python3 oracle.py > expected.tsv   (columns: release, source package, installed, id, status, fixed versions)
"""
import glob, json, subprocess

INVENTORY = [
    ("22.04", "openssh", "1:8.9p1-3ubuntu0.6"),    # jammy before the regreSSHion fix
    ("22.04", "openssh", "1:8.9p1-3ubuntu0.10"),   # the fix
    ("24.04", "openssh", "1:9.6p1-3ubuntu13"),     # noble as released
    ("24.04", "openssh", "1:9.6p1-3ubuntu13.3"),   # the fix
    ("22.04", "bash", "5.1-6ubuntu1"),             # no record names it
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
        hits = []
        for r in records:
            fixed, hit = set(), False
            for a in r["affected"]:
                if a["package"]["ecosystem"] != eco or a["package"]["name"] != pkg:
                    continue
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
                        fixed.update(e["fixed"] for e in rng["events"] if "fixed" in e and lt(installed, e["fixed"]))
                if installed in a.get("versions", []):
                    hit = True
            if hit:
                names = {r["id"], *r.get("aliases", [])}
                if r["id"].startswith("UBUNTU-CVE-"):
                    names |= set(r.get("related", []))
                hits.append((names, fixed))
        groups = []
        for names, fixed in hits:
            for g in groups:
                if g[0] & names:
                    g[0].update(names); g[1].update(fixed); break
            else:
                groups.append([set(names), set(fixed)])
        for names, fixed in groups:
            cves = sorted(n for n in names if n.startswith("CVE-"))
            gid = cves[0] if cves else sorted(names)[0]
            print("\t".join([release, pkg, installed, gid, "FIXED" if fixed else "AFFECTED", ",".join(sorted(fixed))]))


main()
