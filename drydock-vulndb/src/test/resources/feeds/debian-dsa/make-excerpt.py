#!/usr/bin/env python3
"""Copies whole entries (header line and every line below it, byte for byte) of the Debian security tracker's
data/DSA/list and data/DLA/list into DSA-list and DLA-list, keeping the file order (newest first).
Usage: make-excerpt.py <security-tracker checkout>/data"""
import sys

WANT = {
    'DSA/list': ['DSA-5380-1', 'DSA-5375-1', 'DSA-5374-1', 'DSA-5356-2', 'DSA-5196-1', 'DSA-5068-1', 'DSA-3699-1',
                 'DSA-2275-1', 'DSA-827-1', 'DSA-746-1', 'DSA-138'],
    'DLA/list': ['DLA-3380-1', 'DLA-3377-1', 'DLA-436-1', 'DLA-372-1'],
}

for src, ids in WANT.items():
    entries, cur = [], None
    with open(sys.argv[1] + '/' + src, 'rb') as f:
        for line in f:
            if line.startswith(b'['):
                cur = [line]
                entries.append(cur)
            elif cur is not None:
                cur.append(line)
    out = [e for e in entries if e[0].split(b'] ', 1)[1].split(b' ', 1)[0].decode() in ids]
    assert len(out) == len(ids), (src, len(out))
    with open(src.split('/')[0] + '-list', 'wb') as f:
        for e in out:
            f.writelines(e)
