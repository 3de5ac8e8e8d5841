#!/usr/bin/env python3
"""Independent expectation for WolfiMatchTest: which ids of Wolfi's secdb excerpt (security.json) affect each
installed package of INVENTORY on a Wolfi image, written from the secdb format as Alpine and Wolfi document it,
not from drydock's code: a package (by origin) is affected by an id listed under a fixed version greater than the
installed version; an id listed under "0" means the package was never affected (no finding).
Versions here are all <dotted numbers>-r<N>; they are compared numerically, part by part, then by N.
Run: python3 oracle.py > expected.tsv   (columns: package, installed, id, FIXED, fixed version)
"""
import json, re

INVENTORY = [
    ("binutils", "2.39-r1"),
    ("zlib", "1.2.12-r2"),
    ("coreutils", "9.1-r0"),      # CVE-2016-2781 listed under "0": not affected
    ("apko", "0.7.3-r0"),
    ("openssl", "3.0.7-r0"),      # at the fix
    ("curl", "7.85.0-r0"),
    ("go", "1.19.3-r0"),
    ("bash", "5.2.15-r0"),        # not in the secdb
]

SHAPE = re.compile(r"^(\d+(?:\.\d+)*)-r(\d+)$")


def key(v):
    m = SHAPE.match(v)
    assert m, "oracle handles only <numbers>-r<N>: " + v
    return [int(x) for x in m.group(1).split(".")], int(m.group(2))


def main():
    doc = json.load(open("security.json"))
    fixes = {}
    for p in doc["packages"]:
        fixes[p["pkg"]["name"]] = p["pkg"].get("secfixes", {})
    for name, installed in INVENTORY:
        rows = []
        for fixed, ids in fixes.get(name, {}).items():
            if fixed == "0":
                continue
            if key(installed) < key(fixed):
                rows += [(i, fixed) for i in ids]
        for i, fixed in sorted(rows):
            print("\t".join([name, installed, i, "FIXED", fixed]))


main()
