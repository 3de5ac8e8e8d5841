#!/usr/bin/env python3
"""Make the committed CISA KEV excerpt and its expected table from the full catalogue.

usage: make-kev-excerpt.py <known_exploited_vulnerabilities.json> <out-dir>

Keeps every 7th entry of vulnerabilities[] (entries 0, 7, 14, ...; 201 of 1404 for catalogVersion
2025.08.25), unchanged, and sets "count" to the number kept. Writes
  kev-excerpt.json          the excerpt (same top-level fields and entry fields as the source)
  kev-excerpt.expected.tsv  one line per kept entry: cveID, dateAdded, dueDate,
                            knownRansomwareCampaignUse == "Known" (true/false), vendorProject, product,
                            requiredAction -- computed here with Python's json module, independently of drydock.
"""
import json
import sys

src, out = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    catalog = json.load(f)
kept = catalog["vulnerabilities"][::7]
catalog["vulnerabilities"] = kept
catalog["count"] = len(kept)
with open(f"{out}/kev-excerpt.json", "w", encoding="utf-8") as f:
    json.dump(catalog, f, indent=4, ensure_ascii=False)
    f.write("\n")
with open(f"{out}/kev-excerpt.expected.tsv", "w", encoding="utf-8") as f:
    for v in kept:
        row = [v["cveID"], v["dateAdded"], v["dueDate"],
               "true" if v["knownRansomwareCampaignUse"] == "Known" else "false",
               v["vendorProject"], v["product"], v["requiredAction"]]
        assert all("\t" not in c and "\n" not in c for c in row)
        f.write("\t".join(row) + "\n")
