#!/usr/bin/env python3
"""Builds pep440.tsv and pep440-valid.tsv with packaging.version.Version as the oracle.

usage: python3 generate.py /work/shared/data/vulns > /dev/null   (writes files next to this script)
Real versions: every introduced/fixed/last_affected/limit/versions value of PyPI records in the OSV
JSON/YAML files under the given directory. Random versions: seeded (SEED below).
"""
import json, os, random, sys
import yaml
from packaging.version import Version, InvalidVersion
import packaging

SEED = 440
HERE = os.path.dirname(os.path.abspath(__file__))


def real_versions(root):
    out = set()
    for d, _, files in os.walk(root):
        for f in sorted(files):
            p = os.path.join(d, f)
            try:
                if f.endswith(".json"):
                    data = json.load(open(p))
                elif f.endswith(".yaml"):
                    data = yaml.safe_load(open(p))
                else:
                    continue
            except Exception:
                continue
            for rec in data if isinstance(data, list) else [data]:
                if not isinstance(rec, dict):
                    continue
                for aff in rec.get("affected") or []:
                    if (aff.get("package") or {}).get("ecosystem") != "PyPI":
                        continue
                    out.update(str(v) for v in aff.get("versions") or [])
                    for r in aff.get("ranges") or []:
                        for ev in r.get("events") or []:
                            for k in ("introduced", "fixed", "last_affected", "limit"):
                                if k in ev:
                                    out.add(str(ev[k]))
    return sorted(out)


def rand_version(rnd):
    s = ""
    if rnd.random() < 0.1:
        s += f"{rnd.randint(0, 3)}!"
    parts = [str(rnd.choice([0, 0, 1, 1, 2, 3, 10, 19, 2024])) for _ in range(rnd.randint(1, 4))]
    if rnd.random() < 0.1:
        parts[-1] = "0" + parts[-1]
    s += ".".join(parts)
    sep = lambda: rnd.choice(["", "", ".", "-", "_"])
    if rnd.random() < 0.4:
        label = rnd.choice(["a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "RC", "A"])
        num = rnd.choice(["", "0", "1", "2", "10"])
        s += sep() + label + (sep() if num else "") + num
    if rnd.random() < 0.3:
        if rnd.random() < 0.3:
            s += "-" + str(rnd.randint(0, 3))
        else:
            num = rnd.choice(["", "0", "1", "2"])
            s += sep() + rnd.choice(["post", "rev", "r", "POST"]) + (sep() if num else "") + num
    if rnd.random() < 0.3:
        num = rnd.choice(["", "0", "1", "3"])
        s += sep() + rnd.choice(["dev", "DEV"]) + (sep() if num else "") + num
    if rnd.random() < 0.15:
        segs = [rnd.choice(["abc", "5", "05", "ubuntu", "1", "x", "2", "local"]) for _ in range(rnd.randint(1, 3))]
        s += "+" + "".join(seg + rnd.choice([".", "-", "_"]) for seg in segs[:-1]) + segs[-1]
    if rnd.random() < 0.05:
        s = "v" + s
    return s


def variant(rnd, v):
    """A close neighbour of v: a bumped number, an added/removed suffix or a different spelling."""
    choice = rnd.randint(0, 5)
    if choice == 0:
        return v + ".0"
    if choice == 1:
        return v + rnd.choice(["a1", ".dev0", ".post1", "rc1", "+local.1", "-1"])
    if choice == 2:
        return v.upper()
    digits = [i for i, ch in enumerate(v) if ch.isdigit()]
    if not digits:
        return v
    i = rnd.choice(digits)
    return v[:i] + str((int(v[i]) + rnd.choice([1, 9])) % 10) + v[i + 1:]


def main():
    rnd = random.Random(SEED)
    real = real_versions(sys.argv[1])
    pool = [v for v in real if valid(v)]
    randoms = [rand_version(rnd) for _ in range(700)]
    pool += [v for v in randoms if valid(v)]
    pairs = set()
    for v in pool:
        for _ in range(2):
            w = variant(rnd, v)
            if valid(w):
                pairs.add((v, w) if rnd.random() < 0.5 else (w, v))
    ordered = sorted(pool, key=Version)
    for i in range(len(ordered) - 1):
        pairs.add((ordered[i], ordered[i + 1]) if rnd.random() < 0.5 else (ordered[i + 1], ordered[i]))
    while len(pairs) < 5000:
        pairs.add((rnd.choice(pool), rnd.choice(pool)))
    pairs = sorted(pairs)
    with open(os.path.join(HERE, "pep440.tsv"), "w") as out:
        out.write(f"# a<TAB>op<TAB>b by packaging {packaging.__version__}: sign of Version(a) vs Version(b)."
                  f" Made by generate.py (seed {SEED}); see FIXTURES.md\n")
        for a, b in pairs:
            x, y = Version(a), Version(b)
            op = "<" if x < y else ">" if x > y else "="
            out.write(f"{a}\t{op}\t{b}\n")
    candidates = sorted(set(real[:40] + randoms[:60] + [
        "1.0", "v1.0", " 1.0 ", "1.0.dev", "1.0-1", "1.0_post_2", "1!2.0", "1.0+", "1.0+abc..1", "1.0a1b2",
        "1.0.post1.post2", "1.0-", "", "a", "1.0.x", "1..0", "1.0.0.0.0.0", "1.0+ubuntu-1", "1.0c", "1.0pre",
        "1.0rev3", "1.0r", "V1.0", "1.0-dev", "1.0.DEV1", "1.0-a1", "1.0@1", "01.02", "1.0+AbC", "1.0.a.1",
        "1.0-alpha-1", "1.0.0-rc.1", "!1.0", "1!", "1.0+local+2", "2.0.0.dev-1", "1.0-post",
    ]))
    with open(os.path.join(HERE, "pep440-valid.tsv"), "w") as out:
        out.write(f"# version<TAB>valid|invalid by packaging {packaging.__version__} Version(); see FIXTURES.md\n")
        for c in candidates:
            if "\t" in c or "\n" in c:
                continue
            out.write(f"{c}\t{'valid' if valid(c) else 'invalid'}\n")


def valid(v):
    try:
        Version(v)
        return True
    except InvalidVersion:
        return False


main()
