#!/usr/bin/env python3
"""Independent expectation for RedHatMatchTest: which CVEs of the Red Hat CSAF VEX documents in this folder
affect each installed package of INVENTORY on an RHEL / UBI image, and with which status.

Written from the CSAF 2.0 spec and Red Hat's VEX documentation, not from drydock's Java code:
- a product id in vulnerabilities[].product_status resolves through product_tree.relationships to
  (component, product); the product's CPE comes from product_tree.branches (product_identification_helper.cpe).
  When the product a component relates to is itself a relationship (a module of a product), the component is
  a module package and the module's name:stream is the first two fields of that relationship's reference.
  Newer documents name a module package by its product's package URL instead (product_identification_helper.purl,
  purl-spec; Red Hat's purl guidelines): the "rpmmod" qualifier is the module (name:stream[:version:context]) and
  the purl's name is the package (pkg:rpm/redhat/nodejs?arch=src&rpmmod=nodejs:22 for product nodejs.src-nodejs:22).
- an image of RHEL major N is judged by the products whose CPE is cpe:/o:redhat:enterprise_linux:N or
  cpe:/[ao]:redhat:enterprise_linux:N::<repository> (EUS/AUS/E4S/TUS and layered products do not apply).
- a package is named by its source rpm; a module package by <module>:<stream>/<source rpm>; Red Hat also
  lists unfixed source packages as "<name>.src", the same package.
- fixed: the source rpm NEVRAs (arch src) give fixed versions; installed < fixed (rpm order, epoch first,
  rpmvercmp below) -> FIXED with the fixed versions above the installed one.
- known_affected: AFFECTED, or WILL_NOT_FIX / END_OF_LIFE when the remediation is no_fix_planned
  ("Will not fix" / "Out of support scope").
- known_not_affected: no finding. When several entries apply, FIXED wins over AFFECTED over WILL_NOT_FIX.
  A (package, CVE) that only known_not_affected entries name is the vendor's "not affected" statement, listed
  with the product's CSAF flag label (vulnerabilities[].flags[].label, e.g. vulnerable_code_not_present).
Run: python3 oracle.py > expected.tsv  (columns: major, package, installed, cve, status, fixed versions
comma-separated, Red Hat impact)
     python3 oracle.py --not-affected > expected-not-affected.tsv  (columns: major, package, installed, cve,
flag label or empty)
     python3 oracle.py --xus > expected-xus.tsv, python3 oracle.py --xus --not-affected > expected-xus-not-affected.tsv
(XUS_INVENTORY: images whose content manifests name EUS/AUS/E4S/TUS repositories; first column VERSION_ID).
Red Hat's guidance for scanners (security-data-guidelines, scanning-vendors): an xUS content set
rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2 is the product cpe:/a:redhat:rhel_eus:9.2::appstream; check the
main stream too when the issue is unfixed or no fix was released to the xUS stream. So a package is judged by its
stream's entries when the document has any for it, else by the main stream's.
"""
import glob, json, re, sys
from urllib.parse import unquote

# (RHEL major, source package as the image names it, module stream or "", installed epoch:version-release)
INVENTORY = [
    ("9", "curl", "", "7.76.1-26.el9"),           # the 9.3 GA build: before RHSA-2023:6745
    ("9", "curl", "", "7.76.1-26.el9_3.2"),       # the fix itself
    ("9", "curl", "", "7.76.1-14.el9_0.9"),       # an EUS build; only main-stream products apply
    ("8", "curl", "", "7.61.1-30.el8_8.3"),       # RHEL 8: not affected
    ("9", "kernel", "", "5.14.0-362.8.1.el9_3"),  # CVE-2021-0084: not affected
    ("8", "util-linux", "", "2.32.1-42.el8_8"),   # the rpm-bdb fixture's package: nothing known
    ("7", "curl", "", "7.29.0-59.el7_9.1"),       # RHEL 7: not affected
    # CVE-2025-29087 (sqlite): module packages named by purl rpmmod, flags, deferred and out of support scope
    ("8", "nodejs", "nodejs:22", "1:22.19.0-1.module+el8.10.0+23436+2d3b4f7e"),  # the nodejs:22 stream: deferred
    ("9", "nodejs", "nodejs:22", "1:22.19.0-1.module+el9.6.0+23437+0a1b2c3d"),
    ("8", "nodejs", "nodejs:20", "1:20.19.5-1.module+el8.10.0+23440+1a2b3c4d"),  # another stream: nothing
    ("9", "nodejs", "", "1:16.20.2-8.el9_4"),                                    # non-modular nodejs: nothing
    ("8", "rust", "rust-toolset:rhel8", "1.84.1-1.module+el8.10.0+22773+1b5e8a3b"),
    ("9", "rust", "", "1.84.1-1.el9"),
    ("8", "sqlite", "", "3.26.0-20.el8_10"),      # not affected (vulnerable_code_not_present)
    ("9", "sqlite", "", "3.34.1-7.el9_3"),        # not affected
    ("7", "sqlite", "", "3.7.17-8.el7_7.1"),      # no_fix_planned "Out of support scope"
]

# images whose content manifests name Extended Update Support streams:
# (VERSION_ID, content sets space-separated, source package, module stream or "", installed)
XUS_INVENTORY = [
    ("9.0", "rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_0 rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_0",
     "curl", "", "7.76.1-14.el9_0.5"),   # before the 9.0 EUS fix: only that fix, not the main stream's
    ("9.0", "rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_0 rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_0",
     "curl", "", "7.76.1-14.el9_0.9"),   # the 9.0 EUS fix itself: nothing
    ("9.2", "rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_2 rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2",
     "curl", "", "7.76.1-23.el9_2.1"),   # no 9.2 EUS entry in the document: the main stream's fixes
    ("9.2", "rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_2 rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2",
     "nodejs", "nodejs:22", "1:22.19.0-1.module+el9.2.0+23437+0a1b2c3d"),   # unfixed: the major release's
    ("9.0", "rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_0 rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_0",
     "sqlite", "", "3.34.1-5.el9_0"),    # not affected, said for the major release
]


def purl_parts(purl):
    """(type, name, version or None, qualifiers) of a package URL, or None."""
    if not purl or not purl.startswith("pkg:"):
        return None
    rest = purl[4:].split("#", 1)[0]
    quals = {}
    if "?" in rest:
        rest, q = rest.split("?", 1)
        for kv in q.split("&"):
            if "=" in kv:
                k, v = kv.split("=", 1)
                quals[unquote(k)] = unquote(v)
    version = None
    if "@" in rest:
        rest, version = rest.rsplit("@", 1)
        version = unquote(version)
    typ, _, path = rest.partition("/")
    return typ, unquote(path.rsplit("/", 1)[-1]), version, quals


def rpmvercmp(a, b):
    """rpm's segment comparison: alnum segments, ~ sorts before everything, ^ after the end, digits > letters."""
    if a == b:
        return 0
    i = j = 0
    while i < len(a) or j < len(b):
        while i < len(a) and not a[i].isalnum() and a[i] not in "~^":
            i += 1
        while j < len(b) and not b[j].isalnum() and b[j] not in "~^":
            j += 1
        if (i < len(a) and a[i] == "~") or (j < len(b) and b[j] == "~"):
            if not (i < len(a) and a[i] == "~"):
                return 1
            if not (j < len(b) and b[j] == "~"):
                return -1
            i += 1; j += 1; continue
        if (i < len(a) and a[i] == "^") or (j < len(b) and b[j] == "^"):
            if i >= len(a):
                return -1
            if j >= len(b):
                return 1
            if a[i] != "^":
                return 1
            if b[j] != "^":
                return -1
            i += 1; j += 1; continue
        if i >= len(a) or j >= len(b):
            break
        if a[i].isdigit():
            m = re.match(r"\d+", a[i:]).group(); n = re.match(r"\d*", b[j:]).group()
            if not n:
                return 1
            if int(m) != int(n):
                return 1 if int(m) > int(n) else -1
        else:
            m = re.match(r"[A-Za-z]+", a[i:]).group(); n = re.match(r"[A-Za-z]*", b[j:]).group()
            if not n:
                return -1
            if m != n:
                return 1 if m > n else -1
        i += len(m); j += len(n)
    if i >= len(a) and j >= len(b):
        return 0
    return -1 if i >= len(a) else 1


def evr(s):
    e, _, vr = s.rpartition(":") if ":" in s else ("0", "", s)
    v, _, r = vr.rpartition("-")
    return int(e or 0), v, r


def cmp(a, b):
    ea, va, ra = evr(a); eb, vb, rb = evr(b)
    if ea != eb:
        return 1 if ea > eb else -1
    return rpmvercmp(va, vb) or rpmvercmp(ra, rb)


def main():
    NEVRA = re.compile(r"^(.+)-(\d+):([^-:]+)-([^-:]+)\.([A-Za-z0-9_]+)$")
    # (major, package) -> cve -> list of (status, fixed, impact)
    facts = {}
    for f in sorted(glob.glob("*.json")):
        doc = json.load(open(f))
        cpe, purl = {}, {}
        def walk(bs):
            for b in bs:
                p = b.get("product", {})
                if "cpe" in p.get("product_identification_helper", {}):
                    cpe[p["product_id"]] = p["product_identification_helper"]["cpe"]
                if "purl" in p.get("product_identification_helper", {}):
                    purl[p["product_id"]] = p["product_identification_helper"]["purl"]
                walk(b.get("branches", []))
        walk(doc["product_tree"].get("branches", []))
        rel = {r["full_product_name"]["product_id"]: (r["product_reference"], r["relates_to_product_reference"])
               for r in doc["product_tree"].get("relationships", [])}
        for v in doc["vulnerabilities"]:
            cve = v["cve"]
            impact = {}
            for t in v.get("threats", []):
                if t["category"] == "impact":
                    for p in t["product_ids"]:
                        impact[p] = t["details"]
            flag = {}
            for f in v.get("flags", []):
                for p in f.get("product_ids", []):
                    flag.setdefault(p, f["label"])
            rem = {}
            for r in v.get("remediations", []):
                for p in r["product_ids"]:
                    if p not in rem or rem[p]["category"] == "workaround":
                        rem[p] = r
            for status, ids in v["product_status"].items():
                for pid in ids:
                    if pid not in rel:
                        continue
                    comp, prod = rel[pid]
                    module = ""
                    pp = purl_parts(purl.get(comp))
                    if prod in rel:
                        mod, prod = rel[prod]
                        module = ":".join(mod.split(":")[:2])
                    elif pp and pp[0] == "rpm" and "rpmmod" in pp[3]:
                        module = ":".join(pp[3]["rpmmod"].split(":")[:2])
                        if pp[2] is None:
                            comp = pp[1]   # an unfixed package: the purl names it
                    m = re.match(r"^cpe:/[ao]:redhat:enterprise_linux:(\d+)(::[a-z_0-9]+)?$", cpe.get(prod, ""))
                    x = re.match(r"^cpe:/[ao]:redhat:(rhel_(?:eus|aus|e4s|tus):\d+\.\d+::[a-z0-9_]+)$",
                                 cpe.get(prod, ""))
                    if not m and not x:
                        continue
                    major = m.group(1) if m else x.group(1)   # main stream by major; an xUS stream by its CPE
                    fixed = ""
                    if status == "fixed":
                        n = NEVRA.match(comp)
                        if not n or n.group(5) != "src":
                            continue
                        name = n.group(1)
                        fixed = ("" if n.group(2) == "0" else n.group(2) + ":") + n.group(3) + "-" + n.group(4)
                        st = "FIXED"
                    elif status == "known_affected":
                        name = comp
                        r = rem.get(pid, {})
                        d = (r.get("details") or "").lower()
                        st = ("END_OF_LIFE" if "out of support" in d else "WILL_NOT_FIX") \
                            if r.get("category") == "no_fix_planned" else "AFFECTED"
                    elif status == "known_not_affected":
                        name = comp
                        st = "NOT_AFFECTED"
                        fixed = flag.get(pid, "")   # for not affected: the vendor's justification
                    else:
                        name = comp
                        st = "AFFECTED"
                    if name.endswith(".src") and status != "fixed":
                        name = name[:-4]
                    if "::" in name and not module:
                        name, module = name.split("::", 1)
                    if "/" in name and not module:
                        module, name = name.split("/", 1)
                    key = (major, (module + "/" if module else "") + name)
                    facts.setdefault(key, {}).setdefault(cve, []).append((st, fixed, impact.get(pid, "")))
    rank = {"FIXED": 0, "AFFECTED": 1, "WILL_NOT_FIX": 2, "END_OF_LIFE": 3}

    def rows(label, main_key, stream_keys, name, installed):
        """Findings (or --not-affected statements) of one installed package."""
        cves = set(facts.get(main_key, {}))
        for k in stream_keys:
            cves |= set(facts.get((k, name), {}))
        for cve in sorted(cves):
            # an xUS image: its stream's entries when there are any for the package, else the main stream's
            entries = [e for k in stream_keys for e in facts.get((k, name), {}).get(cve, [])]
            if not entries:
                entries = facts.get(main_key, {}).get(cve, [])
            best, fixes, impacts, flags, named_not_affected = None, set(), [], [], False
            for st, fixed, imp in entries:
                if st == "NOT_AFFECTED":
                    named_not_affected = True
                    if fixed and fixed not in flags:
                        flags.append(fixed)
                    continue
                if st == "FIXED":
                    if cmp(installed, fixed) >= 0:
                        continue
                    fixes.add(fixed)
                if best is None or rank[st] < rank[best]:
                    best = st
                if imp and imp not in impacts:
                    impacts.append(imp)
            if not_affected:
                # only what no other entry finds: a fixed build (installed >= fix) counts as not found
                if best is None and named_not_affected:
                    print("\t".join([label, name, installed, cve, flags[0] if flags else ""]))
                continue
            if best is None:
                continue
            fx = ",".join(sorted(fixes, key=lambda x: __import__("functools").cmp_to_key(cmp)(x)))
            print("\t".join([label, name, installed, cve, best, fx, impacts[0] if impacts else ""]))

    not_affected = "--not-affected" in sys.argv
    if "--xus" in sys.argv:
        # images with Red Hat content manifests: content set rhel-M-for-ARCH-REPO-STREAM-rpms__M_DOT_m is the
        # product cpe:/[ao]:redhat:rhel_STREAM:M.m::REPO (Red Hat's repository-to-CPE mapping)
        for version, sets, pkg, module, installed in XUS_INVENTORY:
            major = version.split(".")[0]
            keys = []
            for cs in sets.split():
                c = re.match(r"^rhel-(\d+)-for-[a-z0-9_]+-([a-z0-9]+)-(eus|aus|e4s|tus)-rpms__(\d+)_DOT_(\d+)$", cs)
                if c and c.group(1) == major and c.group(4) == major:
                    keys.append("rhel_%s:%s.%s::%s" % (c.group(3), c.group(4), c.group(5), c.group(2)))
            name = (module + "/" if module else "") + pkg
            rows(version, (major, name), keys, name, installed)
        return
    for major, pkg, module, installed in INVENTORY:
        name = (module + "/" if module else "") + pkg
        rows(major, (major, name), [], name, installed)


main()
