"""rpm's version order for the rpm distributions' oracles (AlmaLinux, Rocky Linux, Oracle Linux), written from rpm's
documented algorithm (rpmvercmp: digit and letter runs, '~' and '^'; epoch first, then version, then release), not
from drydock's code. Imported by the oracle.py beside it in each folder."""
import re


def segments(s):
    return re.findall(r"~|\^|[0-9]+|[A-Za-z]+", s)


def rpmvercmp(a, b):
    """rpm's comparison: split into digit / letter runs (other characters only separate), '~' sorts before
    anything, '^' after the end but before anything else, numbers compare numerically and beat letters."""
    if a == b:
        return 0
    x, y = segments(a), segments(b)
    while x or y:
        p = x.pop(0) if x else None
        q = y.pop(0) if y else None
        if p == "~" or q == "~":
            if p != q:
                return -1 if p == "~" else 1
            continue
        if p == "^" or q == "^":
            if p == q:
                continue
            if p is None:
                return -1
            if q is None:
                return 1
            return -1 if p == "^" else 1
        if p is None or q is None:
            return -1 if p is None else 1
        if p.isdigit() != q.isdigit():
            return 1 if p.isdigit() else -1
        if p.isdigit():
            if int(p) != int(q):
                return 1 if int(p) > int(q) else -1
        elif p != q:
            return 1 if p > q else -1
    return 0


def evr(s):
    e, v = (s.split(":", 1) if ":" in s else ("0", s))
    ver, _, rel = v.rpartition("-")
    return int(e), ver, rel


def cmp(a, b):
    ea, va, ra = evr(a)
    eb, vb, rb = evr(b)
    if ea != eb:
        return -1 if ea < eb else 1
    return rpmvercmp(va, vb) or rpmvercmp(ra, rb)
