#!/usr/bin/env python3
"""Regenerates pairs.tsv: ordered pairs of Debian versions as judged by `dpkg --compare-versions`.

Versions: real ones from /var/lib/dpkg/status and `apt-cache dumpavail`, seeded mutations of them, and
seeded random strings exercising epochs, '~', '+', '.', '-', ':' and letters. Versions that dpkg rejects
with an error (exit 2) are dropped; versions that only draw a warning are kept (dpkg still orders them).
Run from this folder: ./make-golden.py  (needs dpkg; Python 3.8+). Output depends on the apt lists.
"""
import functools
import random
import subprocess
import sys

SEED = 20240611
rnd = random.Random(SEED)
DPKG = ["dpkg", "--compare-versions"]


def dpkg(a, op, b):
    r = subprocess.run(DPKG + [a, op, b],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    if r.returncode not in (0, 1):
        raise ValueError(r.stderr.decode(errors="replace").strip())
    return r.returncode == 0


def relation(a, b):
    if dpkg(a, "lt", b):
        return "<"
    if dpkg(a, "eq", b):
        return "="
    return ">"


def accepted(v):
    try:
        dpkg(v, "eq", v)
        return True
    except ValueError:
        return False


def real_versions():
    vs = set()
    for cmd in (["cat", "/var/lib/dpkg/status"], ["apt-cache", "dumpavail"]):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True).stdout
        except OSError:
            continue
        for line in out.splitlines():
            if line.startswith("Version: "):
                vs.add(line[len("Version: "):].strip())
    return sorted(vs)


def rand_token():
    kind = rnd.random()
    if kind < 0.45:
        return str(rnd.choice([0, 0, 1, 1, 2, 3, 9, 10, 11, 99, 100, 2024, 20230101, 4294967296]))
    if kind < 0.55:
        return "0" * rnd.randint(1, 3) + str(rnd.randint(0, 12))
    if kind < 0.75:
        return "".join(rnd.choice("aabzAZrcdfsg") for _ in range(rnd.randint(1, 3)))
    return rnd.choice(["~", "~~", "+", ".", "~rc", "+b", "+dfsg", "+really", "~bpo", ".~", "+~", "~+"])


def rand_upstream():
    s = str(rnd.randint(0, 12))
    for _ in range(rnd.randint(0, 5)):
        s += rnd.choice([".", ".", "", "+", "~", "-"]) + rand_token()
    if rnd.random() < 0.03:  # dpkg warns but accepts a non-digit start
        s = rnd.choice(["a", "~", "Z"]) + s
    return s


def rand_revision():
    s = rand_token()
    for _ in range(rnd.randint(0, 3)):
        s += rnd.choice([".", "", "+", "~"]) + rand_token()
    return s.replace("-", ".")


def rand_version():
    s = rand_upstream()
    if rnd.random() < 0.5:
        s += "-" + rand_revision()
    if rnd.random() < 0.25:
        s = str(rnd.choice([0, 0, 1, 2, 10, 2147483647])) + ":" + s
        if rnd.random() < 0.1:
            s = s.replace(".", ":", 1)  # a colon inside upstream is allowed after an epoch
    return s


def mutate(v):
    m = rnd.random()
    if m < 0.2:
        return v + rnd.choice(["~rc1", "~", "+b1", "+deb12u1", ".1", "-1", "a", "~~", "+"])
    if m < 0.35:
        i = rnd.randrange(len(v))
        if v[i].isdigit():
            return v[:i] + str((int(v[i]) + rnd.choice([1, 9])) % 10) + v[i + 1:]
        return v
    if m < 0.5:
        return (str(rnd.randint(0, 3)) + ":" + v) if ":" not in v else v.split(":", 1)[1]
    if m < 0.6:
        return v.replace(".", ".0", 1)
    if m < 0.7:
        return v.replace("~", "", 1) if "~" in v else v + "~1"
    if m < 0.8:
        return v.rsplit("-", 1)[0] if "-" in v else v + "-0"
    return v[:-1] if len(v) > 1 else v + "0"


def main():
    real = real_versions()
    sample = rnd.sample(real, min(900, len(real)))
    pool = set(sample)
    for v in sample[:500]:
        pool.add(mutate(v))
    for _ in range(1100):
        pool.add(rand_version())
    randoms = [v for v in pool if v not in real]
    for v in rnd.sample(randoms, min(500, len(randoms))):
        pool.add(mutate(v))
    pool = sorted(v for v in pool if v and accepted(v))
    rows = []
    # 1. random pairs, half of them between versions sharing a first character (closer calls)
    by_first = {}
    for v in pool:
        by_first.setdefault(v[0], []).append(v)
    for i in range(3500):
        a = rnd.choice(pool)
        if i % 2 == 0 and len(by_first[a[0]]) > 1:
            b = rnd.choice(by_first[a[0]])
        else:
            b = rnd.choice(pool)
        rows.append((a, relation(a, b), b))
    # 2. adjacent pairs of a subset sorted by dpkg itself
    subset = rnd.sample(pool, min(700, len(pool)))
    cmp = lambda x, y: -1 if dpkg(x, "lt", y) else (0 if dpkg(x, "eq", y) else 1)
    subset.sort(key=functools.cmp_to_key(cmp))
    for a, b in zip(subset, subset[1:]):
        rows.append((a, relation(a, b), b))
        rows.append((b, relation(b, a), a))
    # 3. each mutation against its source
    for v in sample[:300]:
        w = mutate(v)
        if w and accepted(w):
            rows.append((v, relation(v, w), w))
    ver = subprocess.run(["dpkg", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    with open("pairs.tsv", "w", encoding="utf-8") as f:
        f.write("# produced by make-golden.py (seed %d) with %s\n" % (SEED, ver))
        f.write("# a<TAB>op<TAB>b where op is what `dpkg --compare-versions a lt|eq b` says\n")
        for a, op, b in rows:
            f.write("%s\t%s\t%s\n" % (a, op, b))
    print("%d versions, %d rows" % (len(pool), len(rows)), file=sys.stderr)


if __name__ == "__main__":
    main()
