#!/usr/bin/env python3
"""Builds this folder's tables from sources that are not ours.

pairs.tsv       <- version.data, apk-tools' own comparison test vectors (see FIXTURES.md), one
                   "a op b [# comment]" per line, rewritten as "a<TAB>op<TAB>b". Nothing else is changed.
real-versions.txt <- every package version in drydock-analyzers' Alpine installed-db fixtures
                   (fixtures/apk/*/expected.tsv, 2nd column) and every fixed version (secfixes key) in the
                   Alpine secdb fixtures (/work/shared/data/fixtures/alpine-secdb/*.json); all are real apk
                   versions, used as validity checks.
Run from this folder: python3 make-golden.py
"""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYZERS = os.path.join(HERE, "../../../../../../drydock-analyzers/src/test/resources/fixtures/apk")
SECDB = "/work/shared/data/fixtures/alpine-secdb"

with open(os.path.join(HERE, "version.data"), encoding="utf-8") as f, \
        open(os.path.join(HERE, "pairs.tsv"), "w", encoding="utf-8") as out:
    out.write("# converted by make-golden.py from apk-tools test/version.data (see FIXTURES.md)\n")
    for line in f:
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        a, op, b = data.split()
        assert op in ("<", "=", ">"), line
        out.write("%s\t%s\t%s\n" % (a, op, b))

versions = set()
for f in sorted(glob.glob(os.path.join(ANALYZERS, "*", "expected.tsv"))):
    for line in open(f, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 1:
            versions.add(cols[1])
for f in sorted(glob.glob(os.path.join(SECDB, "*.json"))):
    for entry in json.load(open(f, encoding="utf-8"))["packages"]:
        versions.update(entry["pkg"].get("secfixes", {}).keys())
with open(os.path.join(HERE, "real-versions.txt"), "w", encoding="utf-8") as out:
    out.write("# real Alpine package versions, collected by make-golden.py (see FIXTURES.md)\n")
    for v in sorted(versions):
        out.write(v + "\n")
