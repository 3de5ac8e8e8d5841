#!/usr/bin/env python3
"""Independent expectation for AmazonMatchTest, written from how Amazon documents ALAS (an advisory lists the
binary packages, per arch, that fix it; `dnf updateinfo` / `yum updateinfo` report an advisory for an installed
package when a listed package of the same name has a newer epoch:version-release) and from rpm's version
comparison, not from drydock's code.

Rules:
* the release of an advisory is its id's prefix: ALAS2- Amazon Linux 2, ALAS2023- Amazon Linux 2023
  (ALAS2<TOPIC>- ids are Amazon Linux 2 Extras topics: not used, an rpm database does not say which topic a
  package came from); an image's release is its os-release VERSION_ID;
* source packages (arch "src") are not installed packages and are ignored;
* an installed binary package is affected when the advisory lists its name for its release with an EVR greater
  than the installed EVR (epoch first, then version, then release, each compared with rpmvercmp);
* the finding is reported under the advisory's smallest CVE (string order; drydock's reporting convention), the
  other CVEs and the ALAS id are its aliases; status FIXED; the severity is the advisory's word, capitalised.

Run: python3 oracle.py > expected.tsv
Columns: release, package, installed EVR, id, aliases (comma-separated, sorted), status, fixed EVRs, severity.
"""
import glob
import json
import re

# (VERSION_ID, binary package, installed [epoch:]version-release, source rpm) -- see FIXTURES.md for provenance
INVENTORY = [
    ("2", "java-1.8.0-openjdk-headless", "1:1.8.0.151-1.b12.amzn2", "java-1.8.0-openjdk-1.8.0.151-1.b12.amzn2.src.rpm"),
    ("2", "tzdata-java", "2017c-1.amzn2", "tzdata-2017c-1.amzn2.src.rpm"),
    ("2", "copy-jdk-configs", "2.2-3.amzn2", "copy-jdk-configs-2.2-3.amzn2.src.rpm"),
    ("2", "rpm", "4.11.3-25.amzn2.0.1", "rpm-4.11.3-25.amzn2.0.1.src.rpm"),
    ("2", "yum", "3.4.3-154.amzn2.0.1", "yum-3.4.3-154.amzn2.0.1.src.rpm"),
    ("2", "httpd", "2.4.6-67.amzn2.6.1", "httpd-2.4.6-67.amzn2.6.1.src.rpm"),
    ("2023", "curl-minimal", "7.88.0-1.amzn2023.0.1", "curl-7.88.0-1.amzn2023.0.1.src.rpm"),
    ("2023", "libcurl-minimal", "7.88.0-1.amzn2023.0.1", "curl-7.88.0-1.amzn2023.0.1.src.rpm"),
    ("2023", "glib2", "2.73.2-680.amzn2023.0.3", "glib2-2.73.2-680.amzn2023.0.3.src.rpm"),
    ("2023", "openssl-libs", "1:3.0.8-1.amzn2023.0.1", "openssl-3.0.8-1.amzn2023.0.1.src.rpm"),
    ("2023", "vim-minimal", "2:9.0.1160-1.amzn2023.0.2", "vim-9.0.1160-1.amzn2023.0.2.src.rpm"),
    ("2023", "rsyslog", "8.2204.0-3.amzn2023.0.2", "rsyslog-8.2204.0-3.amzn2023.0.2.src.rpm"),
]


def segments(s):
    """rpm splits a version string into runs of digits and runs of letters; everything else separates."""
    return re.findall(r"\d+|[A-Za-z]+|~|\^", s)


def rpmvercmp(a, b):
    if a == b:
        return 0
    sa, sb = segments(a), segments(b)
    assert "~" not in sa + sb and "^" not in sa + sb, "the fixture has no ~ or ^ versions"
    for x, y in zip(sa, sb):
        if x.isdigit() and not y.isdigit():
            return 1  # a numeric segment is newer than an alphabetic one
        if y.isdigit() and not x.isdigit():
            return -1
        if x.isdigit():
            x, y = int(x), int(y)
        if x != y:
            return 1 if x > y else -1
    return (len(sa) > len(sb)) - (len(sa) < len(sb))


def evr(s):
    epoch, rest = s.split(":", 1) if ":" in s else ("0", s)
    version, release = rest.rsplit("-", 1)
    return int(epoch), version, release


def cmp_evr(a, b):
    ea, va, ra = evr(a)
    eb, vb, rb = evr(b)
    if ea != eb:
        return 1 if ea > eb else -1
    return rpmvercmp(va, vb) or rpmvercmp(ra, rb)


def main():
    advisories = []
    for path in sorted(glob.glob("ALAS*.json")):
        doc = json.load(open(path))
        m = re.match(r"^ALAS(2|2023)-\d{4}-\d+$", doc["id"])
        if not m:
            continue
        fixed = {}
        for p in doc["packages"]:
            if p["arch"] == "src":
                continue
            e = "" if p["epoch"] in ("", "0") else p["epoch"] + ":"
            fixed.setdefault(p["name"], set()).add(e + p["version"] + "-" + p["release"])
        cves = set(doc.get("cveids", [])) | {r["id"] for r in doc.get("references", []) if r["type"] == "cve"}
        advisories.append((m.group(1), doc["id"], sorted(cves), fixed, doc["severity"].capitalize()))
    for release, name, installed, _src in INVENTORY:
        for rel, alas, cves, fixed, severity in advisories:
            if rel != release or name not in fixed:
                continue
            above = sorted((f for f in fixed[name] if cmp_evr(installed, f) < 0))
            if not above:
                continue
            ids = cves + [alas]
            print("\t".join([release, name, installed, ids[0], ",".join(sorted(ids[1:])), "FIXED", ",".join(above),
                             severity]))


main()
