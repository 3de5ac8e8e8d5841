#!/usr/bin/env python3
"""Registry scan benchmark: `drydock scan` of an image in a local registry vs `skopeo copy` of it to a directory.

  python3 bench/registry-bench.py [--scale N | --image PATH] [--runs N] [--jar JAR]

Starts Debian's docker-registry on a free loopback port (its own storage and log, stopped by PID at the end),
pushes the image with skopeo (default: bench/gen-image.py SCALE 1, about 1 GiB uncompressed in 6 gzip layers,
generated once into bench/out/; --image takes an OCI layout directory or a docker-archive tar), then in this one
run, alternating, --runs times (default 3):
  - skopeo: `skopeo copy docker://REF dir:OUT` (the reference: fetch every blob, verify, write to disk)
  - cold:   `drydock scan --insecure-registry HOST REF` with an empty cache (fetch, inflate, analyse, match)
  - warm:   the same scan again on that cache (unchanged image)
  - local:  `drydock scan` of the same image from its local file or layout with an empty cache (what the analysis
            alone costs: cold minus local is what reading from the registry adds)
and prints the medians, cold/skopeo (target <= 1.0) and the blob requests of the warm scans from the registry's
access log (target 0). Record the figures in docs/performance.md.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
BLOB_GET = re.compile(r'"GET /v2/[^ ]+/blobs/sha256:[0-9a-f]{64} HTTP/1\.1" 200 ')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(cmd, ok=(0,)):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if p.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited with {p.returncode}: {p.stderr.decode()[-2000:]}")
    return wall


def blob_gets(log):
    with open(log, errors="replace") as f:
        return sum(1 for line in f if BLOB_GET.search(line))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--image", help="OCI layout directory or docker-archive tar instead of a generated image")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jar", default=os.path.join(ROOT, "drydock-cli", "target", "drydock.jar"))
    a = ap.parse_args()
    if not os.path.exists(a.jar):
        sys.exit(f"{a.jar} missing: build it with ./mvnw -B -q -DskipTests package -pl drydock-cli -am")
    if a.image:
        source = ("oci:" if os.path.isdir(a.image) else "docker-archive:") + os.path.abspath(a.image)
        label = a.image
    else:
        path = os.path.join(OUT, f"image-{a.scale}x")
        if not os.path.exists(os.path.join(path, "index.json")):
            shutil.rmtree(path, ignore_errors=True)
            print(f"generating {path} ...", file=sys.stderr)
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen-image.py"), str(a.scale), path],
                           check=True, stdout=subprocess.DEVNULL)
        source, label = "oci:" + path, f"generated SCALE {a.scale}"

    work = tempfile.mkdtemp(prefix="registry-bench-")
    port = free_port()
    host = f"127.0.0.1:{port}"
    with open(os.path.join(work, "config.yml"), "w") as f:
        f.write(f"version: 0.1\nlog:\n  level: error\n  formatter: text\nstorage:\n  filesystem:\n"
                f"    rootdirectory: {work}/data\nhttp:\n  addr: {host}\n")
    log = os.path.join(work, "registry.log")
    registry = subprocess.Popen(["docker-registry", "serve", os.path.join(work, "config.yml")],
                                stdout=open(log, "w"), stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        ref = f"{host}/bench/image:1"
        subprocess.run(["skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false", source,
                        "docker://" + ref], check=True)
        java = ["java", "-XX:+UseSerialGC", "-jar", a.jar]
        scan = ["scan", "-q", "--insecure-registry", host, "--advisories", os.path.join(ROOT, "examples", "advisories"),
                "-f", "json", "-o", os.devnull]
        skopeo_t, cold_t, warm_t, warm_blobs, local_t = [], [], [], [], []
        local = source.split(":", 1)[1]
        for i in range(a.runs):
            dest = os.path.join(work, f"dir-{i}")
            skopeo_t.append(timed(["skopeo", "--insecure-policy", "copy", "--quiet", "--src-tls-verify=false",
                                   "docker://" + ref, "dir:" + dest]))
            shutil.rmtree(dest)
            cache = os.path.join(work, f"cache-{i}")
            cold_t.append(timed(java + scan + ["--cache-dir", cache, ref], ok=(0, 1)))
            before = blob_gets(log)
            warm_t.append(timed(java + scan + ["--cache-dir", cache, ref], ok=(0, 1)))
            warm_blobs.append(blob_gets(log) - before)
            shutil.rmtree(cache)
            local_t.append(timed(java + scan + ["--cache-dir", cache, local], ok=(0, 1)))
            shutil.rmtree(cache)
        s, c, w = statistics.median(skopeo_t), statistics.median(cold_t), statistics.median(warm_t)
        print(f"image: {label} ({ref}), {a.runs} runs, medians")
        print(f"skopeo copy to dir: {s:.2f} s")
        print(f"drydock cold scan:  {c:.2f} s   cold/skopeo = {c / s:.2f}  (target <= 1.0)")
        print(f"drydock warm scan:  {w:.2f} s   blob requests per warm scan: {warm_blobs} (target 0)")
        lc = statistics.median(local_t)
        print(f"drydock cold scan of the local copy: {lc:.2f} s   registry/local = {c / lc:.2f}")
    finally:
        registry.terminate()  # by PID
        registry.wait(10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
