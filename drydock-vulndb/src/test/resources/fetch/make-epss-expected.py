#!/usr/bin/env python3
"""Write <name>.expected.tsv next to each EPSS CSV given: score_date (first 10 chars) then one line per row
(cve, epss, percentile as Python floats) -- computed with Python's csv module, independently of drydock.

usage: make-epss-expected.py file.csv...
"""
import csv
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8", newline="") as f:
        comment = f.readline().strip()
        fields = dict(kv.split(":", 1) for kv in comment.lstrip("#").split(","))
        rows = list(csv.DictReader(f))
    with open(path[: -len(".csv")] + ".expected.tsv", "w", encoding="utf-8") as out:
        out.write("date\t" + fields["score_date"][:10] + "\n")
        for r in rows:
            out.write(f"{r['cve']}\t{float(r['epss'])!r}\t{float(r['percentile'])!r}\n")
