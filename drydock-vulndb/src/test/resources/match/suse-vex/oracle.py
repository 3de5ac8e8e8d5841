#!/usr/bin/env python3
"""Independent expectation for SuseMatchTest: which CVEs of the SUSE CSAF VEX documents in this folder affect each
installed rpm of INVENTORY on a SUSE Linux Enterprise image, and with which status.

Written from the CSAF 2.0 specification (product_tree.relationships, product_status) and SUSE's description of its
VEX data (https://www.suse.com/support/security/csaf/), not from drydock's Java code:
- a product id in vulnerabilities[].product_status is the full_product_name.product_id of a relationship: the
  component (product_reference, a binary rpm) of a product (relates_to_product_reference, a SUSE product name).
- a SUSE Linux Enterprise product "SUSE Linux Enterprise <anything> <major>[ SP<n>][-<phase>]" belongs to the
  image release <major>.<n> (VERSION_ID of os-release; <major> alone for the first release of a major version):
  modules, server, desktop and their LTSS/ESPOS phases of one service pack ship the same builds.
- packages are named by binary rpm name. "recommended" / "fixed" / "first_fixed" components are
  <name>-<version>-<release> builds that fix the CVE; "known_affected" and "under_investigation" components are
  bare names (affected, no fix); "known_not_affected" bare names are not affected.
- merging the products of one release, per package: any fixed build decides (installed below one of them:
  FIXED with the fixed builds above the installed version; otherwise nothing); else known_affected gives
  AFFECTED (WILL_NOT_FIX when its remediation is no_fix_planned); else nothing.
- versions compare in rpm order (rpmvercmp of version, then of release; SUSE builds carry no epoch).
Run: python3 oracle.py > expected.tsv  (columns: release, package, installed version-release, cve, status,
fixed versions comma-separated, SUSE impact of threats[])
"""
import glob, json, os
from functools import cmp_to_key

HERE = os.path.dirname(os.path.abspath(__file__))
# the 35 packages of the SLE 15 SP3 BCI rpm NDB database, as rpm itself lists them (see drydock-analyzers'
# fixtures/rpm/FIXTURES.md): NAME, EPOCHNUM, VERSION, RELEASE, ARCH, SOURCERPM
IMAGE = os.path.join(HERE, "../../../../../../drydock-analyzers/src/test/resources/fixtures/rpm/ndb/expected.tsv")

# (release, binary rpm, installed version-release): probes on both sides of the fixes in these documents
PROBES = [
    ("15.3", "mailx", "12.5-1.86"),                   # below the SP3 fix 12.5-1.87
    ("15.3", "mailx", "12.5-1.87"),                   # the fix itself
    ("15.3", "ntp", "4.2.8p15-4.16.1"),               # CVE-2004-0657: not affected
    ("15", "mailx", "12.5-1.0"),                      # 15 GA: "not affected" and a fixed build: the build decides
    ("15.4", "terminfo-base", "6.1-150000.5.20.1"),   # SP4: known_affected, no fix
    ("15.5", "libncurses6", "6.1-150000.5.20.1"),     # SP5: below the fix 6.1-150000.5.24.1
    ("15.5", "libncurses6", "6.1-150000.5.24.1"),     # the fix itself
    ("15.6", "mailx", "12.5-150600.16.2"),            # SP6: below 12.5-150600.16.3
    ("12.5", "mailx", "12.5-1.0"),                    # SLES 12 SP5: named nowhere in these documents
]


def segments(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "~" or c == "^":
            out.append(c); i += 1
        elif c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            out.append(int(s[i:j])); i = j
        elif c.isalpha() and c.isascii():
            j = i
            while j < len(s) and s[j].isalpha() and s[j].isascii():
                j += 1
            out.append(s[i:j]); i = j
        else:
            i += 1  # separators only split segments
    return out


def vercmp(a, b):
    """rpm's order of one version or release string: '~' before anything (even the end), '^' after the end but
    before any other segment, numbers above letters, numbers numerically, letters by byte."""
    x, y = segments(a), segments(b)
    i = 0
    while True:
        p = x[i] if i < len(x) else None
        q = y[i] if i < len(y) else None
        if p is None and q is None:
            return 0
        if p == "~" or q == "~":
            if p != q:
                return -1 if p == "~" else 1
        elif p == "^" or q == "^":
            if p != q:
                if p is None:
                    return -1
                if q is None:
                    return 1
                return 1 if q == "^" else -1
        elif p is None or q is None:
            return -1 if p is None else 1
        elif isinstance(p, int) != isinstance(q, int):
            return 1 if isinstance(p, int) else -1
        elif p != q:
            return -1 if p < q else 1
        i += 1


def vr_cmp(a, b):
    va, ra = a.rsplit("-", 1)
    vb, rb = b.rsplit("-", 1)
    return vercmp(va, vb) or vercmp(ra, rb)


def release_of(product):
    """'SUSE Linux Enterprise Server 15 SP3-LTSS' -> '15.3'; None for products that are not SLE <major>[ SPn]."""
    if not product.startswith("SUSE Linux Enterprise "):
        return None
    words = product.split(" ")
    last = words[-1].split("-")[0]
    if last.startswith("SP") and last[2:].isdigit() and len(words) >= 2 and words[-2].isdigit():
        return words[-2] + "." + last[2:]
    if last.isdigit() and len(last) == 2:
        return last
    return None


def load():
    # cve -> release -> package -> {"fixed": set, "affected": status or None, "not": bool}; cve -> impact
    data, impact = {}, {}
    for path in sorted(glob.glob(os.path.join(HERE, "*.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        rel = {r["full_product_name"]["product_id"]: (r["product_reference"], r["relates_to_product_reference"])
               for r in doc["product_tree"].get("relationships", [])}
        for v in doc["vulnerabilities"]:
            cve = v["cve"]
            for t in v.get("threats", []):
                if t.get("category") == "impact":
                    impact[cve] = t["details"]
            nofix = set()
            for r in v.get("remediations", []):
                if r.get("category") == "no_fix_planned":
                    nofix.update(r.get("product_ids", []))
            for status, ids in v.get("product_status", {}).items():
                for pid in ids:
                    component, product = rel[pid]
                    release = release_of(product)
                    if release is None:
                        continue
                    if status in ("recommended", "fixed", "first_fixed"):
                        name, version, build = component.rsplit("-", 2)
                        entry = data.setdefault(cve, {}).setdefault(release, {}).setdefault(
                            name, {"fixed": set(), "affected": None, "not": False})
                        entry["fixed"].add(version + "-" + build)
                    elif status in ("known_affected", "under_investigation"):
                        entry = data.setdefault(cve, {}).setdefault(release, {}).setdefault(
                            component, {"fixed": set(), "affected": None, "not": False})
                        if pid in nofix:
                            entry["affected"] = entry["affected"] or "WILL_NOT_FIX"
                        else:
                            entry["affected"] = "AFFECTED"
                    elif status == "known_not_affected":
                        data.setdefault(cve, {}).setdefault(release, {}).setdefault(
                            component, {"fixed": set(), "affected": None, "not": False})["not"] = True
    return data, impact


def inventory():
    rows = []
    for line in open(IMAGE, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4:
            epoch = "" if f[1] in ("", "0") else f[1] + ":"
            rows.append(("15.3", f[0], epoch + f[2] + "-" + f[3]))
    return rows + PROBES


def main():
    data, impact = load()
    out = []
    for release, name, installed in inventory():
        for cve in sorted(data):
            e = data[cve].get(release, {}).get(name)
            if e is None:
                continue
            if e["fixed"]:
                above = sorted((f for f in e["fixed"] if vr_cmp(installed, f) < 0), key=cmp_to_key(vr_cmp))
                if above:
                    out.append((release, name, installed, cve, "FIXED", ",".join(above), impact.get(cve, "")))
            elif e["affected"]:
                out.append((release, name, installed, cve, e["affected"], "", impact.get(cve, "")))
    for row in out:
        print("\t".join(row))


main()
