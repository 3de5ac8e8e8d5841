#!/usr/bin/env python3
"""Independent expectation for PhotonMatchTest: which ids of the Photon OS CVE metadata files in this folder affect
each installed rpm of INVENTORY on a Photon OS image, and with which status.

Written from the description of Photon's CVE metadata (packages.vmware.com/photon/photon_cve_metadata/: one
JSON array per release, file cve_data_photon<release>.json, entries {cve_id, pkg, cve_score, aff_ver: "all
versions before <v> are vulnerable", res_ver: <v> | "NA", status}) and rpm's version ordering, not from
drydock's Java code. The rules:
- the release of a file is the <release> of its name; an image of Photon <release> is judged by that file only;
- an entry applies to an installed rpm whose source package (the SOURCERPM name) equals pkg (drydock's
  documented choice: Photon's pkg is the spec name; see docs/distributions.md);
- status "Not Affected": no finding;
- res_ver a version: installed < res_ver in rpm order (rpmvercmp on version, then release) -> FIXED with
  res_ver; otherwise no finding;
- res_ver "NA", empty or missing: AFFECTED, no fixed version;
- entries without cve_id or pkg are ignored. Several entries of one id for the same package: FIXED wins, and
  the fixed versions above the installed one are listed (sorted, comma-separated).
Run: python3 oracle.py > expected.tsv  (columns: release, rpm name, source package, installed version-release,
id, status, fixed versions)
"""
import glob, json, os, re

# (Photon release, rpm name, source package, installed version-release)
# names and the 3.0 versions of curl, curl-libs and bash: a real photon:3.0 image (aquasecurity/trivy
# integration/testdata/docker_engine/photon-30.json.golden); the other versions sit just below / at the fixes.
INVENTORY = [
    ("3.0", "curl", "curl", "7.61.1-4.ph3"),
    ("3.0", "curl-libs", "curl", "7.61.1-4.ph3"),        # the 3.0 file lists curl-libs only as Not Affected
    ("3.0", "bash", "bash", "4.4.18-1.ph3"),
    ("3.0", "binutils", "binutils", "2.31.1-2.ph3"),     # just below the fix
    ("3.0", "binutils", "binutils", "2.31.1-3.ph3"),     # the fix itself
    ("3.0", "apache-tomcat", "apache-tomcat", "8.5.40-1.ph3"),  # fixed for one CVE, not the other
    ("3.0", "ansible", "ansible", "2.7.6-10.ph3"),       # release 10 > 2 (numeric, not string order)
    ("4.0", "curl", "curl", "7.88.1-3.ph4"),
    ("4.0", "curl-libs", "curl", "7.88.1-3.ph4"),        # judged by its source package curl
    ("4.0", "curl", "curl", "7.88.1-4.ph4"),
    ("4.0", "nghttp2", "nghttp2", "1.56.0-1.ph4"),
    ("4.0", "nghttp2", "nghttp2", "1.57.0-1.ph4"),
    ("4.0", "httpd", "httpd", "2.4.57-1.ph4"),           # Not Affected
    ("4.0", "python3", "python3", "3.10.11-1.ph4"),      # res_ver NA: affected, no fix
    ("4.0", "krb5-devel", "krb5", "1.17-14.ph4"),        # the entry names the subpackage: not matched
    ("4.0", "binutils", "binutils", "2.31.1-2.ph3"),     # a 3.0 entry never judges a 4.0 image
]


def segments(s):
    """rpm's comparison units: runs of digits or letters; ~ and ^ kept as their own markers; others separate."""
    return re.findall(r"~|\^|[0-9]+|[A-Za-z]+", s)


def rpmvercmp(a, b):
    if a == b:
        return 0
    x, y = segments(a), segments(b)
    i = 0
    while True:
        p = x[i] if i < len(x) else None
        q = y[i] if i < len(y) else None
        if p == "~" or q == "~":        # tilde: before anything, even the end
            if p != q:
                return -1 if p == "~" else 1
        elif p == "^" or q == "^":      # caret: after the end, before anything else
            if p != q:
                if p is None:
                    return -1
                if q is None:
                    return 1
                return 1 if q == "^" else -1
        elif p is None or q is None:
            if p is None and q is None:
                return 0
            return -1 if p is None else 1
        elif p.isdigit() != q.isdigit():
            return 1 if p.isdigit() else -1     # a number is newer than letters
        elif p.isdigit():
            if int(p) != int(q):
                return 1 if int(p) > int(q) else -1
        elif p != q:
            return 1 if p > q else -1
        i += 1


def evr_less(a, b):
    def split(v):
        e, _, vr = v.rpartition(":")
        ver, _, rel = vr.partition("-")
        return int(e or 0), ver, rel
    ea, va, ra = split(a)
    eb, vb, rb = split(b)
    if ea != eb:
        return ea < eb
    c = rpmvercmp(va, vb)
    if c:
        return c < 0
    return rpmvercmp(ra, rb) < 0


def load():
    data = {}
    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(here, "cve_data_photon*.json"))):
        release = re.search(r"cve_data_photon(\d+\.\d+)\.json$", path).group(1)
        data[release] = json.load(open(path, encoding="utf-8"))
    return data


def main():
    data = load()
    for release, name, source, installed in INVENTORY:
        found = {}
        for e in data.get(release, []):
            cve, pkg = (e.get("cve_id") or "").strip(), (e.get("pkg") or "").strip()
            if not cve or not pkg or pkg != source:
                continue
            if (e.get("status") or "").strip().lower() == "not affected":
                continue
            res = (e.get("res_ver") or "").strip()
            st, fixed = found.get(cve, (None, set()))
            if res == "" or res.upper() == "NA":
                st = st or "AFFECTED"
            elif evr_less(installed, res):
                st = "FIXED"
                fixed.add(res)
            else:
                continue
            found[cve] = (st, fixed)
        for cve in sorted(found):
            st, fixed = found[cve]
            print("\t".join([release, name, source, installed, cve, st, ",".join(sorted(fixed)) if st == "FIXED" else ""]))


if __name__ == "__main__":
    main()
