#!/usr/bin/env python3
"""Regenerates pairs.tsv: ordered pairs of RPM [epoch:]version[-release] strings as judged by rpm's own
Python binding, rpm.labelCompare((e, v, r), (e, v, r)) (rpmvercmp on each part; a missing epoch counts
as "0" when the other has one; a missing release sorts below any release).

Versions: the EVRs of the rpm fixtures in drydock-analyzers (copied into REAL below, so the script runs
alone), seeded mutations of them, and seeded random strings exercising '~' (pre-release), '^' (post-release
snapshot), '.', '_', '+', letters, leading zeros and long numbers. Each string is split the way rpm splits
an EVR: the epoch is the leading digits before a ':', the release is what follows the last '-'.
Run from this folder with the system Python that has python3-rpm: /usr/bin/python3 make-golden.py
"""
import glob
import os
import random
import re
import sys

import rpm

SEED = 20240612
rnd = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "../../../../../../drydock-analyzers/src/test/resources/fixtures/rpm")


def real_versions():
    vs = set()
    for f in sorted(glob.glob(os.path.join(FIXTURES, "*", "*.tsv"))):
        if os.path.basename(f) not in ("expected.tsv", "packages.tsv"):
            continue
        for line in open(f, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[2]:
                continue
            e, v, r = cols[1], cols[2], cols[3]
            vs.add(((e + ":") if e and e != "0" else "") + v + ("-" + r if r else ""))
            vs.add(v)
    return sorted(vs)


def split(evr):
    m = re.match(r"^(\d+):(.*)$", evr)
    e, rest = (m.group(1), m.group(2)) if m else (None, evr)
    v, _, r = rest.rpartition("-") if "-" in rest else (rest, None, None)
    return e, v, r


def relation(a, b):
    c = rpm.labelCompare(split(a), split(b))
    return "<" if c < 0 else ">" if c > 0 else "="


def token():
    k = rnd.random()
    if k < 0.45:
        return str(rnd.choice([0, 1, 1, 2, 3, 9, 10, 11, 99, 100, 2023, 20240101, 18446744073709551616]))
    if k < 0.55:
        return "0" * rnd.randint(1, 2) + str(rnd.randint(0, 12))
    if k < 0.8:
        return rnd.choice(["a", "b", "rc", "git", "el8", "el8_8", "fc39", "cm2", "Z", "beta", "pre", "p", "svn"])
    return rnd.choice(["~", "~~", "^", "^^", "~rc", "^git", "+", "_", ".", "~^", "^~", "+git"])


def part():
    s = str(rnd.randint(0, 12))
    for _ in range(rnd.randint(0, 5)):
        s += rnd.choice([".", ".", "", "_", "+", "~", "^"]) + token()
    return s


def rand_version():
    s = part()
    if rnd.random() < 0.6:
        s += "-" + part()
    if rnd.random() < 0.2:
        s = str(rnd.choice([0, 0, 1, 2, 10, 4294967295])) + ":" + s
    return s


def mutate(v):
    m = rnd.random()
    e, ver, r = split(v)
    if m < 0.25:
        ver += rnd.choice(["~rc1", "~", "^", "^20240101git1a2b3c", ".1", "a", "~~", "^1"])
    elif m < 0.4:
        ver = re.sub(r"\d", lambda d: str((int(d.group()) + 1) % 10), ver, count=1)
    elif m < 0.55:
        e = None if e else str(rnd.randint(0, 2))
    elif m < 0.7:
        r = None if r else str(rnd.randint(0, 3))
    elif m < 0.8:
        ver = ver.replace(".", ".0", 1)
    elif m < 0.9:
        r = (r or "1") + rnd.choice([".el8", "~1", "^1", ".1", "_1"])
    else:
        ver = ver[:-1] or "0"
    return ((e + ":") if e is not None else "") + ver + (("-" + r) if r is not None else "")


def main():
    real = real_versions()
    pool = set(real)
    for v in real:
        for _ in range(4):
            pool.add(mutate(v))
    for _ in range(1500):
        pool.add(rand_version())
    for v in rnd.sample(sorted(pool), 600):
        pool.add(mutate(v))
    pool = sorted(pool)
    rows = []
    for i in range(3500):
        a = rnd.choice(pool)
        b = rnd.choice(pool) if i % 2 else mutate(a)
        rows.append((a, relation(a, b), b))
    subset = rnd.sample(pool, 900)
    import functools
    subset.sort(key=functools.cmp_to_key(lambda x, y: rpm.labelCompare(split(x), split(y))))
    for a, b in zip(subset, subset[1:]):
        rows.append((a, relation(a, b), b))
    for v in real:
        w = mutate(v)
        rows.append((v, relation(v, w), w))
    with open(os.path.join(HERE, "pairs.tsv"), "w", encoding="utf-8") as f:
        f.write("# produced by make-golden.py (seed %d) with rpm %s Python binding, rpm.labelCompare\n"
                % (SEED, rpm.__version__))
        f.write("# a<TAB>op<TAB>b\n")
        for a, op, b in rows:
            f.write("%s\t%s\t%s\n" % (a, op, b))
    print("%d versions (%d real), %d rows" % (len(pool), len(real), len(rows)), file=sys.stderr)


if __name__ == "__main__":
    main()
