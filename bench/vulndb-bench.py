#!/usr/bin/env python3
"""Vulnerability store benchmark: import rate, store size, matching time for 10k packages.

  python3 bench/vulndb-bench.py [RECORDS]        (default 300000)

1. Generates an OSV zip of RECORDS advisories from the real ones in examples/advisories/osv (each copy gets
   a new id and a package name of its own: npm `lodash-bench-N`, Maven `bench.group:artifact-N`, ...).
2. Times `drydock db import` of it into an empty cache: advisories per second, and the store's size on
   disk per 100k advisories.
3. Writes a source tree with a package-lock.json of 10,000 packages, a third of them named like generated
   advisories (so matching does real work), and times `drydock scan` of it with the store and with an
   empty cache (inventory only); the difference is the matching time (target: under 1 s).
Record the figures in docs/performance.md.
"""
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out", "vulndb")


CPU = {}


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd):
    """Wall seconds of cmd; its CPU seconds (user + system, all threads) are kept in CPU[wall], since on a
    loaded machine the CPU time is the steadier figure."""
    cpu = children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    CPU[wall] = children_cpu() - cpu
    return wall


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    src = os.path.join(ROOT, "examples", "advisories", "osv")
    templates = []
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            rec = json.load(f)
        if any(a.get("package", {}).get("ecosystem") == "npm" for a in rec.get("affected", [])):
            templates.append(rec)
    zip_path = os.path.join(OUT, "all.zip")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            rec = dict(templates[i % len(templates)])
            rec["id"] = f"BENCH-{i:07d}"
            rec["aliases"] = [f"CVE-2099-{i:07d}"]
            rec["affected"] = [dict(a, package=dict(a["package"], name=f"pkg-bench-{i // 3}"))
                               for a in rec.get("affected", []) if a.get("package", {}).get("ecosystem") == "npm"]
            z.writestr(f"BENCH-{i:07d}.json", json.dumps(rec))
    drydock = os.path.join(ROOT, "drydock")
    subprocess.run([drydock, "--version"], check=True, stdout=subprocess.DEVNULL)
    cache = os.path.join(OUT, "cache")
    t_import = timed([drydock, "db", "import", "-q", "--cache-dir", cache, zip_path])
    cpu_import = CPU[t_import]
    CPU.clear()
    size = os.path.getsize(os.path.join(cache, "vulndb.sqlite"))

    tree = os.path.join(OUT, "tree")
    os.makedirs(tree)
    packages = {"": {"name": "bench", "version": "1.0.0"}}
    for i in range(10000):
        name = f"pkg-bench-{i}" if i % 3 == 0 else f"unrelated-{i}"
        packages[f"node_modules/{name}"] = {"version": "1.0.0", "resolved": f"https://registry.example/{name}.tgz"}
    with open(os.path.join(tree, "package-lock.json"), "w") as f:
        json.dump({"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "packages": packages}, f)
    empty = os.path.join(OUT, "empty-cache")
    base = [drydock, "scan", "-q", "-f", "json", tree]
    t_inventory = min(timed(base + ["--cache-dir", empty]) for _ in range(3))
    cpu_inventory = min(CPU.values())
    CPU.clear()
    # --severity NONE: every finding is matched, then filtered out, so the report stays small and the
    # difference to the inventory-only run is the matching itself (plus opening the store)
    t_match = min(timed(base + ["--cache-dir", cache, "--severity", "NONE"]) for _ in range(3))
    cpu_match = min(CPU.values())
    t_report = min(timed(base + ["--cache-dir", cache]) for _ in range(3))
    print(f"advisories imported: {n}")
    print(f"import: {t_import:.1f} s, {n / t_import:,.0f} advisories/s (CPU {cpu_import:.1f} s)")
    print(f"store size: {size / 2**20:.1f} MiB, {size / 2**20 / (n / 100000):.1f} MiB per 100k advisories")
    print(f"scan of 10k packages: inventory only {t_inventory:.2f} s, with matching {t_match:.2f} s, "
          f"matching {t_match - t_inventory:.2f} s; with the JSON report of every finding {t_report:.2f} s")
    print(f"CPU seconds (all threads, best of 3): inventory only {cpu_inventory:.2f}, with matching {cpu_match:.2f}, "
          f"matching {cpu_match - cpu_inventory:.2f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; nproc {os.cpu_count()}")


if __name__ == "__main__":
    main()
