#!/usr/bin/env python3
"""Expected end-of-life rows of the endoflife.date product files in this folder.

Written from endoflife.date's own description of its product files (front matter between '---' lines;
`releases[].releaseCycle`, `eol` = end of security support, `eoes` = end of extended support; for Debian the
page's column for `eoes` is "Debian LTS", the free Long Term Support, which still ships security updates), not
from drydock's code. Prints: family, release, end of security updates, paid extended support end (or -).
Run: python3 oracle.py > expected.tsv   (needs PyYAML)
"""
import datetime
import sys
import yaml

# os-release ID of each product, and whether the product's eoes is still free security support
PRODUCTS = {"debian": ("debian", True), "rhel": ("rhel", False)}


def iso(v):
    if isinstance(v, datetime.date):
        return v.isoformat()
    return None


rows = []
for name in ("debian.md", "rhel.md"):
    text = open(name, encoding="utf-8").read()
    front = text.split("\n---\n", 1)[0].split("---\n", 1)[1]
    doc = yaml.safe_load(front)
    family, eoes_free = PRODUCTS[doc["permalink"].strip("/")]
    for r in doc["releases"]:
        eol, eoes = iso(r.get("eol")), iso(r.get("eoes"))
        if eoes_free and eoes:
            end, extended = eoes, None
        else:
            end, extended = eol, eoes
        rows.append((family, str(r["releaseCycle"]), end or "-", extended or "-"))

for row in sorted(rows):
    sys.stdout.write("\t".join(row) + "\n")
