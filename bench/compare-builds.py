#!/usr/bin/env python3
"""Two builds of drydock on the same image, run by run in alternation: cold and warm scan, ratios new/base.

  python3 bench/compare-builds.py BASE_CHECKOUT [--cold-runs N] [--warm-runs N] [SCALE]      (default SCALE 1)

BASE_CHECKOUT is another checkout of drydock (e.g. `git worktree add /tmp/base <commit>`), built with
`./drydock --version` once (which also trains its class-data-sharing archive); this checkout is the new build.
Both scan bench/gen-image.py's image of SCALE (generated once in bench/out/, as scan-bench.py does) with
the same JVM options as the launcher. Runs alternate base, new, base, new, ... so that a change in the
machine's load falls on both builds alike, and the medians are compared:
  - cold: each run on an empty cache directory (wall and CPU seconds, peak RSS)
  - warm: each run on a cache the build filled before (every layer from the cache)
A ratio above 1 means the new build is slower. Issue 11's bar: within 5% (ratio <= 1.05).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))


def java_cmd(checkout):
    target = os.path.join(checkout, "drydock-cli", "target")
    jar = os.path.join(target, "drydock.jar")
    jsa = os.path.join(target, "drydock.jsa")
    if not os.path.exists(jar) or not os.path.exists(jsa):
        sys.exit(f"{checkout}: build it first with ./drydock --version (needs {jar} and {jsa})")
    return ["java", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", f"-XX:SharedArchiveFile={jsa}",
            "-Xlog:cds=off", "-jar", jar]


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--cold-runs", type=int, default=6)
    ap.add_argument("--warm-runs", type=int, default=15)
    ap.add_argument("scale", nargs="?", type=int, default=1)
    a = ap.parse_args()
    import importlib
    bench = importlib.import_module("scan-bench")
    image = bench.image(a.scale)
    builds = {"base": java_cmd(os.path.abspath(a.base)), "new": java_cmd(ROOT)}
    work = tempfile.mkdtemp(prefix="drydock-compare-", dir=os.path.join(ROOT, "bench", "out"))
    try:
        res = {b: {"cold": [], "warm": []} for b in builds}
        for _ in range(a.cold_runs):
            for b, cmd in builds.items():
                cache = os.path.join(work, "cold-" + b)
                shutil.rmtree(cache, ignore_errors=True)
                res[b]["cold"].append(run(cmd + ["scan", "-q", "--cache-dir", cache, "-f", "json", image]))
        for b, cmd in builds.items():  # fill each build's warm cache
            run(cmd + ["scan", "-q", "--cache-dir", os.path.join(work, "warm-" + b), "-f", "json", image])
        for _ in range(a.warm_runs):
            for b, cmd in builds.items():
                cache = os.path.join(work, "warm-" + b)
                res[b]["warm"].append(run(cmd + ["scan", "-q", "--cache-dir", cache, "-f", "json", image]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}, SCALE {a.scale}, "
          f"{a.cold_runs} cold and {a.warm_runs} warm runs per build, alternating; medians")
    print(f"{'':6}{'cold s':>8}{'cold CPU s':>11}{'cold RSS MB':>12}{'warm s':>8}{'warm CPU s':>11}")
    med = {}
    for b in builds:
        m = [statistics.median(x[i] for x in res[b][k]) for k, i in
             (("cold", 0), ("cold", 1), ("cold", 2), ("warm", 0), ("warm", 1))]
        med[b] = m
        print(f"{b:6}{m[0]:8.2f}{m[1]:11.2f}{m[2]:12.0f}{m[3]:8.2f}{m[4]:11.2f}")
    r = [n / o for n, o in zip(med["new"], med["base"])]
    print(f"{'ratio':6}{r[0]:8.3f}{r[1]:11.3f}{r[2]:12.3f}{r[3]:8.3f}{r[4]:11.3f}")


if __name__ == "__main__":
    main()
