#!/usr/bin/env python3
"""Image-scan benchmark: cold scan vs `gzip -dc` of the same layers, warm rescan, peak RSS.

  python3 bench/scan-bench.py [--drydock LAUNCHER] [--warm-runs N] [SCALE ...]        (default: 1 4)

For each SCALE it generates (once, cached in bench/out/) a synthetic OCI image with bench/gen-image.py
(SCALE 1: about 1 GiB uncompressed, 108k files, 600 dpkg packages, 420 jars of which 84 fat jars with
8 nested jars each), then measures in this one run:
  - gzip:  wall time of `gzip -dc` over every layer blob, one after the other (the reference)
  - cold:  `./drydock scan` with an empty cache (wall time, peak RSS)
  - warm:  the same scan again, every layer from the cache (wall time including JVM start, peak RSS);
           median of --warm-runs runs (default 3)
  - re-hash: the warm scan after a metadata-only change to every layer blob (`touch` keeping mtime, so
           only ctime moves): the file stamps no longer vouch for the blobs, so each is hashed again
           (docs/performance.md, "Integrity on warm scans"); median of --warm-runs runs
and prints cold/gzip, and the CPU time (user + system) of the warm runs, steadier than wall time on a
busy machine. --drydock runs another build's launcher (e.g. a copy of the baseline commit) on the
same generated image, so two builds can be measured in alternation. Targets (issue 2): cold/gzip <= 0.6 on two cores, warm < 1 s, peak RSS < 512 MB
and flat from SCALE 1 to SCALE 4. Record the figures in docs/performance.md.
"""
import argparse
import json
import os
import statistics
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")


def run(cmd, cpu=None, **kw):
    """Runs cmd, returns (wall seconds, peak RSS in MB of the child); appends its CPU seconds to cpu."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} exited with {code}")
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    return wall, usage.ru_maxrss / 1024


def image(scale):
    path = os.path.join(OUT, f"image-{scale}x")
    if not os.path.exists(os.path.join(path, "index.json")):
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen-image.py"), str(scale), path],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def layer_blobs(path):
    with open(os.path.join(path, "index.json")) as f:
        manifest_digest = json.load(f)["manifests"][0]["digest"].split(":")[1]
    with open(os.path.join(path, "blobs", "sha256", manifest_digest)) as f:
        layers = json.load(f)["layers"]
    return [os.path.join(path, "blobs", "sha256", l["digest"].split(":")[1]) for l in layers]


def gzip_reference(path):
    start = time.perf_counter()
    for blob in layer_blobs(path):
        with open(blob, "rb") as src:
            subprocess.run(["gzip", "-dc"], stdin=src, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def touch_keeping_mtime(path):
    """Changes only the blobs' ctime (what a chmod, a rewrite with mtime set back, or a copy-in-place does)."""
    for blob in layer_blobs(path):
        st = os.stat(blob)
        os.utime(blob, ns=(st.st_atime_ns, st.st_mtime_ns))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--drydock", default=os.path.join(ROOT, "drydock"), help="launcher to measure")
    ap.add_argument("--warm-runs", type=int, default=3)
    ap.add_argument("scales", nargs="*", type=int)
    args = ap.parse_args()
    scales = args.scales or [1, 4]
    os.makedirs(OUT, exist_ok=True)
    drydock = os.path.abspath(args.drydock)
    subprocess.run([drydock, "--version"], check=True, stdout=subprocess.DEVNULL)  # build + CDS on first use
    rows = []
    for scale in scales:
        path = image(scale)
        size = sum(os.path.getsize(b) for b in layer_blobs(path))
        cache = os.path.join(OUT, f"cache-{scale}x")
        shutil.rmtree(cache, ignore_errors=True)
        gz = gzip_reference(path)
        scan = [drydock, "scan", "-q", "--cache-dir", cache, "-f", "json", path]
        cold, cold_rss = run(scan, stdout=subprocess.DEVNULL)
        warm_cpu, rehash_cpu = [], []
        warms = [run(scan, warm_cpu, stdout=subprocess.DEVNULL) for _ in range(args.warm_runs)]
        rehashes = []
        for _ in range(args.warm_runs):  # after the plain warm runs: a touched blob is not re-stamped for 2 s
            touch_keeping_mtime(path)
            rehashes.append(run(scan, rehash_cpu, stdout=subprocess.DEVNULL)[0])
        gz2 = gzip_reference(path)  # once more, so background noise shows as a spread
        warm = statistics.median(w for w, _ in warms)
        warm_rss = max(r for _, r in warms)
        rows.append((scale, size, min(gz, gz2), cold, cold_rss, warm, warm_rss, statistics.median(rehashes),
                     statistics.median(warm_cpu), statistics.median(rehash_cpu)))
    print(f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}, {drydock}")
    print(f"{'scale':>5} {'gzip MiB':>9} {'gzip -dc s':>10} {'cold s':>7} {'cold/gzip':>9} {'cold RSS MB':>11} "
          f"{'warm s':>7} {'warm RSS MB':>11} {'re-hash s':>9} {'warm CPU s':>10} {'re-hash CPU s':>13}")
    for scale, size, gz, cold, cold_rss, warm, warm_rss, rehash, warm_cpu, rehash_cpu in rows:
        print(f"{scale:>5} {size / 2**20:>9.0f} {gz:>10.2f} {cold:>7.2f} {cold / gz:>9.2f} {cold_rss:>11.0f} "
              f"{warm:>7.2f} {warm_rss:>11.0f} {rehash:>9.2f} {warm_cpu:>10.2f} {rehash_cpu:>13.2f}")


if __name__ == "__main__":
    main()
