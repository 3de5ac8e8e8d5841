#!/usr/bin/env python3
"""Regenerates validity.tsv: version<TAB>valid|invalid, as `dpkg --compare-versions v eq v` judges it
(exit 2 with "has bad syntax" = invalid; a warning only = valid, dpkg still orders it).
Candidates: hand-picked edge cases plus seeded random strings over a small alphabet of troublemakers.
The empty string is left out: dpkg treats it as "no version", not as a version.
Run from this folder: ./make-validity.py
"""
import random
import subprocess

SEED = 7
rnd = random.Random(SEED)
CASES = ["1.0", "1:1.0-1", "0:0", " 1.0", "1.0 ", "1 .0", "a1.0", "1:a", ":1.0", "a:1.0", "1.0-", "1.0-a:b",
         "1:1.0-1:2", "1.0-1-2", "1_0", "1.0-1_2", "1.0-1.~+", "2147483647:1", "2147483648:1", "99999999999:1",
         "~1", "1:", "0:", "1.0-+", "1.0--1", "00:1", "+1:2", "-0:1", "-1:1", "1:-1", "1:1-", "1.0@", "1.0-@",
         "1.A", ".1", "-", "1-1-", "1::2", "1:2:3", "1:2:3-4", "1.0\t", "1.0\t1", "1:1:", "+:1", "1.0~-1",
         "1.0-~", "1.0-0", "2:", "1-", "-1", "1.0-r1", "1.0+dfsg-1+deb12u1", "1.0ä", "1.0-1ä"]


def judge(v):
    r = subprocess.run(["dpkg", "--compare-versions", v, "eq", v], capture_output=True, text=True,
                       env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    if r.returncode == 2 and "bad syntax" in r.stderr:
        return "invalid"
    if r.returncode in (0, 1):
        return "valid"
    raise SystemExit("unexpected dpkg answer for %r: %s" % (v, r.stderr))


def main():
    cands = list(CASES)
    alphabet = "0123456789::--..~~++aZ_@ "
    for _ in range(250):
        cands.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 7))))
    seen = set()
    rows = []
    for v in cands:
        # dpkg would take a leading '-' for an option
        if v in seen or v == "" or v.startswith("-"):
            continue
        seen.add(v)
        rows.append((v, judge(v)))
    ver = subprocess.run(["dpkg", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    with open("validity.tsv", "w", encoding="utf-8") as f:
        f.write("# produced by make-validity.py (seed %d) with %s\n" % (SEED, ver))
        for v, j in rows:
            f.write("%s\t%s\n" % (v.replace("\t", "\\t"), j))


if __name__ == "__main__":
    main()
