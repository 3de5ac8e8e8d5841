#!/usr/bin/env python3
"""Image-scan benchmark: cold scan vs `gzip -dc` of the same layers, warm rescan, peak RSS.

  python3 bench/scan-bench.py [SCALE ...]        (default: 1 4)

For each SCALE it generates (once, cached in bench/out/) a synthetic OCI image with bench/gen-image.py
(SCALE 1: about 1 GiB uncompressed, 108k files, 600 dpkg packages, 420 jars of which 84 fat jars with
8 nested jars each), then measures in this one run:
  - gzip:  wall time of `gzip -dc` over every layer blob, one after the other (the reference)
  - cold:  `./drydock scan` with an empty cache (wall time, peak RSS)
  - warm:  the same scan again, every layer from the cache (wall time including JVM start, peak RSS)
and prints cold/gzip. Targets (issue 2): cold/gzip <= 0.6 on two cores, warm < 1 s, peak RSS < 512 MB
and flat from SCALE 1 to SCALE 4. Record the figures in docs/performance.md.
"""
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")


def run(cmd, **kw):
    """Runs cmd, returns (wall seconds, peak RSS in MB of the child)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} exited with {code}")
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


def main():
    scales = [int(s) for s in sys.argv[1:]] or [1, 4]
    os.makedirs(OUT, exist_ok=True)
    drydock = os.path.join(ROOT, "drydock")
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
        warm, warm_rss = run(scan, stdout=subprocess.DEVNULL)
        gz2 = gzip_reference(path)  # once more, so background noise shows as a spread
        rows.append((scale, size, min(gz, gz2), cold, cold_rss, warm, warm_rss))
    print(f"cores: {os.cpu_count()}")
    print(f"{'scale':>5} {'gzip MiB':>9} {'gzip -dc s':>10} {'cold s':>7} {'cold/gzip':>9} {'cold RSS MB':>11} "
          f"{'warm s':>7} {'warm RSS MB':>11}")
    for scale, size, gz, cold, cold_rss, warm, warm_rss in rows:
        print(f"{scale:>5} {size / 2**20:>9.0f} {gz:>10.2f} {cold:>7.2f} {cold / gz:>9.2f} {cold_rss:>11.0f} "
              f"{warm:>7.2f} {warm_rss:>11.0f}")


if __name__ == "__main__":
    main()
