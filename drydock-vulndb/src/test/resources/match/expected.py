#!/usr/bin/env python3
"""Independent expectation for MatcherFeedsTest: which advisories in this folder affect each package of
INVENTORY, per the OSV schema's evaluation algorithm (https://ossf.github.io/osv-schema/#evaluation).

Orders: PyPI with `packaging.version` (PEP 440); npm/Go/SEMVER ranges with a plain SemVer 2.0 comparison;
Maven with a simplified Maven order (numbers, then qualifiers alpha < beta < milestone < rc < snapshot <
release < sp). Advisories naming each other (id/aliases) are merged; the reported id is the smallest CVE
id of the group, else the smallest id. Writes inventory.tsv (every probed package version, including each
advisory's fixed versions as "just past the fix" probes) and expected.tsv.
Run from this folder: python3 expected.py
"""
import glob, json, re
import yaml
from packaging.version import Version

INVENTORY = [
    ("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"),
    ("Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.8"),
    ("Maven", "org.springframework:spring-beans", "5.3.17"),
    ("Maven", "org.apache.commons:commons-text", "1.9"),
    ("Maven", "org.yaml:snakeyaml", "1.33"),
    ("npm", "lodash", "4.17.15"),
    ("npm", "minimist", "1.2.0"),
    ("PyPI", "Jinja2", "2.10"),
    ("PyPI", "requests", "2.19.1"),
    ("PyPI", "urllib3", "1.24.1"),
    ("PyPI", "PyYAML", "5.3.1"),
    ("Go", "golang.org/x/net", "v0.7.0"),
    ("Go", "golang.org/x/crypto", "v0.0.0-20200622213623-75b288015ac9"),
    ("Go", "stdlib", "v1.20.1"),
]


def load():
    files = (sorted(glob.glob("ghsa/*.json")) + sorted(glob.glob("osv-tool-fixtures/*.json"))
             + sorted(glob.glob("pypa/*/*.yaml")) + sorted(glob.glob("go/*.json")))
    seen, out = set(), []
    for f in files:
        with open(f) as fh:
            r = json.load(fh) if f.endswith(".json") else yaml.safe_load(fh)
        if r["id"] in seen or r.get("withdrawn"):
            continue
        seen.add(r["id"])
        out.append(r)
    return out


def norm(eco, name):
    return re.sub(r"[-_.]+", "-", name).lower() if eco == "PyPI" else name


def semver_key(v):
    v = v[1:] if v.startswith("v") else v
    v = v.split("+", 1)[0]
    core, _, pre = v.partition("-")
    nums = tuple(int(x) for x in core.split("."))
    if not pre:
        return (nums, 1, ())
    ids = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return (nums, 0, ids)


QUAL = {"alpha": 1, "a": 1, "beta": 2, "b": 2, "milestone": 3, "m": 3, "rc": 4, "cr": 4,
        "snapshot": 5, "": 6, "ga": 6, "final": 6, "release": 6, "sp": 7}


def maven_key(v):
    toks = [t for t in re.split(r"[.\-]|(?<=\d)(?=[a-zA-Z])|(?<=[a-zA-Z])(?=\d)", v.lower()) if t != ""]
    key = []
    for t in toks:
        if t.isdigit():
            key.append((2, int(t), ""))
        elif t in QUAL:
            key.append((1, QUAL[t], ""))
        else:
            key.append((1, 8, t))  # unknown qualifiers after sp, lexically
    while key and key[-1] in ((2, 0, ""), (1, 6, "")):
        key.pop()
    return key


def maven_cmp(a, b):
    ka, kb = maven_key(a), maven_key(b)
    for i in range(max(len(ka), len(kb))):
        x = ka[i] if i < len(ka) else (2, 0, "") if (kb[i][0] == 2) else (1, 6, "")
        y = kb[i] if i < len(kb) else (2, 0, "") if (ka[i][0] == 2) else (1, 6, "")
        if x != y:
            return -1 if x < y else 1
    return 0


def cmp(eco, rtype, a, b):
    if eco == "PyPI" and rtype == "ECOSYSTEM":
        x, y = Version(a), Version(b)
    elif eco == "Maven" and rtype == "ECOSYSTEM":
        return maven_cmp(a, b)
    else:
        x, y = semver_key(a), semver_key(b)
    return (x > y) - (x < y)


def in_range(eco, rtype, v, events):
    import functools
    def val(e):
        return next(iter(e.values()))
    def order(e1, e2):
        a, b = val(e1), val(e2)
        if a == "0" or b == "0":
            return (a != "0") - (b != "0")
        return cmp(eco, rtype, a, b)
    vulnerable = False
    for e in sorted(events, key=functools.cmp_to_key(order)):
        if "introduced" in e and (e["introduced"] == "0" or cmp(eco, rtype, v, e["introduced"]) >= 0):
            vulnerable = True
        elif "fixed" in e and cmp(eco, rtype, v, e["fixed"]) >= 0:
            vulnerable = False
        elif "last_affected" in e and cmp(eco, rtype, v, e["last_affected"]) > 0:
            vulnerable = False
        elif "limit" in e and cmp(eco, rtype, v, e["limit"]) >= 0:
            vulnerable = False
    return vulnerable


def judge(r, eco, name, v):
    hit, fixed = False, set()
    for a in r.get("affected", []):
        p = a.get("package", {})
        if p.get("ecosystem") != eco or norm(eco, p.get("name", "")) != norm(eco, name):
            continue
        for rg in a.get("ranges", []):
            if rg["type"] not in ("ECOSYSTEM", "SEMVER"):
                continue
            if in_range(eco, rg["type"], v, rg["events"]):
                hit = True
                fixed |= {e["fixed"] for e in rg["events"]
                          if "fixed" in e and cmp(eco, rg["type"], v, e["fixed"]) < 0}
        if v in a.get("versions", []):
            hit = True
    return hit, fixed


def findings(records, eco, name, v):
    hits = []
    for r in records:
        ok, fixed = judge(r, eco, name, v)
        if ok:
            hits.append((r, fixed))
    groups = []  # merge by shared ids, transitively
    for r, fixed in hits:
        ids = {r["id"], *r.get("aliases", [])}
        merged = [g for g in groups if g[0] & ids]
        for g in merged:
            groups.remove(g)
            ids |= g[0]
            fixed = fixed | g[1]
        groups.append((ids, fixed))
    out = []
    for ids, fixed in groups:
        cves = sorted(i for i in ids if i.startswith("CVE-"))
        out.append((cves[0] if cves else sorted(ids)[0], "FIXED" if fixed else "AFFECTED", sorted(fixed)))
    return sorted(out)


def main():
    records = load()
    probes, rows = [], []
    for eco, name, v in INVENTORY:
        res = findings(records, eco, name, v)
        probes.append((eco, name, v, "installed"))
        rows += [(eco, name, v, i, s, ",".join(f)) for i, s, f in res]
        for fv in sorted({f for _, _, fs in res for f in fs}):
            pv = ("v" + fv) if eco == "Go" and not fv.startswith("v") else fv
            probes.append((eco, name, pv, "fixed-version"))
            rows += [(eco, name, pv, i, s, ",".join(f)) for i, s, f in findings(records, eco, name, pv)]
    with open("inventory.tsv", "w") as fh:
        fh.writelines("\t".join(p) + "\n" for p in probes)
    with open("expected.tsv", "w") as fh:
        fh.writelines("\t".join(r) + "\n" for r in rows)


if __name__ == "__main__":
    main()
